"""ckr show: any one record, a field per row, with its sources' titles and URLs."""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from ckr import countries, query
from ckr.listing import Column, Listing
from ckr.model import Domain, Figure, Record, Source, VisaRule
from ckr.views.common import confirmed_when, record_json
from ckr.views.domains import domain_record, headline
from ckr.views.visa import visa_record

if TYPE_CHECKING:
    from ckr.session import Session


def record_listing(session: Session, kind: str, record: Record) -> Listing:
    """Any one record in full: a field per row, each source with its title and URL."""
    rows = [{"field": "kind", "value": kind}]
    for name, value in msgspec.structs.asdict(record).items():
        if name != "sources":
            rows += [
                {"field": label, "value": text}
                for label, text in _field_lines(session, name, value)
            ]
    if isinstance(record, VisaRule):
        rows.append({"field": "age", "value": confirmed_when(record.as_of, session.today)})
    for source in session.catalog.cited(_cited_by(record)):
        text = f"{source.publisher}: {source.title} <{source.url}>"
        rows.append({"field": "source", "value": text, "url": source.url})
    for row in rows:
        row.setdefault("url", None)
    return Listing(
        columns=[
            Column("field", "Field", wrap=False),
            Column("value", "Value", min_width=20, link="url"),
            Column("url", "URL", in_table=False),
        ],
        rows=rows,
        records={"kind": kind, **_full_record(session, record)},
        title=f"{kind} {record.id}",
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
    if isinstance(value, Figure):
        note = f"; {value.note}" if value.note else ""
        return f"{headline(value)}, reported by {value.reported_by} [{value.confidence}]{note}"
    if isinstance(value, msgspec.Struct):
        fields = msgspec.structs.asdict(value)
        return " · ".join(str(v) for k, v in fields.items() if k != "sources" and v)
    return str(value)


def _with_title(session: Session, record_id: str) -> str:
    """An id in a list of references, with what it names: "2021-fta: FTA signed"."""
    try:
        _kind, record = query.find_record(session.catalog.data, record_id)
    except query.NotInData:
        return record_id
    name = getattr(record, "title", None) or getattr(record, "name", None)
    if isinstance(record, VisaRule):
        who, where = countries.name_of(record.nationality), countries.name_of(record.destination)
        name = f"citizens of {who} in {where}"
    return f"{record_id}: {name}" if name else record_id


def _full_record(session: Session, record: Record) -> dict:
    if isinstance(record, Domain):
        return domain_record(session, record)
    if isinstance(record, VisaRule):
        return visa_record(session, record)
    if isinstance(record, Source):
        return msgspec.to_builtins(record)
    return record_json(session, record)
