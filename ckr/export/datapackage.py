"""The dataset as a Frictionless Data Package (v2): one CSV file per table, described by
datapackage.json with a Table Schema each, primary and foreign keys, license and sources.

    frictionless validate PATH/datapackage.json

Values are exact, as the dataset holds them (no spreadsheet-formula neutralising here):
numbers as numbers, booleans as true/false, an empty cell for a missing value. Dates are
ISO 8601 at their precision (YYYY, YYYY-MM or YYYY-MM-DD), so they are strings with a
pattern rather than `date`. The folder is made through ckr.export.files (new_folder).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os

from ckr.export import licenses, tables
from ckr.export.files import new_folder
from ckr.model import Dataset

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
TYPES = {
    tables.TEXT: "string",
    tables.INTEGER: "integer",
    tables.NUMBER: "number",
    tables.BOOLEAN: "boolean",
    tables.PARTIAL_DATE: "string",
}
# YYYY, YYYY-MM or YYYY-MM-DD; Table Schema patterns match the whole value.
DATE_PATTERN = r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"


def export(data: Dataset, target: str, force: bool = False) -> None:
    """Make the folder `target` (never replaced, even with `force`)."""
    with new_folder(target) as folder:
        for name, rows in tables.rows(data).items():
            _write_csv(os.path.join(folder, name + ".csv"), tables.BY_NAME[name], rows)
        with open(os.path.join(folder, "datapackage.json"), "w", encoding="utf-8") as file:
            json.dump(descriptor(data), file, indent=2, ensure_ascii=False)
            file.write("\n")


def _write_csv(path: str, table: tables.Table, rows: list[tuple]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)  # the excel dialect: RFC 4180 quoting, CRLF line ends
        writer.writerow(column.name for column in table.columns)
        writer.writerows(tuple(map(_cell, row)) for row in rows)


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def descriptor(data: Dataset) -> dict:
    meta = data.metadata
    package: dict = {
        "$schema": PROFILE,
        "name": "ckr",
        "title": meta.title,
        "description": "Events, visa rules, figures and agreements of Cambodia-South Korea "
        "relations, each with its sources and how far to trust it, and the claims of the "
        f"seed article with what checking them found. Last reviewed {meta.last_reviewed}.",
        "version": meta.version,
        "created": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
    }
    known = licenses.known(meta.license)
    if known:
        package["licenses"] = [{"name": known[0], "path": known[2], "title": meta.license}]
    else:
        package["licenses"] = [{"title": meta.license}]
    seed = licenses.seed(data)
    if seed is not None:
        package["sources"] = [{"title": f"{seed.publisher}: {seed.title}", "path": seed.url}]
    package["resources"] = [_resource(table) for table in tables.TABLES]
    return package


def _resource(table: tables.Table) -> dict:
    schema: dict = {
        "fields": [_field(column) for column in table.columns],
        "primaryKey": list(table.key),
    }
    references = [
        {
            "fields": [column.name],
            "reference": {
                "resource": column.references,
                "fields": [tables.BY_NAME[column.references].referenced_key],
            },
        }
        for column in table.columns
        if column.references
    ]
    if references:
        schema["foreignKeys"] = references
    return {
        "name": table.name,
        "type": "table",
        "path": table.name + ".csv",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": table.description,
        "schema": schema,
    }


def _field(column: tables.Column) -> dict:
    field: dict = {
        "name": column.name,
        "type": TYPES[column.kind],
        "description": column.description,
    }
    constraints: dict = {}
    if column.required:
        constraints["required"] = True
    if column.kind == tables.PARTIAL_DATE:
        constraints["pattern"] = DATE_PATTERN
    if constraints:
        field["constraints"] = constraints
    return field
