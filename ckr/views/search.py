"""ckr search: the records that match, best first, with the words around the match."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ckr import query
from ckr.listing import Column, Listing
from ckr.views.common import caption

if TYPE_CHECKING:
    from ckr.matching import TextQuery
    from ckr.session import Session

SEARCH_FIELDS = ["kind", "id", "date", "confidence", "field", "text"]


def snippet(match: query.Match, around: int = 50) -> str:
    """The words around the match, with ellipses where the text was cut."""
    text, start, end = match.text, match.start, match.end
    left, right = max(0, start - around), min(len(text), end + around)
    # Cut at spaces, not inside words, unless a word runs into the match itself.
    if left and text[left - 1] != " " and (space := text.find(" ", left, start)) != -1:
        left = space + 1
    if right < len(text) and text[right] != " " and (space := text.rfind(" ", end, right)) != -1:
        right = space
    return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")


def search_listing(session: Session, wanted: TextQuery, matches: list[query.Match]) -> Listing:
    rows = [
        {
            "kind": m.kind,
            "id": m.record.id,
            "date": query.record_date(m.record),
            "confidence": getattr(m.record, "confidence", None),
            "field": m.field,
            "text": m.text,
            "snippet": snippet(m),
        }
        for m in matches
    ]
    return Listing(
        fields=SEARCH_FIELDS,
        rows=rows,
        columns=[
            Column("kind", "Kind", wrap=False),
            Column("id", "Id", wrap=False, searched=True),  # whole, to copy into `ckr show`
            Column("date", "Date", wrap=False),
            Column("confidence", "Confidence", wrap=False),
            Column("field", "Field", wrap=False),
            # Tables show the words around the match; machine formats keep the whole text.
            Column("text", "Match", min_width=20, text=lambda row: row["snippet"], searched=True),
        ],
        title=f"Records matching '{wanted.text}'",
        caption=caption(session, len(rows), "match") + " · ckr show ID for one in full",
        empty_message=f"Nothing in the dataset matches '{wanted.text}'.",
        highlight=wanted.spans,
    )
