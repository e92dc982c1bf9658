"""Horizontal bar charts: a glyph per series as well as a colour, so they read without it."""

from __future__ import annotations

from typing import TextIO

from ckr.listing import Listing
from ckr.render.table import _console, _text, cell_width
from ckr.text import format_number, printable

# Each series gets a glyph of its own as well as a colour, so bars read the same without
# colour; an output that cannot show the block glyphs gets ASCII ones. Past the last
# glyph, the remaining series share one, named in the legend as the others.
GLYPHS = "█▒░▓#=+x%o@*~:$&/|<>^?!;\\"
ASCII_GLYPHS = "#=+x%o@*~:$&/|<>^?!;\\"
COLOURS = ("cyan", "magenta", "yellow", "green", "blue", "red", "bright_cyan", "bright_magenta")


def write_chart(listing: Listing, out: TextIO) -> None:
    """Horizontal bars, scaled to the terminal's width, with a legend of glyphs."""
    from rich.text import Text

    console = _console(out)
    spec = listing.chart
    series = list(dict.fromkeys(str(row[spec.series]) for row in listing.rows))
    unicode = console.encoding.startswith("utf")
    style = _styles(series, GLYPHS if unicode else ASCII_GLYPHS)
    # Every label of the axis in its order, so a year with no value shows as a gap.
    groups: dict[str, list[dict]] = {label: [] for label in spec.axis or []}
    for row in listing.rows:
        groups.setdefault(str(row[spec.label]), []).append(row)
    # A mark the stream cannot show is written as the word it marks: "(disputed)".
    marks = spec.marks if unicode else {key: f"({key})" for key in spec.marks}
    bars = _bars(groups, spec, marks)
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
            glyph, colour, _label = style[name]
            line.append(glyph * length, style=colour)
        line.append(" " + total)
        console.print(line, no_wrap=True, overflow="crop")
        previous = label
    console.print(_legend(style, console.width), overflow="fold")
    drawn = {str(row[spec.mark]) for row in listing.rows if spec.mark} & set(spec.marks)
    if unicode and drawn:
        named = " · ".join(f"{mark} {key}" for key, mark in spec.marks.items() if key in drawn)
        console.print(_text(named + (f" ({spec.marks_hint})" if spec.marks_hint else ""), "dim"))
    for note in listing.notes:
        console.print(_text(note, "dim"))
    if listing.caption:
        console.print(_text(listing.caption, "dim"))


def _styles(series: list[str], glyphs: str) -> dict[str, tuple[str, str, str]]:
    """Each series' glyph, colour and legend name; no two series share a glyph, except
    those past the last glyph, which are drawn alike and named together."""
    style = {}
    crowded = len(series) > len(glyphs)
    kept = series[: len(glyphs) - 1] if crowded else series
    for i, name in enumerate(kept):
        style[name] = (glyphs[i], COLOURS[i % len(COLOURS)], name)
    if crowded:
        rest = series[len(kept) :]
        others = f"{len(rest)} others: {', '.join(rest)}"
        for name in rest:
            style[name] = (glyphs[-1], "white", others)
    return style


def _legend(style: dict[str, tuple[str, str, str]], width: int):
    """Each series' glyph and name, filling lines greedily, never splitting an entry."""
    from rich.text import Text

    legend = Text()
    used = 0
    entries: dict[str, tuple[str, str]] = {}
    for glyph, colour, label in style.values():
        entries.setdefault(label, (glyph, colour))
    for label, (glyph, colour) in entries.items():
        entry = f" {printable(label)}"
        entry_width = cell_width(glyph + entry) + 3
        if used and used + entry_width > width:
            legend.append("\n")
            used = 0
        legend.append(glyph, style=colour)
        legend.append(entry + "   ")
        used += entry_width
    return legend


def _bars(
    groups: dict[str, list[dict]], spec, marks: dict[str, str]
) -> list[tuple[str, list[tuple[str, float]], str]]:
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
        (label, [(str(r[spec.series]), float(r[spec.value]))], _value_text(r, spec, marks))
        if r is not None
        else (label, [], "no value found")
        for label, rows in groups.items()
        for r in rows or [None]
    ]


def _value_text(row: dict, spec, marks: dict[str, str]) -> str:
    """ "220,904", or "220,904 †" where the chart marks the row."""
    mark = marks.get(str(row[spec.mark])) if spec.mark else None
    return format_number(float(row[spec.value])) + (f" {mark}" if mark else "")


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
