"""A format-neutral result: columns, rows and the JSON records behind them.

Views (`ckr.views`) build a Listing; `ckr.render` writes it as a table, JSON, CSV, TSV or Markdown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import re

Value = str | int | float | None


@dataclass(frozen=True)
class Column:
    key: str  # the header in CSV/TSV: stable, for scripts
    header: str  # the header in tables: for people
    show: Callable[[Value], str] | None = None  # how a table shows the value
    justify: str = "left"
    wrap: bool = True  # False keeps short values such as names on one line
    min_width: int | None = None  # so narrow terminals wrap words, not letters
    in_table: bool = True  # False: only in CSV/TSV, where scripts want the raw value
    optional: bool = False  # True: only when asked for with --fields
    link: str | None = None  # key of the row value that is this cell's hyperlink target
    table_key: str | None = None  # key of a shorter row value that tables show instead
    searched: bool = False  # True: the listing's highlight pattern is marked in this column

    def shown(self, row: dict[str, Value]) -> str:
        """What a table (or Markdown) shows of this column for `row`."""
        value = row[self.table_key or self.key]
        if self.show is not None:
            return self.show(value)
        return "—" if value is None else str(value)


@dataclass(frozen=True)
class Chart:
    """How a table-format Listing is drawn as bars instead: which row keys say what."""

    label: str  # one bar (or group of bars) per distinct value, in row order
    series: str  # one glyph and colour per distinct value
    value: str  # the number each row contributes
    stacked: bool  # counts add up along one bar; measures stand side by side


@dataclass
class Listing:
    """Rows keyed by column, for tables, CSV and TSV; records for JSON."""

    columns: list[Column]
    rows: list[dict[str, Value]]
    records: Any  # what --format json prints: a list of dicts, or one dict
    title: str = ""
    caption: str = ""
    intro: str = ""  # a paragraph shown above a table
    empty_message: str = "Nothing matches."
    highlight: re.Pattern | None = None  # marked in the columns that are `searched`
    chart: Chart | None = None  # draw bars rather than a table
    record_keys: list[str] = field(default_factory=list)  # JSON fields, known even with no rows

    def default_columns(self) -> list[Column]:
        """The columns of CSV and TSV output."""
        return [column for column in self.columns if not column.optional]

    def table_columns(self) -> list[Column]:
        return [column for column in self.default_columns() if column.in_table]

    def json_fields(self) -> list[str]:
        if isinstance(self.records, list) and not self.records:
            return self.record_keys
        sample = self.records[0] if isinstance(self.records, list) else self.records
        return list(sample) if isinstance(sample, dict) else []

    def select(self, fields: list[str], for_json: bool) -> Listing:
        """Only the named fields, in the order given; an unknown name is a ValueError."""
        available = self.json_fields() if for_json else [c.key for c in self.columns]
        listed = f"available fields: {', '.join(available)}"
        if not fields:
            raise ValueError(f"name at least one field; {listed}")
        twice = [name for name in fields if fields.count(name) > 1]
        if twice:
            raise ValueError(f"field {twice[0]!r} is named twice")
        unknown = [name for name in fields if name not in available]
        if unknown:
            raise ValueError(f"unknown field {unknown[0]!r}; {listed}")
        if for_json:

            def pick(record: dict) -> dict:
                return {name: record[name] for name in fields}

            records = (
                [pick(r) for r in self.records]
                if isinstance(self.records, list)
                else pick(self.records)
            )
            return replace(self, records=records)
        by_key = {column.key: column for column in self.columns}
        # A chosen column shows everywhere, even one that is normally left out.
        columns = [replace(by_key[name], in_table=True, optional=False) for name in fields]
        return replace(self, columns=columns)
