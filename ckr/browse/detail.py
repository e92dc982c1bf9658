"""One record in full, as the browser shows it: its fields, how far to trust it, its sources
and the records it links to (and those that link to it). No Textual here.

The fields are the record's row in ckr.records' vocabulary, with the tables' headers and
words ("visa-free", "30 days"); the links are found in the dataset, both ways: a claim's
events, visa rules and domains, and for an event the domains and claims that name it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ckr import countries, dates, query, records
from ckr.dataset import KINDS, citing_records, identified
from ckr.model import Domain, Record, Source
from ckr.text import format_number
from ckr.views.common import confirmed_when, days, regime_words, since_words
from ckr.views.domains import headline

# Fields shown elsewhere than among the fields: trust, links, codes beside their names.
NOT_A_FIELD = {
    "id",
    *records.TRUST,
    "single_source",
    "nationality",
    "destination",
    "as_of",
    "age_days",
    "stale",
    "status",
    "verdict",
    "unit",
    "fee_currency",
    "figures",
    "agreements",
    "notes",
    "events",
    "visa",
    "domains",
    "domain",
    "cited_by",
}


@dataclass(frozen=True)
class Link:
    kind: str  # "event", "visa rule", ...
    id: str
    text: str  # "2021-fta: FTA signed"


@dataclass
class Detail:
    kind: str
    id: str
    title: str
    fields: list[tuple[str, str]]
    trust: list[tuple[str, str]]
    sources: list[Source]  # best first
    # Where the sources cited only for a part of the record (travel details) begin.
    parts_from: int | None = None
    links: list[tuple[str, list[Link]]] = field(default_factory=list)  # (heading, links)
    own: Source | None = None  # the record itself, when it is a source

    @property
    def best_source(self) -> Source | None:
        return self.own or (self.sources[0] if self.sources else None)

    def citation(self) -> str | None:
        return citation(self.best_source) if self.best_source else None


def citation(source: Source) -> str:
    """The source in APA style, as `ckr cite` prints it (citeproc is loaded only now)."""
    from ckr import cite

    return cite.styled([cite.source_item(source)], "apa")[0]


def describe(session, record_id: str, on: dt.date | None = None) -> Detail:
    """The record with this id in full; a visa rule's status as on `on` (today if None)."""
    catalog, today = session.catalog, session.today
    kind, record = query.find_record(catalog.data, record_id)
    row = records.row_of(session.catalog, kind, record, session.today, on)
    own = record if isinstance(record, Source) else None
    # The record's own sources first, best first, as in its table row; then those cited
    # only for a part of it (a rule's travel details).
    own_ids = list(getattr(record, "sources", []))
    mine = [] if own else catalog.by_trust(own_ids)
    for_parts = (
        [] if own else catalog.by_trust([i for i in query.cited_ids(record) if i not in own_ids])
    )
    cited = mine + for_parts
    title = name_of(kind, record)
    fields = [
        (records.header(key), _words(key, value, row, record))
        for key, value in row.items()
        if key not in NOT_A_FIELD and value not in (None, "", [])
    ]
    return Detail(
        kind=kind,
        id=record.id,
        title=title,
        fields=[(label, text) for label, text in fields if text != title],
        trust=_trust(kind, record, row, cited, on or today, today),
        sources=cited,
        parts_from=len(mine) if for_parts and mine else None,
        links=[(heading, found) for heading, found in _links(session, kind, record) if found],
        own=own,
    )


