"""Formats, terminals and pipes, and text from data shown literally."""

import csv
import io
import json
import re

import pytest

from ckr.render.urls import lone_url
from conftest import tsv_rows


@pytest.mark.parametrize(
    "command", [["timeline"], ["visa", "-p", "korea"], ["visa"], ["domains"], ["domains", "trade"]]
)
def test_every_listing_command_speaks_every_format(run, command):
    for fmt in ("table", "json", "ndjson", "csv", "tsv", "markdown"):
        result = run(*command, "--format", fmt)
        assert result.exit_code == 0, (fmt, result.output)
        assert result.output.strip()


def test_format_is_case_insensitive(run):
    assert run("timeline", "--format", "JSON").output.startswith("[")


def test_unknown_format_is_a_usage_error(run):
    result = run("timeline", "--format", "yaml")
    assert result.exit_code == 2
    assert "'yaml' is not one of" in result.stderr


def test_csv_quotes_and_keeps_machine_values(run):
    rows = list(csv.DictReader(io.StringIO(run("visa", "-p", "korea", "-f", "csv").output)))
    assert rows[0]["regime"] == "visa_on_arrival"
    assert rows[0]["effective_from"] == ""  # null: empty
    assert rows[0]["sources"] == "paper-b;paper-a"  # a list: ids joined with ";"
    assert (rows[0]["stale"], rows[1]["stale"]) == ("false", "true")


def test_markdown_is_a_pipe_table_with_caption(run):
    output = run("timeline", "-f", "markdown").output
    assert output.splitlines()[0] == "| Date | Event | Category | Confidence | Source |"
    row = "| 2021 | FTA signed (2021-fta) | trade | seed-only (1 page) | Agency C (news) |"
    assert row in output
    assert (
        "| 2006-11 | Labour MOU signed (2006-eps) | Labour | disputed | Agency C (news) +1 |"
        in output
    )
    assert output.rstrip().endswith(
        "4 events · 3 resting on a single page · dataset test-1, reviewed 2026-06-01 · "
        "ckr show ID for one in full"
    )


def test_json_is_compact_when_piped_and_indented_on_a_terminal(run, terminal):
    assert "\n  " not in run("timeline", "-f", "json").output
    assert "\n  {" in terminal("timeline", "-f", "json").output


def test_terminal_tables_have_no_colour_under_no_color(terminal):
    output = terminal("timeline", env={"NO_COLOR": "1", "FORCE_COLOR": "1"}).output
    assert "\x1b[" not in output


def test_terminal_tables_use_colour_when_forced(terminal):
    assert "\x1b[1m" in terminal("timeline", env={"FORCE_COLOR": "1"}).output


@pytest.mark.parametrize("width", [20, 40, 60, 80, 300])
def test_no_line_is_wider_than_the_terminal(terminal, width):
    commands = (
        ["timeline"],
        ["visa", "-p", "korea"],
        ["visa"],
        ["domains"],
        ["domains", "trade"],
        ["timeline", "--chart"],
        ["domains", "trade", "--chart"],
        ["visa", "--compare"],
        ["show", "trade"],
        ["search", "trade"],
        ["claims"],
        ["sources"],
    )
    for command in commands:
        output = terminal(*command, width=width).output
        # A URL too long for the terminal stays whole, alone on its line, for the terminal
        # to wrap (and to select and open as one link).
        lines = [line for line in output.splitlines() if not lone_url(line.strip())]
        widest = max(len(line.rstrip()) for line in lines)
        assert widest <= width, (command, width)


def test_narrow_terminal_shows_each_row_as_a_block(terminal):
    output = terminal("visa", "-p", "korea", width=60).output
    assert "Cambodia  kh-kr\n" in output  # the heading, with the id to copy
    assert "  Rule       visa on arrival" in output
    assert "  As of      2025-03-08 (1y 8mo ago, stale)" in output


HOSTILE = (
    "[bold red]x[/] [link=https://evil.example]y[/link] "
    "\x1b[2J\x1b]8;;https://e.example\x1b\\z\x9b\x07 \u202egnp.exe"
)


