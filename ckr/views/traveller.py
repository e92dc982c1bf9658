"""ckr visa PASSPORT DESTINATION: the traveller's question, answered in one card."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ckr import countries, records
from ckr.listing import Column, Listing, Row
from ckr.model import VisaRule
from ckr.text import display_url
from ckr.views.common import confirmed_when, days, regime_words, since_words, source_words

if TYPE_CHECKING:
    import datetime as dt

    from ckr.session import Session

TRAVELLER_FIELDS = [
    *records.FIELDS["visa rule"],
    "official_page",
    "next_change",
    "next_rule",
    "next_regime",
    "next_max_stay_days",
]
NOT_IN_DATA = "not in the data"


def traveller_listing(
    session: Session, rule: VisaRule, upcoming: VisaRule | None, on: dt.date
) -> Listing:
    row = records.visa_row(session.catalog, rule, session.today, on)
    official = [s for s in session.catalog.by_trust(rule.sources) if s.kind == "official"]
    row["official_page"] = official[0].url if official else None
    row |= {
        "next_change": upcoming.effective_from if upcoming else None,
        "next_rule": upcoming.id if upcoming else None,
        "next_regime": upcoming.regime if upcoming else None,
        "next_max_stay_days": upcoming.max_stay_days if upcoming else None,
    }
    who = countries.name_of(rule.nationality)
    where = countries.name_of(rule.destination)
    return Listing(
        fields=TRAVELLER_FIELDS,
        rows=[row],
        single=True,
        columns=[
            Column("field", "Question", wrap=False),
            Column("value", "Answer", min_width=20, link="url"),
        ],
        table_rows=_lines(session, row),
        show_header=False,
        title=f"{who} passport to {where}, on {on}",
        caption=f"ckr show {rule.id} for every source · "
        f"dataset {session.catalog.data.metadata.version}",
    )


def _lines(session: Session, row: Row) -> list[Row]:
    def yes_no(value) -> str:
        return NOT_IN_DATA if value is None else ("yes" if value else "no")

    fee = (
        f"{row['fee_amount']:g} {row['fee_currency'] or ''}".strip()
        if row["fee_amount"] is not None
        else NOT_IN_DATA
    )
    validity = row["passport_validity_months"]
    if row["next_change"]:
        stay = f" {days(row['next_max_stay_days'])}" if row["next_max_stay_days"] else ""
        upcoming = f"{row['next_change']}: {regime_words(row['next_regime'])}{stay}"
    else:
        upcoming = "no change scheduled in the data"
    lines = [
        ("Answer", f"{regime_words(row['regime'])}, stay up to {days(row['max_stay_days'])}"),
        ("Status", str(row["status"])),
        ("Since", since_words(row)),
        ("Until", row["effective_until"] or "open"),
        ("Fee", fee),
        ("E-visa", yes_no(row["e_visa"])),
        ("Extension", row["extension"] or NOT_IN_DATA),
        ("Passport valid", f"{validity} months" if validity is not None else NOT_IN_DATA),
        ("Onward ticket", yes_no(row["onward_ticket"])),
        ("Entry points", row["entry_points"] or NOT_IN_DATA),
        ("Next change", upcoming),
        ("Confidence", str(row["confidence"])),
        ("As of", f"{row['as_of']} ({confirmed_when(str(row['as_of']), session.today)})"),
        ("Source", source_words(session, row)),
        ("Re-check at", display_url(row["official_page"] or "no official page cited")),
        ("Notes", row["notes"] or "—"),
    ]
    recheck = row["official_page"]
    return [
        {"field": label, "value": value, "url": recheck if label == "Re-check at" else None}
        for label, value in lines
    ]
