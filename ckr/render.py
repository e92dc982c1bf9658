"""Writing a Listing in one of the output formats. Knows nothing of files or data.

rich is imported only when a table is drawn, so piped and JSON output start faster.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from typing import TextIO

import msgspec

from ckr.listing import Column, Listing, Value
from ckr.text import escape_json, format_number, printable, printable_keeping_lines

FORMATS = ("table", "json", "csv", "tsv", "markdown")
MIN_WIDTH = 20  # columns: narrower than this, every word would break


def write(listing: Listing, fmt: str, out: TextIO, terminal: bool, err: TextIO) -> None:
    """Write `listing` as `fmt`; an empty table says so on stderr instead."""
    if fmt == "json":
        out.write(to_json(listing.records, pretty=terminal))
    elif fmt == "table":
        if listing.rows and listing.chart:
            write_chart(listing, out)
        elif listing.rows:
            write_table(listing, out)
        else:
            err.write(printable(listing.empty_message) + "\n")
    else:
        out.write({"csv": to_csv, "tsv": to_tsv, "markdown": to_markdown}[fmt](listing))


def to_json(records: object, pretty: bool = True) -> str:
    encoded = msgspec.json.encode(records)
    if pretty:
        encoded = msgspec.json.format(encoded, indent=2)
    return escape_json(encoded.decode("utf-8")) + "\n"


# CSV and TSV: one dialect each, both read back as written by Python's csv module
# ("excel" and "excel-tab"), pandas and csvkit. A value holding the delimiter, a quote or a
# line break is quoted; other control characters are shown as escapes, as everywhere.
# In CSV, the spreadsheet format, a text cell that a spreadsheet would run as a formula
# (starting with =, +, -, @, tab or carriage return) gets a leading apostrophe (OWASP's
# advice); TSV and JSON carry every value exactly.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _delimited_cell(value: Value, neutralise_formulas: bool) -> Value:
    if not isinstance(value, str):
        return "" if value is None else value
    text = printable_keeping_lines(value)
    if neutralise_formulas and text.startswith(_FORMULA_START):
        return "'" + text
    return text


def _delimited(listing: Listing, dialect: str) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, dialect=dialect, lineterminator="\n")
    columns = listing.default_columns()
    writer.writerow(column.key for column in columns)
    neutralise = dialect == "excel"
    for row in listing.rows:
        writer.writerow(_delimited_cell(row[column.key], neutralise) for column in columns)
    return buffer.getvalue()


def to_csv(listing: Listing) -> str:
    return _delimited(listing, "excel")


def to_tsv(listing: Listing) -> str:
    return _delimited(listing, "excel-tab")


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
    for row in listing.rows:
        lines.append(cells([_markdown_cell(column, row) for column in columns]))
    if listing.caption:
        lines += ["", markdown_text(listing.caption)]
    return "\n".join(lines) + "\n"


def _markdown_cell(column: Column, row: dict[str, Value]) -> str:
    text = markdown_text(column.shown(row), in_cell=True)
    target = row.get(column.link) if column.link else None
    if isinstance(target, str) and target == printable(target):
        return f"[{text}]({markdown_url(target)})"
    return text


# Markdown escaping that CommonMark (markdown-it-py) and python-markdown both read back as
# the text written: a backslash before the characters both treat as escapable, and an
# entity for those python-markdown would show a backslash before (&, <, ~).
_MARKDOWN_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "~": "&#126;"}
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]|])|([&<>~])")
# A line that would start a heading, quote or list item; for "1." the escape goes before
# the dot. Leading spaces would make a code block, so they go.
_MARKDOWN_BLOCK_START = re.compile(r"^\s*(?:([#+\-])|([0-9]+)([.)]))")


def markdown_text(text: str, in_cell: bool = False) -> str:
    """Text from the data, shown literally by a Markdown renderer: no emphasis, links,
    HTML or "|" that ends a cell, and outside a table no heading or list item."""
    escaped = _MARKDOWN_INLINE.sub(
        lambda m: "\\" + m[1] if m[1] else _MARKDOWN_ENTITIES[m[2]], printable(text)
    )
    if in_cell:
        return escaped
    return _MARKDOWN_BLOCK_START.sub(
        lambda m: "\\" + m[1] if m[1] else m[2] + "\\" + m[3], escaped.lstrip()
    )


def markdown_url(url: str) -> str:
    """A link target both renderers keep whole: characters that could end it or a table
    cell are percent-encoded (they mean the same in a URL)."""
    return re.sub(r"[()<>|\\ \"`*_\[\]]", lambda m: f"%{ord(m.group()):02X}", url)


def _console(out: TextIO):
    from rich.console import Console

    class PipeAwareConsole(Console):
        def on_broken_pipe(self) -> None:
            # rich would exit with status 1 here; the CLI treats a closed pipe as success.
            raise BrokenPipeError

    # NO_COLOR means no styling at all here, bold and dim included (rich keeps those).
    plain = bool(os.environ.get("NO_COLOR"))
    width = _usable_width(os.environ.get("COLUMNS", ""))
    return PipeAwareConsole(
        file=out,
        width=width,
        # rich takes a dumb terminal to be 80x25 unless given both sizes.
        height=25 if width else None,
        color_system=None if plain else "auto",
        highlight=False,
        emoji=False,
        markup=False,
    )


def _usable_width(columns: str) -> int | None:
    """COLUMNS as rich would read it, but 0 means unknown (80) and nothing is drawn
    narrower than 20 columns; None leaves the width to rich."""
    if not columns.strip().isdigit():
        return None
    width = int(columns)
    return 80 if width == 0 else max(width, MIN_WIDTH)


def write_table(listing: Listing, out: TextIO) -> None:
    """A table when it fits the terminal; otherwise one block of lines per row."""
    console = _console(out)
    fits = _narrowest_table(listing) <= console.width
    if listing.intro:  # the title goes above the intro, not between it and the table
        console.print(_text(listing.title, "bold"), _text(listing.intro), "", sep="\n")
        listing = replace(listing, title="")
    console.print(_rich_table(listing) if fits else _rich_cards(listing))


LONGEST_LABEL = 14  # columns a card's label may take before it wraps

# A word longer than this (a URL, say) may be folded; it should not force the block layout.
LONGEST_WORD_KEPT = 24


def _narrowest_table(listing: Listing) -> int:
    """Columns needed to draw the table without breaking an ordinary word in two."""

    total = 0
    for column in listing.table_columns():
        cells = [column.header] + [column.shown(row) for row in listing.rows]
        pieces = [cells] if not column.wrap else [c.split() for c in cells]
        longest = max((cell_width(p) for piece in pieces for p in piece), default=0)
        longest = min(longest, LONGEST_WORD_KEPT)
        total += max(longest, column.min_width or 0) + 2  # the gap between columns
    return total + 2  # the box's left and right edges


def _text(value: str, style: str = ""):
    """Every string goes in as Text, never as markup: "[bold]" in the data stays literal."""
    from rich.text import Text

    return Text(printable(value), style=style)


def _rich_table(listing: Listing):
    from rich import box
    from rich.table import Table

    table = Table(
        title=_text(listing.title, "bold") if listing.title else None,
        caption=_text(listing.caption, "dim") if listing.caption else None,
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
        header_style="bold",
    )
    columns = listing.table_columns()
    for column in columns:
        table.add_column(
            _text(column.header),
            justify=column.justify,
            overflow="fold",
            no_wrap=not column.wrap,
            min_width=column.min_width,
        )
    for row in listing.rows:
        table.add_row(*(_cell(listing, column, row) for column in columns))
    return table


def _cell(listing: Listing, column: Column, row: dict[str, Value]):
    """A table cell: literal text, matches highlighted, a link where the column has one."""
    text = _text(column.shown(row))
    if listing.highlight and column.searched:
        text.highlight_regex(listing.highlight, "reverse")
    target = row.get(column.link) if column.link else None
    # Terminals that know OSC 8 make this clickable; a URL with control characters
    # never becomes a link (the dataset's schema rejects those anyway).
    if isinstance(target, str) and target == printable(target):
        text.stylize(f"link {target}")
    return text


def _rich_cards(listing: Listing):
    """For narrow terminals: each row as a heading and indented "Header  value" lines."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table

    parts = [_text(listing.title, "bold")] if listing.title else []
    first, *others = listing.table_columns()
    for row in listing.rows:
        fields = Table.grid(padding=(0, 1))
        # Labels wrap only when long ("Cambodia stricter than") and the terminal narrow,
        # so the value keeps most of the width.
        fields.add_column(style="bold", max_width=LONGEST_LABEL)
        fields.add_column(overflow="fold", ratio=1)
        for column in others:
            fields.add_row(_text(column.header), _cell(listing, column, row))
        parts += [
            _text(first.shown(row), "bold underline"),
            Padding(fields, (0, 0, 1, 2)),
        ]
    if listing.caption:
        parts.append(_text(listing.caption, "dim"))
    return Group(*parts)


