"""The dataset as a SQLite database, for datasette, sqlite-utils or plain SQL.

Tables, columns and keys come from ckr.export.tables: stable ids as primary keys, foreign
keys between tables (country codes to `countries`), and a full-text index `<table>_fts`
per searchable table, made as sqlite-utils' enable_fts makes them, so `sqlite-utils
search` and datasette's search box use them. The file is made through ckr.export.files:
written under a temporary name and published in one step, never over a file ckr did not
make unless asked (--force).
"""

from __future__ import annotations

import sqlite3

from ckr.export import tables
from ckr.export.files import ExportError, new_file
from ckr.model import Dataset

SQL_TYPES = {
    tables.TEXT: "TEXT",
    tables.INTEGER: "INTEGER",
    tables.NUMBER: "NUMERIC",  # whole numbers stay integers: 438, not 438.0
    tables.BOOLEAN: "INTEGER",  # 0 or 1
    tables.PARTIAL_DATE: "TEXT",
}


def export(data: Dataset, target: str, force: bool = False) -> None:
    """Write `data` to the SQLite file `target`, atomically."""
    with new_file(target, replace=force) as temporary:
        write(data, temporary)


def write(data: Dataset, path: str) -> None:
    """Write `data` into a new SQLite file at `path`."""
    connection = sqlite3.connect(path)
    try:
        # The file is private until published, and thrown away on failure: a rollback
        # journal on disk would only be one more file to clean up.
        connection.execute("PRAGMA journal_mode = MEMORY")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.executescript(schema())
        with connection:
            _insert_all(connection, data)
            _index_text(connection)
        problems = connection.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise ExportError(f"broken references in the export: {problems[:3]}")
    finally:
        connection.close()


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def schema() -> str:
    """CREATE TABLE statements for every table, then its full-text index."""
    statements = []
    for table in tables.TABLES:
        lines = []
        for column in table.columns:
            line = f"{_quote(column.name)} {SQL_TYPES[column.kind]}"
            if column.required:
                line += " NOT NULL"
            if column.references:
                target = tables.BY_NAME[column.references]
                line += f" REFERENCES {_quote(target.name)}({_quote(target.referenced_key)})"
            lines.append(line)
        lines.append(f"PRIMARY KEY ({', '.join(map(_quote, table.key))})")
        statements.append(f"CREATE TABLE {_quote(table.name)} (\n    " + ",\n    ".join(lines))
        statements[-1] += "\n);"
        if table.search:
            columns = ", ".join(map(_quote, table.search))
            statements.append(
                f"CREATE VIRTUAL TABLE {_quote(table.name + '_fts')} USING FTS5 "
                f"({columns}, content={_quote(table.name)});"
            )
    return "\n".join(statements) + "\n"


def _insert_all(connection: sqlite3.Connection, data: Dataset) -> None:
    for name, rows in tables.rows(data).items():
        if rows:
            marks = ", ".join("?" * len(rows[0]))
            connection.executemany(f"INSERT INTO {_quote(name)} VALUES ({marks})", rows)


def _index_text(connection: sqlite3.Connection) -> None:
    for table in tables.TABLES:
        if table.search:
            fts = _quote(table.name + "_fts")
            connection.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
