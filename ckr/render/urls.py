"""URLs are never broken across lines: one too long for its column goes on a line of its own.

A cell that holds a URL and nothing else is drawn empty when the URL would not fit its
column, and a marker row follows its row; once the table or card is laid out, the line
holding the marker becomes the URL, whole, from where the marker stood. A URL longer than
the terminal is then one long line the terminal wraps, which it still selects and opens
as one link.
"""

from __future__ import annotations

import re

from ckr.text import printable

_LONE_URL = re.compile(r"https?://\S+\Z")
_FIRST_MARK = 0xF0000  # Unicode's supplementary private use area: never in the data shown


def lone_url(text: str) -> bool:
    """Whether a cell's text is a URL and nothing else."""
    return bool(_LONE_URL.match(text))


def mark(number: int) -> str:
    """The marker character of the `number`th URL put on a line of its own."""
    return chr(_FIRST_MARK + number)


def render_lines(console, renderable) -> list:
    """What rich draws, as lines of segments: neither padded nor cut to the terminal's
    width (a table laid out wider than it shows by the length of its lines)."""
    from rich.segment import Segment

    return list(Segment.split_lines(console.render(renderable, console.options)))


def folded(lines: list, cells: dict) -> list:
    """The keys of `cells` (key: the URL shown) whose URL no line shows whole."""
    plain = "\n".join("".join(segment.text for segment in line) for line in lines)
    return [key for key, url in cells.items() if url not in plain]


def print_lines(console, lines: list, urls: dict[str, tuple[str, str | None]]) -> None:
    """Print rendered lines, each line holding a marker replaced by its URL (marker: (URL
    shown, link target)), whole: never cut at the terminal's edge."""
    from rich.cells import cell_len
    from rich.segment import Segment, SegmentLines
    from rich.style import Style

    shown = []
    for line in lines:
        plain = "".join(segment.text for segment in line)
        marker = next((char for char in plain if char in urls), None)
        if marker is not None:
            url, target = urls[marker]
            link = Style(link=target) if target and target == printable(target) else None
            indent = cell_len(plain[: plain.index(marker)])
            line = [Segment(" " * indent), Segment(url, link)]
        shown.append(line)
    console.print(SegmentLines(shown, new_lines=True), crop=False)
