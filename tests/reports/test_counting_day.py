"""A report for a window that has not ended yet: generated on 6 December 2026, the whole plan (to 31 December
2028) and the year 2026 are counted as of 6 December 2026, say so, and call no follow-up overdue before its due
date; a meeting planned for 10 December 2026 has not been held yet.

By hand, on 6 December 2026: the 8th JSCC (1 October 2025) agreed "Prepare the mid-term review", due 15 December
2026, still open and not yet due; "Send the nominees" was added on 6 December 2026 (no meeting), due 1 December
2026: open and overdue. The year 2025 has ended: counted as of 31 December 2025, when only the first existed.
"""

from datetime import date

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.follow_ups import services
from app.models import FollowUpAction, MeetingType
from tests.exports.conftest import docx_text, fetch, workbook
from tests.follow_ups.report_helpers import follow_up_figures, period_url
from tests.reports.test_report_pages import issue

TODAY = date(2026, 12, 6)
NOT_ENDED = "The period has not ended: figures are as of 6 December 2026."


@pytest.fixture
def plan(signed_in, make, monkeypatch):
    monkeypatch.setattr(services, "today", lambda: TODAY)
    plan = make.plan(make.partnership(), label="2024-2028")
    partnership = plan.partnership
    jscc = make.meeting(partnership, type=MeetingType.JSCC, number=8, held_on=date(2025, 10, 1))
    make.meeting(partnership, type=MeetingType.JSCC, number=9, held_on=date(2026, 12, 10))  # planned, not held

    def add(title, due_on, meeting_id=""):
        page = signed_in.submit("/follow-ups/new", {
            "title": title, "description": "", "partnership_id": str(partnership.id), "meeting_id": str(meeting_id),
            "area_id": "", "owner_user_id": str(signed_in.user.id), "partner_person_id": "", "partner_office": "",
            "due_on-day": str(due_on.day), "due_on-month": str(due_on.month), "due_on-year": str(due_on.year),
            "action": "save",
        }).get_data(as_text=True)
        assert "Follow-up added" in page

    add("Prepare the mid-term review", date(2026, 12, 15), jscc.id)
    add("Send the nominees", date(2026, 12, 1))
    return plan


def states(page: str) -> dict[str, str]:
    """Each open follow-up's state as the report's list of open follow-ups shows it."""
    section = page.split('id="report-follow-ups"', 1)[1].split("</section>", 1)[0]
    rows = section.split("<tr><td>")[1:]
    return {row.split("<", 1)[0]: row.rsplit("</span>", 1)[0].rsplit(">", 1)[1] for row in rows}


@pytest.mark.parametrize("starts_on, ends_on", [(date(2024, 1, 1), date(2028, 12, 31)),
                                                (date(2026, 1, 1), date(2026, 12, 31))])
def test_a_window_that_has_not_ended_counts_as_of_today(signed_in, plan, starts_on, ends_on):
    page = signed_in.get(period_url(plan, starts_on, ends_on)).get_data(as_text=True)
    assert NOT_ENDED in page
    assert "Statuses are those recorded as of 6 December 2026" in page
    assert "recorded as of 31 December" not in page
    assert follow_up_figures(page) == {
        "Agreed in the period": 2 if starts_on.year == 2024 else 1, "Completed in the period": 0,
        "Cancelled in the period": 0, "Open on 6 December 2026": 2, "Overdue on 6 December 2026": 1,
    }
    assert states(page) == {"Send the nominees": "Overdue", "Prepare the mid-term review": "Open"}
    assert "2 open, 1 overdue, as of 6 December 2026" in page
    # Only the 8th JSCC has been held; the 9th, on 10 December 2026, is still to come.
    held = 1 if starts_on.year == 2024 else 0
    assert f'<tfoot><tr><th scope="row">Total</th><td class="text-end fw-bold">{held}</td>' in page


def test_a_window_that_has_ended_counts_as_of_its_last_day(signed_in, plan):
    page = signed_in.get(period_url(plan, date(2025, 1, 1), date(2025, 12, 31))).get_data(as_text=True)
    assert "The period has not ended" not in page
    assert "Statuses are those recorded as of 31 December 2025" in page
    assert follow_up_figures(page) == {"Agreed in the period": 1, "Completed in the period": 0,
                                       "Cancelled in the period": 0, "Open at the end": 1, "Overdue at the end": 0}


def test_downloads_and_the_issued_report_say_as_of_which_day_they_count(signed_in, plan):
    window = {"window": "dates", "starts_on-day": "1", "starts_on-month": "1", "starts_on-year": "2024",
              "ends_on-day": "31", "ends_on-month": "12", "ends_on-year": "2028"}
    query = "&".join(f"{key}={value}" for key, value in window.items())
    base = f"/partnerships/asean-pakistan/reports/period/{{}}?plan={plan.id}&{query}"
    word = docx_text(fetch(signed_in, base.format("docx")).data)
    assert NOT_ENDED in word and "Statuses are those recorded as of 6 December 2026" in word
    assert "Overdue on 6 December 2026\n1" in word

    book = workbook(fetch(signed_in, base.format("xlsx")).data)
    overview = {row[0]: row[1] for row in book.worksheets[0].iter_rows(values_only=True)}
    assert overview["Figures counted as of"].date() == TODAY
    assert overview["Follow-ups overdue on 6 December 2026"] == 1
    assert overview["Note"] == NOT_ENDED

    issued = issue(signed_in, plan, **window).get_data(as_text=True)
    assert NOT_ENDED in issued and "Overdue on 6 December 2026" in issued
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FollowUpAction)) == 2
