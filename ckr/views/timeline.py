"""ckr timeline: events as rows, or counted per year and category for a chart."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ckr.listing import Chart, Column, Listing
from ckr.model import Event
from ckr.views.common import caption, record_json, rows_of

if TYPE_CHECKING:
    from ckr.session import Session


EVENT_COLUMNS = [
    Column("date", "Date", wrap=False),
    Column("title", "Event"),
    Column("category", "Category"),
    Column("confidence", "Confidence"),
    # With --fields only: what scripts need beyond the table.
    Column("id", "Id", optional=True),
    Column("summary", "Summary", optional=True),
    Column("note", "Note", optional=True),
    Column("sources", "Sources", optional=True),
]


def events_listing(session: Session, events: list[Event]) -> Listing:
    rows = rows_of(events, EVENT_COLUMNS)
    return Listing(
        columns=EVENT_COLUMNS,
        rows=rows,
        records=[record_json(session, e) for e in events],
        record_keys=list(Event.__struct_fields__),
        caption=caption(session, len(events), "event"),
        empty_message="No events match these filters.",
    )


def timeline_chart_listing(session: Session, events: list[Event]) -> Listing:
    """Events per year and category: the rows scripts get, the bars people see.

    Years come in the order of `events`: oldest first, or newest first with --reverse.
    """
    counts: dict[tuple[str, str], int] = {}
    for event in events:
        key = (event.date[:4], event.category.casefold())
        counts[key] = counts.get(key, 0) + 1
    rows = [{"year": y, "category": c, "events": n} for (y, c), n in counts.items()]
    return Listing(
        columns=[
            Column("year", "Year"),
            Column("category", "Category"),
            Column("events", "Events"),
        ],
        rows=rows,
        records=rows,
        record_keys=["year", "category", "events"],
        title="Events per year, by category",
        caption=caption(session, len(events), "event"),
        empty_message="No events match these filters.",
        chart=Chart(label="year", series="category", value="events", stacked=True),
    )
