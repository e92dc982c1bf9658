"""CSV and TSV: one dialect each, that of Python's csv module ("excel" and "excel-tab").

Both are read back as written by Python's csv module, pandas and csvkit: a value holding
the delimiter, a quote or a line break is quoted; other control characters are shown as
escapes, as everywhere. Lists of ids are joined with ";", booleans are true/false and
missing values empty. In CSV, the spreadsheet format, a text cell that a spreadsheet would
run as a formula (starting with =, +, -, @, tab or carriage return) gets a leading
apostrophe (OWASP's advice); TSV and JSON carry every value exactly.
"""

from __future__ import annotations

from ckr.listing import Listing, Value
from ckr.text import printable_keeping_lines

DIALECTS = {"csv": "excel", "tsv": "excel-tab"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Value, neutralise_formulas: bool = False) -> Value:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        value = ";".join(value)
    elif isinstance(value, (list, dict)):  # objects (ckr show's sources): as JSON text
        import json

        value = json.dumps(value, ensure_ascii=False)
    if not isinstance(value, str):
        return value
    text = printable_keeping_lines(value)
    if neutralise_formulas and text.startswith(_FORMULA_START):
        return "'" + text
    return text


def to_delimited(listing: Listing, fmt: str) -> str:
    neutralise = fmt == "csv"
    rows = [listing.fields]
    rows += [[cell(row.get(name), neutralise) for name in listing.fields] for row in listing.rows]
    separator = "," if fmt == "csv" else "\t"
    needs_quotes = (separator, '"', "\n", "\r")
    # Most listings hold nothing to quote: then the csv module (slow to import, and ckr
    # must start fast) would write exactly the fields joined by the separator.
    if all(len(line) > 1 for line in rows) and not any(
        isinstance(value, str) and any(mark in value for mark in needs_quotes)
        for line in rows
        for value in line
    ):
        return "".join(separator.join(map(str, line)) + "\n" for line in rows)
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer, dialect=DIALECTS[fmt], lineterminator="\n").writerows(rows)
    return buffer.getvalue()
