"""Writing a Listing in one of the output formats. Knows nothing of files or data.

A room per output: `table` (tables and, on narrow terminals, cards), `chart`, `delimited`
(CSV and TSV), `markdown` and `jsonl` (JSON and NDJSON). rich is imported only when a table
or chart is drawn, so piped and machine output start faster.
"""

from __future__ import annotations

from typing import TextIO

from ckr.listing import Listing

FORMATS = ("table", "json", "ndjson", "csv", "tsv", "markdown")


def write(listing: Listing, fmt: str, out: TextIO, terminal: bool, err: TextIO) -> None:
    """Write `listing` as `fmt`; an empty table says so on stderr instead."""
    if fmt in ("json", "ndjson"):
        from ckr.render import jsonl

        out.write(jsonl.to_json(listing, pretty=terminal, lines=fmt == "ndjson"))
    elif fmt == "table":
        from ckr.text import printable

        if not listing.rows:
            err.write(printable(listing.empty_message) + "\n")
        elif listing.chart:
            from ckr.render import chart

            chart.write_chart(listing, out)
        else:
            from ckr.render import table

            table.write_table(listing, out)
    elif fmt == "markdown":
        from ckr.render import markdown

        out.write(markdown.to_markdown(listing))
    else:
        from ckr.render import delimited

        out.write(delimited.to_delimited(listing, fmt))
