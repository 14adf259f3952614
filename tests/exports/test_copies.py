"""The copy to send and the desk's working copy, in every format: the copy to send leaves out who recorded each
status change (Aisyah Rahman recorded all of the hand-worked history's), who made or issued the report (Desk
Officer, signed in) and how ("by the report command"); the working copy keeps them."""

import io
from datetime import datetime

import pytest
from openpyxl import load_workbook

from app.common.dates import long_date
from tests.exports.conftest import YEAR_2025, csv_tables, docx_text, fetch, pdf_pages, period_url
from tests.exports.test_downloads import issue

RECORDER, OFFICER = "Aisyah Rahman", "Desk Officer"
#: The status changes of 2.1 Trade and its action lines in 2025 (tests/reports/conftest.py), oldest first.
TRADE_CHANGES = [
    ["31 March 2025", "Action line 2.1.1", "Addressed", "", "2.1.1 addressed"],
    ["1 April 2025", "Action line 2.1.2", "Not yet addressed", "", "2.1.2 not_yet_addressed"],
    ["1 May 2025", "Action line 2.1.2", "Being addressed", "", "2.1.2 being_addressed"],
    ["30 September 2025", "Area", "At risk", "", "Trade at_risk"],
]


def read(format: str, data: bytes) -> str:
    """All the text a reader of the file finds."""
    if format == "pdf":
        return "\n".join(pdf_pages(data))
    if format == "docx":
        return docx_text(data)
    if format == "xlsx":
        book = load_workbook(io.BytesIO(data))
        return "\n".join(" | ".join(cell(value) for value in row)
                         for sheet in book.worksheets for row in sheet.iter_rows(values_only=True))
    return "\n".join(" | ".join(row.values()) for rows in csv_tables(data).values() for row in rows)


def cell(value) -> str:
    if value is None:
        return ""
    return long_date(value) if isinstance(value, datetime) else str(value)


@pytest.mark.parametrize("format", ["pdf", "docx", "xlsx", "csv"])
def test_the_copy_to_send_leaves_out_who_recorded_and_who_made_it(history, signed_in, format):
    sent = read(format, fetch(signed_in, period_url(history, format, **YEAR_2025, copy="recipient")).data)
    kept = read(format, fetch(signed_in, period_url(history, format, **YEAR_2025, copy="working")).data)
    assert RECORDER not in sent and OFFICER not in sent
    assert RECORDER in kept
    if format != "csv":  # the CSV tables hold the records, not the report's own details
        assert OFFICER in kept
    assert "Trade at_risk" in sent and "Trade at_risk" in kept  # the change itself is in both


def test_a_download_link_without_a_choice_is_the_copy_to_send(history, signed_in):
    text = read("docx", fetch(signed_in, period_url(history, "docx", **YEAR_2025)).data)
    assert RECORDER not in text and OFFICER not in text
    mistyped = read("docx", fetch(signed_in, period_url(history, "docx", **YEAR_2025, copy="Working")).data)
    assert RECORDER not in mistyped


def test_the_status_changes_lose_their_by_column_only(history, signed_in):
    from docx import Document

    def trade_changes(copy):
        data = fetch(signed_in, period_url(history, "docx", **YEAR_2025, copy=copy)).data
        tables = [[[cell.text for cell in row.cells] for row in table.rows]
                  for table in Document(io.BytesIO(data)).tables if table.rows[0].cells[0].text == "As of"]
        return tables[0]  # 2.1 Trade's comes first

    assert trade_changes("recipient") == [["As of", "Of", "Status", "Progress", "Note"], *TRADE_CHANGES]
    assert trade_changes("working") == [["As of", "Of", "Status", "Progress", "Note", "By"],
                                        *([*change, RECORDER] for change in TRADE_CHANGES)]
    sent = csv_tables(fetch(signed_in, period_url(history, "csv", **YEAR_2025, copy="recipient")).data)
    kept = csv_tables(fetch(signed_in, period_url(history, "csv", **YEAR_2025, copy="working")).data)
    assert list(kept["status-changes"][0]) == [*sent["status-changes"][0], "By"]


@pytest.mark.parametrize("format", ["pdf", "docx", "xlsx"])
def test_an_issued_report_says_when_it_was_issued_and_by_whom_only_in_the_working_copy(history, signed_in, format):
    issued = issue(signed_in, history)
    sent = read(format, fetch(signed_in, f"/reports/{issued.id}/{format}?copy=recipient").data)
    kept = read(format, fetch(signed_in, f"/reports/{issued.id}/{format}?copy=working").data)
    day = f"{issued.issued_at.day} {issued.issued_at:%B %Y}"
    assert day in sent and OFFICER not in sent and RECORDER not in sent
    assert f"UTC by {OFFICER}" in kept.replace("\n", " ") or f"Issued by | {OFFICER}" in kept
    assert "Hold the 9th JSCC in 2026." in sent and "not issued" not in sent and "DRAFT" not in sent


@pytest.mark.parametrize("format", ["pdf", "html"])
def test_the_report_command_writes_the_copy_to_send_unless_asked_for_the_working_copy(history, run, tmp_path, format):
    def text(*extra):
        output = tmp_path / f"pakistan.{format}"
        result = run("period", "--partnership", "asean-pakistan", "--year", "2025", "--format", format,
                     "--output", str(output), *extra)
        assert result.exit_code == 0, result.output
        return read("pdf", output.read_bytes()) if format == "pdf" else output.read_text(encoding="utf-8")

    sent, kept = text(), text("--working-copy")
    assert "the report command" not in sent and RECORDER not in sent
    assert "by the report command" in kept and RECORDER in kept


def test_the_portfolio_says_who_made_it_only_in_the_working_copy(history, signed_in, run, tmp_path):
    url = "/reports/portfolio/pdf?as_of-day=31&as_of-month=12&as_of-year=2025&copy={copy}"
    sent = read("pdf", fetch(signed_in, url.format(copy="recipient")).data)
    kept = read("pdf", fetch(signed_in, url.format(copy="working")).data)
    assert "Prepared on" in sent and OFFICER not in sent
    assert f"UTC by {OFFICER}." in kept.replace("\n", " ")
    output = tmp_path / "portfolio.html"
    for extra, expected in (([], False), (["--working-copy"], True)):
        run("portfolio", "--as-of", "2025-12-31", "--format", "html", "--output", str(output), *extra)
        assert ("by the report command" in output.read_text(encoding="utf-8")) is expected


def test_the_report_pages_offer_both_copies(history, signed_in):
    for url in (period_url(history, **YEAR_2025), "/reports/portfolio?as_of-day=31&as_of-month=12&as_of-year=2025"):
        page = fetch(signed_in, url).get_data(as_text=True)
        assert page.count("copy=recipient") == 4 and page.count("copy=working") == 4
        assert '<p class="mb-0 fw-bold" id="downloads-recipient">Copy to send</p>' in page
        assert '<p class="mb-0 fw-bold" id="downloads-working">Desk&#39;s working copy</p>' in page
        assert "file of this report, copy to send" in page or "file of this portfolio, copy to send" in page
