from conftest import tsv_rows

HEADER = (
    "id\tdate\ttitle\tsummary\tcategory\tnote\tconfidence\tsources\tbest_source\t"
    "best_source_kind\tsingle_source"
)


def test_piped_output_is_tsv_with_a_header(run):
    result = run("timeline")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == HEADER
    assert lines[1] == (
        "1997-restored\t1997-10-30\tFull relations restored\tMissions become embassies.\t"
        "diplomacy\t\tverified\tpaper-a\tpaper-a\tnews\ttrue"
    )


def test_events_are_in_date_order_whatever_the_file_order(run):
    dates = [row["date"] for row in tsv_rows(run("timeline").output)]
    assert dates == ["1997-10-30", "2006-11", "2021", "2024-05-16"]


def test_reverse_puts_newest_first(run):
    dates = [row["date"] for row in tsv_rows(run("timeline", "--reverse").output)]
    assert dates == ["2024-05-16", "2021", "2006-11", "1997-10-30"]


def test_from_2020_drops_1997(run):
    titles = [row["title"] for row in tsv_rows(run("timeline", "--from", "2020").output)]
    assert "Full relations restored" not in titles
    assert titles == ["FTA signed", "Strategic partnership agreed"]


def test_to_year_includes_events_dated_by_month_in_that_year(run):
    rows = tsv_rows(run("timeline", "--from", "2006", "--to", "2006").output)
    assert [row["date"] for row in rows] == ["2006-11"]


def test_from_accepts_a_full_date(run):
    rows = tsv_rows(run("timeline", "--from", "2024-05-16").output)
    assert [row["title"] for row in rows] == ["Strategic partnership agreed"]


def test_category_is_case_insensitive_and_repeatable(run):
    rows = tsv_rows(run("timeline", "--category", "LABOUR", "--category", "trade").output)
    assert [row["title"] for row in rows] == ["Labour MOU signed", "FTA signed"]


def test_search_looks_in_summary_and_note(run):
    assert [r["title"] for r in tsv_rows(run("timeline", "--search", "VIDEO LINK").output)] == [
        "FTA signed"
    ]
    assert [r["title"] for r in tsv_rows(run("timeline", "-s", "different days").output)] == [
        "Labour MOU signed"
    ]


def test_limit_keeps_the_first_n(run):
    rows = tsv_rows(run("timeline", "--limit", "2").output)
    assert [row["date"] for row in rows] == ["1997-10-30", "2006-11"]


def test_no_match_prints_only_the_header_when_piped(run):
    result = run("timeline", "--search", "nothing like this")
    assert result.exit_code == 0
    assert result.output == HEADER + "\n"


def test_no_match_on_a_terminal_says_so(terminal):
    result = terminal("timeline", "--search", "nothing like this")
    assert result.exit_code == 0
    assert "No events match these filters." in result.stderr


def test_table_on_a_terminal_has_headers_and_caption(terminal):
    result = terminal("timeline")
    assert "Date" in result.output and "Confidence" in result.output
    assert "Strategic partnership agreed" in result.output
    assert "4 events · 3 resting on a single page · dataset test-1, reviewed" in result.output
    assert "2026-06-01" in result.output


def test_json_names_sources_by_id_and_show_expands_them(run):
    import json

    events = json.loads(run("timeline", "--format", "json").output)
    labour = next(e for e in events if e["id"] == "2006-eps")
    assert labour["note"] == "Sources give different days in November."
    assert labour["sources"] == ["paper-a", "agency-c"]
    # Same kind (news): the newer page first; Agency C has no publication date, so its
    # access date (2026) counts, against Paper A's 1997.
    assert (labour["best_source"], labour["best_source_kind"]) == ("agency-c", "news")
    assert (labour["confidence"], labour["single_source"]) == ("disputed", False)
    shown = json.loads(run("show", "2006-eps", "--format", "json").output)
    assert [s["publisher"] for s in shown["source_details"]] == ["Agency C", "Paper A"]
    assert shown["source_details"][1]["url"] == "https://example.org/a"


def test_search_finds_text_stored_decomposed(run, data_file, mini_data):
    mini_data["events"][0]["note"] = "Cafe\u0301 talks"  # "Café", its accent stored apart
    data_file(mini_data)
    rows = tsv_rows(run("timeline", "--search", "caf\u00e9").output)
    assert [r["date"] for r in rows] == [mini_data["events"][0]["date"]]
