"""ckr visa: rules for one passport, the matrix, their history, and the comparison."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ckr import countries, dates, query
from ckr.listing import Column, Listing, Value
from ckr.model import VisaRule
from ckr.views.common import (
    caption,
    confirmed_when,
    days,
    record_json,
    regime_words,
    since,
    source_summary,
)

if TYPE_CHECKING:
    from ckr.session import Session


def visa_listing(session: Session, nationality: str, rules: list[VisaRule], on) -> Listing:
    """One row per destination: the rule a traveller of one nationality meets today."""

    columns = [
        Column("destination", "Destination", wrap=False),
        Column("rule", "Rule", regime_words, min_width=9),
        Column("max_stay_days", "Max stay", days, justify="right", min_width=4),
        Column("since", "Since", since, min_width=10),
        Column("as_of", "As of", _as_of_with_age(session), min_width=10),
        Column("source", "Source"),
        Column("age_days", "Age in days", in_table=False),
        Column("stale", "Stale", in_table=False),
        Column("id", "Id", optional=True),
        Column("destination_code", "Code", optional=True),
        Column("effective_until", "Until", optional=True),
        Column("confidence", "Confidence", optional=True),
        Column("notes", "Notes", optional=True),
    ]
    records = [visa_record(session, r) for r in rules]
    rows = [
        {
            "destination": record["destination_name"],
            "rule": r.regime,
            "max_stay_days": r.max_stay_days,
            "since": r.effective_from,
            "as_of": r.as_of,
            "source": source_summary(session, r.sources),
            "age_days": record["age_days"],
            "stale": "yes" if record["stale"] else "no",
            "id": r.id,
            "destination_code": r.destination,
            "effective_until": r.effective_until,
            "confidence": r.confidence,
            "notes": r.notes,
        }
        for r, record in zip(rules, records, strict=True)
    ]
    name = countries.name_of(nationality)
    return _rules_listing(
        session,
        records,
        columns,
        rows,
        title=f"Entry rules for citizens of {name}, in force on {on}",
        empty_message=f"No visa rules for citizens of {name} match.",
    )


def _rules_listing(
    session: Session, records: list[dict], columns: list[Column], rows: list, **text: str
) -> Listing:
    """What the per-passport list and the matrix share: the JSON records, and a caption
    that counts the rules and how many of them are stale."""
    stale = sum(record["stale"] for record in records)
    note = f"{stale} stale (last confirmed over 12 months ago)" if stale else ""
    return Listing(
        columns=columns,
        rows=rows,
        records=records,
        record_keys=VISA_RECORD_KEYS,
        caption=caption(session, len(records), "rule", note),
        **text,
    )


def _as_of_with_age(session: Session):
    def show(value: Value) -> str:
        return f"{value} ({confirmed_when(str(value), session.today)})"

    return show


VISA_RECORD_KEYS = [
    *VisaRule.__struct_fields__,
    "destination_name",
    "nationality_name",
    "age_days",
    "stale",
]


def visa_record(session: Session, rule: VisaRule) -> dict:
    age = dates.age_in_days(rule.as_of, session.today)
    return record_json(
        session,
        rule,
        destination_name=countries.name_of(rule.destination),
        nationality_name=countries.name_of(rule.nationality),
        age_days=age,
        stale=query.is_stale(age),
    )


def visa_matrix_listing(session: Session, rules: list[VisaRule], on) -> Listing:
    """Destinations down, nationalities across: the rule and stay in each cell."""
    nationalities = sorted({r.nationality for r in rules})
    cells: dict[str, dict[str, Value]] = {}
    for rule in rules:
        row = cells.setdefault(
            rule.destination, {"destination": countries.name_of(rule.destination)}
        )
        row[rule.nationality] = _rule_words(rule, with_since=False)
    for code, row in cells.items():
        if code in nationalities:
            row[code] = "own country"  # where "—" would look like a gap in the data
    columns = [Column("destination", "Destination", wrap=False)] + [
        Column(code, countries.name_of(code)) for code in nationalities
    ]
    rows = [{c.key: row.get(c.key) for c in columns} for row in cells.values()]
    return _rules_listing(
        session,
        [visa_record(session, r) for r in rules],
        columns,
        rows,
        title=f"Entry rules in force on {on} (passport across, destination down)",
        empty_message=f"No visa rules in force on {on}.",
    )


def _rule_words(rule: VisaRule | None, with_since: bool = True) -> str | None:
    """ "visa-free 45d since 2023-08-15" (or without the date)"""
    if rule is None:
        return None
    stay = f" {rule.max_stay_days}d" if rule.max_stay_days else ""
    start = f" since {rule.effective_from}" if rule.effective_from and with_since else ""
    return regime_words(rule.regime) + stay + start


def visa_history_listing(session: Session, rules: list[VisaRule], on) -> Listing:
    """Each rule with its period and whether it has ended, applies, or is yet to come."""
    columns = [
        Column("destination", "Destination", wrap=False),
        Column("nationality", "Passport", wrap=False),
        Column("rule", "Rule", regime_words, min_width=9),
        Column("max_stay_days", "Max stay", days, justify="right", min_width=4),
        Column("effective_from", "From", since, min_width=10),
        Column("effective_until", "Until", lambda v: "open" if v is None else str(v), min_width=10),
        Column("status", "Status", wrap=False),
        Column("id", "Id", in_table=False),
    ]
    rows = [
        {
            "destination": countries.name_of(r.destination),
            "nationality": countries.name_of(r.nationality),
            "rule": r.regime,
            "max_stay_days": r.max_stay_days,
            "effective_from": r.effective_from,
            "effective_until": r.effective_until,
            "status": query.status(r, on),
            "id": r.id,
        }
        for r in rules
    ]
    return Listing(
        columns=columns,
        rows=rows,
        records=[visa_record(session, r) | {"status": query.status(r, on)} for r in rules],
        record_keys=[*VISA_RECORD_KEYS, "status"],
        title=f"How the rules changed (status on {on})",
        caption=caption(session, len(rules), "rule") + " · ckr show ID for one in full",
        empty_message="No visa rules match.",
    )


def visa_compare_listing(
    session: Session, comparisons: list[query.Comparison], neighbours: list[str], on
) -> Listing:
    """For each passport: the home country's rule beside each neighbour's, and where
    the home country asks more."""
    home, home_name = query.HOME, countries.name_of(query.HOME)
    columns = [Column("passport", "Passport", wrap=False), Column(home, home_name, min_width=9)]
    columns += [Column(code, countries.name_of(code), min_width=9) for code in neighbours]
    columns.append(Column("stricter_than", f"{home_name} stricter than", min_width=10))
    rows, records = [], []
    for passport, mine, theirs, more_open in comparisons:
        row: dict[str, Value] = {"passport": countries.name_of(passport), home: _rule_words(mine)}
        for code, rule in theirs.items():
            mark = " *" if code in more_open else ""
            row[code] = None if rule is None else f"{_rule_words(rule)}{mark}"
        row["stricter_than"] = ", ".join(countries.name_of(c) for c in more_open) or "none"
        rows.append(row)
        records.append(
            {
                "passport": passport,
                "home": _compare_record(home, mine),
                "neighbours": [_compare_record(code, rule) for code, rule in theirs.items()],
                "home_stricter_than": more_open,
            }
        )
    return Listing(
        columns=columns,
        rows=rows,
        records=records,
        record_keys=["passport", "home", "neighbours", "home_stricter_than"],
        title=f"{home_name} beside its neighbours, rules in force on {on}",
        caption=f"* more open than {home_name} for that passport · "
        + caption(session, len(rows), "passport"),
        empty_message="No rules to compare.",
    )


def _compare_record(code: str, rule: VisaRule | None) -> dict:
    fields = {"destination": code, "destination_name": countries.name_of(code)}
    if rule is None:
        return fields | {"rule": None}
    return fields | {
        "rule": rule.id,
        "regime": rule.regime,
        "max_stay_days": rule.max_stay_days,
        "since": rule.effective_from,
    }
