"""Real files for the import tests: XLSX made with openpyxl, CSV as bytes in a given encoding, XLSX with their
sheet's XML edited the way another program could write it."""

import io
import re
import zipfile

from openpyxl import Workbook


def xlsx(rows, *, merged=(), at="A1", title=None) -> bytes:
    """A workbook whose first sheet holds ``rows`` from the cell ``at``; ``merged``: ranges such as "A2:A4"."""
    workbook = Workbook()
    sheet = workbook.active
    if title:
        sheet.title = title
    column, row = re.match(r"([A-Z]+)(\d+)", at).groups()
    first_column = sheet[f"{column}1"].column
    for offset, values in enumerate(rows):
        for index, value in enumerate(values):
            if value is not None:
                sheet.cell(int(row) + offset, first_column + index, value)
    for cells in merged:
        sheet.merge_cells(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_bytes(rows, encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    return "\r\n".join(delimiter.join(cell or "" for cell in row) for row in rows).encode(encoding)


def with_sheet_xml(content: bytes, change) -> bytes:
    """``content`` with its first sheet's XML passed through ``change``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = change(data)
            target.writestr(item, data)
    return out.getvalue()
