"""ckr coverage: what the dataset covers, said plainly."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ckr import countries, query, records
from ckr.listing import Column, Listing

if TYPE_CHECKING:
    from ckr.session import Session


def _which(row: dict) -> str:
    """The countries covered, by name; for one domain's figures, the domain."""
    if row["domain"]:
        return row["domain_name"]
    if row["topic"] == "figures":
        return "all domains"
    return ", ".join(sorted(row["names"]))


def coverage_listing(session: Session, covered: list[query.Covered]) -> Listing:
    data = session.catalog.data
    names = {d.id: d.name for d in data.domains}
    rows = []
    for line in covered:
        rows.append(
            {
                "topic": line.topic,
                "domain": line.domain,
                "domain_name": names.get(line.domain or ""),
                "count": line.count,
                "first": line.first,
                "last": line.last,
                "codes": list(line.codes),
                "names": [countries.name_of(code) for code in line.codes],
            }
        )
    meta = data.metadata
    return Listing(
        fields=records.FIELDS["coverage line"],
        rows=rows,
        columns=[
            Column("topic", "Covers", wrap=False),
            Column("count", "Count", justify="right", wrap=False),
            Column("first", "From", show=lambda v: v or "", wrap=False),
            Column("last", "To", show=lambda v: v or "", wrap=False),
            Column("names", "Which", text=_which, min_width=20),
        ],
        title="What the dataset covers",
        caption=f"dataset {meta.version}, reviewed {meta.last_reviewed} · visa rules dated by "
        "their start, sources by their publication",
    )
