"""A report issued in the oldest shape of the figures (tests/reports/oldest_shape.py) downloads in every format
with the figures it was issued with: nothing counted again, nothing it never counted made up."""

import io

from pypdf import PdfReader

from tests.exports.conftest import csv_tables, docx_text, fetch, pdf_pages, sheet_rows, workbook
from tests.reports.oldest_shape import store_oldest

#: Its two meetings, 25 March (2024 Q1) and 10 August (2024 Q3), charted by quarter over the year's four.
MEETINGS_CHART = ("2 meetings held in the period, by quarter: 1 in 2024 Q1, 1 in 2024 Q3; none in the other "
                  "quarters.")


def download(visitor, issued, format: str) -> bytes:
    """The desk's working copy, whose PDF prints the frozen body itself."""
    response = fetch(visitor, f"/reports/{issued.id}/{format}?copy=working")
    extension = {"csv": "_csv.zip"}.get(format, f".{format}")
    assert response.headers["Content-Disposition"] == (
        f"attachment; filename=asean-pakistan_2024-2028_2024-01-01_to_2024-12-31_issued-{issued.id}{extension}")
    return response.data


def test_pdf_prints_the_document_as_issued_with_its_chart_drawn_from_its_figures(signed_in, make):
    issued = store_oldest(make, signed_in.user)
    data = download(signed_in, issued, "pdf")
    text = "\n".join(pdf_pages(data))
    assert "Trade talks resumed after the courtesy call, as issued in January 2025." in text
    assert "Statuses are those recorded as of 31 December 2024." in text
    # The one chart of the body, the meetings per quarter, drawn again as a picture.
    assert len([image for page in PdfReader(io.BytesIO(data)).pages for image in page.images]) == 1


def test_word_shows_the_issued_figures_and_no_cancellations_it_never_counted(signed_in, make):
    text = docx_text(download(signed_in, store_oldest(make, signed_in.user), "docx"))
    assert ("Statuses are those recorded as of 31 December 2024; “at start” means as of the day before "
            "1 January 2024.") in text
    assert "Issued\n15 January 2025 10:00 UTC by Desk Officer" in text
    # Coverage: 1 being addressed of 3 at the start; 1 addressed and 1 being addressed of 3 at the end.
    assert "1 of 3 (33%) at the start; 2 of 3 (67%) at the end" in text
    assert "Agreed in the period\n2" in text and "Completed in the period\n1" in text
    assert "Open at the end\n1" in text and "Overdue at the end\n1" in text
    assert "Cancelled in the period" not in text
    assert MEETINGS_CHART in text
    assert "2 meetings" in text and "7th JSCC" in text
    assert "Sign the trade memorandum" in text and "Hold the 8th JSCC in 2025." in text


def test_excel_shows_the_issued_figures(signed_in, make):
    book = workbook(download(signed_in, store_oldest(make, signed_in.user), "xlsx"))
    overview = {row[0].value: row[1].value for row in book["Overview"].iter_rows(min_row=2, max_col=2)}
    assert overview["Figures counted as of"].date().isoformat() == "2024-12-31"
    assert overview["Action lines"] == 3
    assert overview["Being addressed or addressed at the end"] == 2
    assert overview["Meetings held in the period"] == 2
    assert (overview["Follow-ups agreed in the period"], overview["Follow-ups completed in the period"]) == (2, 1)
    assert (overview["Follow-ups open at the end"], overview["Follow-ups overdue at the end"]) == (1, 1)
    assert "Follow-ups cancelled in the period" not in overview
    assert overview["Issued by"] == "Desk Officer"
    (area,) = sheet_rows(book["Areas"])
    assert (area["Cooperation area"], area["Status at the start"], area["Status at the end"]) == (
        "Trade", "No status recorded", "On track")
    assert (area["Status changes in the period"], area["Meetings discussing it"], area["Follow-ups"]) == (2, 2, 2)
    assert [row["Meeting"] for row in sheet_rows(book["Meetings"])] == ["Courtesy call", "7th JSCC"]
    assert [row["Follow-up"] for row in sheet_rows(book["Follow-ups"])] == ["Sign the trade memorandum"]


def test_csv_files_list_the_issued_rows(signed_in, make):
    tables = csv_tables(download(signed_in, store_oldest(make, signed_in.user), "csv"))
    (area,) = tables["areas"]
    assert (area["Status changes in the period"], area["Meetings discussing it"], area["Follow-ups"]) == (
        "2", "2", "2")
    # Being addressed or addressed: 1 of 3 at the start, 2 of 3 at the end.
    assert (area["Being addressed or addressed at the start (%)"],
            area["Being addressed or addressed at the end (%)"]) == ("33", "67")
    assert [row["Code"] for row in tables["action-lines"]] == ["2.1.1", "2.1.2", "2.1.3"]
    assert [row["Note"] for row in tables["status-changes"]] == ["Work plan agreed", "Customs seminar held"]
    assert [row["Date"] for row in tables["meetings"]] == ["2024-03-25", "2024-08-10"]
    assert [(row["Follow-up"], row["State"]) for row in tables["follow-ups"]] == [
        ("Sign the trade memorandum", "Overdue")]
