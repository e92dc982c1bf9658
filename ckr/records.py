"""One vocabulary per record type: the flat row a script gets, and the header people see.

Each kind of record has one list of field names, the same in JSON, NDJSON, CSV, TSV and
`--fields`, in every view that lists it. Values are raw and typed: numbers are numbers,
booleans booleans, dates ISO 8601 at their precision, lists of ids lists (joined with ";"
in CSV and TSV), missing values null. Country fields hold the ISO code, with a `*_name`
field beside them. Views pick and order these fields for tables; render never renames them.
Knows nothing of terminals.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ckr import countries, dates, query

if TYPE_CHECKING:
    from ckr.dataset import Catalog
    from ckr.history import Change
    from ckr.model import Agreement, Claim, Domain, Event, Figure, Note, Source, VisaRule

Row = dict[str, object]

# A visa rule's practical details for the traveller, null where no page states them.
DETAILS = [
    "fee_amount",
    "fee_currency",
    "e_visa",
    "extension",
    "passport_validity_months",
    "onward_ticket",
    "entry_points",
    "details_sources",
]

# Fields shared by every record that cites sources: how far to trust it, and on what.
TRUST = ["confidence", "sources", "best_source", "best_source_kind"]

FIGURE = ["id", "domain", "label", "value", "unit", "period", "reported_by", "note", *TRUST]

FIELDS: dict[str, list[str]] = {
    "event": ["id", "date", "title", "summary", "category", "note", *TRUST, "single_source"],
    "visa rule": [
        "id",
        "nationality",
        "nationality_name",
        "destination",
        "destination_name",
        "regime",
        "max_stay_days",
        "effective_from",
        "effective_until",
        "first_confirmed",
        "status",
        "as_of",
        "age_days",
        "stale",
        "notes",
        *TRUST,
        *DETAILS,
    ],
    "figure": FIGURE,
    "agreement": ["id", "domain", "name", "date", "sources", "best_source", "best_source_kind"],
    "domain note": ["id", "domain", "text", *TRUST],
    "domain": ["id", "name", "summary", "headline", "figures", "agreements", "notes"],
    # One domain's figures, agreements and notes in one listing: a figure's fields, with an
    # agreement's name or a note's text as the label and an agreement's date as the period.
    "domain item": ["kind", *FIGURE],
    "claim": [
        "id",
        "claim",
        "verdict",
        "finding",
        "sources",
        "best_source",
        "best_source_kind",
        "events",
        "visa",
        "domains",
    ],
    "source": ["id", "kind", "publisher", "title", "url", "published", "accessed", "cited_by"],
    # One line of `ckr coverage`: a collection, or the passports or destinations covered.
    "coverage line": ["topic", "domain", "count", "first", "last", "codes", "names"],
    # A visa rule that began or ended (ckr changes): when, the rule, and the rules in force
    # the day before and on the day, for the same passport and place.
    "visa change": [
        "date",
        "change",
        "rule",
        "nationality",
        "nationality_name",
        "destination",
        "destination_name",
        "before_rule",
        "before_regime",
        "before_max_stay_days",
        "after_rule",
        "after_regime",
        "after_max_stay_days",
        *TRUST,
    ],
}

# What tables call each field.
HEADERS = {
    "id": "Id",
    "date": "Date",
    "title": "Title",
    "summary": "Summary",
    "category": "Category",
    "note": "Note",
    "notes": "Notes",
    "confidence": "Confidence",
    "sources": "Sources",
    "best_source": "Source",
    "best_source_kind": "Source kind",
    "single_source": "Single source",
    "nationality": "Passport code",
    "nationality_name": "Passport",
    "destination": "Destination code",
    "destination_name": "Destination",
    "regime": "Rule",
    "max_stay_days": "Max stay",
    "effective_from": "From",
    "effective_until": "Until",
    "first_confirmed": "First confirmed",
    "status": "Status",
    "as_of": "As of",
    "age_days": "Age in days",
    "stale": "Stale",
    "domain": "Domain",
    "label": "Figure",
    "value": "Value",
    "unit": "Unit",
    "period": "Period",
    "reported_by": "Reported by",
    "name": "Name",
    "text": "Text",
    "headline": "Headline figure",
    "figures": "Figures",
    "agreements": "Agreements",
    "claim": "The seed says",
    "verdict": "Verdict",
    "finding": "Finding",
    "events": "Events",
    "visa": "Visa rules",
    "domains": "Domains",
    "kind": "Kind",
    "publisher": "Publisher",
    "url": "URL",
    "published": "Published",
    "accessed": "Accessed",
    "cited_by": "Cited by",
    "fee_amount": "Fee",
    "fee_currency": "Currency",
    "e_visa": "E-visa",
    "extension": "Extension",
    "passport_validity_months": "Passport valid (months)",
    "onward_ticket": "Onward ticket",
    "entry_points": "Entry points",
    "details_sources": "Detail sources",
    "change": "Change",
    "rule": "Rule id",
    "before_rule": "Rule before",
    "before_regime": "Before",
    "before_max_stay_days": "Stay before",
    "after_rule": "Rule after",
    "after_regime": "After",
    "after_max_stay_days": "Stay after",
}


def header(field: str) -> str:
    return HEADERS.get(field, field.replace("_", " ").capitalize())


def _trust(catalog: Catalog, sources: list[str], confidence: str | None) -> Row:
    best = catalog.best_source(sources)
    row: Row = {"confidence": confidence} if confidence is not None else {}
    return row | {
        "sources": list(sources),
        "best_source": best.id,
        "best_source_kind": best.kind,
    }


def event_row(catalog: Catalog, event: Event) -> Row:
    return {
        "id": event.id,
        "date": event.date,
        "title": event.title,
        "summary": event.summary,
        "category": event.category,
        "note": event.note,
        **_trust(catalog, event.sources, event.confidence),
        # A verified event rests on two independent pages where two exist; this says when
        # only one page backs it.
        "single_source": len(set(event.sources)) == 1,
    }


def visa_row(catalog: Catalog, rule: VisaRule, today: dt.date, on: dt.date | None = None) -> Row:
    """A rule; its status ("in force", "ended", "scheduled", or "start unknown" for a day
    before its start is known) on the day `on`, today unless given."""
    age = dates.age_in_days(rule.as_of, today)
    first = query.first_confirmed(catalog, rule)
    return {
        "id": rule.id,
        "nationality": rule.nationality,
        "nationality_name": countries.name_of(rule.nationality),
        "destination": rule.destination,
        "destination_name": countries.name_of(rule.destination),
        "regime": rule.regime,
        "max_stay_days": rule.max_stay_days,
        "effective_from": rule.effective_from,
        "effective_until": rule.effective_until,
        "first_confirmed": first,
        "status": query.status(rule, on or today, first),
        "as_of": rule.as_of,
        "age_days": age,
        "stale": query.is_stale(age),
        "notes": rule.notes,
        **_trust(catalog, rule.sources, rule.confidence),
        **_details(rule),
    }


def _details(rule: VisaRule) -> Row:
    details = rule.details
    if details is None:
        return dict.fromkeys(DETAILS)
    fields = {name: getattr(details, name) for name in DETAILS[:-1]}
    return fields | {"details_sources": list(details.sources)}


def figure_row(catalog: Catalog, domain: Domain, figure: Figure) -> Row:
    return {
        "id": figure.id,
        "domain": domain.id,
        "label": figure.label,
        "value": figure.value,
        "unit": figure.unit,
        "period": figure.period,
        "reported_by": figure.reported_by,
        "note": figure.note,
        **_trust(catalog, figure.sources, figure.confidence),
    }


def agreement_row(catalog: Catalog, domain: Domain, agreement: Agreement) -> Row:
    return {
        "id": agreement.id,
        "domain": domain.id,
        "name": agreement.name,
        "date": agreement.date,
        **_trust(catalog, agreement.sources, None),
    }


def note_row(catalog: Catalog, domain: Domain, note: Note) -> Row:
    return {
        "id": note.id,
        "domain": domain.id,
        "text": note.text,
        **_trust(catalog, note.sources, note.confidence),
    }


def domain_items(catalog: Catalog, domain: Domain) -> list[Row]:
    """A domain's figures, agreements and notes as rows of the "domain item" vocabulary."""
    blank = dict.fromkeys(FIELDS["domain item"])
    rows = [blank | {"kind": "figure"} | figure_row(catalog, domain, f) for f in domain.figures]
    for agreement in domain.agreements:
        row = agreement_row(catalog, domain, agreement)
        label, period = row.pop("name"), row.pop("date")
        rows.append(blank | row | {"kind": "agreement", "label": label, "period": period})
    for note in domain.notes:
        row = note_row(catalog, domain, note)
        rows.append(blank | row | {"kind": "note", "label": row.pop("text")})
    return rows


