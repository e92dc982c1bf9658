"""The dataset as tables: one description that the SQLite, datasette and data package
exports all write from, so their tables, columns and keys are the same.

Column names are the data contract's (ckr/records.py) where a record's field is stored as
is; lists of ids become link tables; derived fields (status, ages, best sources) are left
to views and queries. Values are raw: numbers, booleans, ISO dates at their precision.
"""

from __future__ import annotations

from dataclasses import dataclass

from ckr import countries
from ckr.model import Dataset

# What a value of each kind is: SQLite's column type; partial dates are text.
TEXT, INTEGER, NUMBER, BOOLEAN, PARTIAL_DATE = "text", "integer", "number", "boolean", "date"
PARTIAL_DATE_MEANING = "an ISO 8601 date at its precision: YYYY, YYYY-MM or YYYY-MM-DD"


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    description: str
    required: bool = True
    references: str | None = None  # the table whose key this column holds


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ("id",)
    label: str | None = None  # the column that names a row, for links to it
    search: tuple[str, ...] = ()  # the columns of its full-text index
    facets: tuple[str, ...] = ()

    @property
    def referenced_key(self) -> str:
        return self.key[0]


def _c(name, kind, description, required=True, references=None) -> Column:
    return Column(name, kind, description, required, references)


CONFIDENCE = _c(
    "confidence", TEXT, "How far to trust it: verified, seed-only (only the seed article says "
    "so) or disputed"
)  # fmt: skip

