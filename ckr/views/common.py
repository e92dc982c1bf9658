"""What the listing builders share: words for rules and ages, captions, trust columns."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ckr import dates, query
from ckr.listing import Column, Value

if TYPE_CHECKING:
    from ckr.session import Session


# Marks for what is not plainly verified, in cells too small for words.
MARKS = {"disputed": "†", "seed-only": "‡"}
MARKS_NOTE = "† disputed (sources disagree; ckr show ID says how) · ‡ only the seed article says so"

REGIME_WORDS = {
    "visa_free": "visa-free",
    "visa_on_arrival": "visa on arrival",
    "e_visa": "e-visa",
    "visa_required": "visa required",
}


def regime_words(value: Value) -> str:
    return REGIME_WORDS.get(str(value), str(value))


def days(value: Value) -> str:
    return "—" if value is None else f"{value} days"


def since_words(row: dict) -> str:
    """When a visa rule began, in words: its date, or for a rule whose start no page gives,
    "start unknown; first confirmed YYYY-MM-DD" (before that day it is not held in force)."""
    if row["effective_from"]:
        return str(row["effective_from"])
    return f"start unknown; first confirmed {row['first_confirmed']}"


def caption(session: Session, count: int, noun: str, remark: str = "") -> str:
    """ "11 rules · 3 stale (...) · dataset 2026.11.25, reviewed 2026-11-25" """
    meta = session.catalog.data.metadata
    plural = noun if count == 1 else noun + ("es" if noun.endswith("ch") else "s")
    parts = [f"{count} {plural}", remark, f"dataset {meta.version}, reviewed {meta.last_reviewed}"]
    return " · ".join(part for part in parts if part)


def confirmed_when(as_of: str, today: dt.date) -> str:
    """How long ago a rule was last confirmed: "1y 8mo ago, stale", "this month"."""
    if dates.first_day(as_of) > today:
        return "later than today"
    age = dates.age_in_days(as_of, today)
    if age == 0:  # today, or a month or year that has not ended yet
        return {4: "this year", 7: "this month"}.get(len(as_of), "today")
    stale = ", stale" if query.is_stale(age) else ""
    return f"{dates.describe_age(age)} ago{stale}"


def source_words(session: Session, row: dict) -> str:
    """The best source a row cites, with its kind, and how many more: "MOFA (official) +2"."""
    best = session.catalog.sources[row["best_source"]]
    others = len(set(row["sources"])) - 1
    kind = f" ({best.kind})"
    named = best.publisher if best.publisher.endswith(kind) else best.publisher + kind
    return named + (f" +{others}" if others else "")


SOURCE_KIND_NOTE = (
    "Source: the best page cited (official, then news, reference, guide, blog; the newest "
    "first) and how many more; ckr show ID lists them all."
)


def source_column(session: Session) -> Column:
    return Column(
        "best_source",
        "Source",
        text=lambda row: source_words(session, row),
        min_width=12,
        max_width=24,
    )


def confidence_column() -> Column:
    """Confidence in words, so doubt reads without colour: a disputed or seed-only fact
    says so in its own column."""
    return Column("confidence", "Confidence", wrap=False)
