"""The dataset as a SQLite database, for datasette, sqlite-utils or plain SQL.

The file is written under a temporary name in the same folder and renamed into place, so
a failure never leaves a half-written database, and an existing file is never replaced
unless asked.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile

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


class ExportError(Exception):
    pass


def export(data: Dataset, target: str, dataset_path: str, force: bool = False) -> None:
    """Write `data` to the SQLite file `target`, atomically."""
    if (
        os.path.exists(dataset_path)
        and os.path.exists(target)
        and os.path.samefile(target, dataset_path)
    ):
        raise ExportError(f"{target} is the dataset being read; choose another file")
    if os.path.isdir(target):
        raise ExportError(f"{target} is a folder")
    if os.path.exists(target) and not force:
        raise ExportError(f"{target} exists; use --force to replace it")
    folder = os.path.dirname(os.path.abspath(target))
    handle, temporary = tempfile.mkstemp(prefix=".ckr-export-", suffix=".db", dir=folder)
    os.close(handle)
    try:
        _write(data, temporary)
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise


def _write(data: Dataset, path: str) -> None:
    connection = sqlite3.connect(path)
    try:
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


def _insert_all(connection: sqlite3.Connection, data: Dataset) -> None:
    meta = data.metadata
    _insert(
        connection,
        "metadata",
        [(k, getattr(meta, k)) for k in ("title", "version", "license", "last_reviewed")],
    )
    _insert(
        connection,
        "sources",
        [(s.id, s.publisher, s.title, s.url, s.published, s.accessed) for s in data.sources],
    )
    _insert(
        connection,
        "events",
        [(e.id, e.date, e.title, e.summary, e.category, e.confidence, e.note) for e in data.events],
    )
    _insert(connection, "event_sources", [(e.id, s) for e in data.events for s in e.sources])
    _insert(
        connection,
        "visa_rules",
        [
            (
                r.id,
                r.destination,
                r.nationality,
                r.regime,
                r.max_stay_days,
                r.effective_from,
                r.effective_until,
                r.as_of,
                r.notes,
                r.confidence,
            )
            for r in data.visa
        ],
    )
    _insert(connection, "visa_rule_sources", [(r.id, s) for r in data.visa for s in r.sources])
    _insert(connection, "domains", [(d.id, d.name, d.summary) for d in data.domains])
    _insert(
        connection, "domain_events", [(d.id, e) for d in data.domains for e in d.related_events]
    )
    figures = [(d.id, f) for d in data.domains for f in d.figures]
    _insert(
        connection,
        "figures",
        [
            (i, d, f.label, f.value, f.unit, f.period, f.reported_by, f.confidence, f.note)
            for i, (d, f) in enumerate(figures, 1)
        ],
    )
    _insert(
        connection,
        "figure_sources",
        [(i, s) for i, (_, f) in enumerate(figures, 1) for s in f.sources],
    )
    agreements = [(d.id, a) for d in data.domains for a in d.agreements]
    _insert(
        connection, "agreements", [(i, d, a.name, a.date) for i, (d, a) in enumerate(agreements, 1)]
    )
    _insert(
        connection,
        "agreement_sources",
        [(i, s) for i, (_, a) in enumerate(agreements, 1) for s in a.sources],
    )
    notes = [(d.id, n) for d in data.domains for n in d.notes]
    _insert(
        connection,
        "domain_notes",
        [(i, d, n.text, n.confidence) for i, (d, n) in enumerate(notes, 1)],
    )
    _insert(
        connection,
        "domain_note_sources",
        [(i, s) for i, (_, n) in enumerate(notes, 1) for s in n.sources],
    )
    _insert(connection, "claims", [(c.id, c.claim, c.verdict, c.finding) for c in data.claims])
    for table, field in (
        ("claim_sources", "sources"),
        ("claim_events", "events"),
        ("claim_visa_rules", "visa"),
        ("claim_domains", "domains"),
    ):
        _insert(connection, table, [(c.id, x) for c in data.claims for x in getattr(c, field)])
