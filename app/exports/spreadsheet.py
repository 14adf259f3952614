"""Excel workbooks written with XlsxWriter: every file the app offers as .xlsx (reports, import templates, a plan's
structure). Uploaded files are read by openpyxl (``app.imports.xlsx``).

A workbook is built in memory and written out whole, each text once however many cells hold it (XlsxWriter's shared
strings): a report's statuses, partnerships and areas repeat on thousands of rows. (Its constant-memory mode, which
writes each row out as the next begins and every text in full, took longer for the same sheets and saved
nothing beside the report's own figures.) Every cell is typed: dates are date cells, shares are numbers in %
format, amounts are exact numbers, and text is text even when it starts with "=".
"""

import io
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from decimal import Decimal

from xlsxwriter import Workbook
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from app.common.numbers import amount_text
from app.exports.properties import Properties
from app.exports.tables import Column, Kind, Table, Value
from app.exports.xml_text import xml_text

MIME_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "d mmmm yyyy"  # 25 March 2024, as on the pages
PERCENT_FORMAT = "0%"
AMOUNT_FORMAT = "#,##0.00"  # 15,000.00, as on the pages
NUMBER_FORMATS = {Kind.DATE: DATE_FORMAT, Kind.PERCENT: PERCENT_FORMAT, Kind.AMOUNT: AMOUNT_FORMAT}
HEADER = {"bold": True, "bg_color": "#E9ECEF", "text_wrap": True, "valign": "top"}
WRAP = {"text_wrap": True, "valign": "top"}
#: Width in characters a date cell needs in DATE_FORMAT ("30 September 2024").
DATE_WIDTH = 18
#: Headings wrap onto two or three lines rather than widen a column of short values past this.
HEADING_WIDTH = 16
#: The widest a sheet prints on a portrait page, in characters of its columns' widths; a wider one prints landscape.
PORTRAIT_WIDTH = 95
A4 = 9  # the paper's number in the file format

#: A cell's value as written: the tables' values, and amounts as the exact numbers they are.
CellValue = Value | Decimal


class Sheet:
    """A sheet of a ``Book``, written a row at a time from the top (``rows``: how many so far)."""

    def __init__(self, book: "Book", title: str) -> None:
        self.book = book
        self.title = title
        self.worksheet: Worksheet = book.workbook.add_worksheet(title)
        self.rows = 0

    def append(self, values: Iterable[CellValue], formats: Sequence[Format | None] = ()) -> int:
        """Writes the next row, each value in the format of the same place in ``formats`` (none beyond them);
        returns the row's index (0 for the first)."""
        row = self.rows
        for column, value in enumerate(values):
            write(self.worksheet, row, column, value, formats[column] if column < len(formats) else None)
        self.rows += 1
        return row

    def header(self, headings: Iterable[str]) -> None:
        headings = list(headings)
        self.append(headings, [self.book.format(**HEADER)] * len(headings))

    def set_widths(self, widths: Iterable[float]) -> None:
        for column, width in enumerate(widths):
            self.worksheet.set_column(column, column, width)

    def set_up_printing(self, widths: Iterable[float]) -> None:
        """A4, as wide as a page (as many pages down as it takes), landscape when its columns are wider than a
        portrait page, the header row repeated on each page and frozen on screen."""
        sheet = self.worksheet
        sheet.set_paper(A4)
        if sum(widths) > PORTRAIT_WIDTH:
            sheet.set_landscape()
        else:
            sheet.set_portrait()
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(0)
        sheet.freeze_panes(1, 0)

    def filter(self, columns: int) -> None:
        """A filter on the header row over the rows written so far."""
        self.worksheet.autofilter(0, 0, max(self.rows - 1, 0), columns - 1)

    def mark_draft(self) -> None:
        """Printed, each page of the sheet says DRAFT in its header, in the sheet's own font, bold."""
        self.worksheet.set_header('&R&"-,Bold"DRAFT: not issued')