def hostile_dataset(mini_data):
    mini_data["events"][1]["title"] = HOSTILE
    mini_data["sources"][1]["publisher"] = HOSTILE
    return mini_data


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "tsv", "markdown"])
def test_control_characters_never_reach_the_terminal(terminal, data_file, mini_data, fmt):
    data_file(hostile_dataset(mini_data))
    for command in (["timeline"], ["visa", "-p", "korea"]):
        output = terminal(*command, "-f", fmt, width=300, env={"FORCE_COLOR": "1"}).output
        without_styles = output.replace("\x1b[1m", "").replace("\x1b[0m", "").replace("\x1b[2m", "")
        assert "\x1b[2J" not in output and "\x1b]8" not in output and "\x9b" not in output
        assert "\x07" not in output and "\u202e" not in output
        if fmt != "table":
            assert "\x1b" not in without_styles


def test_markup_in_data_is_shown_literally(terminal, data_file, mini_data):
    data_file(hostile_dataset(mini_data))
    output = terminal("timeline", width=300, env={"NO_COLOR": "1"}).output
    assert "[bold red]x[/] [link=https://evil.example]y[/link]" in output
    assert "\\x1b[2J" in output


def test_json_round_trips_hostile_text_exactly(run, data_file, mini_data):
    data_file(hostile_dataset(mini_data))
    events = json.loads(run("timeline", "-f", "json").output)
    assert events[0]["title"] == HOSTILE


def test_tabs_and_newlines_in_data_do_not_break_tsv(run, data_file, mini_data):
    mini_data["events"][1]["title"] = "two\tcells\nand lines"
    data_file(mini_data)
    rows = tsv_rows(run("timeline").output)
    assert len(rows) == 4
    assert rows[0]["title"] == "two\tcells\nand lines"


def test_fields_choose_and_order_columns(run):
    assert run("timeline", "--fields", "title,date", "--limit", "1").output == (
        "title\tdate\nFull relations restored\t1997-10-30\n"
    )


def test_fields_choose_json_keys(run):
    rules = json.loads(
        run("visa", "-p", "kr", "-f", "json", "--fields", "id,max_stay_days,stale").output
    )
    assert rules[0] == {"id": "kh-kr", "max_stay_days": 30, "stale": False}


def test_fields_work_in_tables_too(terminal):
    output = terminal("visa", "-p", "kr", "--fields", "destination,age_days", width=100).output
    assert "Age in days" in output and "Rule" not in output


EVENT_FIELDS = (
    "id, date, title, summary, category, note, confidence, sources, best_source, "
    "best_source_kind, single_source"
)


@pytest.mark.parametrize("fmt", ["tsv", "json", "csv", "ndjson", "table", "markdown"])
def test_unknown_field_lists_the_available_ones(run, fmt):
    result = run("timeline", "-f", fmt, "--fields", "date,titel")
    assert result.exit_code == 2
    assert (
        "unknown field 'titel' (did you mean 'title'?); available fields: " + EVENT_FIELDS
        in result.stderr
    )


@pytest.mark.parametrize("fields", [",", " ", ""])
def test_fields_must_name_something(run, fields):
    result = run("timeline", "--fields", fields)
    assert result.exit_code == 2
    assert "name at least one field; available fields: " + EVENT_FIELDS in result.stderr


@pytest.mark.parametrize("fmt", ["tsv", "json"])
def test_a_field_named_twice_is_refused_in_every_format(run, fmt):
    result = run("timeline", "-f", fmt, "--fields", "date,date")
    assert result.exit_code == 2
    assert "field 'date' is named twice" in result.stderr


def test_fields_reach_what_scripts_need_beyond_the_table(run):
    output = run("timeline", "--fields", "id,sources", "--limit", "3").output
    assert output.splitlines() == [
        "id\tsources",
        "1997-restored\tpaper-a",
        "2006-eps\tpaper-a;agency-c",
        "2021-fta\tagency-c",
    ]
    rows = tsv_rows(run("visa", "-p", "kr", "--fields", "id,destination,notes").output)
    assert rows[0] == {"id": "kh-kr", "destination": "KH", "notes": "E-visa also possible."}


def test_piped_output_has_every_field_the_json_has(run):
    # One vocabulary: TSV writes the same fields, in the same order, as JSON.
    header = run("timeline").output.splitlines()[0]
    assert header.split("\t") == EVENT_FIELDS.split(", ")
    assert list(json.loads(run("timeline", "-f", "json").output)[0]) == EVENT_FIELDS.split(", ")


def test_a_typo_in_fields_is_caught_even_when_nothing_matches(run):
    result = run("timeline", "--search", "zzzz", "-f", "json", "--fields", "nope")
    assert result.exit_code == 2
    assert "unknown field 'nope' (did you mean 'note'?); available fields: id, date, title" in (
        result.stderr
    )
    ok = run("timeline", "--search", "zzzz", "-f", "json", "--fields", "id")
    assert (ok.exit_code, ok.output) == (0, "[]\n")


