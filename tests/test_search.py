import json

from ckr import query
from ckr.matching import TextQuery, terms
from ckr.views.search import snippet
from conftest import tsv_rows


def ids(output: str) -> list[str]:
    return [row["id"] for row in tsv_rows(output)]


def test_every_word_must_match_in_any_order(run):
    assert ids(run("search", "restored", "1997").output)[:2] == ["1997-restored", "claim-ties-1997"]
    assert ids(run("search", "1997 restored").output) == ids(run("search", "restored 1997").output)
    # "embassies" is in the 1997 event, "partnership" is not: no record holds both.
    assert ids(run("search", "embassies partnership").output) == []


def test_each_word_matches_the_start_of_a_word(run):
    assert "1997-restored" in ids(run("search", "restor").output)
    assert "1997-restored" not in ids(run("search", "estored").output)
    # --word keeps whole words only.
    assert ids(run("search", "restor", "--word").output) == []
    assert "1997-restored" in ids(run("search", "restored", "--word").output)


def test_case_width_and_accents_do_not_matter(run, data_file, mini_data):
    mini_data["events"][0]["title"] = "Du khách Trung Quốc"  # stored composed
    mini_data["events"][1]["title"] = "Kha\u0301ch visit"  # stored as a plus a mark
    data_file(mini_data)
    both = {mini_data["events"][0]["id"], mini_data["events"][1]["id"]}
    assert set(ids(run("search", "KHACH").output)) == both
    assert set(ids(run("search", "khách").output)) == both
    assert set(ids(run("search", "Kha\u0301ch").output)) == both
    assert ids(run("search", "ｑｕｏｃ").output) == [mini_data["events"][0]["id"]]


def test_quoted_words_match_as_a_phrase(run):
    assert "trade-two-way-trade-2021" in ids(run("search", '"two-way trade"').output)
    assert "trade-two-way-trade-2021" in ids(run("search", '"two way trade"').output)
    # The same words in another order are found as words, not as the phrase.
    assert "trade-two-way-trade-2021" in ids(run("search", "trade two-way").output)
    assert ids(run("search", '"way two"').output) == []


def test_the_query_splits_like_a_shell_with_double_quotes_only():
    assert terms('restored "Busan Savings" 1997') == ["restored", "Busan Savings", "1997"]
    assert terms("Hun Sen's role") == ["Hun", "Sen's", "role"]
    assert terms('"left open') == ["left open"]
    assert terms('"" ') == []


def test_ids_are_searched_word_by_word(run):
    # "2024" is only in the event's id.
    assert ids(run("search", "partnership 2024").output) == ["2024-partnership"]


def test_matches_in_names_come_before_summaries_then_newest_first(run):
    rows = tsv_rows(run("search", "ties").output)
    # The claim and the source name ties; the 2024 event has them in its summary only.
    assert [(r["kind"], r["id"], r["field"]) for r in rows] == [
        ("claim", "claim-ties-1997", "claim"),
        ("source", "paper-a", "title"),
        ("event", "2024-partnership", "summary"),
    ]
    figures = [r for r in tsv_rows(run("search", "two-way").output) if r["kind"] == "figure"]
    assert [r["date"] for r in figures] == ["2022", "2022", "2021"]


def test_the_1997_restoration_comes_first_in_the_shipped_data(shipped):
    rows = tsv_rows(shipped("search", "restored ties 1997").output)
    assert rows[0]["id"] == "1997-ties-restored"
    assert (rows[0]["kind"], rows[0]["date"]) == ("event", "1997-10-30")


def test_figures_agreements_and_notes_are_records_of_their_own(run):
    rows = tsv_rows(run("search", "trade").output)
    kinds = {r["id"]: r["kind"] for r in rows}
    assert kinds["trade-fta-signed-2021"] == "agreement"
    assert kinds["trade-two-way-trade-2022"] == "figure"
    assert kinds["trade"] == "domain"


def test_kind_narrows_the_search(run):
    rows = tsv_rows(run("search", "visa", "--kind", "visa").output)
    assert {(r["kind"], r["id"]) for r in rows} == {("visa rule", "kh-kr")}
    assert ids(run("search", "visa", "-k", "visa-rule").output) == ["kh-kr"]
    both = tsv_rows(run("search", "trade", "--kind", "figure,agreement").output)
    assert {r["kind"] for r in both} == {"figure", "agreement"}
    assert ids(run("search", "ties", "--kind", "claim", "--kind", "source").output) == [
        "claim-ties-1997",
        "paper-a",
    ]


