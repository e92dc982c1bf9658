"""ckr coverage: what the dataset covers, said plainly."""

import json

from conftest import tsv_rows


def test_coverage_names_passports_destinations_ranges_and_counts(terminal):
    output = terminal("coverage", width=100, env={"NO_COLOR": "1"}).output
    lines = [line.strip() for line in output.splitlines()]
    assert "passports         2                          Japan, South Korea" in lines
    assert "destinations      3                          Cambodia, Thailand, Vietnam" in lines
    assert "events            4  1997-10-30  2024-05-16" in lines
    assert "figures           3  2021        2022        Trade" in lines
    assert "claims            3" in lines
    assert "sources           3  1997-10-31  2025-03-08" in lines


def test_coverage_for_scripts_one_row_per_line(run):
    rows = {(r["topic"], r["domain"]): r for r in tsv_rows(run("coverage").output)}
    assert rows[("passports", "")]["codes"] == "JP;KR"
    assert rows[("visa rules", "")]["count"] == "5"
    assert (rows[("figures", "trade")]["first"], rows[("figures", "trade")]["last"]) == (
        "2021",
        "2022",
    )
    assert ("figures", "labour") not in rows  # a domain without figures has no range
    data = json.loads(run("coverage", "-f", "json").output)
    assert data[0] == {
        "topic": "passports",
        "domain": None,
        "count": 2,
        "first": None,
        "last": None,
        "codes": ["JP", "KR"],
        "names": ["Japan", "South Korea"],
    }


def test_coverage_of_the_shipped_data_matches_its_counts(shipped):
    rows = {(r["topic"], r["domain"]): r for r in tsv_rows(shipped("coverage").output)}
    assert rows[("events", "")]["first"].startswith("1970")
    assert "KR" in rows[("passports", "")]["codes"].split(";")
    assert rows[("figures", "trade")]["first"] <= rows[("figures", "trade")]["last"]
