"""The chases of the partner in every download of the period report, each read back with a library that did not
write it: for the window 1 July to 30 September 2025, worked out in tests/reports/test_report_chases.py, F3 with 2
chases (1 July by e-mail, 30 September by note verbale) and F7 (restricted) with 1 (15 August, a call)."""

from datetime import date

import pytest

from tests import factories
from tests.conftest import made_once, officer_signed_in
from tests.exports.conftest import csv_tables, docx_text, fetch, pdf_pages, period_url, sheet_rows, workbook
from tests.exports.test_oldest_issued_downloads import download
from tests.reports.conftest import build_history
from tests.reports.oldest_shape import store_oldest
from tests.reports.test_report_chases import SUMMER_2025, add_chases

FORMATS = ("pdf", "docx", "xlsx", "csv")


@pytest.fixture(scope="module")
def files(app) -> dict[str, bytes]:
    """The report of the window in each format, downloaded once for the tests below."""
    with made_once(app):
        plan = build_history(factories)
        add_chases(factories, plan)
        officer = officer_signed_in(app)
        return {format: fetch(officer, period_url(plan, format, **SUMMER_2025)).data for format in FORMATS}


def test_pdf_lists_the_chases(files):
    whole = " ".join(" ".join(pdf_pages(files["pdf"])).split())
    text = whole[whole.index("Chases of the partner"):whole.index("Changes since the last issued report")]
    assert "3 chases of the partner in the period, on 2 follow-ups it owes" in text
    assert "1 July 2025 (E-mail)" in text and "30 September 2025 (Note verbale)" in text
    assert "15 August 2025 (Call)" in text
    assert "30 June 2025" not in text and "1 October 2025" not in text


def test_word_lists_the_chases(files):
    text = docx_text(files["docx"])
    assert "3 chases of the partner in the period, on 2 follow-ups it owes" in text
    assert "Visit of the Minister" not in text and "Restricted note" in text


def test_excel_has_a_row_per_chase(files):
    rows = sheet_rows(workbook(files["xlsx"])["Chases"])
    assert [(row["Follow-up"], row["Chased on"].date(), row["Channel"], row["Chases of the follow-up in the period"])
            for row in rows] == [
        ("F3", date(2025, 7, 1), "E-mail", 2), ("F3", date(2025, 9, 30), "Note verbale", 2),
        ("Restricted note", date(2025, 8, 15), "Call", 1)]
    assert rows[0]["Owed by"] == "Mission of Pakistan to ASEAN (partner)"


def test_csv_has_a_row_per_chase(files):
    rows = csv_tables(files["csv"])["chases"]
    assert [(row["Follow-up"], row["Chased on"], row["Channel"], row["Chases of the follow-up in the period"])
            for row in rows] == [("F3", "2025-07-01", "E-mail", "2"), ("F3", "2025-09-30", "Note verbale", "2"),
                                 ("Restricted note", "2025-08-15", "Call", "1")]


def test_a_report_issued_before_chases_were_recorded_says_so(signed_in, make):
    issued = store_oldest(make, signed_in.user)
    text = docx_text(download(signed_in, issued, "docx"))
    assert "This report was issued before chases of the partner were recorded." in text
    assert csv_tables(download(signed_in, issued, "csv"))["chases"] == []
    assert sheet_rows(workbook(download(signed_in, issued, "xlsx"))["Chases"]) == []
