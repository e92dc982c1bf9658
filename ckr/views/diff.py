"""ckr diff: what was added, removed or changed between two dataset files."""

from __future__ import annotations

from ckr.history import Difference
from ckr.listing import Column, Listing
from ckr.model import Metadata

# One row per record added or removed and per field changed. `old` and `new` hold the
# field's values as the files do (a list of ids stays a list), null for added and removed.
DIFF_FIELDS = ["kind", "id", "change", "field", "old", "new"]


def diff_listing(differences: list[Difference], old: Metadata, new: Metadata) -> Listing:
    counts = {
        change: sum(d.change == change for d in differences)
        for change in ("added", "removed", "changed")
    }
    tally = ", ".join(f"{n} {change}" for change, n in counts.items() if n)
    noun = "difference" if len(differences) == 1 else "differences"
    versions = f"dataset {old.version} → {new.version}"
    return Listing(
        fields=DIFF_FIELDS,
        rows=[d._asdict() for d in differences],
        columns=[
            Column("kind", "Kind"),
            Column("id", "Id", wrap=False),  # whole, to copy into `ckr show`
            Column("change", "Change", wrap=False),
            Column("field", "Field", wrap=False),
            Column("old", "Old", min_width=12),
            Column("new", "New", min_width=12),
        ],
        caption=f"{len(differences)} {noun} ({tally}) · {versions}" if tally else versions,
        empty_message="No differences.",
    )
