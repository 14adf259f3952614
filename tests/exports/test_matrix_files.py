"""The implementation matrix in every file of the 2025 report of the small history with its activities (worked by hand
in tests/reports/test_matrix.py), read back by pypdf, python-docx, openpyxl and the csv module.

By hand, for the rows below: 2.1.1 (Trade) is being addressed at the start and addressed at the end, with the banking
and finance course, planned 1-14 March 2025, held 3-16 March 2025, completed, funded by the Government of Pakistan
(the partner's own budget) with 15,000.00 USD; 2.1.3 has no activity; Trade has 2 of 3 (67%) lines being addressed
or addressed at the end, 1 of 3 (33%) at the start. What the desk wrote is set below on 2.1.1 and Trade.
"""

import io
from datetime import datetime

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from pypdf import PdfReader

from app.exports import period_file
from tests.exports.conftest import csv_tables, sheet_rows, workbook
from tests.reports.test_matrix import matrix, report_2025, with_activities  # noqa: F401  (a fixture)

LINE_REMARKS = "Second course requested by three Member States."
LINE_WAY_FORWARD = "Propose a follow-on course for 2026."
AREA_REMARKS = "Customs work slowed by the tariff review."
COURSE = "Training programme in banking and finance"
A4_PORTRAIT, A4_LANDSCAPE = (210, 297), (297, 210)


@pytest.fixture
def report(with_activities, app_context):  # noqa: F811 (the fixture imported above)
    """The 2025 report, with remarks and a way forward written for 2.1.1 and remarks for Trade."""
    figures = report_2025(with_activities)
    line = matrix(figures)["2.1.1"]
    line["remarks"], line["way_forward"] = LINE_REMARKS, LINE_WAY_FORWARD
    figures["pillars"][0]["areas"][0]["remarks"] = AREA_REMARKS
    return figures


def millimetres(page) -> tuple[int, int]:
    width, height = (float(value) for value in page.mediabox[2:])
    return round(width / 72 * 25.4), round(height / 72 * 25.4)


def test_the_pdf_lays_the_areas_and_their_matrix_on_landscape_pages_and_the_rest_portrait(report):
    pages = PdfReader(io.BytesIO(period_file(report, "pdf").data)).pages
    texts = [" ".join(page.extract_text().split()) for page in pages]
    sizes = [millimetres(page) for page in pages]
    matrix_pages = [number for number, text in enumerate(texts) if "Implementation matrix, " in text]
    assert matrix_pages
    assert all(sizes[number] == A4_LANDSCAPE for number in matrix_pages)
    assert sizes[0] == sizes[-1] == A4_PORTRAIT  # about the report; the follow-ups and the way forward
    assert "Meetings in the period" not in " ".join(texts[number] for number in matrix_pages[:-1])
    # The line and its activity in one row, on one page, after the header row of its table.
    [trade] = [text for text in texts if "Implementation matrix, 2.1 Trade" in text]
    assert ("Code Action line Status at the start Status at the end Activities in the period Remarks and way "
            "forward 2.1.1 Customs cooperation Being addressed Addressed " + COURSE) in trade
    assert "Held 3 March 2025 to 16 March 2025 (planned 1 March 2025 to 14 March 2025)" in trade
    assert "Funded by: Government of Pakistan, 15,000.00 USD" in trade
    assert f"Remarks: {LINE_REMARKS}" in trade and f"Way forward: {LINE_WAY_FORWARD}" in trade
    landscape = " ".join(text for text, size in zip(texts, sizes, strict=True) if size == A4_LANDSCAPE)
    assert f"Remarks: {AREA_REMARKS}" in landscape  # above Trade's matrix
    title = "ASEAN–Pakistan period report, 1 January 2025 to 31 December 2025"
    for number, page in enumerate(pages, start=1):  # both orientations keep the page furniture
        lines = page.extract_text().splitlines()
        assert title in lines and f"Page {number} of {len(pages)}" in lines, number


