"""ckr claims: the seed article's claims with verdicts and findings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ckr.listing import Column, Listing
from ckr.model import Claim
from ckr.views.common import caption, record_json, rows_of

if TYPE_CHECKING:
    from ckr.session import Session


def claims_listing(session: Session, claims: list[Claim]) -> Listing:
    columns = [
        Column("id", "Id", in_table=False),
        Column("claim", "The seed says", min_width=12),
        Column("verdict", "Verdict", min_width=9),
        Column("finding", "Finding", min_width=12),
    ]
    return Listing(
        columns=columns,
        rows=rows_of(claims, columns),
        records=[record_json(session, c) for c in claims],
        record_keys=list(Claim.__struct_fields__),
        caption=caption(session, len(claims), "claim") + " · ckr show ID for the evidence",
        empty_message="No claims match.",
    )