def domain_row(domain: Domain) -> Row:
    top = query.headline_figure(domain)
    return {
        "id": domain.id,
        "name": domain.name,
        "summary": domain.summary,
        "headline": top.id if top else None,
        "figures": [f.id for f in domain.figures],
        "agreements": [a.id for a in domain.agreements],
        "notes": [n.id for n in domain.notes],
    }


def claim_row(catalog: Catalog, claim: Claim) -> Row:
    return {
        "id": claim.id,
        "claim": claim.claim,
        "verdict": claim.verdict,
        "finding": claim.finding,
        **_trust(catalog, claim.sources, None),
        "events": list(claim.events),
        "visa": list(claim.visa),
        "domains": list(claim.domains),
    }


def source_row(source: Source, cited_by: int) -> Row:
    return {
        "id": source.id,
        "kind": source.kind,
        "publisher": source.publisher,
        "title": source.title,
        "url": source.url,
        "published": source.published,
        "accessed": source.accessed,
        "cited_by": cited_by,
    }


def change_row(catalog: Catalog, change: Change) -> Row:
    rule, before, after = change.rule, change.before, change.after
    return {
        "date": change.date,
        "change": change.change,
        "rule": rule.id,
        "nationality": rule.nationality,
        "nationality_name": countries.name_of(rule.nationality),
        "destination": rule.destination,
        "destination_name": countries.name_of(rule.destination),
        "before_rule": before.id if before else None,
        "before_regime": before.regime if before else None,
        "before_max_stay_days": before.max_stay_days if before else None,
        "after_rule": after.id if after else None,
        "after_regime": after.regime if after else None,
        "after_max_stay_days": after.max_stay_days if after else None,
        **_trust(catalog, rule.sources, rule.confidence),
    }


def row_of(catalog: Catalog, kind: str, record, today: dt.date, on: dt.date | None = None) -> Row:
    """Any one record's row, by its kind ("event", "visa rule", "figure", ...): what
    `ckr show` and the browser print of it."""
    if kind == "source":
        return source_row(record, query.citation_counts(catalog.data)[record.id])
    if kind == "visa rule":
        return visa_row(catalog, record, today, on)
    if kind == "domain":
        return domain_row(record)
    if kind == "event":
        return event_row(catalog, record)
    if kind == "claim":
        return claim_row(catalog, record)
    domain = query.domain_of(catalog.data, record)
    build = {"figure": figure_row, "agreement": agreement_row}
    return build.get(kind, note_row)(catalog, domain, record)
