import json

from conftest import tsv_rows


def shown_lines(terminal, record_id: str) -> list[tuple[str, str]]:
    """ckr show's table, as a person reads it: (field, value) a line, on a terminal wide
    enough that no value wraps."""
    lines = terminal("show", record_id, width=250, env={"NO_COLOR": "1"}).output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("─")) + 1
    pairs = []
    for line in lines[start:]:
        if line.strip():
            if line.startswith("  "):  # a value alone on its line (a source's URL)
                pairs.append(("", line.strip()))
                continue
            field, value = line.strip().split(None, 1)
            pairs.append((field, value.strip()))
    return pairs


def test_claims_list_each_claim_with_verdict_and_finding(run):
    rows = tsv_rows(run("claims").output)
    assert [r["id"] for r in rows] == [
        "claim-ties-1997",
        "claim-neighbours-waive",
        "claim-military-rank",
    ]
    assert rows[1]["verdict"] == "partly-supported"
    assert rows[1]["finding"] == "Vietnam and Thailand do; Cambodia does not."


def test_claims_filter_by_verdict_in_any_case(run):
    rows = tsv_rows(run("claims", "--verdict", "SEED-ONLY", "--verdict", "Supported").output)
    assert [r["id"] for r in rows] == ["claim-ties-1997", "claim-military-rank"]
    # The spelling of 0.1, in any case, still works, with a note on stderr.
    result = run("claims", "--verdict", "ONLY IN THE SEED", "--verdict", "supported")
    assert [r["id"] for r in tsv_rows(result.stdout)] == ["claim-ties-1997", "claim-military-rank"]
    assert result.stderr == "Note: verdict 'ONLY IN THE SEED' is now spelled 'seed-only'\n"


def test_unknown_verdict_is_a_usage_error(run):
    result = run("claims", "--verdict", "maybe")
    assert result.exit_code == 2
    assert "'maybe' is not one of" in result.stderr


def test_claims_table_on_a_terminal(terminal):
    output = terminal("claims", width=120).output
    assert "The seed says" in output and "Verdict" in output
    assert "3 claims · 1 supported, 1 partly-supported, 1 seed-only · dataset test-1" in output


def test_sources_count_the_records_citing_each(run):
    rows = {r["id"]: r for r in tsv_rows(run("sources").output)}
    # paper-a: three events, the Cambodia visa rule and two claims.
    assert rows["paper-a"]["cited_by"] == "6"
    assert rows["agency-c"]["url"] == "http://example.org/c"


def test_sources_unused_lists_only_uncited(run, data_file, mini_data):
    mini_data["sources"].append(
        {
            "id": "lonely",
            "kind": "blog",
            "publisher": "Nobody",
            "title": "Unread",
            "url": "https://example.org/z",
            "accessed": "2026-01-01",
        }
    )
    data_file(mini_data)
    rows = tsv_rows(run("sources", "--unused").output)
    assert [(r["id"], r["cited_by"]) for r in rows] == [("lonely", "0")]


def test_show_a_visa_rule_in_full_with_its_sources(run, terminal):
    lines = shown_lines(terminal, "vn-kr-2023")
    fields = dict(lines)
    assert fields["record_kind"] == "visa rule"
    assert fields["max_stay_days"] == "45"
    assert fields["age"] == "1y 8mo ago, stale"
    # Each source on a line, its URL on the next.
    assert lines[-2:] == [
        ("source", "Paper B (news): Visa news, published 2025-03-08, accessed 2026-01-15"),
        ("", "https://example.org/b"),
    ]
    # Piped, the rule's row: the visa-rule fields with its kind and its sources in full.
    (row,) = tsv_rows(run("show", "vn-kr-2023").output)
    assert (row["record_kind"], row["max_stay_days"], row["age_days"], row["stale"]) == (
        "visa rule",
        "45",
        "627",
        "true",
    )
    assert json.loads(row["source_details"])[0]["url"] == "https://example.org/b"


def test_show_a_claim_names_its_evidence(terminal):
    values = [
        value for field, value in shown_lines(terminal, "claim-neighbours-waive") if field == "visa"
    ]
    assert values == [
        "vn-kr-2023: citizens of South Korea in Vietnam",
        "kh-kr: citizens of South Korea in Cambodia",
    ]


def test_show_a_domain_lists_the_sources_of_its_figures(terminal):
    lines = shown_lines(terminal, "trade")
    assert [value for field, value in lines if field in ("source", "")] == [
        "Agency C (news): Trade data, accessed 2026-01-15",
        "http://example.org/c",
        "Paper B (news): Visa news, published 2025-03-08, accessed 2026-01-15",
        "https://example.org/b",
    ]
    figures = [value for field, value in lines if field == "figure"]
    assert figures[2].startswith("trade-two-way-trade-2022-body-e: Two-way trade: 1,050 USD ")
    assert "million (2022, Body E" in figures[2]
    assert figures[2].endswith("(2022, Body E, disputed); Differs from Body G.")


def test_show_json_is_one_object_with_its_kind(run):
    record = json.loads(run("show", "2006-eps", "-f", "json").output)
    assert record["record_kind"] == "event"
    assert record["sources"] == ["paper-a", "agency-c"]
    assert (record["best_source"], record["best_source_kind"]) == ("agency-c", "news")
    assert record["confidence"] == "disputed"
    # source_details: every source in full, best first (the newer page of the same kind).
    assert [s["title"] for s in record["source_details"]] == ["Trade data", "Ties restored"]
    assert record["source_details"][0]["kind"] == "news"


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


def test_show_says_a_figures_doubt_once(terminal):
    figures = [value for field, value in shown_lines(terminal, "trade") if field == "figure"]
    assert figures[2].count("disputed") == 1
