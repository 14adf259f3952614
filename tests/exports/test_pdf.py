"""The PDF download, read back with pypdf: the hand-worked figures, the page furniture, the charts, long reports."""

import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pytest
from pypdf import PdfReader

from app.reports.period import build_period_report
from tests import factories
from tests.conftest import made_once, officer_signed_in
from tests.exports.conftest import YEAR_2025, build_forty_areas, fetch, pdf_pages, period_url
from tests.exports.test_downloads import issue
from tests.reports.conftest import build_history


@dataclass(frozen=True)
class HandWorked:
    response: Any  # the download of the 2025 report
    report: dict  # the same report as the app builds it, before any file is written


@pytest.fixture(scope="module")
def hand_worked(app) -> HandWorked:
    """ASEAN–Pakistan's 2025 report of the hand-worked history, downloaded once for every test that reads it."""
    with made_once(app):
        officer = officer_signed_in(app)
        history = build_history(factories)
        report = build_period_report(history, date(2025, 1, 1), date(2025, 12, 31), generated_by="x",
                                     now=datetime(2026, 1, 1))
        return HandWorked(fetch(officer, period_url(history, "pdf", **YEAR_2025)), report)


@dataclass(frozen=True)
class FortyAreas:
    draft: list[str]  # the text of each page
    issued: dict[str, bytes]  # by copy: the copy to send and the working copy


@pytest.fixture(scope="module")
def forty_areas(app) -> FortyAreas:
    """The 2025 report of a plan with forty areas, downloaded before it is issued and, once issued, as each copy."""
    with made_once(app):
        officer = officer_signed_in(app)
        plan = build_forty_areas(factories)
        draft = pdf_pages(fetch(officer, period_url(plan, "pdf", **YEAR_2025)).data)
        issued = issue(officer, plan)
        return FortyAreas(draft, {copy: fetch(officer, f"/reports/{issued.id}/pdf?copy={copy}").data
                                  for copy in ("recipient", "working")})


def test_pdf_shows_the_report_figures(hand_worked):
    response = hand_worked.response
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == (
        "attachment; filename=asean-pakistan_2024-2028_2025-01-01_to_2025-12-31.pdf"
    )
    pages = pdf_pages(response.data)
    text = "\n".join(pages)
    # Worked out in tests/reports/test_period_figures.py: 4 of 6 covered at the end, 3 of 6 at the start.
    assert "3 of 6 (50%) at the start; 4 of 6 (67%) at the end" in text
    assert "2 meetings" in text
    assert "3 open, 2 overdue, as of 31 December 2025" in text
    assert "Agreed in the period 3" in text and "Completed in the period 1" in text
    assert re.search(r"2\.1 Trade\nStatus at the start: On track – at the end: At risk", text)
    assert re.search(r"2\.2 Investment\nStatus at the start: No status recorded – at the end: No status recorded", text)


def test_every_page_has_the_running_title_and_its_number(hand_worked):
    data = hand_worked.response.data
    pages = pdf_pages(data)
    title = "ASEAN–Pakistan period report, 1 January 2025 to 31 December 2025"
    for number, text in enumerate(pages, start=1):
        lines = text.splitlines()
        assert title in lines, f"page {number}"
        assert f"Page {number} of {len(pages)}" in lines
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata.title == title
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)  # A4, in millimetres


def test_charts_are_embedded_as_pictures_with_their_sentences(hand_worked):
    data = hand_worked.response.data
    reader = PdfReader(io.BytesIO(data))
    pictures = {image.data for page in reader.pages for image in page.images}
    assert len(pictures) == 3
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Coverage by pillar at the end of the period" in text
    assert "2 meetings held in the period, by quarter: 1 in 2025 Q1, 1 in 2025 Q4" in text


def test_forty_areas_run_over_several_pages_with_every_area(forty_areas):
    pages = forty_areas.draft
    assert len(pages) > 1
    text = "\n".join(pages)
    for n in range(1, 41):
        assert f"Cooperation area number {n:02d}" in text
    # Tables continue with their header row on the next page, and no row is cut in two: each area's status
    # change (one row) shows whole, its note and its author on the same page.
    continued = [page for page in pages[1:] if "As of Of Status Progress Note" in page]
    assert continued
    note = "Work plan agreed with the partner and the sectoral body"
    assert sum(page.replace("\n", " ").count(note) for page in pages) == 40


def test_pdf_numbers_equal_the_report_dictionary(hand_worked):
    report = hand_worked.report
    text = "\n".join(pdf_pages(hand_worked.response.data))
    for pillar in report["pillars"]:
        for area in pillar["areas"]:
            end = (area["status_end"] or {}).get("label", "No status recorded")
            assert f"{area['code']} {area['name']}" in text
            assert f"at the end: {end}" in text
    counts = report["follow_up_counts"]
    assert f"Open at the end {counts['open_at_end']}" in text
    assert f"Overdue at the end {counts['overdue_at_end']}" in text


def test_a_report_not_issued_says_draft_on_every_page_and_an_issued_one_does_not(forty_areas):
    pages = forty_areas.draft
    assert len(pages) > 1 and all("DRAFT" in page.splitlines() for page in pages)
    assert "Way forward\nWritten when the report is issued." in pages[-1]
    assert set(forty_areas.issued) == {"recipient", "working"}
    for copy, data in forty_areas.issued.items():
        text = "\n".join(pdf_pages(data))
        assert "DRAFT" not in text and "not issued" not in text, copy
        assert "Hold the 9th JSCC in 2026." in text
