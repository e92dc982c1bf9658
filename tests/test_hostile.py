"""Hostile text and slips in a dataset: shown literally, refused with their place.

Escapes, bidi and invisible characters and line breaks in every field, through every
format, `show`, `search`, `cite`, charts and completion; URLs that hide characters; keys
given twice; a category stored in another Unicode form. The fuzzer at the end runs briefly
here; CKR_FUZZ_EXAMPLES=5000 pytest tests/test_hostile.py makes a long run.
"""

from __future__ import annotations

import json
import os

import pytest
from test_faults import ODD_SIZES

from conftest import MINI

# --- hostile text through every output ---------------------------------------------------

# Terminal escapes (ESC, the C1 CSI), bidi overrides, marks and isolates (the Arabic
# letter mark among them), invisible characters (byte order mark, Mongolian vowel
# separator, a tag character), a line separator, NUL, markup; each reaches a terminal
# only as a visible escape.
HOSTILE = "Hostile\x1b[31m\x9b2J\u202e\u061c\u2066\ufeff\u180e\U000e0041\u2028\x00[bold]\n\r\tend"
RAW = ["\x1b", "\x9b", "\u202e", "\u061c", "\u2066", "\ufeff", "\u180e", "\U000e0041"]
RAW += ["\u2028", "\x00"]
SHOWN = ["\\x1b[31m", "\\x9b2J", "\\u202e", "\\u061c", "\\ufeff", "\\U000e0041", "[bold]"]


@pytest.fixture
def hostile_data(data_file, mini_data):
    for event in mini_data["events"]:
        event["title"] = event["summary"] = event["note"] = HOSTILE
    mini_data["events"][0]["category"] = "trade\x1b[2J\nfake\u061c"
    for source in mini_data["sources"]:
        source["publisher"] = source["title"] = HOSTILE
    for rule in mini_data["visa"]:
        rule["notes"] = HOSTILE
    for domain in mini_data["domains"]:
        domain["name"] = domain["summary"] = HOSTILE
        for figure in domain["figures"]:
            figure["label"] = figure["reported_by"] = figure["unit"] = HOSTILE
        for agreement in domain["agreements"]:
            agreement["name"] = HOSTILE
    for claim in mini_data["claims"]:
        claim["claim"] = claim["finding"] = HOSTILE
    return data_file(mini_data)


# These show no free text, so only that they leak none is checked.
WITHOUT_TEXT = [["visa"], ["visa", "--compare"], ["changes", "--since", "1990"]]
COMMANDS = WITHOUT_TEXT + [
    ["timeline"],
    ["visa", "-p", "kr"],
    ["visa", "--history"],
    ["domains"],
    ["domains", "trade"],
    ["figures"],
    ["claims"],
    ["sources"],
    ["search", "hostile"],
    ["show", "2024-partnership"],
    ["show", "trade"],
    ["show", "paper-a"],
    ["show", "kh-kr"],
    ["show", "claim-ties-1997"],
    ["diff", str(MINI), "{hostile}"],
]


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


@pytest.mark.parametrize("fmt", ["table", "json", "ndjson", "csv", "tsv", "markdown"])
def test_hostile_text_is_shown_literally_in_every_format(run, hostile_data, fmt):
    for args in COMMANDS:
        args = [arg.replace("{hostile}", str(hostile_data)) for arg in args]
        result = run(*args, "-f", fmt, env={"COLUMNS": "1000"})  # wide: no escape cut
        assert (result.exit_code, result.stderr) == (0, ""), (args, result.stderr)
        leaked = [c for c in RAW if c in result.stdout]
        assert not leaked, (args, fmt, leaked)
        if args in WITHOUT_TEXT:
            continue
        if fmt == "json":  # escaped on the way out, the same text once decoded
            assert HOSTILE in set(_strings(json.loads(result.stdout))), args
        elif fmt == "ndjson":
            decoded = [json.loads(line) for line in result.stdout.splitlines()]
            assert HOSTILE in set(_strings(decoded)), args
        elif fmt == "table" and args != ["visa", "--history"]:  # its table has no notes
            assert all(shown in result.stdout for shown in SHOWN), (args, result.stdout)
        if fmt in ("table", "markdown"):
            assert "\r" not in result.stdout, args


