import json

from conftest import tsv_rows


def test_claims_list_each_claim_with_verdict_and_finding(run):
    rows = tsv_rows(run("claims").output)
    assert [r["id"] for r in rows] == [
        "claim-ties-1997",
        "claim-neighbours-waive",
        "claim-military-rank",
    ]
    assert rows[1]["verdict"] == "partly supported"
    assert rows[1]["finding"] == "Vietnam and Thailand do; Cambodia does not."


def test_claims_filter_by_verdict_in_any_case(run):
    rows = tsv_rows(run("claims", "--verdict", "ONLY IN THE SEED", "-v", "supported").output)
    assert [r["id"] for r in rows] == ["claim-ties-1997", "claim-military-rank"]


def test_unknown_verdict_is_a_usage_error(run):
    result = run("claims", "--verdict", "maybe")
    assert result.exit_code == 2
    assert "'maybe' is not one of" in result.stderr


def test_claims_table_on_a_terminal(terminal):
    output = terminal("claims", width=120).output
    assert "The seed says" in output and "Verdict" in output
    assert "3 claims · dataset test-1" in output


def test_sources_count_the_records_citing_each(run):
    rows = {r["id"]: r for r in tsv_rows(run("sources").output)}
    # paper-a: three events, the Cambodia visa rule and two claims.
    assert rows["paper-a"]["cited_by"] == "6"
    assert rows["agency-c"]["url"] == "http://example.org/c"


def test_sources_unused_lists_only_uncited(run, data_file, mini_data):
    mini_data["sources"].append(
        {
            "id": "lonely",
            "publisher": "Nobody",
            "title": "Unread",
            "url": "https://example.org/z",
            "accessed": "2026-01-01",
        }
    )
    data_file(mini_data)
    rows = tsv_rows(run("sources", "--unused").output)
    assert [(r["id"], r["cited_by"]) for r in rows] == [("lonely", "0")]


def test_show_a_visa_rule_in_full_with_its_sources(run):
    rows = tsv_rows(run("show", "vn-kr-2023").output)
    fields = {r["field"]: r["value"] for r in rows}
    assert fields["kind"] == "visa rule"
    assert fields["max_stay_days"] == "45"
    assert fields["age"] == "1y 8mo ago, stale"
    assert fields["source"] == "Paper B: Visa news <https://example.org/b>"


def test_show_a_claim_names_its_evidence(run):
    values = [
        r["value"]
        for r in tsv_rows(run("show", "claim-neighbours-waive").output)
        if r["field"] == "visa"
    ]
    assert values == [
        "vn-kr-2023: citizens of South Korea in Vietnam",
        "kh-kr: citizens of South Korea in Cambodia",
    ]


def test_show_a_domain_lists_the_sources_of_its_figures(run):
    rows = tsv_rows(run("show", "trade").output)
    assert [r["value"] for r in rows if r["field"] == "source"] == [
        "Agency C: Trade data <http://example.org/c>",
        "Paper B: Visa news <https://example.org/b>",
    ]
    figures = [r["value"] for r in rows if r["field"] == "figure"]
    assert (
        figures[2] == "Two-way trade: 1,050 USD million (2022), reported by Body E [disputed]; "
        "Differs from Body G."
    )


def test_show_json_is_one_object_with_its_kind(run):
    record = json.loads(run("show", "2006-eps", "-f", "json").output)
    assert record["kind"] == "event"
    assert record["sources"][1]["title"] == "Trade data"


def test_show_unknown_id_suggests(run):
    result = run("show", "1997-restord")
    assert result.exit_code == 2
    assert (
        "no record '1997-restord' in the dataset (did you mean '1997-restored'?)" in result.stderr
    )


def test_source_titles_are_links_on_a_colour_terminal(terminal):
    output = terminal("sources", width=140, env={"FORCE_COLOR": "1"}).output
    assert "\x1b]8;id=" in output and ";https://example.org/b\x1b\\" in output


def test_no_links_without_colour_or_when_piped(terminal, run):
    assert "\x1b]8;" not in terminal("sources", width=140, env={"NO_COLOR": "1"}).output
    assert "\x1b]8;" not in run("sources", "-f", "table").output


def test_show_finds_an_id_typed_in_capitals(run):
    assert run("show", "KH-KR", "-f", "json").output == run("show", "kh-kr", "-f", "json").output
    assert '"kh-kr"' in run("show", "KH-KR", "-f", "json").output


def test_sources_on_a_terminal_show_each_id_for_ckr_show(terminal):
    output = terminal("sources", width=200, env={"NO_COLOR": "1"}).output
    assert "paper-a" in output and "agency-c" in output