def test_word_puts_the_matrix_in_a_landscape_section_as_editable_tables(report):
    document = Document(io.BytesIO(period_file(report, "docx").data))
    assert [section.orientation for section in document.sections] == [
        WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    landscape = document.sections[1]
    assert (round(landscape.page_width.mm), round(landscape.page_height.mm)) == A4_LANDSCAPE
    assert landscape.header.is_linked_to_previous and landscape.footer.is_linked_to_previous

    tables = {table.rows[1].cells[0].text: table for table in document.tables if len(table.rows) > 1}
    trade = tables["2.1.1"]
    assert [cell.text for cell in trade.rows[0].cells] == [
        "Code", "Action line", "Status at the start", "Status at the end", "Activities in the period",
        "Remarks and way forward"]
    assert [cell.text for cell in trade.rows[1].cells] == [
        "2.1.1", "Customs cooperation", "Being addressed", "Addressed",
        f"{COURSE} (Training course) – Completed\n"
        "Held 3 March 2025 to 16 March 2025 (planned 1 March 2025 to 14 March 2025)\n"
        "Funded by: Government of Pakistan, 15,000.00 USD",
        f"Remarks: {LINE_REMARKS}\nWay forward: {LINE_WAY_FORWARD}"]
    assert [cell.text for cell in trade.rows[3].cells][:5] == [
        "2.1.3", "Customs cooperation", "Not yet addressed", "Not yet addressed", "None in the period"]
    assert trade.rows[1].cells[4].paragraphs[0].runs[0].bold  # the activity's title
    rows = trade._tbl.tr_lst
    assert [row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None for row in rows] == [True] + [False] * 3
    assert all(row.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for row in rows)
    # The columns fill the landscape page between its margins (29.7 - 4 cm).
    assert sum(column.width.cm for column in trade.columns) == pytest.approx(25.7, abs=0.01)

    summary = tables["2.1 Trade"]
    assert [cell.text for cell in summary.rows[1].cells] == [
        "2.1 Trade", "At risk", "1 of 3 (33%)", "2 of 3 (67%)", "1 of 3 (33%)"]
    assert f"Remarks: {AREA_REMARKS}" in [paragraph.text for paragraph in document.paragraphs]


def test_excel_has_a_matrix_sheet_and_every_sheet_prints_to_the_page_width(report):
    book = workbook(period_file(report, "xlsx").data)
    assert book.sheetnames[:3] == ["Overview", "Matrix", "Matrix by area"]
    rows = sheet_rows(book["Matrix"])
    assert len(rows) == 6  # one row per line: no line has two activities in 2025
    course = rows[0]
    assert {key: course[key] for key in ("Area code", "Code", "Status at the start", "Status at the end",
                                         "Activity", "Kind", "State", "Funding source", "Funded by", "Amount",
                                         "Currency", "Remarks", "Way forward")} == {
        "Area code": "2.1", "Code": "2.1.1", "Status at the start": "Being addressed", "Status at the end": "Addressed",
        "Activity": COURSE, "Kind": "Training course", "State": "Completed",
        "Funding source": "The partner's own budget", "Funded by": "Government of Pakistan", "Amount": 15000,
        "Currency": "USD", "Remarks": LINE_REMARKS, "Way forward": LINE_WAY_FORWARD}
    assert (course["Planned start"], course["Actual end"]) == (datetime(2025, 3, 1), datetime(2025, 3, 16))
    amount = book["Matrix"].cell(row=2, column=17)
    assert amount.data_type == "n" and amount.number_format == "#,##0.00"
    empty = rows[2]
    assert (empty["Code"], empty["Status at the end"], empty["Activity"], empty["Amount"]) == (
        "2.1.3", "Not yet addressed", None, None)
    [trade] = [row for row in sheet_rows(book["Matrix by area"]) if row["Cooperation area"] == "Trade"]
    assert (trade["Action lines being addressed or addressed at the start"],
            trade["Action lines being addressed or addressed at the end"], trade["Remarks"]) == (
        "1 of 3 (33%)", "2 of 3 (67%)", AREA_REMARKS)

    for sheet in book.worksheets:
        setup = sheet.page_setup
        # 9: A4; one page wide (a width left out of the file is 1, the format's default), as many pages down as
        # it takes
        assert (setup.paperSize, setup.fitToWidth or 1, setup.fitToHeight) == (9, 1, 0), sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert sheet.print_title_rows == "$1:$1", sheet.title
        assert sheet.freeze_panes == "A2", sheet.title
    assert book["Matrix"].page_setup.orientation == "landscape"  # 20 columns


def test_the_csv_archive_has_the_activities_and_the_remarks(report):
    tables = csv_tables(period_file(report, "csv").data)
    rows = {row["Code"]: row for row in tables["matrix"]}
    assert len(tables["matrix"]) == 6
    course = rows["2.1.1"]
    assert (course["Activity"], course["Planned start"], course["Actual end"], course["Amount"],
            course["Currency"], course["Remarks"], course["Way forward"]) == (
        COURSE, "2025-03-01", "2025-03-16", "15000.00", "USD", LINE_REMARKS, LINE_WAY_FORWARD)
    assert (rows["2.1.3"]["Activity"], rows["2.1.3"]["Status at the end"]) == ("", "Not yet addressed")
    trade = {row["Cooperation area"]: row for row in tables["matrix-areas"]}["Trade"]
    assert (trade["Action lines being addressed or addressed at the end"], trade["Remarks"]) == (
        "2 of 3 (67%)", AREA_REMARKS)


def test_a_word_matrix_row_taller_than_a_page_may_split_so_word_does_not_cut_it_off(report):
    """2.1.2 with the longest remarks and way forward (2,000 characters each) in its column of about 6 cm: some
    two hundred lines, four landscape pages. Kept whole, Word would show its first page and cut off the rest."""
    line = matrix(report)["2.1.2"]
    sentence = "The customs working group met again and agreed its terms. "  # 59 characters
    line["remarks"], line["way_forward"] = (sentence * 34)[:2000], (sentence * 34)[:2000]
    document = Document(io.BytesIO(period_file(report, "docx").data))
    trade = next(table for table in document.tables if len(table.rows) > 1 and table.rows[1].cells[0].text == "2.1.1")
    whole = [row._tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for row in trade.rows]
    assert whole == [True, True, False, True]
