"""What the listing builders share: words for rules, sources in JSON and in a cell."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import msgspec

from ckr import dates, query
from ckr.listing import Column, Value

if TYPE_CHECKING:
    from ckr.session import Session


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


def since(value: Value) -> str:
    return "long standing" if value is None else str(value)


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


def flagged(text: str, confidence: str) -> str:
    """Mark what is not plainly verified, so a table never hides doubt."""
    return text if confidence == "verified" else f"{text} ({confidence})"


def record_json(session: Session, record: msgspec.Struct, **extra: object) -> dict:
    """A record as JSON: its own fields, its sources expanded to objects, then extras."""
    fields = msgspec.structs.asdict(record)
    fields["sources"] = [
        {"id": s.id, "publisher": s.publisher, "title": s.title, "url": s.url}
        for s in session.catalog.cited(record.sources)
    ]
    return msgspec.to_builtins({**fields, **extra})


def source_summary(session: Session, source_ids: list[str]) -> str:
    """The first source's publisher, and how many more there are: "Yonhap +2"."""
    publishers = list(dict.fromkeys(s.publisher for s in session.catalog.cited(source_ids)))
    more = f" +{len(publishers) - 1}" if len(publishers) > 1 else ""
    return publishers[0] + more


def rows_of(records: list, columns: list[Column]) -> list[dict[str, Value]]:
    """Rows for columns named after the records' own fields; lists become "a, b"."""

    def cell(value: object) -> Value:
        return ", ".join(value) if isinstance(value, list) else value

    return [{c.key: cell(getattr(record, c.key)) for c in columns} for record in records]