def test_fields_do_not_apply_to_a_drawn_chart(terminal, run):
    result = terminal("timeline", "--chart", "--fields", "year")
    assert result.exit_code == 2
    assert "a chart has no fields to choose" in result.stderr
    assert run("timeline", "--chart", "--fields", "year").output.startswith("year\n1997\n")


@pytest.mark.parametrize("fmt", ["markdown", "tsv", "csv"])
def test_a_domains_notes_are_in_every_format(run, data_file, mini_data, fmt):
    mini_data["domains"][0]["notes"] = [
        {
            "id": "trade-one-page",
            "text": "Only one page says so.",
            "sources": ["paper-a"],
            "confidence": "seed-only",
        }
    ]
    data_file(mini_data)
    output = run("domains", "trade", "-f", fmt).output
    if fmt == "markdown":
        line = next(line for line in output.splitlines() if "Only one page says so." in line)
        assert line.startswith("| Only one page says so. (trade-one-page) | note | ")
        assert line.endswith(" | seed-only | Paper A (news) |")
    else:
        dialect = "excel-tab" if fmt == "tsv" else "excel"
        rows = list(csv.DictReader(io.StringIO(output), dialect=dialect))
        note = next(row for row in rows if row["kind"] == "note")
        assert (note["id"], note["label"], note["confidence"]) == (
            "trade-one-page",
            "Only one page says so.",
            "seed-only",
        )


def test_a_domain_with_only_notes_shows_them(terminal, data_file, mini_data):
    domain = mini_data["domains"][0]
    domain["figures"], domain["agreements"] = [], []
    domain["notes"] = [
        {
            "id": "trade-nothing",
            "text": "Nothing measured.",
            "sources": ["paper-a"],
            "confidence": "disputed",
        }
    ]
    data_file(mini_data)
    lines = terminal("domains", "trade", width=120).output.splitlines()
    line = next(line for line in lines if "Nothing measured." in line)
    assert " note " in line and " disputed " in line
    assert "1 fact · dataset test-1" in "\n".join(lines)


def test_markdown_caption_is_a_paragraph_not_a_list_item(run):
    output = run("visa", "--compare", "-p", "kr", "--with", "vn", "-f", "markdown").output
    assert output.splitlines()[-1].startswith(r"\* more open than Cambodia")


@pytest.mark.parametrize("columns, width", [("0", 80), ("5", 20)])
def test_unusable_terminal_widths_fall_back(terminal, columns, width):
    output = terminal("timeline", "-n", "1", width=columns).output
    assert output.strip()
    assert max(len(line) for line in output.splitlines()) <= width


@pytest.mark.parametrize("width", [20, 24, 30])
def test_narrow_cards_keep_every_value_beside_a_long_label(terminal, width):
    output = terminal("visa", "--compare", "-p", "kr", "--with", "vn", width=width).output
    assert "visa on" in output and "visa-free" in output
    assert "stricter" in output and output.count("Vietnam") >= 2  # a column and a value


def test_a_table_that_would_fold_words_is_drawn_as_cards(shipped, monkeypatch):
    # At 60 columns this matrix needs 61 with the box's edges: cards, not "Cambodi" + "a".
    for name, value in {"CKR_FORCE_TTY": "1", "COLUMNS": "60", "NO_COLOR": "1"}.items():
        monkeypatch.setenv(name, value)
    result = shipped("visa", "-d", "kr", "-d", "kh")
    assert result.exit_code == 0 and "Cambodia" in result.output
    assert not re.search(r"Cambodi(?!a)", result.output)


TRICKY = "1. *em* _u_ ~~s~~ `c` [l](https://x.example) <b>h</b> &amp; &copy; a|b # h"


@pytest.mark.parametrize("where", ["title", "summary"])
def test_a_markdown_renderer_shows_data_text_as_written(run, data_file, mini_data, where):
    from markdown_it import MarkdownIt  # rich's own Markdown parser

    mini_data["domains"][0][where if where == "summary" else "name"] = TRICKY
    data_file(mini_data)
    markdown = run("domains", "trade", "-f", "markdown").output
    html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)
    for tag in ("<em>", "<s>", "<code>", "<a ", "<b>", "<ol", "<h1>", "<pre>"):
        assert tag not in html, tag
    assert "&amp;amp;" in html and "&amp;copy;" in html  # the entities, as typed
