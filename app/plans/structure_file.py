"""A plan's structure as a spreadsheet: the import template, reading a filled-in XLSX or CSV file, and the export.

One row per action line: Pillar, Area code, Area, Line code, Action line. A row without a line code is an area
without lines (or, without an area code, a pillar without areas). Codes and texts are read as text: a formula
is its text ("=A1"), never its result, and nothing in the file is run. The same rows go through the same preview
and rules as pasted text.
"""

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Iterator
from datetime import date, datetime

import sqlalchemy as sa
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from sqlalchemy.orm import selectinload

from app.common.errors import DomainError
from app.exports.excel import append, header, new_sheet
from app.extensions import db
from app.models import CooperationArea, Pillar, Plan
from app.plans.structure_text import RowKind, TextRow

COLUMNS = ("Pillar", "Area code", "Area", "Line code", "Action line")
NOT_A_SPREADSHEET = "The file must be a spreadsheet saved as XLSX or CSV"
WRONG_HEADINGS = "The first row of the file must be the template's headings: " + ", ".join(COLUMNS)
UNKNOWN_ENCODING = "The CSV file must be saved as UTF-8 or Windows-1252 text"
EMPTY = "The file has no rows under its headings – fill in the template and upload it again"
TOO_MUCH = "The spreadsheet holds too much to import at once – split it into smaller files"
#: How many times its own size an XLSX file may unpack to: a filled-in template unpacks to a few times its size, a
#: file made to exhaust the server's memory to thousands.
UNPACKED_FACTOR = 20


def too_large(limit: int) -> str:
    return f"The file must be smaller than {limit // 1024:,} KB"


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return " ".join(str(value).split())


def _xlsx_table(content: bytes, limit: int) -> list[list[str]]:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile:
        raise DomainError("file", NOT_A_SPREADSHEET) from None
    if unpacked > UNPACKED_FACTOR * limit:
        raise DomainError("file", TOO_MUCH)
    try:
        # Not read-only: that mode trusts the sheet's stated size and can read none of a file written without it.
        workbook = load_workbook(io.BytesIO(content), data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise DomainError("file", NOT_A_SPREADSHEET) from None
    sheet = workbook.worksheets[0]
    return [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]


def _csv_table(content: bytes) -> list[list[str]]:
    if b"\x00" in content:  # a binary file renamed .csv
        raise DomainError("file", NOT_A_SPREADSHEET)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")
        except UnicodeDecodeError:
            raise DomainError("file", UNKNOWN_ENCODING) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        return [[_cell_text(value) for value in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error:
        raise DomainError("file", NOT_A_SPREADSHEET) from None


def read_table(filename: str, content: bytes, *, limit: int) -> list[list[str]]:
    """The cells of the file's first sheet as text, refused with a message for a file that is not the template."""
    if len(content) > limit:
        raise DomainError("file", too_large(limit))
    name = filename.lower()
    if name.endswith(".xlsx") and content.startswith(b"PK\x03\x04"):
        return _xlsx_table(content, limit)
    if name.endswith(".csv"):
        return _csv_table(content)
    raise DomainError("file", NOT_A_SPREADSHEET)


def _code(value: str) -> str:
    return value.removesuffix(".").upper()


def structure_rows(table: list[list[str]]) -> list[TextRow]:
    """The pillars, areas and action lines of the template's rows, each once, in the order of the file. A row's
    ``line_number`` is its row in the spreadsheet. A blank pillar is the one above (a sheet often leaves repeats
    blank), as is a blank area code with a line code: 2.1 for 2.1.3."""
    cells = [[*row, *[""] * len(COLUMNS)][:len(COLUMNS)] for row in table]
    if not cells or [heading.casefold() for heading in cells[0]] != [c.casefold() for c in COLUMNS]:
        raise DomainError("file", WRONG_HEADINGS)
    rows: list[TextRow] = []
    pillars: set[str] = set()
    areas: set[str] = set()
    pillar: str | None = None
    for number, (pillar_name, area_code, area_name, line_code, line_text) in enumerate(cells[1:], start=2):
        if pillar_name and pillar_name.casefold() not in pillars:
            pillars.add(pillar_name.casefold())
            rows.append(TextRow(RowKind.PILLAR, "", pillar_name, number))
        pillar = pillar_name or pillar
        area = _code(area_code) or _code(line_code).rpartition(".")[0]
        if area_code and area.casefold() not in areas:
            areas.add(area.casefold())
            rows.append(TextRow(RowKind.AREA, area, area_name, number, pillar))
        if line_code:
            rows.append(TextRow(RowKind.LINE, _code(line_code), line_text, number, area))
    if not rows:
        raise DomainError("file", EMPTY)
    return rows


def _workbook(rows: Iterable[Iterable[str]]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = new_sheet(workbook, "Structure")
    sheet.append(header(sheet, COLUMNS))
    for row in rows:
        append(sheet, list(row))
    for letter, width in zip("ABCDE", (28, 11, 36, 11, 80), strict=True):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def template_xlsx() -> bytes:
    """The empty template: its headings only."""
    return _workbook([])


def _plan_rows(plan: Plan) -> Iterator[tuple[str, str, str, str, str]]:
    pillars = db.session.scalars(
        sa.select(Pillar).where(Pillar.plan_id == plan.id).order_by(Pillar.position, Pillar.id)
        .options(selectinload(Pillar.areas).selectinload(CooperationArea.action_lines))
    )
    for pillar in pillars:
        areas = [area for area in pillar.areas if not area.is_archived]
        if not areas:
            yield pillar.name, "", "", "", ""
        for area in areas:
            lines = [line for line in area.action_lines if not line.is_archived]
            if not lines:
                yield pillar.name, area.code, area.name, "", ""
            for line in lines:
                yield pillar.name, area.code, area.name, line.code, line.text


def structure_xlsx(plan: Plan) -> bytes:
    """The plan's pillars, areas and action lines in use, in the template: importing it into another plan gives
    that plan the same structure."""
    return _workbook(_plan_rows(plan))


def rows_to_json(rows: Iterable[TextRow]) -> str:
    """What a preview read from a file, carried by the confirmation form so the file is not sent twice."""
    return json.dumps([[row.kind.value, row.code, row.text, row.line_number, row.parent] for row in rows])


def rows_from_json(value: str | None) -> list[TextRow]:
    try:
        return [TextRow(RowKind(kind), code, text, int(number), parent)
                for kind, code, text, number, parent in json.loads(value or "")]
    except (ValueError, TypeError):
        raise DomainError("file", "Upload the file again and preview the import") from None
