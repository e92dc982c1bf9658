"""The browser's two panes: the list of records and one record in full.

Text from the data is always shown literally (rich Text, never markup) and with control
characters escaped, as in every ckr output.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from ckr.browse.collections import WIDE_LIST, Cell, Shown
from ckr.browse.detail import Detail
from ckr.listing import Row
from ckr.model import Source
from ckr.text import printable


class RecordList(DataTable):
    """A collection's records, one a row, narrowed by the filter."""

    DEFAULT_CSS = """
    RecordList { scrollbar-size-vertical: 1; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", **kwargs)
        self.records: Shown | None = None
        self.indexes: list[int] = []  # indexes into shown.listing.rows, in list order

    def fill(self, shown: Shown, visible: list[int], width: int) -> None:
        """Show these rows of `shown` in a list `width` columns wide, keeping the cursor on
        the same record where it is still listed."""
        current = self.current_row()
        self.records, self.indexes = shown, visible
        cells = [c for c in shown.cells if width >= WIDE_LIST or not c.wide]
        chosen = [shown.cells.index(c) for c in cells]
        self.clear(columns=True)
        for cell, size in zip(cells, _widths(cells, chosen, shown, width), strict=True):
            self.add_column(cell.header, width=size)
        for index in visible:
            texts = shown.texts[index]
            self.add_row(*(_cell_text(texts[i]) for i in chosen), key=str(index))
        ids = [shown.listing.rows[i]["id"] for i in visible]
        if current is not None and current.get("id") in ids:
            self.move_cursor(row=ids.index(current["id"]), animate=False)

    def current_row(self) -> Row | None:
        """The record under the cursor, as the Listing's row."""
        if self.records is None or not self.indexes or self.cursor_row >= len(self.indexes):
            return None
        return self.records.listing.rows[self.indexes[max(0, self.cursor_row)]]

    def visible_rows(self) -> list[Row]:
        return [self.records.listing.rows[i] for i in self.indexes] if self.records else []


def _widths(cells: list[Cell], chosen: list[int], shown: Shown, width: int) -> list[int]:
    """Each cell as wide as its longest text in the collection (so the columns stay put as
    the filter narrows the list), up to its cap; the main cell takes the rest."""
    sizes = []
    for cell, i in zip(cells, chosen, strict=True):
        longest = max((cell_len(texts[i]) for texts in shown.texts), default=0)
        sizes.append(min(cell.cap, max(cell_len(cell.header), longest)))
    padding = 2 * len(cells) + 1  # a space each side of a cell, and the scrollbar
    others = sum(size for size, cell in zip(sizes, cells, strict=True) if not cell.main)
    main = max(8, width - padding - others)
    return [main if cell.main else size for size, cell in zip(sizes, cells, strict=True)]


def _cell_text(text: str) -> Text:
    return Text(printable(text), no_wrap=True, overflow="ellipsis")


class RecordView(VerticalScroll):
    """One record in full: fields, trust, sources and links."""

    DEFAULT_CSS = """
    RecordView { padding: 0 1; scrollbar-size-vertical: 1; }
    RecordView > Static { width: 100%; }
    """

    def __init__(self, whole: bool = True, **kwargs) -> None:
        super().__init__(**kwargs)
        self.whole = whole  # False: no sources or links (the record screen lists them)
        self.detail: Detail | None = None

    def compose(self):
        yield Static(id="record")

    def show(self, detail: Detail | None, empty: str = "Nothing selected.") -> None:
        self.detail = detail
        body = self.query_one("#record", Static)
        body.update(render_detail(detail, self.whole) if detail else Text(empty))
        self.scroll_home(animate=False)


def render_detail(detail: Detail, whole: bool = True) -> RenderableType:
    parts: list[RenderableType] = [
        Text(printable(f"{detail.kind} {detail.id}"), style="dim"),
        Text(printable(detail.title), style="bold"),
        _pairs(detail.fields),
        _heading("Trust"),
        _pairs(detail.trust),
    ]
    if not whole:
        return Group(*parts)
    if detail.sources:
        parts.append(_heading("Sources, best first"))
        for number, source in enumerate(detail.sources):
            if number == detail.parts_from:
                parts.append(_heading("Cited for the travel details"))
            elif number:
                parts.append(Text(""))
            parts.append(source_text(source))
    for heading, links in detail.links:
        parts.append(_heading(heading))
        parts.extend(Text(printable(link.text)) for link in links)
    return Group(*parts)


def source_text(source: Source) -> Text:
    """Publisher (kind), title, dates and URL, one line each."""
    published = f"published {source.published} · " if source.published else ""
    lines = [
        Text(printable(f"{source.publisher} ({source.kind})"), style="bold"),
        Text(printable(source.title)),
        Text(printable(f"{published}accessed {source.accessed}")),
        Text(printable(source.url), style="underline"),
    ]
    return Text("\n").join(lines)


def _heading(text: str) -> Text:
    return Text(f"\n{text}", style="bold underline")


def _pairs(pairs: list[tuple[str, str]]) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in pairs:
        grid.add_row(Text(printable(label)), Text(printable(value)))
    return grid
