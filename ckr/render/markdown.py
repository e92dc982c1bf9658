"""Markdown: the table people see, written so renderers show the data's text as written."""

from __future__ import annotations

import re

from ckr.listing import Column, Listing, Row
from ckr.text import printable


def to_markdown(listing: Listing) -> str:
    def cells(values: list[str]) -> str:
        return "| " + " | ".join(values) + " |"

    lines = []
    if listing.title:
        lines += [f"### {markdown_text(listing.title)}", ""]
    if listing.intro:
        lines += [markdown_text(listing.intro), ""]
    columns = listing.table_columns()
    lines.append(cells([markdown_text(column.header, in_cell=True) for column in columns]))
    lines.append("|" + "|".join(" --- " for _ in columns) + "|")
    for row in listing.shown_rows():
        lines.append(cells([_cell(column, row) for column in columns]))
    for paragraph in [*listing.notes, listing.caption]:
        if paragraph:
            lines += ["", markdown_text(paragraph)]
    return "\n".join(lines) + "\n"


def _cell(column: Column, row: Row) -> str:
    shown = column.shown(row)
    below = row.get(column.under) if column.under else None
    text = markdown_text(f"{shown} ({below})" if below else shown, in_cell=True)
    target = row.get(column.link) if column.link else None
    if isinstance(target, str) and target == printable(target):
        return f"[{text}]({markdown_url(target)})"
    return text


# Escaping that CommonMark (markdown-it-py) and python-markdown both read back as the text
# written: a backslash before the characters both treat as escapable, and an entity for
# those python-markdown would show a backslash before (&, <, >, ~).
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "~": "&#126;"}
_INLINE = re.compile(r"([\\`*_\[\]|])|([&<>~])")
# A line that would start a heading, quote or list item; for "1." the escape goes before
# the dot. Leading spaces would make a code block, so they go.
_BLOCK_START = re.compile(r"^\s*(?:([#+\-])|([0-9]+)([.)]))")


def markdown_text(text: str, in_cell: bool = False) -> str:
    """Text from the data, shown literally by a Markdown renderer: no emphasis, links,
    HTML or "|" that ends a cell, and outside a table no heading or list item."""
    escaped = _INLINE.sub(lambda m: "\\" + m[1] if m[1] else _ENTITIES[m[2]], printable(text))
    if in_cell:
        return escaped
    return _BLOCK_START.sub(lambda m: "\\" + m[1] if m[1] else m[2] + "\\" + m[3], escaped.lstrip())


def markdown_url(url: str) -> str:
    """A link target both renderers keep whole: characters that could end it or a table
    cell are percent-encoded (they mean the same in a URL)."""
    return re.sub(r"[()<>|\\ \"`*_\[\]]", lambda m: f"%{ord(m.group()):02X}", url)
