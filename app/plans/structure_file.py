"""A plan's structure as a spreadsheet: the import template, reading a filled-in XLSX or CSV file, and the export.

One row per action line: Pillar, Area code, Area, Line code, Action line. A row without a line code is an area
without lines (or, without an area code, a pillar without areas). The file is read by ``app.imports.table``, as
every import's is: a formula is never run, and the row holding it has a problem in the preview. The same rows go
through the same preview and rules as pasted text.
"""

from collections.abc import Iterable, Iterator

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from app.exports.spreadsheet import Book
from app.extensions import db
from app.imports.table import Column, SheetRow
from app.models import CooperationArea, Pillar, Plan
from app.plans.structure_text import RowKind, TextRow

COLUMNS = ("Pillar", "Area code", "Area", "Line code", "Action line")
TEMPLATE = [Column(heading) for heading in COLUMNS]


def _code(value: str) -> str:
    return value.removesuffix(".").upper()


def structure_rows(table: list[SheetRow]) -> list[TextRow]:
    """The pillars, areas and action lines of the template's rows, each once, in the order of the file. A row's
    ``line_number`` is its row in the spreadsheet. A blank pillar is the one above (a sheet often leaves repeats
    blank), as is a blank area code with a line code: 2.1 for 2.1.3. A problem of a spreadsheet row (a formula) is
    a problem of what it adds."""
    rows: list[TextRow] = []
    pillars: set[str] = set()
    areas: set[str] = set()
    pillar: str | None = None
    for sheet_row in table:
        number = sheet_row.number
        pillar_name, area_code, area_name, line_code, line_text = (sheet_row.values[c] for c in COLUMNS)
        added = len(rows)
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
        for row in rows[added:] or rows[-1:]:  # a row that adds nothing: the one its values repeat
            row.problems.extend(sheet_row.problems)
    return rows


def _workbook(rows: Iterable[Iterable[str]]) -> bytes:
    book = Book()
    sheet = book.sheet("Structure")
    sheet.set_widths([28, 11, 36, 11, 80])
    sheet.header(COLUMNS)
    for row in rows:
        sheet.append(row)
    return book.file()


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
