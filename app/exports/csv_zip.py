"""The period report's tables as CSV files in one zip archive.

Each file is UTF-8 with a byte order mark, which is how Excel knows to read it as UTF-8: without it, Thai,
Vietnamese and Urdu names arrive garbled. Dates are ISO (2024-03-25) and shares whole percentages. Text that a
spreadsheet would read as a formula starts with an apostrophe, so it shows as typed and never runs.
"""

import csv
import io
import re
import zipfile
from datetime import date

from app.exports.copies import Copy
from app.exports.tables import Kind, Table, Value, report_tables, whole_percent
from app.reports.period_figures import PeriodFigures

MIME_TYPE = "application/zip"
#: What makes a spreadsheet read a cell as a formula, after OWASP's guidance on CSV injection.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Text such as "-3" or "+2.5" is read as the number it is, and holds no formula.
PLAIN_NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)")


def period_csv_zip(report: PeriodFigures, stem: str, copy: Copy = Copy.RECIPIENT) -> bytes:
    """A zip of one CSV per table, each named ``<stem>_<table>.csv``."""
    return zip_tables(report_tables(report, copy), stem)


def zip_tables(tables: list[Table], stem: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in tables:
            archive.writestr(f"{stem}_{table.name}.csv", table_csv(table).encode("utf-8-sig"))
    return buffer.getvalue()


def table_csv(table: Table) -> str:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow([f"{c.heading} (%)" if c.kind is Kind.PERCENT else c.heading for c in table.columns])
    for row in table.rows:
        writer.writerow([cell(value, column.kind) for value, column in zip(row, table.columns, strict=True)])
    return text.getvalue()


def cell(value: Value, kind: Kind) -> str | int | float:
    if value is None:
        return ""
    if kind is Kind.PERCENT and isinstance(value, int | float):  # a percent column holds shares only
        return whole_percent(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return as_text(value)
    return value


def as_text(value: str) -> str:
    """``value`` with a leading apostrophe when a spreadsheet would otherwise run it (=HYPERLINK(...), -1+cmd|...)."""
    if value.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(value):
        return f"'{value}"
    return value
