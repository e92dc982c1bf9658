"""ckr changes: visa rules that began, were renewed or ended, with what applied before and
after."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ckr import records
from ckr.history import Change
from ckr.listing import Column, Listing, Row
from ckr.views.common import caption, regime_words

if TYPE_CHECKING:
    from ckr.session import Session


def changes_listing(session: Session, changes: list[Change], title: str) -> Listing:
    return Listing(
        fields=records.FIELDS["visa change"],
        rows=[records.change_row(session.catalog, change) for change in changes],
        columns=[
            Column("date", "Date", wrap=False),
            Column("destination_name", "Destination", wrap=False),
            Column("nationality_name", "Passport"),
            Column("change", "Change", under="rule", wrap=False),
            Column("before_regime", "Before", text=lambda row: _rule(row, "before"), min_width=9),
            Column("after_regime", "After", text=lambda row: _rule(row, "after"), min_width=9),
        ],
        title=title,
        caption=caption(session, len(changes), "change") + " · ckr show ID for a rule in full",
        empty_message="No visa rule began or ended then.",
    )


def _rule(row: Row, when: str) -> str:
    """ "visa-free 45d", or "none" where no rule applied."""
    if row[f"{when}_rule"] is None:
        return "none"
    stay = row[f"{when}_max_stay_days"]
    return regime_words(row[f"{when}_regime"]) + (f" {stay}d" if stay else "")