def test_an_unknown_kind_is_a_usage_error_with_a_suggestion(run):
    result = run("search", "trade", "--kind", "evnt")
    assert result.exit_code == 2
    assert "no kind 'evnt' in the dataset (did you mean 'event'?)" in result.output


def test_events_and_rules_show_their_date(terminal):
    output = terminal("search", "e-visa", width=120, env={"NO_COLOR": "1"}).output
    line = next(line for line in output.splitlines() if "kh-kr" in line)
    assert "visa rule" in line  # a rule with no start shows a dash
    output = terminal("search", "embassies", width=120, env={"NO_COLOR": "1"}).output
    assert "1997-10-30" in output


def test_every_matched_word_is_highlighted(terminal):
    output = terminal("search", "ties restored", width=160, env={"FORCE_COLOR": "1"}).output
    assert "\x1b[7mties\x1b[0m" in output and "\x1b[7mrestored\x1b[0m" in output


def test_only_the_matched_text_is_highlighted_not_kinds(terminal):
    output = terminal("search", "visa", width=200, env={"FORCE_COLOR": "1"}).output
    assert "\x1b[7m" in output  # the matches themselves
    assert "\x1b[7mvisa\x1b[0m rule" not in output  # the Kind column is not searched


def test_word_search_highlights_only_whole_words(terminal, data_file, mini_data):
    mini_data["events"][0]["title"] = "Koreans meet the Korea desk"
    data_file(mini_data)
    output = terminal("search", "korea", "--word", width=200, env={"FORCE_COLOR": "1"}).output
    assert "\x1b[7mKorea\x1b[0m desk" in output
    assert "\x1b[7mKorea\x1b[0mns" not in output


def test_accented_text_is_highlighted_whole():
    assert TextQuery("khach").spans("Du khách nhé") == [(3, 8)]
    assert TextQuery("khach").spans("Kha\u0301ch") == [(0, 6)]  # the mark with its letter
    assert TextQuery("ties restored").spans("Ties restored") == [(0, 4), (5, 13)]


def test_search_with_no_match_is_not_an_error(run, terminal):
    result = run("search", "zeppelin", "-f", "json")
    assert (result.exit_code, json.loads(result.output)) == (0, [])
    result = terminal("search", "zeppelin")
    assert "Nothing in the dataset matches 'zeppelin'." in result.output


def test_an_empty_search_is_a_usage_error(run):
    for words in (["  "], ['""']):
        result = run("search", *words)
        assert result.exit_code == 2
        assert "give some text to look for" in result.output


def test_tables_show_a_snippet_but_tsv_keeps_the_whole_text(run, terminal, data_file, mini_data):
    mini_data["events"][0]["summary"] = "word " * 40 + "needle" + " tail" * 40
    data_file(mini_data)
    assert tsv_rows(run("search", "needle").output)[0]["text"] == mini_data["events"][0]["summary"]
    table = terminal("search", "needle", width=200, env={"NO_COLOR": "1"}).output
    assert "…word word" in table and "needle tail" in table
    assert table.count("word") < 40


def _match(text: str, words: str, whole_words: bool = False) -> query.Match:
    start, end = TextQuery(words, whole_words).spans(text)[0]
    return query.Match("event", None, "title", text, start, end)


def test_snippet_cuts_at_spaces_around_the_match():
    text = "one two three four five six seven eight nine ten eleven twelve"
    assert snippet(_match(text, "six"), around=10) == "…four five six seven…"


def test_snippet_surrounds_the_match_the_search_found():
    # Folding changes lengths ("İ" folds to "i" and a mark); the span must not drift.
    text = "\u0130" * 60 + " the Busan Savings Bank collapsed"
    assert "Busan" in snippet(_match(text, "busan"), around=10)
    # With whole words, the snippet shows the whole word, not an earlier part of a word.
    text = "Koreans abroad " + "x " * 40 + "the Korea desk"
    assert snippet(_match(text, "korea", whole_words=True), around=10).endswith("the Korea desk")


def test_timeline_search_matches_as_search_does(run):
    def timeline(words: str) -> list[str]:
        return ids(run("timeline", "--search", words).output)

    assert timeline("restored 1997") == ["1997-restored"]
    assert timeline("1997 RESTOR") == ["1997-restored"]
    assert timeline('"relations restored"') == ["1997-restored"]
    assert timeline("restored partnership") == []
    result = run("timeline", "--search", '""')
    assert result.exit_code == 2 and "give some text to look for" in result.output


def test_figures_search_matches_every_word(run):
    rows = tsv_rows(run("figures", "--search", "differs body").output)
    assert [r["id"] for r in rows] == ["trade-two-way-trade-2022-body-e"]