@pytest.mark.parametrize("style", ["apa", "chicago", "mla", "harvard", "bibtex", "ris", "csl-json"])
def test_hostile_text_in_citations(run, hostile_data, style):
    result = run("cite", "2024-partnership", "--style", style)
    assert (result.exit_code, result.stderr) == (0, ""), result.stderr
    assert not [c for c in RAW if c in result.stdout], style
    if style == "csl-json":
        assert HOSTILE in set(_strings(json.loads(result.stdout)))


def test_hostile_text_in_charts(run, hostile_data):
    for args in (["timeline", "--chart"], ["domains", "trade", "--chart"]):
        result = run(*args, env={"CKR_FORCE_TTY": "1", "COLUMNS": "100"})
        assert (result.exit_code, result.stderr) == (0, ""), result.stderr
        assert not [c for c in RAW + ["\r"] if c in result.stdout], args
    legend = run("timeline", "--chart", env={"CKR_FORCE_TTY": "1", "NO_COLOR": "1"}).stdout
    assert "trade\\x1b[2j fake\\u061c" in legend  # the line break inside is a space
    measure = run("domains", "trade", "--chart", env={"CKR_FORCE_TTY": "1", "NO_COLOR": "1"})
    assert all(shown in measure.stdout for shown in SHOWN), measure.stdout


def _offers(run, words: str, shell: str = "bash") -> str:
    cword = str(len(words.split()) - (0 if words.endswith(" ") else 1))
    if shell == "fish":  # fish gives the word being completed, not its index
        cword = "" if words.endswith(" ") else words.split()[-1]
    env = {"_CKR_COMPLETE": f"{shell}_complete", "COMP_WORDS": words, "COMP_CWORD": cword}
    result = run(env=env)
    assert result.exit_code == 0
    return result.stdout


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_offers_no_hostile_value(run, hostile_data, shell):
    offered = _offers(run, "ckr timeline --category ", shell)
    assert not [c for c in RAW if c in offered]
    assert "fake" not in offered  # the line break made no second offer
    assert "diplomacy" in offered and "labour" in offered
    assert _offers(run, "ckr timeline --category tr", shell).count("trade") == 1


def test_hostile_text_in_search_terms_and_errors(run, hostile_data):
    result = run("search", "\x1b[2J\u061c")
    assert result.exit_code == 0 and not [c for c in RAW if c in result.output]
    result = run("timeline", "--category", "\x1b]0;pwned\x07\u061c")
    assert result.exit_code == 2
    assert not [c for c in RAW + ["\x07"] if c in result.stderr]
    assert "\\x1b]0;pwned\\x07\\u061c" in result.stderr


@pytest.mark.parametrize(
    "hidden", ["\u200b", "\u200d", "\u2060", "\ufeff", "\u061c", "\u180e", "\U000e0041"]
)
def test_a_url_holding_an_invisible_character_fails_validation(run, data_file, mini_data, hidden):
    import jsonschema

    mini_data["sources"][0]["url"] = f"https://example.org/{hidden}a"
    data_file(mini_data)
    result = run("validate")
    assert result.exit_code == 1
    assert result.stdout == (
        "$.sources[0].url: expected an http:// or https:// URL"
        " without spaces, control or invisible characters\n"
    )
    assert run("sources").exit_code == 1  # loading refuses it too
    if ord(hidden) < 0x10000:  # the schema's pattern can say so only within the BMP
        schema = json.loads((MINI.parent.parent.parent / "data" / "schema.json").read_text())
        assert not jsonschema.Draft202012Validator(schema).is_valid(mini_data)


