"""The one way every import reads a spreadsheet: an XLSX or CSV file turned into rows of named values.

The headings' row is the first row with anything in it; columns are found by their headings in any order,
ignoring case and spaces around them. Blank rows and columns (before the headings too) are skipped; a row keeps
its number in the file, so a message can name the row the person sees. A file that cannot be read as the
template is refused whole with one message (``DomainError`` on the field "file"); a cell that can be read but not
imported (a formula) is a problem of its row, shown beside it in the preview.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from flask import current_app
from openpyxl.utils import get_column_letter

from app.common.errors import DomainError
from app.imports import messages
from app.imports.cells import Cell, Rows
from app.imports.csv_text import csv_rows
from app.imports.xlsx import xlsx_rows

#: What every file of a given type starts with.
ZIP, OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Column:
    """A column of an import's template. An optional column may be left out of the file altogether."""

    heading: str
    required: bool = True
    hint: str = ""


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_rows: int

    @classmethod
    def configured(cls) -> "Limits":
        """The limits the settings give (IMPORT_MAX_BYTES, IMPORT_MAX_ROWS)."""
        return cls(current_app.config["IMPORT_MAX_BYTES"], current_app.config["IMPORT_MAX_ROWS"])


@dataclass
class SheetRow:
    """One row of the file with a value, by the template's heading of each column (blank for an optional column the
    file leaves out)."""

    number: int
    values: dict[str, str]
    problems: list[str] = field(default_factory=list)


class RowProblems(Exception):
    """What keeps a row from being read, most important first: raised by an importer's row reader."""

    def __init__(self, *problems: str):
        super().__init__(problems[0])
        self.problems = list(problems)


def _key(heading: str) -> str:
    return " ".join(heading.split()).casefold()


def file_rows(filename: str, content: bytes, limits: Limits) -> Rows:
    """Every row of the file's (first) sheet, by what the file is: its content decides, its name must agree."""
    if len(content) > limits.max_bytes:
        raise DomainError("file", messages.too_large(limits.max_bytes))
    name = filename.lower()
    if not name.endswith((".xlsx", ".csv")):
        raise DomainError("file", str(messages.NOT_A_SPREADSHEET))
    if content.startswith(OLE):
        raise DomainError("file", str(messages.OLD_EXCEL))
    if content.startswith(ZIP):  # an XLSX file, even one saved under the name .csv
        return xlsx_rows(content, max_bytes=limits.max_bytes, max_rows=limits.max_rows)
    if name.endswith(".xlsx"):  # not a zip at all: another kind of file renamed
        raise DomainError("file", str(messages.NOT_A_SPREADSHEET))
    return csv_rows(content, max_rows=limits.max_rows)


def _columns(headings: list[Cell], columns: Sequence[Column], used: set[int]) -> dict[str, int]:
    """Where each column of the template is in the file, by its heading; refused when one is missing, unknown or
    given twice. ``used``: the positions that hold a value somewhere under the headings."""
    wanted = {_key(column.heading): column for column in columns}
    found: dict[str, int] = {}
    unknown: list[str] = []
    for index, heading in enumerate(headings):
        if not heading.text:
            if index in used:
                raise DomainError("file", messages.without_heading(get_column_letter(index + 1)))
            continue
        column = wanted.get(_key(heading.text))
        if column is None:
            unknown.append(heading.text)
        elif column.heading in found:
            raise DomainError("file", messages.twice(column.heading))
        else:
            found[column.heading] = index
    expected = [column.heading for column in columns]
    missing = [column.heading for column in columns if column.required and column.heading not in found]
    if missing:
        raise DomainError("file", messages.missing_columns(missing, expected))
    if unknown:
        raise DomainError("file", messages.unknown_columns(unknown, expected))
    return found


def named_rows(rows: Rows, columns: Sequence[Column]) -> list[SheetRow]:
    """The rows under the headings, by the template's headings; blank rows left out."""
    filled = [(number, cells) for number, cells in rows if any(cell.text for cell in cells)]
    if not filled:
        raise DomainError("file", str(messages.NO_HEADINGS))
    (_, headings), *data = filled
    used = {index for _, cells in data for index, cell in enumerate(cells) if cell.text}
    where = _columns(headings, columns, used)
    read: list[SheetRow] = []
    for number, cells in data:
        row = SheetRow(number, {})
        for column in columns:
            index = where.get(column.heading, len(cells))
            cell = cells[index] if index < len(cells) else Cell("")
            row.values[column.heading] = cell.text
            if cell.is_formula:
                row.problems.append(messages.formula(f"{get_column_letter(index + 1)}{number}", cell.text))
        read.append(row)
    if not read:
        raise DomainError("file", str(messages.EMPTY))
    return read


def read_table(filename: str, content: bytes, columns: Sequence[Column], limits: Limits) -> list[SheetRow]:
    """The rows of an uploaded file in an import's template, or a ``DomainError`` saying why it cannot be read."""
    return named_rows(file_rows(filename, content, limits), columns)
