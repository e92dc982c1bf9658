"""JSON and NDJSON: every field of every row, raw typed values, nothing escaped away."""

from __future__ import annotations

import msgspec

from ckr.listing import Listing
from ckr.text import escape_json


def to_json(listing: Listing, pretty: bool = True, lines: bool = False) -> str:
    """An array of objects (one object for a single record); with `lines`, one object per
    line (NDJSON), whatever the terminal."""
    records = [{name: row.get(name) for name in listing.fields} for row in listing.rows]
    if lines:
        return "".join(_encode(record, pretty=False) for record in records)
    return _encode(records[0] if listing.single and records else records, pretty)


def _encode(value: object, pretty: bool) -> str:
    encoded = msgspec.json.encode(value)
    if pretty:
        encoded = msgspec.json.format(encoded, indent=2)
    return escape_json(encoded.decode("utf-8")) + "\n"