# Each series gets a glyph as well as a colour, so bars read the same without colour.
GLYPHS = "█▒░▓#=+x%o"
COLOURS = ("cyan", "magenta", "yellow", "green", "blue", "red", "bright_cyan", "bright_magenta")


def write_chart(listing: Listing, out: TextIO) -> None:
    """Horizontal bars, scaled to the terminal's width, with a legend of glyphs."""
    from rich.text import Text

    console = _console(out)
    spec = listing.chart
    series = list(dict.fromkeys(str(row[spec.series]) for row in listing.rows))
    style = {
        name: (GLYPHS[i % len(GLYPHS)], COLOURS[i % len(COLOURS)]) for i, name in enumerate(series)
    }
    groups: dict[str, list[dict]] = {}
    for row in listing.rows:
        groups.setdefault(str(row[spec.label]), []).append(row)
    bars = _bars(groups, spec)
    label_width = max(cell_width(label) for label in groups)
    value_width = max(len(total) for _, _, total in bars)
    room = max(4, console.width - label_width - value_width - 2)
    top = max(sum(amount for _, amount in amounts) for _, amounts, _ in bars) or 1

    if listing.title:
        console.print(_text(listing.title, "bold"))
    previous = None
    for label, amounts, total in bars:
        line = Text(printable(label if label != previous else "").ljust(label_width) + " ")
        lengths = _segment_lengths([amount for _, amount in amounts], top, room)
        for (name, _), length in zip(amounts, lengths, strict=True):
            glyph, colour = style[name]
            line.append(glyph * length, style=colour)
        line.append(" " + total)
        console.print(line, no_wrap=True, overflow="crop")
        previous = label
    console.print(_legend(style, console.width), overflow="fold")
    if listing.caption:
        console.print(_text(listing.caption, "dim"))


