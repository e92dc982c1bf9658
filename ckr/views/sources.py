"""ckr sources: every source and how many records cite it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ckr import records
from ckr.listing import Column, Listing
from ckr.model import Source
from ckr.text import display_url
from ckr.views.common import caption

if TYPE_CHECKING:
    from ckr.session import Session


def sources_listing(session: Session, sources: list[Source], counts: dict[str, int]) -> Listing:
    return Listing(
        fields=records.FIELDS["source"],
        rows=[records.source_row(s, counts.get(s.id, 0)) for s in sources],
        columns=[
            Column("id", "Id", wrap=False),  # whole, to copy into `ckr show`
            Column("kind", "Kind", wrap=False),
            Column("publisher", "Publisher", min_width=10),
            Column("title", "Title", min_width=12, link="url"),
            Column("url", "URL", show=display_url, min_width=12, link="url"),
            Column("accessed", "Accessed", wrap=False),
            Column("cited_by", "Cited by", justify="right", wrap=False),
        ],
        caption=caption(session, len(sources), "source"),
        empty_message="No sources match.",
    )
