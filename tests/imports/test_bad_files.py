"""Every import reads its file the same way (app/imports/table.py), shown here through the import of a plan's
structure: files a desk really has (merged cells, blank rows and columns, columns in another order, UTF-16 or
Windows-1252 text) are read; bad files get one clear message and nothing is saved, never an error page."""

import codecs
import io
import re
import zipfile

import pytest
import sqlalchemy as sa
from markupsafe import escape
from openpyxl import Workbook

from app.extensions import db
from app.imports import messages
from app.models import Pillar
from app.plans.structure_file import COLUMNS
from tests.imports.files import csv_bytes, with_sheet_xml, xlsx
from tests.plans.helpers import beside
from tests.plans.test_structure_file import confirm, upload
from tests.plans.test_structure_import import structure

ROWS = [list(COLUMNS), ["Economic", "2.1", "Trade", "2.1.1", "Convene a business forum."],
        ["Economic", "2.1", "Trade", "2.1.2", "Study trade complementarities."]]
#: What ROWS make in an empty plan: 1 pillar, 1 area, 2 action lines.
IMPORTED = [("Economic", "2.1", "Trade", [("2.1.1", "Convene a business forum."),
                                          ("2.1.2", "Study trade complementarities.")])]


def nothing_saved() -> bool:
    return db.session.scalar(sa.select(sa.func.count(Pillar.id))) == 0


def refused(signed_in, plan, content: bytes, name: str, message: str) -> None:
    page = upload(signed_in, plan, content, name).get_data(as_text=True)
    assert beside(page, "file", str(escape(message))), page
    assert "Confirm import" not in page
    assert nothing_saved()


def imported(signed_in, plan, content: bytes, name: str, counted: str = "4 to create, 0 already in the plan."):
    page = upload(signed_in, plan, content, name).get_data(as_text=True)
    assert counted in page
    confirm(signed_in, plan, page)
    assert structure(plan) == IMPORTED


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_csv_file_in_utf_16_with_or_without_its_byte_order_mark(signed_in, plan, encoding):
    content = csv_bytes(ROWS, encoding)
    assert content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) == (encoding == "utf-16")
    imported(signed_in, plan, content, "structure.csv")


def test_columns_in_another_order_with_headings_in_any_case_and_spaces(signed_in, plan):
    order = [4, 0, 3, 2, 1]
    rows = [[row[index] for index in order] for row in ROWS]
    rows[0] = ["  ACTION LINE", "pillar ", "Line  code", "area", "AREA CODE"]
    imported(signed_in, plan, xlsx(rows), "structure.xlsx")


def test_blank_rows_and_columns_before_and_among_the_rows_are_skipped(signed_in, plan):
    # From C3, with a blank column (E) between the headings and blank rows before and among the rows.
    spaced = [[*row[:2], None, *row[2:]] for row in ROWS]
    content = xlsx([spaced[0], [None] * 6, spaced[1], [None] * 6, [None] * 6, spaced[2]], at="C3")
    page = upload(signed_in, plan, content, "structure.xlsx").get_data(as_text=True)
    assert "4 to create, 0 already in the plan." in page
    # The rows keep their numbers in the spreadsheet: the headings on row 3, the lines on rows 5 and 8.
    assert re.findall(r'<td class="text-end">(\d+)</td>', page) == ["5", "5", "5", "8"]
    confirm(signed_in, plan, page)
    assert structure(plan) == IMPORTED


def test_a_pillar_and_an_area_merged_down_apply_to_every_row_they_cover(signed_in, plan):
    rows = [ROWS[0], ["Economic", "2.1", "Trade", "2.1.1", "Convene a business forum."],
            [None, None, None, "2.1.2", "Study trade complementarities."]]
    imported(signed_in, plan, xlsx(rows, merged=["A2:A3", "B2:B3", "C2:C3"]), "structure.xlsx")


def test_a_formula_is_never_imported_and_its_cell_is_named_beside_its_row(signed_in, plan):
    rows = [*ROWS[:2], ["Economic", "2.1", "Trade", "2.1.2", '=CONCAT("Study", " trade")']]
    page = upload(signed_in, plan, xlsx(rows), "structure.xlsx").get_data(as_text=True)
    assert beside(page, "file", "1 row has a problem – correct the file where the preview shows it, then preview again")
    shown = re.search(r'<tr id="row-4".*?</tr>', page, re.S).group(0)
    assert str(escape('Cell E3 holds a formula (=CONCAT("Study", " trade")) – type the value itself instead of '
                      'the formula')) in shown
    assert "Confirm import" not in page


def test_a_formula_in_a_csv_file_is_flagged_too(signed_in, plan):
    rows = [*ROWS[:2], ["Economic", "2.1", "Trade", "2.1.2", "=1+1"]]
    page = upload(signed_in, plan, csv_bytes(rows), "structure.csv").get_data(as_text=True)
    assert "Cell E3 holds a formula (=1+1) – type the value itself instead of the formula" in page
    assert "Confirm import" not in page


def test_text_that_only_looks_like_a_formula_in_an_xlsx_cell_is_text(signed_in, plan):
    """A cell typed as text, as the app's own export writes "=..." text, is a value, not a formula."""
    workbook = Workbook()
    for row in ROWS[:2]:
        workbook.active.append(row)
    workbook.active["E2"].value = "=not a formula"
    workbook.active["E2"].data_type = "s"
    out = io.BytesIO()
    workbook.save(out)
    page = upload(signed_in, plan, out.getvalue(), "structure.xlsx").get_data(as_text=True)
    assert "3 to create, 0 already in the plan." in page


