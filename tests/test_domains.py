import json

from conftest import tsv_rows


def test_list_shows_each_domain_with_its_headline_figure(run):
    rows = tsv_rows(run("domains").output)
    assert [r["id"] for r in rows] == ["trade", "labour"]
    # The headline is the main measure's latest year, the verified figure first; by id.
    assert rows[0]["headline"] == "trade-two-way-trade-2022"
    assert rows[0]["figures"] == (
        "trade-two-way-trade-2021;trade-two-way-trade-2022;trade-two-way-trade-2022-body-e"
    )
    assert rows[1]["headline"] == ""


def test_domain_table_words_the_headline_figure(terminal):
    output = terminal("domains", width=140, env={"NO_COLOR": "1"}).output
    assert "Two-way trade: 778.92 USD million (2022, Body G)" in output


def test_one_domain_shows_each_reporting_body_side_by_side(run):
    rows = tsv_rows(run("domains", "trade").output)
    year_2022 = [(r["value"], r["unit"], r["reported_by"]) for r in rows if r["period"] == "2022"]
    assert year_2022 == [("778.92", "USD million", "Body G"), ("1050", "USD million", "Body E")]


def test_one_domain_lists_its_agreements(run):
    rows = tsv_rows(run("domains", "Trade").output)
    assert {"label": "FTA signed", "kind": "agreement", "period": "2021-10-26"}.items() <= rows[
        -1
    ].items()


def test_doubt_is_marked_in_the_item(terminal):
    lines = terminal("domains", "trade", width=140).output.splitlines()
    body_e = [line for line in lines if "Body E" in line]
    assert len(body_e) == 1 and " disputed " in body_e[0]
    body_g = [line for line in lines if "Body G" in line]
    assert len(body_g) == 1 and " verified " in body_g[0]


def test_unknown_domain_suggests(run):
    result = run("domains", "trad")
    assert result.exit_code == 2
    assert "no domain 'trad' in the dataset (did you mean 'trade'?)" in result.stderr


def test_json_for_one_domain_lists_each_item_with_its_sources(run):
    items = json.loads(run("domains", "trade", "--format", "json").output)
    assert {item["domain"] for item in items} == {"trade"}
    assert [item["kind"] for item in items] == ["figure", "figure", "figure", "agreement"]
    assert items[2]["note"] == "Differs from Body G."
    assert (items[2]["value"], items[2]["confidence"]) == (1050, "disputed")
    agreement = items[3]
    assert agreement["id"] == "trade-fta-signed-2021"
    assert agreement["sources"] == ["agency-c"]
    assert (agreement["best_source"], agreement["best_source_kind"]) == ("agency-c", "news")
    # The publisher is one `ckr show` away.
    shown = json.loads(run("show", "trade-fta-signed-2021", "--format", "json").output)
    assert shown["source_details"][0]["publisher"] == "Agency C"
