"""ckr visa: rules for one passport, the matrix, their history, and the comparison.

Every view lists visa-rule rows (ckr.records) for scripts; the matrix and the comparison
are table layouts of the same rows. Each shows how far to trust a rule: its confidence,
its age and the kind of page it rests on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ckr import countries, dates, query, records
from ckr.listing import Column, Listing, Row, Value
from ckr.model import VisaRule
from ckr.views.common import (
    MARKS,
    MARKS_NOTE,
    SOURCE_KIND_NOTE,
    caption,
    confidence_column,
    confirmed_when,
    days,
    regime_words,
    since_words,
    source_column,
)

if TYPE_CHECKING:
    import datetime as dt

    from ckr.session import Session

WEAK_KINDS = {"guide", "blog"}


def _rows(session: Session, rules: list[VisaRule], on: dt.date) -> list[Row]:
    return [records.visa_row(session.catalog, r, session.today, on) for r in rules]


def _as_of(session: Session):
    def show(row: Row) -> str:
        return f"{row['as_of']} ({confirmed_when(str(row['as_of']), session.today)})"

    return show


def _trust_caption(session: Session, rows: list[Row], noun: str = "rule") -> str:
    """ "11 rules · 4 stale · 2 disputed · 3 on guides or blogs alone · dataset ..." """
    real = [row for row in rows if row.get("id")]
    stale = sum(1 for row in real if row["stale"])
    disputed = sum(1 for row in real if row["confidence"] != "verified")
    weak = sum(1 for row in real if _rests_on_weak_pages(session, row))
    unknown = sum(1 for row in real if row["status"] == query.START_UNKNOWN)
    remarks = [
        f"{stale} stale (last confirmed over 12 months ago)" if stale else "",
        f"{disputed} disputed or seed-only" if disputed else "",
        f"{weak} resting on guides or blogs alone" if weak else "",
        f"{unknown} not yet confirmed on that date" if unknown else "",
    ]
    return caption(session, len(real), noun, " · ".join(r for r in remarks if r))


def _rests_on_weak_pages(session: Session, row: Row) -> bool:
    return all(s.kind in WEAK_KINDS for s in session.catalog.cited(row["sources"]))


def visa_listing(session: Session, nationality: str, rules: list[VisaRule], on) -> Listing:
    """One row per destination: the rule a traveller of one nationality meets on `on`."""
    rows = _rows(session, rules, on)
    name = countries.name_of(nationality)
    return Listing(
        fields=records.FIELDS["visa rule"],
        rows=rows,
        columns=[
            Column("destination_name", "Destination", under="id", wrap=False),
            Column("regime", "Rule", regime_words, min_width=9),
            Column("max_stay_days", "Max stay", days, justify="right", min_width=4),
            Column("effective_from", "Since", text=since_words, min_width=10),
            Column("as_of", "As of", text=_as_of(session), min_width=10),
            confidence_column(),
            source_column(session),
            Column("notes", "Notes", min_width=20, wide_only=True),
        ],
        title=f"Entry rules for citizens of {name}, in force on {on}",
        caption=_trust_caption(session, rows),
        notes=[SOURCE_KIND_NOTE],
        empty_message=f"No visa rules for citizens of {name} match.",
    )


def _cell_words(session: Session, row: Row | None, with_since: bool = False) -> str | None:
    """ "visa-free 45d since 2023-08-15, 1y 7mo old †" for the matrix and the comparison."""
    if row is None or not row.get("id"):
        return None
    stay = f" {row['max_stay_days']}d" if row["max_stay_days"] else ""
    start = f" since {row['effective_from']}" if row["effective_from"] and with_since else ""
    if row["status"] == query.START_UNKNOWN:
        start = f" (not confirmed before {row['first_confirmed']})"
    age = dates.describe_age(max(0, row["age_days"]))
    mark = MARKS.get(str(row["confidence"]), "")
    stale = ", stale" if row["stale"] else ""
    return f"{regime_words(row['regime'])}{stay}{start}, confirmed {age} ago{stale}{mark}"


def visa_matrix_listing(session: Session, rules: list[VisaRule], on) -> Listing:
    """Destinations down, nationalities across: the rule, stay and age in each cell."""
    rows = _rows(session, rules, on)
    nationalities = sorted({r.nationality for r in rules})
    cells: dict[str, dict[str, Value]] = {}
    for row in rows:
        line = cells.setdefault(row["destination"], {"destination": row["destination_name"]})
        line[row["nationality"]] = _cell_words(session, row)
    for code, line in cells.items():
        if code in nationalities:
            line[code] = "own country"  # where "—" would look like a gap in the data
    columns = [Column("destination", "Destination", wrap=False)] + [
        Column(code, countries.name_of(code), min_width=10) for code in nationalities
    ]
    return Listing(
        fields=records.FIELDS["visa rule"],
        rows=rows,
        columns=columns,
        table_rows=[{c.key: line.get(c.key) for c in columns} for line in cells.values()],
        title=f"Entry rules in force on {on} (passport across, destination down)",
        caption=_trust_caption(session, rows),
        notes=[MARKS_NOTE],
        empty_message=f"No visa rules in force on {on}.",
    )


def visa_history_listing(session: Session, rules: list[VisaRule], on) -> Listing:
    """Each rule with its period and whether it has ended, applies, or is yet to come."""
    rows = _rows(session, rules, on)
    return Listing(
        fields=records.FIELDS["visa rule"],
        rows=rows,
        columns=[
            Column("destination_name", "Destination", under="id", wrap=False),
            Column("nationality_name", "Passport", wrap=False),
            Column("regime", "Rule", regime_words, min_width=9),
            Column("max_stay_days", "Max stay", days, justify="right", min_width=4),
            Column("effective_from", "From", text=since_words, min_width=10),
            Column("effective_until", "Until", lambda v: "open" if v is None else str(v)),
            Column("status", "Status", wrap=False),
            Column("as_of", "As of", text=_as_of(session), min_width=10),
            confidence_column(),
            source_column(session),
        ],
        title=f"How the rules changed (status on {on})",
        caption=_trust_caption(session, rows) + " · ckr show ID for one in full",
        empty_message="No visa rules match.",
    )


COMPARE_FIELDS = [*records.FIELDS["visa rule"], "home", "more_open_than_home"]


def visa_compare_listing(
    session: Session, comparisons: list[query.Comparison], neighbours: list[str], on
) -> Listing:
    """For each passport: the home country's rule beside each neighbour's, and where the
    home country asks more. Scripts get one row per rule (or per missing rule)."""
    home, home_name = query.HOME, countries.name_of(query.HOME)
    rows: list[Row] = []
    table_rows: list[Row] = []
    for passport, mine, theirs, more_open in comparisons:
        line: Row = {"passport": countries.name_of(passport)}
        for code, rule in [(home, mine), *theirs.items()]:
            row = _compare_row(session, passport, code, rule, on)
            row["home"] = code == home
            row["more_open_than_home"] = None if code == home else code in more_open
            rows.append(row)
            mark = " *" if code in more_open else ""
            words = _cell_words(session, row, with_since=True)
            line[code] = None if words is None else words + mark
        line["stricter_than"] = ", ".join(countries.name_of(c) for c in more_open) or "none"
        table_rows.append(line)
    columns = [Column("passport", "Passport", wrap=False), Column(home, home_name, min_width=9)]
    columns += [Column(code, countries.name_of(code), min_width=9) for code in neighbours]
    columns.append(Column("stricter_than", f"{home_name} stricter than", min_width=10))
    return Listing(
        fields=COMPARE_FIELDS,
        rows=rows,
        columns=columns,
        table_rows=table_rows,
        title=f"{home_name} beside its neighbours, rules in force on {on}",
        caption=f"* more open than {home_name} for that passport · "
        + caption(session, len(table_rows), "passport"),
        notes=[MARKS_NOTE],
        empty_message="No rules to compare.",
    )


def _compare_row(session: Session, passport: str, code: str, rule: VisaRule | None, on) -> Row:
    if rule is not None:
        return records.visa_row(session.catalog, rule, session.today, on)
    return dict.fromkeys(records.FIELDS["visa rule"]) | {
        "nationality": passport,
        "nationality_name": countries.name_of(passport),
        "destination": code,
        "destination_name": countries.name_of(code),
    }