TABLES: tuple[Table, ...] = (
    Table(
        "metadata",
        "The dataset's title, version, license and the day it was last reviewed",
        (_c("key", TEXT, "Field name"), _c("value", TEXT, "Its value")),
        key=("key",),
    ),
    Table(
        "countries",
        "Countries that visa rules name, by ISO 3166-1 code",
        (
            _c("code", TEXT, "ISO 3166-1 alpha-2 code"),
            _c("code3", TEXT, "ISO 3166-1 alpha-3 code"),
            _c("name", TEXT, "English name"),
            _c(
                "other_names",
                TEXT,
                "Other names people use, in English and in Korean, "
                "Khmer, Japanese, Chinese, Vietnamese and Thai, separated by '; '",
            ),
        ),
        key=("code",),
        label="name",
    ),  # fmt: skip
    Table(
        "sources",
        "The pages every record cites",
        (
            _c("id", TEXT, "Stable id"),
            _c("kind", TEXT, "What kind of page: official, news, reference, guide or blog"),
            _c("publisher", TEXT, "Who published the page"),
            _c("title", TEXT, "The page's title"),
            _c("url", TEXT, "Where the page is"),
            _c(
                "published",
                PARTIAL_DATE,
                "When it was published, " + PARTIAL_DATE_MEANING,
                required=False,
            ),
            _c("accessed", PARTIAL_DATE, "When it was last read, " + PARTIAL_DATE_MEANING),
        ),
        label="title",
        search=("publisher", "title"),
        facets=("kind", "publisher"),
    ),  # fmt: skip
    Table(
        "events",
        "Dated events of Cambodia-South Korea relations",
        (
            _c("id", TEXT, "Stable id"),
            _c("date", PARTIAL_DATE, "When it happened, " + PARTIAL_DATE_MEANING),
            _c("title", TEXT, "What happened, in a line"),
            _c("summary", TEXT, "What happened, in a few sentences"),
            _c("category", TEXT, "Kind of event: diplomacy, trade, labour, ..."),
            _c("note", TEXT, "A caveat, such as sources that disagree", required=False),
            CONFIDENCE,
        ),
        label="title",
        search=("title", "summary", "note"),
        facets=("category", "confidence"),
    ),
    Table(
        "visa",
        "Visa rules: what a passport holder needs to enter a country, and for how long",
        (
            _c("id", TEXT, "Stable id"),
            _c("nationality", TEXT, "The passport, as an ISO code", references="countries"),
            _c("destination", TEXT, "The country entered, as an ISO code", references="countries"),
            _c("regime", TEXT, "visa_free, visa_on_arrival, e_visa or visa_required"),
            _c("max_stay_days", INTEGER, "Longest stay allowed, in days", required=False),
            _c(
                "effective_from",
                PARTIAL_DATE,
                "First day in force, " + PARTIAL_DATE_MEANING + "; empty where no source says",
                required=False,
            ),
            _c(
                "effective_until",
                PARTIAL_DATE,
                "Last day in force, " + PARTIAL_DATE_MEANING + "; empty while in force",
                required=False,
            ),
            _c(
                "as_of",
                PARTIAL_DATE,
                "When a source last confirmed the rule, " + PARTIAL_DATE_MEANING,
            ),
            _c("notes", TEXT, "Conditions and caveats", required=False),
            CONFIDENCE,
            _c(
                "fee_amount",
                NUMBER,
                "Fee, in fee_currency; empty where no page states it",
                required=False,
            ),
            _c("fee_currency", TEXT, "ISO 4217 currency of the fee", required=False),
            _c("e_visa", BOOLEAN, "Whether an e-visa is offered for this passport", required=False),
            _c("extension", TEXT, "How a stay can be extended, in words", required=False),
            _c(
                "passport_validity_months",
                INTEGER,
                "Months of passport validity required beyond arrival",
                required=False,
            ),
            _c(
                "onward_ticket",
                BOOLEAN,
                "Whether an onward or return ticket is required",
                required=False,
            ),
            _c("entry_points", TEXT, "Where one may enter, in words", required=False),
        ),
        label="id",
        search=("notes",),
        facets=("destination", "nationality", "regime", "confidence"),
    ),  # fmt: skip
    Table(
        "domains",
        "Fields of cooperation: trade, labour, aid, ...",
        (
            _c("id", TEXT, "Stable id"),
            _c("name", TEXT, "Name"),
            _c("summary", TEXT, "The state of things, in a few sentences"),
        ),
        label="name",
    ),
    Table(
        "figures",
        "Numbers of each domain, each with its unit, period and who reported it",
        (
            _c("id", TEXT, "Stable id"),
            _c("domain", TEXT, "The domain it belongs to", references="domains"),
            _c("label", TEXT, "What is counted"),
            _c("value", NUMBER, "The number, in the column unit"),
            _c("unit", TEXT, "The unit of value, such as USD million or people"),
            _c("period", TEXT, "The year or span the number covers"),
            _c("reported_by", TEXT, "Who reported the number"),
            _c("note", TEXT, "A caveat", required=False),
            CONFIDENCE,
        ),
        label="label",
        search=("label", "note"),
        facets=("domain", "reported_by", "confidence"),
    ),
    Table(
        "agreements",
        "Agreements signed, by domain",
        (
            _c("id", TEXT, "Stable id"),
            _c("domain", TEXT, "The domain it belongs to", references="domains"),
            _c("name", TEXT, "Name of the agreement"),
            _c("date", PARTIAL_DATE, "When it was signed, " + PARTIAL_DATE_MEANING),
        ),
        label="name",
        facets=("domain",),
    ),
    Table(
        "domain_notes",
        "Findings about a domain that are not numbers",
        (
            _c("id", TEXT, "Stable id"),
            _c("domain", TEXT, "The domain it belongs to", references="domains"),
            _c("text", TEXT, "The finding"),
            CONFIDENCE,
        ),
        label="id",
        facets=("domain", "confidence"),
    ),
    Table(
        "claims",
        "The seed article's factual claims, and what checking them found",
        (
            _c("id", TEXT, "Stable id"),
            _c("claim", TEXT, "What the seed article says"),
            _c("verdict", TEXT, "supported, partly-supported, unsupported or seed-only"),
            _c("finding", TEXT, "What checking found"),
        ),
        label="id",
        search=("claim", "finding"),
        facets=("verdict",),
    ),
)


