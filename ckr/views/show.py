"""ckr show: any one record, a field per row, with its sources' titles and URLs."""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from ckr import countries, records
from ckr.listing import Column, Listing
from ckr.model import Domain, Figure, Record, Source, VisaRule
from ckr.text import display_url
from ckr.views.common import confirmed_when
from ckr.views.domains import headline

if TYPE_CHECKING:
    from ckr.session import Session


def record_listing(session: Session, kind: str, record: Record) -> Listing:
    """Any one record in full: a field per row, each source with its title and URL. Machine
    formats give the record's row (ckr.records), its record_kind and its sources in full."""
    lines = [{"field": "record_kind", "value": kind}]
    for name, value in msgspec.structs.asdict(record).items():
        if name != "sources":
            lines += [
                {"field": label, "value": text}
                for label, text in _field_lines(session, name, value)
            ]
    if isinstance(record, VisaRule):
        lines.append({"field": "age", "value": confirmed_when(record.as_of, session.today)})
    for line in lines:  # a source's own URL: readable, and a link to itself
        if isinstance(record, Source) and line["field"] == "url":
            line.update(value=display_url(record.url), url=record.url)
    for source in session.catalog.by_trust(_cited_by(record)):
        # The URL on a line of its own, so a long one is never broken.
        lines.append({"field": "source", "value": source_line(source), "url": source.url})
        lines.append({"field": "", "value": display_url(source.url), "url": source.url})
    for line in lines:
        line.setdefault("url", None)
    # "record_kind": a source's own fields include its `kind` (official, news, ...).
    row = {"record_kind": kind, **records.row_of(session.catalog, kind, record, session.today)}
    row["source_details"] = [
        msgspec.to_builtins(s) for s in session.catalog.by_trust(_cited_by(record))
    ]
    return Listing(
        fields=list(row),
        rows=[row],
        single=True,
        columns=[
            Column("field", "Field", wrap=False),
            Column("value", "Value", min_width=20, link="url"),
        ],
        table_rows=lines,
        title=f"{kind} {record.id}",
    )


def source_line(source: Source) -> str:
    """ "Yonhap (news): Title, published 2023-08-14, accessed 2026-11-25" (the URL goes on
    a line of its own)."""
    published = f", published {source.published}" if source.published else ""
    return (
        f"{source.publisher} ({source.kind}): {source.title}{published}, accessed {source.accessed}"
    )


def _cited_by(record: Record) -> list[str]:
    """The sources a record cites; for a domain, those of its figures, agreements, notes."""
    if isinstance(record, Domain):
        parts = [*record.figures, *record.agreements, *record.notes]
        return list(dict.fromkeys(i for part in parts for i in part.sources))
    return getattr(record, "sources", [])


def _field_lines(session: Session, name: str, value: object) -> list[tuple[str, str]]:
    """A field as (label, text) lines: one per list item, none for empty values."""
    if value is None or value == [] or value == "":
        return []
    if not isinstance(value, list):
        return [(name, _one_line(value))]
    label = name.removesuffix("s")
    if all(isinstance(item, str) for item in value):  # ids of other records
        return [(label, _with_title(session, item)) for item in value]
    return [(label, _one_line(item)) for item in value]


def _one_line(value: object) -> str:
    """A domain's figure, agreement or note on one line, its id first (to show it alone)."""
    if isinstance(value, Figure):
        note = f"; {value.note}" if value.note else ""
        return f"{value.id}: {headline(value)}{note}"  # the headline says any doubt
    if isinstance(value, msgspec.Struct):
        fields = msgspec.structs.asdict(value)
        shown = " · ".join(str(v) for k, v in fields.items() if k not in ("id", "sources") and v)
        return f"{fields['id']}: {shown}" if "id" in fields else shown
    return str(value)


def _with_title(session: Session, record_id: str) -> str:
    """An id in a list of references, with what it names: "2021-fta: FTA signed"."""
    if record_id not in session.catalog.records:
        return record_id
    _kind, record = session.catalog.records[record_id]
    name = getattr(record, "title", None) or getattr(record, "name", None)
    if isinstance(record, VisaRule):
        who, where = countries.name_of(record.nationality), countries.name_of(record.destination)
        name = f"citizens of {who} in {where}"
    return f"{record_id}: {name}" if name else record_id
