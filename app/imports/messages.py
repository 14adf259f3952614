"""What an import says about a file it cannot read: the same words whatever is being imported. The headings a
message names are the template's own, in English in every language: the file must hold them as they are."""

from flask_babel import gettext, ngettext
from flask_babel import lazy_gettext as _l

from app.common.numbers import page_number

NOT_A_SPREADSHEET = _l("The file must be a spreadsheet saved as XLSX or CSV")
OLD_EXCEL = _l("The file is in the old Excel format (XLS) – save it as XLSX (Excel Workbook) or CSV and upload it "
               "again")
UNKNOWN_ENCODING = _l("The CSV file must be saved as UTF-8, UTF-16 or Windows-1252 text")
EMPTY = _l("The file has no rows under its headings – fill in the template and upload it again")
TOO_MUCH = _l("The spreadsheet holds too much to import at once – split it into smaller files")
NO_HEADINGS = _l("The file is empty – fill in the template and upload it again")
SELECT_A_FILE = _l("Select a spreadsheet file (XLSX or CSV) in the template")
UPLOAD_AGAIN = _l("Upload the file again and preview the import")


def too_large(limit: int) -> str:
    return gettext("The file must be smaller than %(size)s KB", size=page_number(limit // 1024))


def too_many_rows(limit: int) -> str:
    return gettext("The file has more than %(count)s rows – split it into files of %(count)s rows or fewer",
                   count=page_number(limit))


def missing_columns(headings: list[str], expected: list[str]) -> str:
    return ngettext("The file has no column %(named)s – the first row must hold the template's headings: %(expected)s",
                    "The file has no columns %(named)s – the first row must hold the template's headings: "
                    "%(expected)s", len(headings), named=", ".join(headings), expected=", ".join(expected))


def unknown_columns(headings: list[str], expected: list[str]) -> str:
    return ngettext("The file has a column the template does not: %(named)s – delete or rename it to one of the "
                    "template's headings: %(expected)s",
                    "The file has columns the template does not: %(named)s – delete or rename it to one of the "
                    "template's headings: %(expected)s", len(headings), named=", ".join(headings),
                    expected=", ".join(expected))


def twice(heading: str) -> str:
    return gettext("The file has the column %(heading)s twice – keep one of them", heading=heading)


def without_heading(letter: str) -> str:
    return gettext("Column %(letter)s holds values but has no heading – give it one of the template's headings or "
                   "delete it", letter=letter)


def formula(cell: str, text: str) -> str:
    return gettext("Cell %(cell)s holds a formula (%(formula)s) – type the value itself instead of the formula",
                   cell=cell, formula=text)
