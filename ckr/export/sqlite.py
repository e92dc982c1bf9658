"""The dataset as a SQLite database, for datasette, sqlite-utils or plain SQL.

The file is made through ckr.export.files: written under a temporary name and published
in one step, never over a file ckr did not make unless asked (--force).
"""

from __future__ import annotations

import os
import sqlite3

from ckr.export.files import ExportError, new_file
from ckr.model import Dataset

SCHEMA = """
PRAGMA foreign_keys = ON;
CREATE TABLE metadata (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources (
    id TEXT PRIMARY KEY, publisher TEXT NOT NULL, title TEXT NOT NULL, url TEXT NOT NULL,
    published TEXT, accessed TEXT NOT NULL);
CREATE TABLE events (
    id TEXT PRIMARY KEY, date TEXT NOT NULL, title TEXT NOT NULL, summary TEXT NOT NULL,
    category TEXT NOT NULL, confidence TEXT NOT NULL, note TEXT);
CREATE TABLE visa_rules (
    id TEXT PRIMARY KEY, destination TEXT NOT NULL, nationality TEXT NOT NULL,
    regime TEXT NOT NULL, max_stay_days INTEGER, effective_from TEXT, effective_until TEXT,
    as_of TEXT NOT NULL, notes TEXT NOT NULL, confidence TEXT NOT NULL);
CREATE TABLE domains (id TEXT PRIMARY KEY, name TEXT NOT NULL, summary TEXT NOT NULL);
CREATE TABLE figures (
    id INTEGER PRIMARY KEY, domain_id TEXT NOT NULL REFERENCES domains(id),
    label TEXT NOT NULL, value REAL NOT NULL, unit TEXT NOT NULL, period TEXT NOT NULL,
    reported_by TEXT NOT NULL, confidence TEXT NOT NULL, note TEXT);
CREATE TABLE agreements (
    id INTEGER PRIMARY KEY, domain_id TEXT NOT NULL REFERENCES domains(id),
    name TEXT NOT NULL, date TEXT NOT NULL);
CREATE TABLE domain_notes (
    id INTEGER PRIMARY KEY, domain_id TEXT NOT NULL REFERENCES domains(id),
    text TEXT NOT NULL, confidence TEXT NOT NULL);
CREATE TABLE claims (
    id TEXT PRIMARY KEY, claim TEXT NOT NULL, verdict TEXT NOT NULL, finding TEXT NOT NULL);
"""

# Many-to-many links: table name, then (column, referenced table) for each side.
LINKS = {
    "event_sources": (("event_id", "events"), ("source_id", "sources")),
    "visa_rule_sources": (("visa_rule_id", "visa_rules"), ("source_id", "sources")),
    "figure_sources": (("figure_id", "figures"), ("source_id", "sources")),
    "agreement_sources": (("agreement_id", "agreements"), ("source_id", "sources")),
    "domain_note_sources": (("domain_note_id", "domain_notes"), ("source_id", "sources")),
    "domain_events": (("domain_id", "domains"), ("event_id", "events")),
    "claim_sources": (("claim_id", "claims"), ("source_id", "sources")),
    "claim_events": (("claim_id", "claims"), ("event_id", "events")),
    "claim_visa_rules": (("claim_id", "claims"), ("visa_rule_id", "visa_rules")),
    "claim_domains": (("claim_id", "claims"), ("domain_id", "domains")),
}


def export(data: Dataset, target: str, dataset_path: str, force: bool = False) -> None:
    """Write `data` to the SQLite file `target`, atomically."""
    if (
        os.path.exists(dataset_path)
        and os.path.exists(target)
        and os.path.samefile(target, dataset_path)
    ):
        raise ExportError(f"{target} is the dataset being read; choose another file")
    with new_file(target, replace=force) as temporary:
        _write(data, temporary)


def _write(data: Dataset, path: str) -> None:
    connection = sqlite3.connect(path)
    try:
        # The file is private until published, and thrown away on failure: a rollback
        # journal on disk would only be one more file to clean up.
        connection.execute("PRAGMA journal_mode = MEMORY")
        connection.executescript(
            SCHEMA + "".join(_link_table(n, *sides) for n, sides in LINKS.items())
        )
        with connection:
            _insert_all(connection, data)
        problems = connection.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise ExportError(f"broken references in the export: {problems[:3]}")
    finally:
        connection.close()


def _link_table(name: str, left: tuple[str, str], right: tuple[str, str]) -> str:
    (left_column, left_table), (right_column, right_table) = left, right
    return (
        f"CREATE TABLE {name} ("
        f"{left_column} NOT NULL REFERENCES {left_table}(id), "
        f"{right_column} NOT NULL REFERENCES {right_table}(id), "
        f"PRIMARY KEY ({left_column}, {right_column}));\n"
    )


def _insert(connection: sqlite3.Connection, table: str, rows: list[tuple]) -> None:
    if rows:
        marks = ", ".join("?" * len(rows[0]))
        connection.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)


# table: (the dataset's collection, the fields stored as its columns, in order)
RECORDS = {
    "sources": ("sources", ("id", "publisher", "title", "url", "published", "accessed")),
    "events": ("events", ("id", "date", "title", "summary", "category", "confidence", "note")),
    "visa_rules": (
        "visa",
        ("id", "destination", "nationality", "regime", "max_stay_days", "effective_from",
         "effective_until", "as_of", "notes", "confidence"),
    ),
    "domains": ("domains", ("id", "name", "summary")),
    "claims": ("claims", ("id", "claim", "verdict", "finding")),
}  # fmt: skip
# link table: (collection, the list of ids each of its records holds)
RECORD_LINKS = {
    "event_sources": ("events", "sources"),
    "visa_rule_sources": ("visa", "sources"),
    "domain_events": ("domains", "related_events"),
    "claim_sources": ("claims", "sources"),
    "claim_events": ("claims", "events"),
    "claim_visa_rules": ("claims", "visa"),
    "claim_domains": ("claims", "domains"),
}
# table: (each domain's list, the fields stored after id and domain_id, its sources' table)
DOMAIN_PARTS = {
    "figures": (
        "figures",
        ("label", "value", "unit", "period", "reported_by", "confidence", "note"),
        "figure_sources",
    ),
    "agreements": ("agreements", ("name", "date"), "agreement_sources"),
    "domain_notes": ("notes", ("text", "confidence"), "domain_note_sources"),
}


def _insert_all(connection: sqlite3.Connection, data: Dataset) -> None:
    # Referenced rows go in before the rows that point at them.
    meta = data.metadata
    fields = ("title", "version", "license", "last_reviewed")
    _insert(connection, "metadata", [(name, getattr(meta, name)) for name in fields])
    for table, (collection, columns) in RECORDS.items():
        records = getattr(data, collection)
        _insert(connection, table, [tuple(getattr(r, c) for c in columns) for r in records])
    for table, (collection, ids) in RECORD_LINKS.items():
        records = getattr(data, collection)
        # An id listed twice (validate flags it) is one link.
        links = [(r.id, i) for r in records for i in dict.fromkeys(getattr(r, ids))]
        _insert(connection, table, links)
    for table, (part, columns, sources_table) in DOMAIN_PARTS.items():
        items = [(d.id, item) for d in data.domains for item in getattr(d, part)]
        numbered = list(enumerate(items, 1))
        rows = [(n, d, *(getattr(item, c) for c in columns)) for n, (d, item) in numbered]
        _insert(connection, table, rows)
        links = [(n, s) for n, (_, item) in numbered for s in dict.fromkeys(item.sources)]
        _insert(connection, sources_table, links)
