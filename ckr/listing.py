"""A format-neutral result: the records' fields and raw values, and how a table shows them.

Views (`ckr.views`) build a Listing; `ckr.render` writes it as a table, JSON, NDJSON, CSV,
TSV or Markdown. Machine formats write `fields` of every row, named as in `ckr.records`;
tables and Markdown write `columns`, over `table_rows` where a table has a layout of its own
(the visa matrix), else over the same rows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import msgspec

from ckr.records import header
from ckr.suggest import closest

Value = Any  # str, int, float, bool, None, or a list of ids
Row = dict[str, Value]


# msgspec Structs rather than dataclasses: defining a dataclass costs start-up time, and
# every command that prints imports this module.
class Column(msgspec.Struct, frozen=True):
    key: str  # the row value the column shows
    header: str  # the header in tables: for people
    show: Callable[[Value], str] | None = None  # how a table shows the value
    text: Callable[[Row], str] | None = None  # ... or the whole row, when it needs more
    justify: str = "left"
    wrap: bool = True  # False keeps short values such as names on one line
    min_width: int | None = None  # so narrow terminals wrap words, not letters
    max_width: int | None = None  # so a long secondary value leaves room for the main one
    wide_only: bool = False  # only on terminals of WIDE columns or more (cards keep it)
    link: str | None = None  # key of the row value that is this cell's hyperlink target
    under: str | None = None  # key of a row value shown on a line below (an id to copy)
    searched: bool = False  # True: the listing's highlighted matches are marked in this column
    nowrap_words: bool = False  # True: never break inside a word (URLs stay whole)

    def shown(self, row: Row) -> str:
        """What a table (or Markdown) shows of this column for `row`."""
        if self.text is not None:
            return self.text(row)
        value = row.get(self.key)
        if self.show is not None:
            return self.show(value)
        if value is None:
            return "—"
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        return str(value)


def field_column(name: str) -> Column:
    """A plain column for a field a table does not show by default."""
    return Column(name, header(name))


class Chart(msgspec.Struct, frozen=True, kw_only=True):
    """How a table-format Listing is drawn as bars instead: which row keys say what."""

    label: str  # one bar (or group of bars) per distinct value, in row order
    series: str  # one glyph and colour per distinct value
    value: str  # the number each row contributes
    stacked: bool  # counts add up along one bar; measures stand side by side
    # The labels to draw, in order, with no row (a gap) where a label has no value.
    axis: list[str] | None = None
    # A row key, and a mark to put after the value for some of its values (a † for a
    # disputed figure), so doubt reads on the bar itself; a line under the legend names
    # the marks drawn, followed by `marks_hint`. Side-by-side charts only (not stacked).
    mark: str | None = None
    marks: dict[str, str] = msgspec.field(default_factory=dict)
    marks_hint: str = ""


class Listing(msgspec.Struct, kw_only=True):
    fields: list[str]  # what machine formats write, in this order
    rows: list[Row]  # one record a row, raw typed values
    columns: list[Column]  # what tables and Markdown show
    table_rows: list[Row] | None = None  # a table layout of its own; else `rows`
    single: bool = False  # JSON prints the one row as an object (ckr show)
    title: str = ""
    caption: str = ""
    intro: str = ""  # a paragraph shown above a table
    empty_message: str = "Nothing matches."
    # Where a text's matches are, (start, end) pairs: marked in the columns that are `searched`.
    highlight: Callable[[str], list[tuple[int, int]]] | None = None
    chart: Chart | None = None  # draw bars rather than a table
    notes: list[str] = msgspec.field(default_factory=list)  # lines under a table (a legend)
    show_header: bool = True  # False for a card of labelled lines

    def shown_rows(self) -> list[Row]:
        return self.rows if self.table_rows is None else self.table_rows

    def table_columns(self, width: int | None = None) -> list[Column]:
        """The columns a table shows; on a terminal narrower than WIDE, not the wide-only."""
        wide = width is None or width >= WIDE
        return [column for column in self.columns if wide or not column.wide_only]

    def select(self, names: list[str]) -> Listing:
        """Only the named fields, in the order given, in every format; an unknown name is a
        ValueError that suggests the nearest and lists them all."""
        listed = f"available fields: {', '.join(self.fields)}"
        if not names:
            raise ValueError(f"name at least one field; {listed}")
        twice = [name for name in names if names.count(name) > 1]
        if twice:
            raise ValueError(f"field {twice[0]!r} is named twice")
        for name in names:
            if name not in self.fields:
                close = closest(name, self.fields)
                hint = f" (did you mean {close!r}?)" if close else ""
                raise ValueError(f"unknown field {name!r}{hint}; {listed}")
        by_key = {column.key: column for column in self.columns}
        # In a table the chosen fields are columns of the rows themselves, one a record.
        columns = [
            msgspec.structs.replace(by_key[name], wide_only=False, text=None, under=None)
            if name in by_key
            else field_column(name)
            for name in names
        ]
        return msgspec.structs.replace(self, fields=list(names), columns=columns, table_rows=None)


WIDE = 120  # columns from which tables add their wide-only columns (visa notes)
