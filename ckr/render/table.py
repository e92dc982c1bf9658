"""Tables for terminals, and on terminals too narrow for one, a block of lines per row."""

from __future__ import annotations

import os
from typing import TextIO

from ckr.listing import Column, Listing, Row
from ckr.render import urls
from ckr.text import printable

MIN_WIDTH = 20  # columns: narrower than this, every word would break


def _console(out: TextIO):
    from rich.console import Console

    class PipeAwareConsole(Console):
        def on_broken_pipe(self) -> None:
            # rich would exit with status 1 here; the CLI treats a closed pipe as success.
            raise BrokenPipeError

    # NO_COLOR means no styling at all here, bold and dim included (rich keeps those).
    plain = bool(os.environ.get("NO_COLOR"))
    width = _usable_width(os.environ.get("COLUMNS", ""))
    console = PipeAwareConsole(
        file=out,
        width=width,
        # rich takes a dumb terminal to be 80x25 unless given both sizes.
        height=25 if width else None,
        color_system=None if plain else "auto",
        highlight=False,
        emoji=False,
        markup=False,
        # rich reads COLUMNS and LINES itself and would fail on "²" (a digit to isdigit).
        _environ={k: v for k, v in os.environ.items() if k not in _SIZES or _is_number(v)},
    )
    console.width = min(console.width, MAX_WIDTH)  # a terminal wider than that, even
    return console


_SIZES = ("COLUMNS", "LINES", "JUPYTER_COLUMNS", "JUPYTER_LINES")
MAX_WIDTH = 1000  # COLUMNS=1000000000 must not draw a billion-character bar


