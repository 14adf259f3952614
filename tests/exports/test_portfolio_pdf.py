"""The portfolio as a PDF, finished as the period report is: title and section headings, the title running above
each page and "Page N of M" below, the same fonts, totals once after the rows they add up, and a partnership with no
plan in force said in words.

The figures, as of 31 December 2025: ASEAN–Pakistan as in tests/reports/test_portfolio.py (4 of 6 lines covered,
3 follow-ups open, 2 overdue, meetings [1, 0, 0, 0, 1, 0, 0, 1] in 2024 Q1 .. 2025 Q4); ASEAN–India with no plan;
and 30 more partnerships, each with one action line addressed, one follow-up open and overdue, and one meeting in
2025 Q2. All together: 4 + 30 = 34 of 6 + 30 = 36 lines (94%), 3 + 30 = 33 open, 2 + 30 = 32 overdue, and meetings
[1, 0, 0, 0, 1, 30, 0, 1].
"""

import io
import re
from dataclasses import dataclass
from datetime import date

import pytest
from pypdf import PdfReader

from tests import factories
from tests.conftest import made_once, officer_signed_in
from tests.exports.conftest import YEAR_2025, fetch, pdf_pages, period_url
from tests.reports.conftest import build_history
from tests.reports.test_portfolio import make_india

URL = "/reports/portfolio/pdf?as_of-day=31&as_of-month=12&as_of-year=2025"
TITLE = "Partnership portfolio as of 31 December 2025"


def add_thirty_more(make) -> None:
    author = make.user(name="Aisyah Rahman")
    for n in range(1, 31):
        # Codes no real country has (QA-QZ, XA-XZ are for private use), so none meets India's or Pakistan's.
        code = f"{'QX'[n // 26]}{chr(65 + n % 26)}"
        partnership = make.partnership(make.organisation(name=f"Country {n:02d}", short_name=f"Country {n:02d}",
                                                         iso_code=code))
        plan = make.plan(partnership)
        area = make.area(plan, make.pillar(plan), "1.1", f"Area of country {n:02d}")
        make.status_update(author, action_line=make.action_line(area, "1.1.1"), status="addressed",
                           as_of=date(2025, 6, 1))
        make.meeting(partnership, held_on=date(2025, 5, 1))
        make.follow_up(partnership, opened_on=date(2025, 1, 1), due_on=date(2025, 2, 1))


@dataclass(frozen=True)
class Downloads:
    portfolio: bytes
    period: bytes


@pytest.fixture(scope="module")
def downloads(app) -> Downloads:
    """The portfolio PDF of the 32 partnerships above, and ASEAN–Pakistan's 2025 period report PDF, downloaded once
    for every test here (each only reads them)."""
    with made_once(app):
        officer = officer_signed_in(app)
        history = build_history(factories)
        make_india(factories)
        add_thirty_more(factories)
        return Downloads(fetch(officer, URL).data, fetch(officer, period_url(history, "pdf", **YEAR_2025)).data)


def fonts_of(data: bytes) -> set[str]:
    """The fonts a PDF draws with, without their subset prefix (ABCDEF+Noto-Sans)."""
    return {str(font.get_object()["/BaseFont"]).split("+", 1)[1] for page in PdfReader(io.BytesIO(data)).pages
            for font in page["/Resources"]["/Font"].values()}


def test_headings_running_title_and_page_numbers(downloads):
    data = downloads.portfolio
    pages = pdf_pages(data)
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        lines = text.splitlines()
        assert TITLE in lines, f"page {number}"
        assert f"Page {number} of {len(pages)}" in lines
    text = "\n".join(pages)
    assert text.startswith(TITLE)
    for heading in ("Cooperation areas and their status", "Coverage and follow-ups by partnership",
                    "Meetings per quarter"):
        assert f"\n{heading}\n" in text
    assert PdfReader(io.BytesIO(data)).metadata.title == TITLE


def test_totals_come_once_after_every_row_they_add_up(downloads):
    pages = pdf_pages(downloads.portfolio)
    coverage_pages = [n for n, page in enumerate(pages) if "Partnership Status and level Plan" in page]
    assert len(coverage_pages) >= 2, "the coverage table should run onto a second page, its header repeated"
    text = "\n".join(pages)
    assert re.findall(r"^All .*$", text, re.M) == ["All 34 of 36 (94%) 33 32", "All 1 0 0 0 1 30 0 1"]
    # After the last partnership of each table, not at the foot of a page.
    lines = text.splitlines()
    assert lines.index("All 34 of 36 (94%) 33 32") - 1 == lines.index("2024-2028 4 of 6 (67%) 3 of 6 (50%) 3 2")
    assert lines[lines.index("All 1 0 0 0 1 30 0 1") - 1] == "ASEAN–Pakistan 1 0 0 0 1 0 0 1"


def test_no_plan_in_force_is_said_in_words(downloads):
    text = "\n".join(pdf_pages(downloads.portfolio))
    assert "ASEAN–India\nNo plan in force\nNo areas" in text  # in the areas' table
    # In the coverage table, in place of the plan and its coverage; its follow-ups are counted all the same.
    assert "strategic partnership\nNo plan in force 0 0\nASEAN–Pakistan" in text
    assert "None" not in text and "0 of 0" not in text


def test_the_same_fonts_as_the_period_report(downloads):
    portfolio = fonts_of(downloads.portfolio)
    period = fonts_of(downloads.period)
    assert portfolio == {"Noto-Sans", "Noto-Sans-Bold"}
    assert portfolio <= period
