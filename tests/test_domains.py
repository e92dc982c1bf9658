import json

from conftest import tsv_rows


def test_list_shows_each_domain_with_its_headline_figure(run):
    rows = tsv_rows(run("domains").output)
    assert [r["id"] for r in rows] == ["trade", "labour"]
    assert rows[0]["headline"] == "Two-way trade: 965.132 USD million (2021)"
    assert rows[1]["headline"] == ""


def test_one_domain_shows_each_reporting_body_side_by_side(run):
    rows = tsv_rows(run("domains", "trade").output)
    year_2022 = [(r["value"], r["reported_by"]) for r in rows if r["when"] == "2022"]
    assert year_2022 == [("778.92 USD million", "Body G"), ("1,050 USD million", "Body E")]


def test_one_domain_lists_its_agreements(run):
    rows = tsv_rows(run("domains", "Trade").output)
    assert {"item": "FTA signed", "kind": "agreement", "when": "2021-10-26"}.items() <= rows[
        -1
    ].items()


def test_doubt_is_marked_in_the_item(terminal):
    assert "Two-way trade (disputed)" in terminal("domains", "trade", width=140).output


def test_unknown_domain_suggests(run):
    result = run("domains", "trad")
    assert result.exit_code == 2
    assert "no domain 'trad' in the dataset (did you mean 'trade'?)" in result.stderr


def test_json_for_one_domain_is_an_object_with_sources(run):
    domain = json.loads(run("domains", "trade", "--format", "json").output)
    assert domain["id"] == "trade"
    assert domain["figures"][2]["note"] == "Differs from Body G."
    assert domain["agreements"][0]["sources"][0]["publisher"] == "Agency C"
