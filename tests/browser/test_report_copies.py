"""Downloading the copy to send and the desk's working copy from the period report page in a real browser."""

import io

from docx import Document

from tests.factories import PASSWORD
from tests.reports.conftest import history, history_copy  # noqa: F401  (the hand-worked fixture, made once)

YEAR_2025 = "/partnerships/asean-pakistan/reports/period?window=year&year=2025"


def status_change_headings(path) -> list[list[str]]:
    document = Document(io.BytesIO(path.read_bytes()))
    return [[cell.text for cell in table.rows[0].cells] for table in document.tables
            if table.rows[0].cells[0].text == "As of"]


def test_download_the_copy_to_send_and_the_working_copy(history, site, make):  # noqa: F811
    officer = make.user(role="editor", email="officer@asean.example", name="Desk Officer")
    page = site.page
    site.sign_in(officer, PASSWORD)
    site.open(f"{YEAR_2025}&plan={history.id}")
    site.check_accessibility()

    downloads = page.get_by_role("region", name="Download this report")
    to_send = downloads.get_by_role("list", name="Copy to send")
    working = downloads.get_by_role("list", name="Desk's working copy")
    with page.expect_download() as sent:
        to_send.get_by_role("link", name="Word file of this report, copy to send").click()
    with page.expect_download() as kept:
        working.get_by_role("link", name="Word file of this report, desk's working copy").click()

    assert sent.value.suggested_filename == "asean-pakistan_2024-2028_2025-01-01_to_2025-12-31.docx"
    assert status_change_headings(sent.value.path())[0] == ["As of", "Of", "Status", "Progress", "Note"]
    assert status_change_headings(kept.value.path())[0] == ["As of", "Of", "Status", "Progress", "Note", "By"]
