"""ckr timeline: events as rows, or counted per year and category for a chart."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ckr import query, records
from ckr.listing import Chart, Column, Listing
from ckr.model import Event
from ckr.views.common import caption, source_column

if TYPE_CHECKING:
    from ckr.session import Session


def events_listing(session: Session, events: list[Event]) -> Listing:
    rows = [records.event_row(session.catalog, e) for e in events]
    single = sum(1 for row in rows if row["single_source"])
    remark = f"{single} resting on a single page" if single else ""
    return Listing(
        fields=records.FIELDS["event"],
        rows=rows,
        columns=[
            Column("date", "Date", wrap=False),
            Column("title", "Event", under="id", min_width=16),
            Column("category", "Category", wrap=False),
            # An event that rests on one page says so beside its confidence.
            Column("confidence", "Confidence", text=_confidence_and_pages, min_width=8),
            source_column(session),
        ],
        caption=caption(session, len(events), "event", remark) + " · ckr show ID for one in full",
        empty_message="No events match these filters.",
    )


def _confidence_and_pages(row: dict) -> str:
    return f"{row['confidence']} (1 page)" if row["single_source"] else str(row["confidence"])


def timeline_chart_listing(session: Session, events: list[Event]) -> Listing:
    """Events per year and category: the rows scripts get, the bars people see.

    Years come in the order of `events`: oldest first, or newest first with --reverse.
    """
    counts: dict[tuple[str, str], int] = {}
    for event in events:
        key = (event.date[:4], query.category_key(event.category))
        counts[key] = counts.get(key, 0) + 1
    rows = [{"year": int(y), "category": c, "events": n} for (y, c), n in counts.items()]
    return Listing(
        fields=["year", "category", "events"],
        rows=rows,
        columns=[
            Column("year", "Year"),
            Column("category", "Category"),
            Column("events", "Events"),
        ],
        title="Events per year, by category",
        caption=caption(session, len(events), "event"),
        empty_message="No events match these filters.",
        chart=Chart(label="year", series="category", value="events", stacked=True),
    )
