"""The shipped dataset's quality bar, checked on every change to it."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest

from ckr import dataset, query, validate
from ckr.model import json_schema
from conftest import tsv_rows

ROOT = Path(__file__).resolve().parent.parent
ON = dt.date(2026, 11, 25)
SOUTHEAST_ASIA = {"KH", "VN", "TH", "LA", "MM", "MY", "SG", "ID", "PH", "BN", "TL"}


@pytest.fixture(scope="module")
def data():
    return dataset.load(ROOT / "data" / "ckr.json").data


def test_schema_file_is_generated_from_the_types():
    shipped = json.loads((ROOT / "data" / "schema.json").read_text(encoding="utf-8"))
    assert shipped == json_schema(), "run: python -m ckr.model > data/schema.json"


def test_the_shipped_dataset_has_no_problems():
    # Includes: every source cited, every citation resolves, no overlapping rule periods,
    # no rule confirmed before it took effect.
    assert validate.problems_in_file(ROOT / "data" / "ckr.json") == []


def test_every_source_is_cited(data):
    counts = query.citation_counts(data)
    assert [s.id for s in data.sources if counts[s.id] == 0] == []


def test_the_seed_article_is_a_source_and_seed_only_facts_cite_it(data):
    seed = next(s for s in data.sources if s.id == "seed")
    assert "phnompenhpost.com" in seed.url
    seed_only = [e for e in data.events if e.confidence == "seed-only"]
    seed_only += [
        item
        for d in data.domains
        for item in [*d.figures, *d.notes]
        if item.confidence == "seed-only"
    ]
    assert seed_only, "the seed's own claims are in the dataset"
    assert all("seed" in record.sources for record in seed_only)


def test_enough_events_cover_the_restoration_of_1997(data):
    assert len(data.events) >= 15
    restored = [e for e in data.events if e.date.startswith("1997-10")]
    assert restored and restored[0].confidence == "verified"


def test_disputed_facts_explain_the_dispute(data):
    for event in data.events:
        if event.confidence == "disputed":
            assert event.note, event.id
    for rule in data.visa:
        if rule.confidence == "disputed":
            assert rule.notes, rule.id


@pytest.mark.parametrize("nationality", ["KR", "JP", "CN", "US"])
def test_each_destination_has_exactly_one_rule_in_force(data, nationality):
    in_force = Counter(r.destination for r in query.visa_rules(data, ON, nationality))
    assert set(in_force) == SOUTHEAST_ASIA
    assert [code for code, n in in_force.items() if n > 1] == []


def test_rules_for_cambodians_travelling_to_korea_japan_and_china(data):
    rules = query.visa_rules(data, ON, "KH")
    assert sorted(r.destination for r in rules) == ["CN", "JP", "KR"]


def test_past_and_scheduled_rules_are_kept(data):
    vietnam = sorted(
        (r.effective_from, r.max_stay_days)
        for r in data.visa
        if r.destination == "VN" and r.nationality == "KR"
    )
    # The 2020 suspension, then the 15-day and 45-day stays.
    assert vietnam[:3] == [("2020-02-29", None), ("2022-03-15", 15), ("2023-08-15", 45)]
    pilot = [
        r
        for r in data.visa
        if (r.destination, r.nationality, r.effective_from) == ("KH", "CN", "2026-06-15")
    ]
    assert pilot and pilot[0].regime == "visa_free" and pilot[0].effective_until == "2026-10-15"


def test_domains_have_figures_and_agreements(data):
    ids = [d.id for d in data.domains]
    assert {"trade", "investment", "aid", "labour", "education"} <= set(ids)
    for domain in data.domains:
        assert domain.figures, domain.id
        assert domain.agreements, domain.id


def test_timeline_from_2020_on_the_shipped_data_drops_1997(shipped):
    result = shipped("timeline", "--from", "2020")
    assert result.exit_code == 0
    assert "1997" not in result.output
    assert "2021-10-26\t" in result.output


def test_visa_korea_on_the_shipped_data_shows_eleven_destinations(shipped):
    output = shipped("visa", "--passport", "korea").output
    assert len(output.strip().splitlines()) == 12
    first = tsv_rows(output)[0]
    assert (first["destination_name"], first["regime"], first["max_stay_days"]) == (
        "Cambodia",
        "visa_on_arrival",
        "30",
    )


def test_claims_each_cite_the_seed_and_the_1997_claim_holds(data):
    assert len(data.claims) >= 10
    assert all("seed" in claim.sources for claim in data.claims)
    restored = next(c for c in data.claims if "1997" in c.claim)
    assert restored.verdict == "supported"
    assert restored.events, "the finding points at the events that support it"


def test_a_date_in_2020_gives_the_pandemic_rules_then_in_force(shipped):
    rows = json.loads(shipped("visa", "-p", "korea", "--on", "2020-06-01", "-f", "json").output)
    by_destination = {row["destination"]: row for row in rows}
    assert {code for code, row in by_destination.items() if row["regime"] == "visa_required"} >= {
        "VN",
        "KH",
        "LA",
        "MY",
        "SG",
        "PH",
    }


def test_a_rule_is_not_in_force_before_any_page_confirms_it(shipped):
    rows = json.loads(
        shipped("visa", "-p", "korea", "-d", "cambodia", "--on", "1990", "-f", "json").output
    )
    assert [row["status"] for row in rows] == ["start unknown"]
    assert rows[0]["first_confirmed"] > "1990"