@pytest.mark.parametrize(("rows", "message"), [
    ([["Pillar", "Area code", "Area", "Action line"], ["Economic", "2.1", "Trade", "Forum."]],
     messages.missing_columns(["Line code"], list(COLUMNS))),
    ([[*COLUMNS, "Notes"], ["Economic", "2.1", "Trade", "2.1.1", "Forum.", "Ask Ana"]],
     "The file has a column the template does not: Notes – delete or rename it to one of the template's headings: "
     "Pillar, Area code, Area, Line code, Action line"),
    ([[*COLUMNS, "Area"], ["Economic", "2.1", "Trade", "2.1.1", "Forum.", "Trade"]],
     "The file has the column Area twice – keep one of them"),
    ([[*COLUMNS, None], ["Economic", "2.1", "Trade", "2.1.1", "Forum.", "Ask Ana"]],
     "Column F holds values but has no heading – give it one of the template's headings or delete it"),
    ([list(COLUMNS)], messages.EMPTY),
    ([[None], [None]], messages.NO_HEADINGS),
])
def test_missing_unknown_doubled_or_unnamed_columns_and_empty_files_are_refused(signed_in, plan, rows, message):
    refused(signed_in, plan, xlsx(rows), "structure.xlsx", message)
    refused(signed_in, plan, csv_bytes(rows), "structure.csv", message)


@pytest.mark.parametrize(("content", "name", "message"), [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x0b<< /Type /Catalog >>", "structure.csv", messages.NOT_A_SPREADSHEET),
    (b"%PDF-1.7\n1 0 obj", "structure.pdf", messages.NOT_A_SPREADSHEET),  # the wrong type of file
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "structure.xlsx", messages.OLD_EXCEL),
    (csv_bytes(ROWS), "structure.xlsx", messages.NOT_A_SPREADSHEET),  # text renamed .xlsx
])
def test_a_renamed_or_wrong_type_of_file_is_refused(signed_in, plan, content, name, message):
    refused(signed_in, plan, content, name, message)


@pytest.mark.parametrize("damage", [
    lambda xml: b"<notxml",  # not XML at all
    lambda xml: xml[:len(xml) // 2],  # cut short
    lambda xml: xml.replace(b'r="A1"', b'r="!!"', 1),  # a cell at no address
])
def test_a_damaged_xlsx_file_is_refused(signed_in, plan, damage):
    refused(signed_in, plan, with_sheet_xml(xlsx(ROWS), damage), "structure.xlsx", messages.NOT_A_SPREADSHEET)


def test_an_xlsx_file_saved_under_the_name_csv_is_read_as_what_it_is(signed_in, plan):
    imported(signed_in, plan, xlsx(ROWS), "structure.csv")


def test_a_word_document_renamed_xlsx_is_refused(signed_in, plan):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as document:
        document.writestr("word/document.xml", "<w:document/>")
        document.writestr("[Content_Types].xml", "<Types/>")
    refused(signed_in, plan, out.getvalue(), "structure.xlsx", messages.NOT_A_SPREADSHEET)


def test_a_file_of_100_000_rows_is_refused_with_the_row_limit(signed_in, plan, app, monkeypatch):
    monkeypatch.setitem(app.config, "IMPORT_MAX_BYTES", 4 * 1024 * 1024)
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 5 * 1024 * 1024)
    content = csv_bytes([list(COLUMNS)] + [["E", "2.1", "T", f"2.1.{n}", "x"] for n in range(100_000)])
    assert 1024 * 1024 < len(content) < 4 * 1024 * 1024
    refused(signed_in, plan, content, "structure.csv",
            "The file has more than 10,000 rows – split it into files of 10,000 rows or fewer")


def test_an_xlsx_file_over_the_row_limit_is_refused_before_it_is_built(signed_in, plan, app, monkeypatch):
    monkeypatch.setitem(app.config, "IMPORT_MAX_ROWS", 50)
    content = xlsx([list(COLUMNS)] + [["E", "2.1", "T", f"2.1.{n}", "x"] for n in range(51)])
    refused(signed_in, plan, content, "structure.xlsx",
            "The file has more than 50 rows – split it into files of 50 rows or fewer")
    # Blank rows do not count: 50 rows with values, a blank one among them.
    rows = [list(COLUMNS)] + [["E", "2.1", "T", f"2.1.{n}", "x"] for n in range(50)]
    page = upload(signed_in, plan, csv_bytes([*rows[:10], [""] * 5, *rows[10:]]), "structure.csv")
    assert "52 to create, 0 already in the plan." in page.get_data(as_text=True)


def test_a_file_of_50_mb_gets_the_too_large_page_and_saves_nothing(signed_in, plan):
    response = upload(signed_in, plan, b"a,b\r\n" * (10 * 1024 * 1024), "structure.csv")
    assert response.status_code == 413
    assert "What you sent is too large" in response.get_data(as_text=True)
    assert nothing_saved()


def test_a_merged_range_over_the_whole_sheet_is_refused_before_it_is_built(signed_in, plan):
    whole = b'<mergeCells count="1"><mergeCell ref="A2:XFD1048576"/></mergeCells>'
    content = with_sheet_xml(xlsx(ROWS), lambda xml: xml.replace(b"</sheetData>", b"</sheetData>" + whole))
    refused(signed_in, plan, content, "structure.xlsx", messages.TOO_MUCH)


def test_one_value_far_to_the_right_is_refused_before_the_sheet_is_built(signed_in, plan):
    workbook = Workbook()
    for row in ROWS:
        workbook.active.append(row)
    for row in range(4, 600):  # 600 rows to the column XFD: 9.8 million cells
        workbook.active.cell(row, 1, "x")
    workbook.active["XFD1"] = "far"
    out = io.BytesIO()
    workbook.save(out)
    refused(signed_in, plan, out.getvalue(), "structure.xlsx", messages.TOO_MUCH)
