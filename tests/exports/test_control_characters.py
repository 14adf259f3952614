"""A control character pasted into a name or note (a vertical tab from a Word document, an escape from a terminal)
cannot be written into a Word or Excel file's XML: every download still opens, without it."""

from datetime import date

import pytest

from tests.exports.conftest import YEAR_2025, docx_text, fetch, period_url, workbook

#: As pasted: a vertical tab and a form feed from a Word document, an escape from a terminal.
PASTED = "Courtesy call\x0bon trade\x0c\x1b[0m"
CLEANED = "Courtesy callon trade[0m"


@pytest.fixture
def pasted(make):
    pakistan = make.partnership()
    plan = make.plan(pakistan, label="2024-2028")
    area = make.area(plan, make.pillar(plan, "Economic", 1), "2.1", "Trade\x0b")
    make.meeting(pakistan, held_on=date(2025, 4, 2), title=PASTED, areas=[area])
    make.follow_up(pakistan, title=PASTED, opened_on=date(2025, 4, 2), due_on=date(2026, 1, 31))
    return plan


@pytest.mark.parametrize("format", ["docx", "xlsx", "csv", "pdf"])
def test_every_format_downloads_without_the_control_characters(signed_in, pasted, format):
    data = fetch(signed_in, period_url(pasted, format, **YEAR_2025)).data
    if format == "docx":
        assert CLEANED in docx_text(data) and "\x0b" not in docx_text(data)
    if format == "xlsx":
        texts = [cell for sheet in workbook(data) for row in sheet.iter_rows(values_only=True) for cell in row
                 if isinstance(cell, str)]
        assert CLEANED in texts and not any("\x0b" in text or "\x1b" in text for text in texts)


def test_the_portfolio_downloads_too(signed_in, pasted):
    for format in ("docx", "xlsx"):
        fetch(signed_in, f"/reports/portfolio/{format}?as_of-day=31&as_of-month=12&as_of-year=2025")
