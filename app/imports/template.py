"""An import's empty template: its headings, in XLSX or CSV."""

import codecs
from typing import Any

from flask import abort, url_for

from app.exports import ExportFile
from app.exports.spreadsheet import MIME_TYPE as XLSX
from app.exports.spreadsheet import Book
from app.imports.table import Column

#: Wide enough for what a desk types in each column, in characters.
WIDTH = 30


def template_xlsx(columns: list[Column], title: str) -> bytes:
    book = Book()
    sheet = book.sheet(title)
    sheet.set_widths([WIDTH] * len(columns))
    sheet.header(column.heading for column in columns)
    return book.file()


def template_csv(columns: list[Column]) -> bytes:
    """UTF-8 with its byte order mark: without it, Excel opens the file as Windows-1252 and garbles "é"."""
    return codecs.BOM_UTF8 + (",".join(column.heading for column in columns) + "\r\n").encode()


def template_file(format: str, columns: list[Column], title: str, stem: str) -> ExportFile:
    """The empty template as its download link asks: ``format`` "csv" or "xlsx", named "<stem>-template"; any other
    format is not found. The route takes any format, so that an address the sign-in check must refuse reaches it."""
    if format == "csv":
        return ExportFile(template_csv(columns), "text/csv", f"{stem}-template.csv")
    if format == "xlsx":
        return ExportFile(template_xlsx(columns, title), XLSX, f"{stem}-template.xlsx")
    abort(404)


def template_urls(endpoint: str, **values: Any) -> dict[str, str]:
    """The download links of an import's template, by format, for its page."""
    return {format.upper(): url_for(endpoint, format=format, **values) for format in ("xlsx", "csv")}
