"""Reading a CSV file, whatever the program that saved it: UTF-8 with or without its byte order mark, UTF-16 (what
Excel's "Unicode text" gives), or Windows-1252 (Excel's "CSV" on a Western Windows); commas or semicolons.

A cell starting with "=" is what a spreadsheet would take for a formula when it opens the file: it is flagged like
an XLSX formula, not imported as a name.
"""

import codecs
import csv
import io
import re

from app.common.errors import DomainError
from app.imports.cells import Cell, Rows, cell_text
from app.imports.messages import NOT_A_SPREADSHEET, UNKNOWN_ENCODING, too_many_rows

#: Control characters no text file holds (tab, line feed and carriage return are fine): a binary file renamed.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _utf16_without_mark(content: bytes) -> str | None:
    """UTF-16 saved without its mark: mostly Latin text, so every other byte is zero."""
    if len(content) < 4 or len(content) % 2:
        return None
    even, odd = content[0::2].count(0), content[1::2].count(0)
    half = len(content) // 2
    if odd > 0.4 * half and even == 0:
        return "utf-16-le"
    if even > 0.4 * half and odd == 0:
        return "utf-16-be"
    return None


def decode(content: bytes) -> str:
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    elif utf16 := _utf16_without_mark(content):
        encodings = [utf16]
    elif b"\x00" in content:
        raise DomainError("file", str(NOT_A_SPREADSHEET))
    else:
        encodings = ["utf-8-sig", "cp1252"]
    for encoding in encodings:
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        if CONTROL.search(text):
            raise DomainError("file", str(NOT_A_SPREADSHEET))
        return text
    raise DomainError("file", str(UNKNOWN_ENCODING))


def _cell(value: str) -> Cell:
    text = cell_text(value)
    return Cell(text, text.startswith("=") and len(text) > 1)


def csv_rows(content: bytes, *, max_rows: int) -> Rows:
    """Every record of the file, blank ones included, each with its row number; refused past ``max_rows`` rows
    under the headings without reading further."""
    text = decode(content)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else "\t" if first.count("\t") > first.count(",") else ","
    rows: Rows = []
    filled = 0
    try:
        for number, record in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1):
            filled += any(value.strip() for value in record)
            if filled > max_rows + 1:  # the headings' row and max_rows rows under it
                raise DomainError("file", too_many_rows(max_rows))
            rows.append((number, [_cell(value) for value in record]))
    except csv.Error:
        raise DomainError("file", str(NOT_A_SPREADSHEET)) from None
    return rows