def _is_number(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _usable_width(columns: str) -> int | None:
    """COLUMNS as rich would read it, but 0 means unknown (80), nothing is drawn narrower
    than 20 columns or wider than 1000; None (not a number) leaves the width to rich."""
    columns = columns.strip()
    if not _is_number(columns):
        return None
    width = int(columns)
    return 80 if width == 0 else min(max(width, MIN_WIDTH), MAX_WIDTH)


def write_table(listing: Listing, out: TextIO) -> None:
    """A table when it fits the terminal; otherwise one block of lines per row. A URL too
    long for its column goes on a line of its own, whole (ckr.render.urls)."""
    console = _console(out)
    columns = listing.table_columns(console.width)
    table = _rich_table(listing, columns)
    lines = urls.render_lines(console, table)
    # It fits when no ordinary word would break, and rich lays it out in the width.
    fits = _narrowest_table(listing, columns) <= console.width and _widest(lines) <= console.width
    titled = not listing.intro  # the title goes above the intro, not between it and the table
    if not titled:
        console.print(_text(listing.title, "bold"), _text(listing.intro), "", sep="\n")
        table.title = None
    if not fits:  # cards have room for every column, the wide-only ones too
        _print_cards(console, listing, listing.table_columns())
    elif not urls.folded(lines, _url_cells(listing, columns)):
        console.print(table)
    else:
        _print_table_keeping_urls(console, listing, columns, titled, lines if titled else None)
    for note in listing.notes:
        console.print(_text(note, "dim"))


Apart = dict[tuple[int, str], str]  # (row index, column key) of a URL put apart: its marker


def _url_cells(listing: Listing, columns: list[Column]) -> dict[tuple[int, str], str]:
    """The cells that hold a URL alone, (row index, column key), with the URL shown."""
    cells = {}
    for i, row in enumerate(listing.shown_rows()):
        for column in columns:
            shown = printable(column.shown(row))
            if urls.lone_url(shown):
                cells[(i, column.key)] = shown
    return cells


def _apart_urls(listing: Listing, columns: list[Column], apart: Apart) -> dict:
    """For urls.print_lines: each marker's URL shown, and its link target."""
    by_key = {column.key: column for column in columns}
    rows = listing.shown_rows()
    found = {}
    for (i, key), marker in apart.items():
        column = by_key[key]
        target = rows[i].get(column.link) if column.link else None
        found[marker] = (printable(column.shown(rows[i])), target)
    return found


def _print_table_keeping_urls(
    console, listing: Listing, columns: list[Column], titled: bool, lines: list | None
):
    """The table, with each URL its column would fold on a line of its own instead. Taking
    a URL out can narrow its column and fold another: a few rounds settle it. `lines`: the
    table as drawn with every URL in place, when already drawn."""
    cells = _url_cells(listing, columns)
    apart: Apart = {}
    if lines is None:
        lines = urls.render_lines(console, _rich_table(listing, columns, apart, titled))
    for _round in range(3):
        folded = [key for key in urls.folded(lines, cells) if key not in apart]
        if not folded:
            break
        # With the folded ones, those as long in the same column: they would fold next.
        shortest = {}
        for i, key in folded:
            shortest[key] = min(shortest.get(key, 1 << 30), cell_width(cells[(i, key)]))
        more = [
            (i, key)
            for (i, key), url in cells.items()
            if (i, key) not in apart and key in shortest and cell_width(url) >= shortest[key]
        ]
        apart |= {key: urls.mark(len(apart) + n) for n, key in enumerate(more)}
        lines = urls.render_lines(console, _rich_table(listing, columns, apart, titled))
    urls.print_lines(console, lines, _apart_urls(listing, columns, apart))


def _print_cards(console, listing: Listing, columns: list[Column]) -> None:
    """Cards, with each URL too long for the value column on a line of its own."""
    _first, *others = columns
    label = min(max((cell_width(c.header) for c in others), default=0), LONGEST_LABEL)
    room = console.width - 2 - label - 1  # the indent, the label, the gap
    long_urls = [key for key, url in _url_cells(listing, others).items() if cell_width(url) > room]
    apart = {key: urls.mark(n) for n, key in enumerate(long_urls)}
    cards = _rich_cards(listing, columns, apart)
    if not apart:
        console.print(cards)
        return
    lines = urls.render_lines(console, cards)
    urls.print_lines(console, lines, _apart_urls(listing, columns, apart))


LONGEST_LABEL = 14  # columns a card's label may take before it wraps

# A word longer than this (a URL, say) may be folded; it should not force the block layout.
LONGEST_WORD_KEPT = 24


def _narrowest_table(listing: Listing, columns: list[Column]) -> int:
    """Columns needed to draw the table without breaking an ordinary word in two."""

    total = 0
    for column in columns:
        cells = [column.header] + [column.shown(row) for row in listing.shown_rows()]
        pieces = [cells] if not column.wrap else [c.split() for c in cells]
        longest = max((cell_width(p) for piece in pieces for p in piece), default=0)
        longest = min(longest, LONGEST_WORD_KEPT)
        total += max(longest, _min_width(listing, column)) + 2  # the gap between columns
    return total + 2  # the box's left and right edges


def _widest(lines: list) -> int:
    """The width of the widest line rich drew for the table: with minimum widths it can
    exceed the console's, and what went past the edge would be cut off."""
    from rich.segment import Segment

    return max((Segment.get_line_length(line) for line in lines), default=0)


def _min_width(listing: Listing, column: Column) -> int:
    """A column's narrowest: its own minimum, and room for the ids under its values, which
    are never broken (a broken id cannot be copied)."""
    under = (
        [str(row.get(column.under) or "") for row in listing.shown_rows()] if column.under else []
    )
    return max([column.min_width or 0, *(cell_width(u) for u in under)])


def _text(value: str, style: str = ""):
    """Every string goes in as Text, never as markup: "[bold]" in the data stays literal."""
    from rich.text import Text

    return Text(printable(value), style=style)


def _rich_table(
    listing: Listing, columns: list[Column], apart: Apart | None = None, titled: bool = True
):
    """The table; a cell in `apart` is drawn empty, its marker on a row below."""
    from rich import box
    from rich.table import Table

    apart = apart or {}
    table = Table(
        title=_text(listing.title, "bold") if listing.title and titled else None,
        caption=_text(listing.caption, "dim") if listing.caption else None,
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
        header_style="bold",
        show_header=listing.show_header,
    )
    for column in columns:
        table.add_column(
            _text(column.header),
            justify=column.justify,
            overflow="fold",
            no_wrap=not column.wrap,
            min_width=_min_width(listing, column) or None,
            max_width=column.max_width,
        )
    blank = [""] * (len(columns) - 1)
    for i, row in enumerate(listing.shown_rows()):
        cells = ["" if (i, c.key) in apart else _cell(listing, c, row) for c in columns]
        markers = [apart[(i, c.key)] for c in columns if (i, c.key) in apart]
        if any(str(cell) for cell in cells) or not markers:  # a row of a URL alone: none
            table.add_row(*cells)
        for marker in markers:
            table.add_row(marker, *blank)
    return table


def _cell(listing: Listing, column: Column, row: Row):
    """A table cell: literal text, matches highlighted, a link where the column has one."""
    text = _text(column.shown(row))
    if listing.highlight and column.searched:
        for start, end in listing.highlight(text.plain):
            text.stylize("reverse", start, end)
    target = row.get(column.link) if column.link else None
    # Terminals that know OSC 8 make this clickable; a URL with control characters
    # never becomes a link (the dataset's schema rejects those anyway).
    if isinstance(target, str) and target == printable(target):
        text.stylize(f"link {target}")
    below = row.get(column.under) if column.under else None
    if below:
        text.append("\n")
        text.append_text(_text(str(below), "dim"))
    return text


def _heading(column: Column, row: Row):
    """A card's heading: the first column's text, then (dim) the value under it, an id."""
    heading = _text(column.shown(row), "bold underline")
    below = row.get(column.under) if column.under else None
    if below:
        heading.append("  ")
        heading.append_text(_text(str(below), "dim"))
    return heading


def _rich_cards(listing: Listing, columns: list[Column], apart: Apart | None = None):
    """For narrow terminals: each row as a heading and indented "Header  value" lines; a
    value in `apart` is drawn empty, its marker on a line below."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table

    parts = [_text(listing.title, "bold")] if listing.title else []
    first, *others = columns
    apart = apart or {}
    for i, row in enumerate(listing.shown_rows()):
        fields = Table.grid(padding=(0, 1))
        # Labels wrap only when long ("Cambodia stricter than") and the terminal narrow,
        # so the value keeps most of the width.
        fields.add_column(style="bold", max_width=LONGEST_LABEL)
        fields.add_column(overflow="fold", ratio=1)
        for column in others:
            marker = apart.get((i, column.key))
            fields.add_row(_text(column.header), "" if marker else _cell(listing, column, row))
            if marker:
                fields.add_row(marker, "")
        parts += [
            _heading(first, row),
            Padding(fields, (0, 0, 1, 2)),
        ]
    if listing.caption:
        parts.append(_text(listing.caption, "dim"))
    return Group(*parts)


def cell_width(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(printable(text))