def test_invisible_characters_that_text_needs_are_kept():
    from ckr.text import escape_json, printable

    khmer = "ព្រះរាជាណាចក្រ\u200bកម្ពុជា"  # the zero-width space separates Khmer words
    family = "👩\u200d👧"  # an emoji sequence joined by ZWJ
    assert printable(khmer) == khmer and printable(family) == family
    assert printable("a\u061cb\ufeffc\U000e0041") == "a\\u061cb\\ufeffc\\U000e0041"
    assert escape_json('"a\u061c\U000e0041"') == '"a\\u061c\\udb40\\udc41"'
    assert json.loads(escape_json('"a\u061c\U000e0041"')) == "a\u061c\U000e0041"


# --- slips a JSON reader lets through ---------------------------------------------------


def test_a_key_given_twice_is_rejected_with_its_place(run, data_file, mini_data):
    text = json.dumps(mini_data, indent=1)
    text = text.replace('"title": "Full relations restored",', '"title": "A", "title": "B",', 1)
    text = text.replace('"license": "CC BY 4.0",', '"license": "x", "license": "y",', 1)
    path = data_file(text)
    index = [e["title"] for e in mini_data["events"]].index("Full relations restored")
    result = run("validate")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "$.metadata: Object has the field `license` twice",
        f"$.events[{index}]: Object has the field `title` twice",
    ]
    loaded = run("timeline")
    assert loaded.exit_code == 1
    assert loaded.stderr == (
        f"Error: {path}: $.metadata: Object has the field `license` twice (and 1 more problem)\n"
    )


def test_a_large_file_leaves_duplicate_keys_to_validate(run, data_file, mini_data, monkeypatch):
    from ckr import dataset

    text = json.dumps(mini_data).replace('"version": ', '"version": "0", "version": ', 1)
    data_file(text)
    monkeypatch.setattr(dataset, "DUPLICATE_CHECK_BYTES", len(text) - 1)
    assert run("timeline").exit_code == 0
    assert run("validate").stdout == "$.metadata: Object has the field `version` twice\n"


def test_an_id_listed_twice_is_flagged_and_exported_once(run, data_file, mini_data, tmp_path):
    import sqlite3

    mini_data["events"][0]["sources"] *= 2
    mini_data["claims"][0]["events"] *= 2
    mini_data["domains"][0]["figures"][0]["sources"] *= 2
    data_file(mini_data)
    event, source = mini_data["events"][0]["id"], mini_data["events"][0]["sources"][0]
    result = run("validate")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"$.events[0].sources: {source!r} is listed twice",
        f"$.domains[0].figures[0].sources: {mini_data['domains'][0]['figures'][0]['sources'][0]!r}"
        " is listed twice",
        f"$.claims[0].events: {mini_data['claims'][0]['events'][0]!r} is listed twice",
    ]
    target = tmp_path / "x.db"
    assert run("export", str(target)).exit_code == 0  # loading accepts it: no harm done
    with sqlite3.connect(target) as db:
        links = db.execute("select source_id from event_sources where event_id = ?", (event,))
        assert links.fetchall() == [(source,)]


# --- data that reads the same but is stored differently ------------------------------


def test_a_category_is_one_whichever_unicode_form_stores_it(run, data_file, mini_data):
    import unicodedata

    mini_data["events"][0]["category"] = unicodedata.normalize("NFD", "Économie")
    mini_data["events"][1]["category"] = "économie"
    data_file(mini_data)
    ids = {mini_data["events"][0]["id"], mini_data["events"][1]["id"]}
    for typed in ("économie", unicodedata.normalize("NFD", "ÉCONOMIE")):
        found = json.loads(run("timeline", "--category", typed, "-f", "json").stdout)
        assert {event["id"] for event in found} == ids
    chart = run("timeline", "--chart", env={"CKR_FORCE_TTY": "1", "NO_COLOR": "1"}).stdout
    assert chart.count("économie") == 1  # one legend entry
    assert _offers(run, "ckr timeline --category é").split() == ["plain,économie"]