class Book:
    """A workbook in memory, each format made once however many cells use it."""

    def __init__(self) -> None:
        self.buffer = io.BytesIO()
        self.workbook = Workbook(self.buffer, {
            "in_memory": True,  # no temporary files
            # What people typed is written as they typed it: never made a formula, a number or a link.
            "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False,
            "default_date_format": DATE_FORMAT,
        })
        self.sheets: list[Sheet] = []
        self.formats: dict[tuple[tuple[str, object], ...], Format] = {}

    def sheet(self, title: str) -> Sheet:
        sheet = Sheet(self, title)
        self.sheets.append(sheet)
        return sheet

    def format(self, **properties: object) -> Format:
        key = tuple(sorted(properties.items()))
        if key not in self.formats:
            self.formats[key] = self.workbook.add_format(dict(properties))
        return self.formats[key]

    def file(self, properties: Properties | None = None) -> bytes:
        """The workbook's file. ``properties``: what it says about itself (File > Properties); the author is
        also its last editor, and it was modified when it was made."""
        if properties is not None:
            self.workbook.set_properties({
                "title": properties.title, "subject": properties.subject, "author": properties.author,
                "created": properties.created,
            })
        self.workbook.close()
        return self.buffer.getvalue()


def write(sheet: Worksheet, row: int, column: int, value: CellValue, cell_format: Format | None) -> None:
    if value is None:
        return
    if isinstance(value, str):
        write_text(sheet, row, column, value, cell_format)
    elif isinstance(value, date):  # a datetime is a date too; without a format, in DATE_FORMAT
        sheet.write_datetime(row, column, value, cell_format)
    else:
        sheet.write_number(row, column, value, cell_format)


def write_text(sheet: Worksheet, row: int, column: int, text: str, cell_format: Format | None) -> None:
    # A line break in a cell is a line feed. A carriage return (a text box sends "\r\n") would be written as the
    # file format's escape "_x000D_", which Excel reads back but other readers, this app's imports among them, show
    # as it stands.
    text = xml_text(text).replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("<r>") and text.endswith("</r>"):
        # XlsxWriter takes a string so marked for rich text already in the file's XML and writes it unescaped:
        # written as plain pieces, each escaped, it reads as the one text typed (it takes three at least).
        pieces = [text[:1], text[1:-1], text[-1:]]
        sheet.write_rich_string(row, column, *pieces, *([cell_format] if cell_format else []))
    else:
        sheet.write_string(row, column, text, cell_format)


def write_table(book: Book, table: Table) -> Sheet:
    """A sheet of ``table``: a frozen, filterable header row, typed cells, columns as wide as their content up to
    a limit beyond which text wraps, printed as wide as a page."""
    sheet = book.sheet(table.title)
    widths = [column_width(column, (row[index] for row in table.rows)) for index, column in enumerate(table.columns)]
    sheet.set_widths(widths)
    sheet.set_up_printing(widths)
    sheet.header(column.heading for column in table.columns)
    writers = [column_writer(book, sheet.worksheet, index, column) for index, column in enumerate(table.columns)]
    for row_index, row in enumerate(table.rows, start=1):
        for writer, value in zip(writers, row, strict=True):
            if value is not None:
                writer(row_index, value)
    sheet.rows += len(table.rows)
    sheet.filter(len(table.columns))
    return sheet


def column_width(column: Column, values: Iterable[Value]) -> float:
    if column.kind is Kind.DATE:
        widest = DATE_WIDTH
    elif column.kind is Kind.PERCENT:
        widest = 6
    elif column.kind is Kind.AMOUNT:
        widest = max((len(amount_text(value, None)) for value in values if isinstance(value, str)), default=0)
    else:
        widest = max((len(str(value)) for value in values if value is not None), default=0)
    return min(max(widest, min(len(column.heading), HEADING_WIDTH)) + 2, column.max_width)


def column_writer(book: Book, sheet: Worksheet, column: int, of: Column) -> Callable[[int, Value], None]:
    """How each value of the column ``of`` is written in a row: dates, shares and amounts in their formats, text
    longer than the column's widest wrapped, the rest plain."""
    number_format = NUMBER_FORMATS.get(of.kind)
    if number_format:
        formatted = book.format(num_format=number_format)

        def in_format(row: int, value: Value) -> None:
            # An amount is a number to add up, exact to the cent: the report keeps it as text ("15000.00").
            if of.kind is Kind.AMOUNT and isinstance(value, str):
                write(sheet, row, column, Decimal(value), formatted)
            else:
                write(sheet, row, column, value, formatted)

        return in_format
    wrapped = book.format(**WRAP)

    def text(row: int, value: Value) -> None:
        if isinstance(value, str):
            write_text(sheet, row, column, value, wrapped if len(value) > of.max_width else None)
        else:
            write(sheet, row, column, value, None)

    return text