def _words(key: str, value: object, row: dict, record: Record) -> str:
    """A field's value for people: "visa-free", "30 days", "762 USD million", "yes"."""
    if key == "regime":
        return regime_words(value)
    if key == "max_stay_days":
        return days(value)
    if key == "value":
        return f"{format_number(value)} {row['unit']}"
    if key == "fee_amount":
        return f"{format_number(value)} {row.get('fee_currency') or ''}".strip()
    if key == "headline" and isinstance(record, Domain):
        top = query.headline_figure(record)
        return headline(top) if top else str(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def _trust(kind, record, row, cited, on: dt.date, today: dt.date) -> list[tuple[str, str]]:
    lines = []
    if "verdict" in row:
        lines.append(("Verdict", str(row["verdict"])))
    if row.get("confidence"):
        lines.append(("Confidence", str(row["confidence"])))
    if kind == "visa rule":
        if not row["effective_from"]:
            lines.append(("From", since_words(row)))
        if not row["effective_until"]:
            lines.append(("Until", "open"))
        lines.append(("Status", f"{row['status']} on {on}"))
        lines.append(("As of", f"{row['as_of']} ({confirmed_when(str(row['as_of']), today)})"))
    elif cited:
        checked = max(source.accessed for source in cited)  # the newest access date
        lines.append(("Checked", f"{checked} ({_ago(checked, today)})"))
    if kind == "source":
        lines.append(("Cited by", f"{row['cited_by']} records"))
    elif cited:
        count = "1, a single page" if len(cited) == 1 else str(len(cited))
        lines.append(("Sources", f"{count} (best: {cited[0].kind})"))
    return lines


def _ago(date: str, today: dt.date) -> str:
    if dates.first_day(date) > today:
        return "later than today"
    age = dates.age_in_days(date, today)
    return "today" if age == 0 else f"{dates.describe_age(age)} ago"


def name_of(kind: str, record: Record) -> str:
    """What a record is called in a list of links."""
    if kind == "visa rule":
        who, where = countries.name_of(record.nationality), countries.name_of(record.destination)
        stay = f" {record.max_stay_days} days" if record.max_stay_days else ""
        start = record.effective_from or "start unknown"
        return (
            f"{who} passport to {where}: {regime_words(record.regime)}{stay}, "
            f"{start} to {record.effective_until or 'open'}"
        )
    if kind == "figure":
        return headline(record)
    if kind == "agreement":
        return f"{record.name} ({record.date})"
    if kind == "source":
        return f"{record.publisher}: {record.title}"
    text = (
        getattr(record, "title", None)
        or getattr(record, "name", None)
        or getattr(record, "claim", None)
        or getattr(record, "text", "")
    )
    return text if len(text) <= 120 else text[:119].rstrip() + "…"


def _link(kind: str, record: Record) -> Link:
    return Link(kind, record.id, f"{record.id}: {name_of(kind, record)}")


def _links(session, kind: str, record: Record) -> list[tuple[str, list[Link]]]:
    data = session.catalog.data
    by_id = {item.id: (k, item) for k, _where, item in identified(data)}

    def linked(ids) -> list[Link]:
        return [_link(*by_id[i]) for i in ids if i in by_id]

    claims_naming = [
        _link("claim", claim)
        for claim in data.claims
        if record.id in (*claim.events, *claim.visa, *claim.domains)
    ]
    if kind == "claim":
        return [
            ("Events", linked(record.events)),
            ("Visa rules", linked(record.visa)),
            ("Domains", linked(record.domains)),
        ]
    if kind == "domain":
        return [
            ("Figures", [_link("figure", f) for f in record.figures]),
            ("Agreements", [_link("agreement", a) for a in record.agreements]),
            ("Notes", [_link("domain note", n) for n in record.notes]),
            ("Related events", linked(record.related_events)),
            ("Claims", claims_naming),
        ]
    if kind == "event":
        relating = [_link("domain", d) for d in data.domains if record.id in d.related_events]
        return [("Domains", relating), ("Claims", claims_naming)]
    if kind == "visa rule":
        periods = query.visa_history(data, record.nationality, (record.destination,))
        others = [_link("visa rule", r) for r in periods if r.id != record.id]
        return [("Other periods", others), ("Claims", claims_naming)]
    if kind == "source":
        return [("Cited by", _citing(data, record.id))]
    owner = query.domain_of(data, record)
    return [("Domain", [_link("domain", owner)] if owner else [])]


def _citing(data, source_id: str) -> list[Link]:
    """The records that cite a source; a visa rule's practical details count as the rule."""
    found: dict[str, Link] = {}
    for where, item in citing_records(data):
        if source_id not in item.sources:
            continue
        if where[-1] == "details":
            where, item = where[:2], data.visa[where[1]]
        kind = KINDS[where[2]] if len(where) == 4 else KINDS[where[0]]
        found.setdefault(item.id, _link(kind, item))
    return list(found.values())
