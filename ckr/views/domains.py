"""ckr domains and ckr figures: the domains with headline figures, one domain in full,
every figure as one tidy listing, and a domain's measure as a chart."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ckr import query, records
from ckr.listing import Chart, Column, Listing
from ckr.model import Domain, Figure
from ckr.text import format_number
from ckr.views.common import MARKS, caption, confidence_column, source_column

if TYPE_CHECKING:
    from ckr.session import Session


def headline(figure: Figure) -> str:
    """ "Two-way trade in goods: 762 USD million (2024, Cambodia Ministry of Commerce)" """
    doubt = "" if figure.confidence == "verified" else f", {figure.confidence}"
    return (
        f"{figure.label}: {format_number(figure.value)} {figure.unit} "
        f"({figure.period}, {figure.reported_by}{doubt})"
    )


def value_words(row: dict) -> str:
    return "" if row["value"] is None else f"{format_number(row['value'])} {row['unit']}"


def domains_listing(session: Session, domains: list[Domain]) -> Listing:
    shown = {}
    for domain in domains:
        top = query.headline_figure(domain)
        shown[domain.id] = headline(top) if top else "—"
    return Listing(
        fields=records.FIELDS["domain"],
        rows=[records.domain_row(d) for d in domains],
        columns=[
            Column("id", "Id", wrap=False),
            Column("name", "Domain", wrap=False),
            Column("headline", "Headline figure", text=lambda row: shown[row["id"]]),
            Column("summary", "Summary"),
        ],
        caption=caption(session, len(domains), "domain") + " · ckr domains ID for details",
        empty_message="The dataset has no domains.",
    )


def domain_listing(session: Session, domain: Domain) -> Listing:
    """One domain's figures (with who reported each), agreements and notes, in one table."""
    rows = records.domain_items(session.catalog, domain)
    return Listing(
        fields=records.FIELDS["domain item"],
        rows=rows,
        columns=[
            Column("label", "Item", under="id", min_width=10),
            Column("kind", "Kind", wrap=False),
            Column("period", "When", min_width=10),
            Column("value", "Value", text=value_words, justify="right"),
            Column("reported_by", "Reported by"),
            confidence_column(),
            source_column(session),
        ],
        title=domain.name,
        intro=domain.summary,
        caption=caption(session, len(rows), "fact") + " · ckr show ID for one with its sources",
        empty_message=f"The {domain.name} domain has no figures, agreements or notes yet.",
    )


def figures_listing(
    session: Session, figures: list[tuple[Domain, Figure]], whole: bool = True
) -> Listing:
    """Every figure of the chosen domains as one tidy listing, one figure a row. With
    `whole` (no filter but the domain), a line under the table names each domain's main
    series and the years it has no value for."""
    shown = list({domain.id: domain for domain, _figure in figures}.values()) if whole else []
    return Listing(
        fields=records.FIELDS["figure"],
        rows=[records.figure_row(session.catalog, d, f) for d, f in figures],
        columns=[
            Column("domain", "Domain", wrap=False),
            Column("label", "Figure", under="id", min_width=12),
            Column("value", "Value", text=value_words, justify="right"),
            Column("period", "Period", min_width=7),
            Column("reported_by", "Reported by", min_width=10),
            confidence_column(),
            source_column(session),
        ],
        caption=caption(session, len(figures), "figure") + " · ckr show ID for one in full",
        empty_message="No figures match.",
        notes=[note for domain in shown if (note := _series_gaps(domain))],
    )


def _series_gaps(domain: Domain) -> str:
    """ "Labour (EPS), main series Cambodian workers sent to Korea under the EPS: no value
    found for 2013-2015", or "" where the main series has no gap."""
    series = query.main_series(domain)
    gaps = _gaps(series)
    if not gaps:
        return ""
    return f"{domain.name}, main series {series[0].label}: no value found for {_years(gaps)}"


def _gaps(series: list[Figure]) -> list[str]:
    """The years between a series' first and last with no value: real gaps, not zeros."""
    found = {figure.period for figure in series}
    return [year for year in query.years_between(series) if year not in found] if series else []


def domain_chart_listing(session: Session, domain: Domain) -> Listing:
    """The domain's main measure over time, one series per reporting body; years with no
    value stay on the axis as gaps."""
    series = query.main_series(domain)
    rows = [records.figure_row(session.catalog, domain, f) for f in series]
    label, unit = (series[0].label, series[0].unit) if series else ("", "")
    axis = query.years_between(series) if series else None
    gaps = _gaps(series)
    gap_note = f" · no value found for {_years(gaps)}" if gaps else ""
    return Listing(
        fields=records.FIELDS["figure"],
        rows=rows,
        columns=[
            Column("period", "Period"),
            Column("reported_by", "Reported by"),
            Column("value", "Value", justify="right"),
            Column("unit", "Unit"),
            confidence_column(),
        ],
        title=f"{domain.name}: {label} ({unit})" if rows else domain.name,
        caption=caption(session, len(rows), "figure")
        + gap_note
        + f" · all figures: ckr figures --domain {domain.id}",
        empty_message=f"The {domain.name} domain has no measure reported more than once to chart.",
        chart=Chart(
            label="period",
            series="reported_by",
            value="value",
            stacked=False,
            axis=axis,
            mark="confidence",
            marks=MARKS,
            marks_hint=f"ckr figures --domain {domain.id} says why",
        ),
    )


def _years(years: list[str]) -> str:
    """ "2001-2003, 2007" """
    spans: list[list[int]] = []
    for year in map(int, years):
        if spans and spans[-1][1] == year - 1:
            spans[-1][1] = year
        else:
            spans.append([year, year])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)