def _legend(style: dict[str, tuple[str, str]], width: int):
    """Each series' glyph and name, filling lines greedily, never splitting an entry."""
    from rich.text import Text

    legend = Text()
    used = 0
    for name, (glyph, colour) in style.items():
        entry = f" {printable(name)}"
        entry_width = cell_width(glyph + entry) + 3
        if used and used + entry_width > width:
            legend.append("\n")
            used = 0
        legend.append(glyph, style=colour)
        legend.append(entry + "   ")
        used += entry_width
    return legend


def _bars(groups: dict[str, list[dict]], spec) -> list[tuple[str, list[tuple[str, float]], str]]:
    """(label, [(series, amount)], value text) for each line to draw."""
    if spec.stacked:
        return [
            (
                label,
                [(str(r[spec.series]), float(r[spec.value])) for r in rows],
                format_number(sum(float(r[spec.value]) for r in rows)),
            )
            for label, rows in groups.items()
        ]
    return [
        (label, [(str(r[spec.series]), float(r[spec.value]))], format_number(float(r[spec.value])))
        for label, rows in groups.items()
        for r in rows
    ]


def _segment_lengths(amounts: list[float], top: float, room: int) -> list[int]:
    """Characters for each segment of one bar. The bar's length follows its total, so
    equal totals draw equal bars; every amount above zero shows at least one character.
    """
    total = sum(amount for amount in amounts if amount > 0)
    positive = sum(1 for amount in amounts if amount > 0)
    length = max(positive, round(total / top * room)) if total else 0
    lengths, drawn, running = [], 0, 0.0
    for amount in amounts:
        if amount <= 0:
            lengths.append(0)
            continue
        positive -= 1
        running += amount
        end = round(running / total * length)  # round where segments end, not each one
        end = min(max(end, drawn + 1), length - positive)
        lengths.append(end - drawn)
        drawn = end
    return lengths


def cell_width(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(printable(text))
