"""ckr sources: every source and how many records cite it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from ckr.listing import Column, Listing
from ckr.model import Source
from ckr.views.common import caption

if TYPE_CHECKING:
    from ckr.session import Session


def sources_listing(session: Session, sources: list[Source], counts: dict[str, int]) -> Listing:
    columns = [
        Column("id", "Id", wrap=False),  # whole, to copy into `ckr show`
        Column("publisher", "Publisher", min_width=10),
        Column("title", "Title", min_width=12, link="url"),
        Column("url", "URL", min_width=12, link="url"),
        Column("accessed", "Accessed", wrap=False),
        Column("cited_by", "Cited by", justify="right", wrap=False),
    ]
    rows = [
        {
            "id": s.id,
            "publisher": s.publisher,
            "title": s.title,
            "url": s.url,
            "accessed": s.accessed,
            "cited_by": counts.get(s.id, 0),
        }
        for s in sources
    ]
    records = [msgspec.to_builtins(s) | {"cited_by": counts.get(s.id, 0)} for s in sources]
    return Listing(
        columns=columns,
        rows=rows,
        records=records,
        record_keys=[*Source.__struct_fields__, "cited_by"],
        caption=caption(session, len(sources), "source"),
        empty_message="No sources match.",
    )
