"""ckr claims: the seed article's claims with verdicts and findings."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ckr import records
from ckr.listing import Column, Listing
from ckr.model import Claim
from ckr.views.common import caption, source_column

if TYPE_CHECKING:
    from ckr.session import Session


def claims_listing(session: Session, claims: list[Claim], article: str = "") -> Listing:
    tally = Counter(c.verdict for c in claims)
    verdicts = ", ".join(f"{n} {verdict}" for verdict, n in tally.items())
    return Listing(
        fields=records.FIELDS["claim"],
        rows=[records.claim_row(session.catalog, c) for c in claims],
        columns=[
            Column("claim", "The seed says", under="id", min_width=12),
            Column("verdict", "Verdict", wrap=False),
            Column("finding", "Finding", min_width=12),
            source_column(session),
        ],
        title=article,
        caption=caption(session, len(claims), "claim", verdicts)
        + " · ckr show ID for the evidence",
        empty_message="No claims match.",
    )