def test_every_series_of_a_chart_has_its_own_glyph(run, data_file, mini_data):
    event = mini_data["events"][0]
    count = 40
    mini_data["events"] += [
        {**event, "id": f"c{i}", "category": f"cat{i:02d}"} for i in range(count)
    ]
    data_file(mini_data)
    env = {"CKR_FORCE_TTY": "1", "NO_COLOR": "1", "COLUMNS": "2000"}
    lines = run("timeline", "--chart", env=env).stdout.splitlines()
    legend = [line for line in lines if line[:1] not in "0123456789" and "·" not in line][1:]
    entries = [entry.strip() for line in legend for entry in line.split("   ") if entry.strip()]
    glyphs = [entry.split(" ", 1)[0] for entry in entries]
    assert len(glyphs) == len(set(glyphs))  # no glyph means two things
    from ckr.render.chart import GLYPHS

    series = count + len({e["category"].casefold() for e in mini_data["events"][:-count]})
    assert len(glyphs) == len(GLYPHS)  # each glyph used, the last for the others
    assert entries[-1].split(" ")[1:3] == [str(series - len(GLYPHS) + 1), "others:"]
    named = " ".join(entries)
    assert all(f"cat{i:02d}" in named for i in range(count))


# --- fuzzing: short here, as long as you like with CKR_FUZZ_EXAMPLES --------------------

# Characters a file may hold that must never reach a terminal raw, and ordinary ones.
DANGEROUS = "\x00\x07\x08\x1b\x7f\x85\x9b\u061c\u180e\u200e\u200f\u202a\u202b\u202c\u202d"
DANGEROUS += "\u202e\u2028\u2029\u2061\u2066\u2067\u2068\u2069\ufeff\ufff9\U000e0001\U000e0041"
ORDINARY = "aZ09 -_[]*|<>&#`~\\/'\",.;:\t\n\ré한កម្ពុជា日本ไทย\u200b\u200d\u0301🙂"


@pytest.fixture(scope="module")
def fuzz_settings():
    from hypothesis import HealthCheck, settings

    return settings(
        max_examples=int(os.environ.get("CKR_FUZZ_EXAMPLES", "30")),
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


def test_fuzzed_hostile_text_never_reaches_the_terminal(mini_data, tmp_path_factory, fuzz_settings):
    from click.testing import CliRunner
    from hypothesis import given
    from hypothesis import strategies as st

    from ckr.cli import cli

    places = [
        ("events", "title"), ("events", "summary"), ("events", "note"), ("events", "category"),
        ("sources", "publisher"), ("sources", "title"), ("visa", "notes"),
        ("claims", "claim"), ("claims", "finding"), ("domains", "name"),
    ]  # fmt: skip
    texts = st.text(alphabet=st.sampled_from(DANGEROUS + ORDINARY), min_size=1, max_size=30)
    commands = [c for c in COMMANDS if "{hostile}" not in c] + [["timeline", "--chart"]]

    @fuzz_settings
    @given(
        st.lists(st.tuples(st.sampled_from(places), texts), min_size=1, max_size=6),
        st.sampled_from(commands),
        st.sampled_from(["table", "json", "ndjson", "csv", "tsv", "markdown"]),
        st.sampled_from([*ODD_SIZES, "40", "80", "200"]),
    )
    def check(edits, args, fmt, columns):
        document = json.loads(json.dumps(mini_data))
        for (collection, field), text in edits:
            for record in document[collection]:
                record[field] = text
        path = tmp_path_factory.mktemp("fuzz") / "data.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        chart = "--chart" in args
        env = {"CKR_DATA": str(path), "CKR_TODAY": "2026-11-25", "COLUMNS": columns}
        env |= {"CKR_FORCE_TTY": "1"} if chart else {}
        result = CliRunner().invoke(cli, [*args] + ([] if chart else ["-f", fmt]), env=env)
        assert result.exit_code in (0, 1), (args, result.output)
        assert "Error: unexpected" not in result.output
        raw = [c for c in DANGEROUS if c in result.stdout + result.stderr]
        assert not raw, (args, fmt, raw)
        if result.exit_code == 1:  # a text the model refuses: one line, naming the file
            assert result.stderr.startswith(f"Error: {path}: ") and result.stderr.count("\n") == 1

    check()
