"""Reading the first sheet of an XLSX file, with guards against files made to exhaust the server.

Before openpyxl builds anything, the sheets' XML is measured: a file that unpacks to far more than its size, with
more rows than the limit, or with merged ranges covering more cells than an import could hold, is refused from its
counts alone. A formula is kept as its text and flagged, never evaluated; a merged range reads as its top-left
value in every one of its cells (a "Pillar" merged down over its areas applies to each row).
"""

import io
import re
import zipfile

from openpyxl import load_workbook
from openpyxl.utils import range_boundaries
from openpyxl.worksheet.formula import ArrayFormula

from app.common.errors import DomainError
from app.imports.cells import Cell, Rows, cell_text
from app.imports.messages import NOT_A_SPREADSHEET, TOO_MUCH, too_many_rows

#: How many times its own size an XLSX file may unpack to: a filled-in template unpacks to a few times its size, a
#: file made to exhaust the server's memory to thousands.
UNPACKED_FACTOR = 20
#: How many cells per row of the limit a sheet (and its merged ranges) may span: openpyxl makes an object for each
#: cell of the rectangle from A1 to the last cell used, and for each merged cell.
CELLS_PER_ROW = 50
SHEET = re.compile(r"^xl/worksheets/[^/]+\.xml$")
ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
MERGED = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*ref=\"([A-Z]+[0-9]+:[A-Z]+[0-9]+)\"")


def _measure(archive: zipfile.ZipFile, max_bytes: int, max_rows: int) -> None:
    allowed = UNPACKED_FACTOR * max_bytes
    if sum(member.file_size for member in archive.infolist()) > allowed:
        raise DomainError("file", str(TOO_MUCH))
    for name in archive.namelist():
        if not SHEET.match(name):
            continue
        with archive.open(name) as member:
            xml = member.read(allowed + 1)  # the stated sizes may lie: never unpack more than allowed
        if len(xml) > allowed:
            raise DomainError("file", str(TOO_MUCH))
        if len(ROW.findall(xml)) > max_rows + 1:  # the headings' row and max_rows rows under it
            raise DomainError("file", too_many_rows(max_rows))
        merged = 0
        for ref in MERGED.findall(xml):
            # The pattern takes only ranges with both corners: no bound is missing.
            min_col, min_row, max_col, max_row = (bound or 1 for bound in range_boundaries(ref.decode()))
            merged += (max_col - min_col + 1) * (max_row - min_row + 1)
        if merged > CELLS_PER_ROW * max_rows:
            raise DomainError("file", str(TOO_MUCH))


def _cell(value: object, data_type: str) -> Cell:
    if isinstance(value, ArrayFormula):
        return Cell(cell_text(value.text), True)
    return Cell(cell_text(value), data_type == "f")


def xlsx_rows(content: bytes, *, max_bytes: int, max_rows: int) -> Rows:
    """Every row of the first sheet, blank ones included, each with its row number."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            _measure(archive, max_bytes, max_rows)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError):
        raise DomainError("file", str(NOT_A_SPREADSHEET)) from None
    try:
        # Not read-only: that mode trusts the sheet's stated size, and knows nothing of merged cells.
        workbook = load_workbook(io.BytesIO(content), data_only=False)
    except Exception:
        # A damaged file fails wherever openpyxl's parsers first trip on it, with whatever they raise (ParseError,
        # KeyError, ValueError, TypeError, ...): to the person it is one thing, a file that is not a spreadsheet.
        raise DomainError("file", str(NOT_A_SPREADSHEET)) from None
    if not workbook.worksheets:
        raise DomainError("file", str(NOT_A_SPREADSHEET))
    sheet = workbook.worksheets[0]
    if sheet.max_row * sheet.max_column > CELLS_PER_ROW * max_rows:  # one value far to the right, say in XFD1
        raise DomainError("file", str(TOO_MUCH))
    # From A1, whatever the sheet's first cell: the row numbers are the spreadsheet's own.
    grid = [[_cell(cell.value, cell.data_type) for cell in row]
            for row in sheet.iter_rows(min_row=1, min_col=1, max_row=sheet.max_row, max_col=sheet.max_column)]
    for merged in sheet.merged_cells.ranges:
        top_left = grid[merged.min_row - 1][merged.min_col - 1]
        for cells in grid[merged.min_row - 1:merged.max_row]:
            cells[merged.min_col - 1:merged.max_col] = [top_left] * (merged.max_col - merged.min_col + 1)
    return [(index, cells) for index, cells in enumerate(grid, start=1)]
