"""ckr domains: the list with headline figures, one domain in full, and its chart."""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from ckr.listing import Chart, Column, Listing, Value
from ckr.model import Domain, Figure
from ckr.text import format_number
from ckr.views.common import caption, flagged, record_json, source_summary

if TYPE_CHECKING:
    from ckr.session import Session


def headline(figure: Figure) -> str:
    return f"{figure.label}: {format_number(figure.value)} {figure.unit} ({figure.period})"


def domains_listing(session: Session, domains: list[Domain]) -> Listing:
    columns = [
        Column("id", "Id"),
        Column("name", "Domain"),
        Column("headline", "Headline figure"),
        Column("summary", "Summary"),
    ]
    rows = [
        {
            "id": d.id,
            "name": d.name,
            "headline": headline(d.figures[0]) if d.figures else None,
            "summary": d.summary,
        }
        for d in domains
    ]
    return Listing(
        columns=columns,
        rows=rows,
        records=[domain_record(session, d) for d in domains],
        record_keys=list(Domain.__struct_fields__),
        caption=caption(session, len(domains), "domain") + " · ckr domains ID for details",
        empty_message="The dataset has no domains.",
    )


def domain_record(session: Session, domain: Domain) -> dict:
    record = msgspec.to_builtins(domain)
    record["figures"] = [record_json(session, f) for f in domain.figures]
    record["agreements"] = [record_json(session, a) for a in domain.agreements]
    record["notes"] = [record_json(session, n) for n in domain.notes]
    return record


def domain_listing(session: Session, domain: Domain) -> Listing:
    """One domain's figures (with who reported each), agreements and notes, in one table."""
    columns = [
        Column("item", "Item", min_width=10),
        Column("kind", "Kind", wrap=False),
        Column("when", "When", min_width=10),
        Column("value", "Value", justify="right"),
        Column("reported_by", "Reported by"),
        Column("source", "Source"),
    ]

    def row(kind: str, when, item: str, sources: list[str], value=None, reported_by=None):
        return dict(
            kind=kind,
            when=when,
            item=item,
            value=value,
            reported_by=reported_by,
            source=source_summary(session, sources),
        )

    rows: list[dict[str, Value]] = [
        row(
            "figure",
            f.period,
            flagged(f.label, f.confidence),
            f.sources,
            value=f"{format_number(f.value)} {f.unit}",
            reported_by=f.reported_by,
        )
        for f in domain.figures
    ]
    rows += [row("agreement", a.date, a.name, a.sources) for a in domain.agreements]
    rows += [row("note", None, flagged(n.text, n.confidence), n.sources) for n in domain.notes]
    return Listing(
        columns=columns,
        rows=rows,
        records=domain_record(session, domain),
        title=domain.name,
        intro=domain.summary,
        caption=caption(session, len(rows), "fact"),
        empty_message=f"The {domain.name} domain has no figures, agreements or notes yet.",
    )


def domain_chart_listing(session: Session, domain: Domain) -> Listing:
    """The domain's most reported measure over time, one series per reporting body."""
    measures: dict[tuple[str, str], list[Figure]] = {}
    for figure in domain.figures:
        measures.setdefault((figure.label, figure.unit), []).append(figure)
    (label, unit), figures = max(
        measures.items(), key=lambda item: len(item[1]), default=(("", ""), [])
    )
    figures = sorted(figures, key=lambda f: f.period) if len(figures) > 1 else []
    rows = [
        {"period": f.period, "reported_by": f.reported_by, "value": f.value, "unit": f.unit}
        for f in figures
    ]
    return Listing(
        columns=[
            Column("period", "Period"),
            Column("reported_by", "Reported by"),
            Column("value", "Value", justify="right"),
            Column("unit", "Unit"),
        ],
        rows=rows,
        records=rows,
        record_keys=["period", "reported_by", "value", "unit"],
        title=f"{domain.name}: {label} ({unit})" if rows else domain.name,
        caption=caption(session, len(rows), "figure") + f" · all figures: ckr domains {domain.id}",
        empty_message=f"The {domain.name} domain has no measure reported more than once to chart.",
        chart=Chart(label="period", series="reported_by", value="value", stacked=False),
    )