def _link(name: str, description: str, left: str, right: str) -> Table:
    """A many-to-many link: `<left>_id` and `<right>_id` columns, each a reference."""
    columns = tuple(
        _c(f"{_singular(table)}_id", TEXT, f"A {_singular(table).replace('_', ' ')}",
           references=table)
        for table in (left, right)
    )  # fmt: skip
    return Table(name, description, columns, key=tuple(c.name for c in columns))


def _singular(table: str) -> str:
    return {"visa": "visa_rule", "countries": "country"}.get(table, table.removesuffix("s"))


# Link table: (its table, the collection, the record's list of ids, the linked table).
LINKS = (
    ("event_sources", "events", "sources", "sources"),
    ("visa_sources", "visa", "sources", "sources"),
    ("visa_detail_sources", "visa", "details.sources", "sources"),
    ("figure_sources", "figures", "sources", "sources"),
    ("agreement_sources", "agreements", "sources", "sources"),
    ("domain_note_sources", "domain_notes", "sources", "sources"),
    ("domain_events", "domains", "related_events", "events"),
    ("claim_sources", "claims", "sources", "sources"),
    ("claim_events", "claims", "events", "events"),
    ("claim_visa", "claims", "visa", "visa"),
    ("claim_domains", "claims", "domains", "domains"),
)
TABLES += tuple(
    _link(name, f"Which {right} each of the {table} cites or relates to", table, right)
    for name, table, _, right in LINKS
)
BY_NAME = {table.name: table for table in TABLES}


def rows(data: Dataset) -> dict[str, list[tuple]]:
    """Every table's rows, as tuples in its columns' order; referenced rows come first."""
    records = _records(data)
    out: dict[str, list[tuple]] = {}
    meta = data.metadata
    out["metadata"] = [
        (name, getattr(meta, name)) for name in ("title", "version", "license", "last_reviewed")
    ]
    out["countries"] = [
        (c.code, c.code3, c.name, "; ".join(c.aliases)) for c in countries.COUNTRIES
    ]
    listed = {c.code for c in countries.COUNTRIES}
    for rule in data.visa:  # a code ckr has no name for still gets a row to point at
        for code in (rule.nationality, rule.destination):
            if code not in listed:
                listed.add(code)
                out["countries"].append((code, None, code, None))
    for table in TABLES[2:]:
        if table.name not in records:
            continue
        out[table.name] = [
            tuple(_value(record, column.name) for column in table.columns)
            for record in records[table.name]
        ]
    for name, table, ids, _ in LINKS:
        out[name] = [
            (_value(record, "id"), linked)
            for record in records[table]
            # An id listed twice (validate flags it) is one link.
            for linked in dict.fromkeys(_ids(record, ids))
        ]
    return out


class _Part:
    """A figure, agreement or note with its domain's id beside its own fields."""

    def __init__(self, domain: str, item: object) -> None:
        self.domain, self.item = domain, item

    def __getattr__(self, name: str) -> object:
        return getattr(self.item, name)


def _records(data: Dataset) -> dict[str, list]:
    parts = {
        table: [_Part(d.id, item) for d in data.domains for item in getattr(d, part)]
        for table, part in (("figures", "figures"), ("agreements", "agreements"),
                            ("domain_notes", "notes"))
    }  # fmt: skip
    return {
        "sources": data.sources,
        "events": data.events,
        "visa": data.visa,
        "domains": data.domains,
        "claims": data.claims,
        **parts,
    }


def _value(record: object, name: str) -> object:
    details = getattr(record, "details", False)
    if details is not False and name in _DETAIL_FIELDS:
        return getattr(details, name) if details is not None else None
    value = getattr(record, name)
    return None if value == "" else value  # an empty note is no note


_DETAIL_FIELDS = {
    "fee_amount", "fee_currency", "e_visa", "extension", "passport_validity_months",
    "onward_ticket", "entry_points",
}  # fmt: skip


def _ids(record: object, path: str) -> list[str]:
    if path == "details.sources":
        details = record.details
        return list(details.sources) if details is not None else []
    return list(getattr(record, path))
