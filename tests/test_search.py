import json

from ckr import query
from ckr.views.search import snippet
from conftest import tsv_rows


def test_search_finds_every_kind_grouped_with_ids(run):
    rows = tsv_rows(run("search", "trade").output)
    assert [(r["kind"], r["id"]) for r in rows] == [
        ("event", "2021-fta"),
        ("domain", "trade"),
        ("source", "agency-c"),
    ]
    assert rows[0]["field"] == "summary"


def test_search_is_case_insensitive_and_reaches_claims_and_visa_notes(run):
    kinds = {r["kind"]: r["id"] for r in tsv_rows(run("search", "E-VISA").output)}
    assert kinds == {"visa rule": "kh-kr"}
    ids = [r["id"] for r in tsv_rows(run("search", "cambodia does not").output)]
    assert ids == ["claim-neighbours-waive"]


def test_search_highlights_matches_on_a_terminal(terminal):
    output = terminal("search", "trade", width=120, env={"FORCE_COLOR": "1"}).output
    assert "\x1b[7mtrade\x1b[0m" in output or "\x1b[7mTrade\x1b[0m" in output


def test_search_with_no_match_is_not_an_error(run):
    result = run("search", "zeppelin", "-f", "json")
    assert (result.exit_code, json.loads(result.output)) == (0, [])


def test_empty_search_is_a_usage_error(run):
    assert run("search", "  ").exit_code == 2


def _match(text: str, needle: str, whole_words: bool = False) -> query.Match:
    found = query.search_pattern(needle, whole_words).search(text)
    return query.Match("event", None, "title", text, found.start(), found.end())


def test_snippet_cuts_at_spaces_around_the_match():
    text = "one two three four five six seven eight nine ten eleven twelve"
    assert snippet(_match(text, "six"), around=10) == "…four five six seven…"


def test_snippet_surrounds_the_match_the_search_found():
    # Case folding changes lengths ("İ" folds to two characters); the span must not drift.
    text = "\u0130" * 60 + " the Busan Savings Bank collapsed"
    assert "Busan" in snippet(_match(text, "busan"), around=10)
    # With whole words, the snippet shows the whole word, not an earlier part of a word.
    text = "Koreans abroad " + "x " * 40 + "the Korea desk"
    assert snippet(_match(text, "korea", whole_words=True), around=10).endswith("the Korea desk")


def test_word_search_highlights_only_whole_words(terminal, data_file, mini_data):
    mini_data["events"][0]["title"] = "Koreans meet the Korea desk"
    data_file(mini_data)
    output = terminal("search", "korea", "--word", width=200, env={"FORCE_COLOR": "1"}).output
    assert "\x1b[7mKorea\x1b[0m desk" in output
    assert "\x1b[7mKorea\x1b[0mns" not in output


def test_text_stored_decomposed_is_found(run, data_file, mini_data):
    mini_data["events"][0]["title"] = "Kha\u0301ch visit"  # stored as a plus a mark
    data_file(mini_data)
    rows = tsv_rows(run("search", "Kh\u00e1ch").output)
    assert [r["id"] for r in rows] == [mini_data["events"][0]["id"]]


def test_tables_show_a_snippet_but_tsv_keeps_the_whole_text(run, terminal, data_file, mini_data):
    mini_data["events"][0]["summary"] = "word " * 40 + "needle" + " tail" * 40
    data_file(mini_data)
    assert tsv_rows(run("search", "needle").output)[0]["text"] == mini_data["events"][0]["summary"]
    table = terminal("search", "needle", width=200, env={"NO_COLOR": "1"}).output
    assert "…word word" in table and "needle tail" in table
    assert table.count("word") < 40


def test_a_needle_typed_with_combining_marks_finds_stored_text(run, data_file, mini_data):
    mini_data["events"][0]["title"] = "Kh\u00e1ch visit"  # stored composed, as usual
    data_file(mini_data)
    rows = tsv_rows(run("search", "Kha\u0301ch").output)  # typed as a plus a mark
    assert [r["id"] for r in rows] == [mini_data["events"][0]["id"]]


def test_word_matches_whole_words_only(run, data_file, mini_data):
    mini_data["events"][0]["title"] = "Workers join the EPS"
    mini_data["events"][1]["title"] = "Japan keeps its waiver"
    data_file(mini_data)
    every = {r["id"] for r in tsv_rows(run("search", "eps").output)}
    words = {r["id"] for r in tsv_rows(run("search", "eps", "--word").output)}
    assert mini_data["events"][1]["id"] in every - words
    assert mini_data["events"][0]["id"] in words


def test_only_the_matched_text_is_highlighted_not_ids_or_kinds(terminal):
    output = terminal("search", "visa", width=200, env={"FORCE_COLOR": "1"}).output
    assert "\x1b[7m" in output  # the matches themselves
    assert "\x1b[7mvisa\x1b[0m rule" not in output  # the Kind column is not searched


def test_word_boundaries_apply_only_where_the_text_has_word_ends():
    pattern = query.search_pattern(" EPS", whole_words=True)
    assert pattern.search("sent under the EPS")
    assert not pattern.search("under the EPSX")
