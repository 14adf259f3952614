"""A follow-up's state history, as a desk officer meets it: cancelling on a date, reopening, completing late and
moving the due date, each kept as a dated entry on the follow-up's page, and every period report for a past
window counting the follow-up as it stood at the window's end, not as it stands today.

One follow-up each, agreed at the courtesy call of 25 March 2024 and due 30 June 2024 unless said otherwise;
the reports are read on 6 December 2026, so every window below has ended and is counted as of its last day.
"""

from datetime import date

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.follow_ups import services
from app.follow_ups.details import FollowUpDetails
from app.models import FollowUpAction, FollowUpStatus
from tests.follow_ups.report_helpers import follow_up_figures, history_rows, period_url, status_form
from tests.meetings.scenes import pakistan_desk
from tests.meetings.test_log_meeting_form import follow_up, one_form, the_call

TODAY = date(2026, 12, 6)


@pytest.fixture
def today(monkeypatch):
    """The app's today, 6 December 2026 unless a test moves it (``today.day = ...``)."""

    class Clock:
        day = TODAY

    monkeypatch.setattr(services, "today", lambda: Clock.day)
    return Clock


@pytest.fixture
def plan(make):
    return make.plan(make.partnership(), label="2024-2028")


@pytest.fixture
def agreed(signed_in, plan, make, today):
    """A follow-up added through the form from the courtesy call, due 30 June 2024 unless given another date."""
    call = make.meeting(plan.partnership, held_on=date(2024, 3, 25))

    def add(due_on=date(2024, 6, 30)) -> FollowUpAction:
        page = signed_in.submit("/follow-ups/new", {
            "title": "Send the draft customs work plan", "description": "", "partnership_id": str(plan.partnership.id),
            "meeting_id": str(call.id), "area_id": "", "owner_user_id": "", "partner_person_id": "",
            "partner_office": "Mission of Pakistan to ASEAN", "due_on-day": str(due_on.day),
            "due_on-month": str(due_on.month), "due_on-year": str(due_on.year), "action": "save",
        }).get_data(as_text=True)
        assert "Follow-up added" in page
        return db.session.scalar(sa.select(FollowUpAction))

    return add


def figures(visitor, plan, starts_on, ends_on) -> dict[str, int]:
    return follow_up_figures(visitor.get(period_url(plan, starts_on, ends_on)).get_data(as_text=True))


def counts(agreed=0, completed=0, cancelled=0, open=0, overdue=0) -> dict[str, int]:
    return {"Agreed in the period": agreed, "Completed in the period": completed, "Cancelled in the period": cancelled,
            "Open at the end": open, "Overdue at the end": overdue}


def current(action: FollowUpAction) -> tuple:
    db.session.expire_all()
    action = db.session.get(FollowUpAction, action.id)
    return action.status, action.due_on, action.completed_on


def test_cancelling_on_a_date_is_kept_and_counted_from_that_date(signed_in, plan, agreed):
    action = agreed()
    url = f"/follow-ups/{action.id}/status"
    before_meeting = signed_in.submit(url, status_form("cancelled", date(2024, 3, 1))).get_data(as_text=True)
    assert before_meeting.count(
        "Date of the change must be the same as or after 25 March 2024, the date of the meeting") == 2
    future = signed_in.submit(url, status_form("cancelled", date(2026, 12, 7))).get_data(as_text=True)
    assert future.count("Date of the change must be today or in the past") == 2
    assert 'value="7"' in future and 'value="12"' in future  # what was typed is kept
    assert current(action) == (FollowUpStatus.OPEN, date(2024, 6, 30), None)

    page = signed_in.submit(url, status_form("cancelled", date(2024, 5, 10), "Overtaken by the new work plan"))
    assert "Follow-up is now cancelled" in page.get_data(as_text=True)
    assert current(action) == (FollowUpStatus.CANCELLED, date(2024, 6, 30), None)
    rows = history_rows(signed_in.get(f"/follow-ups/{action.id}").get_data(as_text=True))
    assert [row[:4] + row[5:] for row in rows] == [
        ["10 May 2024", "Cancelled", "30 June 2024", "Desk Officer", "Overtaken by the new work plan"],
        ["25 March 2024", "Open", "30 June 2024", "Desk Officer", ""],
    ]

    # Until 10 May 2024 it was open (and not yet due on 30 April); cancelled in 2024; nothing in 2025.
    assert figures(signed_in, plan, date(2024, 1, 1), date(2024, 4, 30)) == counts(agreed=1, open=1)
    assert figures(signed_in, plan, date(2024, 1, 1), date(2024, 12, 31)) == counts(agreed=1, cancelled=1)
    assert figures(signed_in, plan, date(2025, 1, 1), date(2025, 12, 31)) == counts()


def test_reopening_keeps_the_earlier_completion(signed_in, plan, agreed):
    action = agreed()
    url = f"/follow-ups/{action.id}/status"
    signed_in.submit(url, status_form("done", date(2024, 6, 1)))
    too_early = signed_in.submit(url, status_form("in_progress", date(2024, 5, 15))).get_data(as_text=True)
    assert too_early.count("Date of the change must be the same as or after 1 June 2024, the date of its last "
                           "recorded change") == 2
    assert current(action) == (FollowUpStatus.DONE, date(2024, 6, 30), date(2024, 6, 1))

    signed_in.submit(url, status_form("in_progress", date(2024, 9, 1), "The partner asked for changes"))
    assert current(action) == (FollowUpStatus.IN_PROGRESS, date(2024, 6, 30), None)
    rows = history_rows(signed_in.get(f"/follow-ups/{action.id}").get_data(as_text=True))
    assert [row[:2] for row in rows] == [["1 September 2024", "In progress"], ["1 June 2024", "Done"],
                                         ["25 March 2024", "Open"]]

    # Done on 1 June, so completed in the first half of 2024; reopened on 1 September, so at the end of 2024 it is
    # open again and overdue (due 30 June), and the year counts no completion.
    assert figures(signed_in, plan, date(2024, 1, 1), date(2024, 6, 30)) == counts(agreed=1, completed=1)
    assert figures(signed_in, plan, date(2024, 1, 1), date(2024, 12, 31)) == counts(agreed=1, open=1, overdue=1)
    assert figures(signed_in, plan, date(2024, 7, 1), date(2024, 8, 31)) == counts()
    assert figures(signed_in, plan, date(2024, 7, 1), date(2024, 12, 31)) == counts(open=1, overdue=1)


def test_a_completion_recorded_late_counts_from_the_day_it_was_done(signed_in, plan, agreed):
    action = agreed()
    signed_in.submit(f"/follow-ups/{action.id}/status", status_form("done", date(2024, 9, 20)))
    rows = history_rows(signed_in.get(f"/follow-ups/{action.id}").get_data(as_text=True))
    assert [row[:4] for row in rows] == [["20 September 2024", "Done", "30 June 2024", "Desk Officer"],
                                         ["25 March 2024", "Open", "30 June 2024", "Desk Officer"]]
    # Recorded in December 2026, it was still open and overdue at the end of August 2024, done by the end of
    # September.
    assert figures(signed_in, plan, date(2024, 1, 1), date(2024, 8, 31)) == counts(agreed=1, open=1, overdue=1)
    assert figures(signed_in, plan, date(2024, 9, 1), date(2024, 9, 30)) == counts(completed=1)


def test_a_new_due_date_takes_effect_on_the_day_it_was_set(signed_in, plan, agreed, today):
    today.day = date(2024, 5, 15)
    action = agreed(due_on=date(2024, 4, 30))
    page = signed_in.submit(f"/follow-ups/{action.id}/edit", {
        "title": "Send the draft customs work plan", "description": "", "partnership_id": str(plan.partnership.id),
        "meeting_id": str(action.meeting_id), "area_id": "", "owner_user_id": "", "partner_person_id": "",
        "partner_office": "Mission of Pakistan to ASEAN", "due_on-day": "31", "due_on-month": "7",
        "due_on-year": "2024", "action": "save",
    }).get_data(as_text=True)
    assert "Follow-up saved" in page
    today.day = TODAY
    assert current(action) == (FollowUpStatus.OPEN, date(2024, 7, 31), None)
    rows = history_rows(signed_in.get(f"/follow-ups/{action.id}").get_data(as_text=True))
    assert [row[:3] for row in rows] == [["15 May 2024", "Open", "31 July 2024"],
                                         ["25 March 2024", "Open", "30 April 2024"]]

    # On 10 May 2024 it was due 30 April, so overdue; from 15 May it was due 31 July: not overdue on 31 May,
    # overdue again on 31 August.
    assert figures(signed_in, plan, date(2024, 1, 1), date(2024, 5, 10)) == counts(agreed=1, open=1, overdue=1)
    assert figures(signed_in, plan, date(2024, 1, 1), date(2024, 5, 31)) == counts(agreed=1, open=1)
    assert figures(signed_in, plan, date(2024, 1, 1), date(2024, 8, 31)) == counts(agreed=1, open=1, overdue=1)


def entries() -> list[tuple]:
    db.session.expire_all()
    rows = db.session.execute(sa.text("SELECT id, status, effective_on FROM follow_up_state_entries ORDER BY id"))
    return [(entry_id, status, str(effective_on)[:10]) for entry_id, status, effective_on in rows]


def test_the_history_is_only_added_to(signed_in, plan, agreed):
    action = agreed()
    url = f"/follow-ups/{action.id}/status"
    signed_in.submit(url, status_form("done", date(2024, 6, 1)))
    first_entries = entries()
    signed_in.submit(url, status_form("open", date(2024, 7, 1)))
    signed_in.submit(url, status_form("cancelled", date(2024, 8, 1)))
    assert entries()[:2] == first_entries  # the earlier entries are untouched
    assert [entry[1:] for entry in entries()] == [
        ("open", "2024-03-25"), ("done", "2024-06-01"), ("open", "2024-07-01"), ("cancelled", "2024-08-01"),
    ]


def test_follow_ups_agreed_on_the_meeting_form_start_their_history_on_the_meeting_date(signed_in, make):
    desk = pakistan_desk(make)
    page = signed_in.submit("/meetings/new", one_form(desk, the_call(desk), [
        follow_up("Share the draft work plan", owner_user_id=signed_in.user.id, due="30 6 2024"),
        follow_up("Name a focal point for education", partner_owner="Mission of Pakistan to ASEAN"),
    ])).get_data(as_text=True)
    assert "Meeting saved" in page
    actions = db.session.scalars(sa.select(FollowUpAction).order_by(FollowUpAction.id)).all()
    histories = [[row[:4] for row in history_rows(signed_in.get(f"/follow-ups/{a.id}").get_data(as_text=True))]
                 for a in actions]
    assert histories == [[["25 March 2024", "Open", "30 June 2024", "Desk Officer"]],
                         [["25 March 2024", "Open", "No due date", "Desk Officer"]]]


def edit_form(plan, meeting_id, due_on) -> dict:
    return {
        "title": "Send the draft customs work plan", "description": "", "partnership_id": str(plan.partnership.id),
        "meeting_id": str(meeting_id), "area_id": "", "owner_user_id": "", "partner_person_id": "",
        "partner_office": "Mission of Pakistan to ASEAN", "due_on-day": str(due_on.day),
        "due_on-month": str(due_on.month), "due_on-year": str(due_on.year), "action": "save",
    }


def test_moving_a_follow_up_to_its_meeting_dates_its_history_back_or_is_refused(signed_in, plan, make, agreed):
    # Added on its own on 6 December 2026, then linked to the courtesy call where it was in fact agreed.
    action = agreed()
    call_id = action.meeting_id
    alone = services.create_follow_up(plan.partnership, FollowUpDetails(
        title="Name a focal point", partner_office="Mission", due_on=date(2027, 6, 30)))
    db.session.commit()
    page = signed_in.submit(f"/follow-ups/{alone.id}/edit", edit_form(plan, call_id, date(2027, 6, 30)) | {
        "title": "Name a focal point"}).get_data(as_text=True)
    assert "Follow-up saved" in page
    rows = history_rows(signed_in.get(f"/follow-ups/{alone.id}").get_data(as_text=True))
    assert [row[:3] for row in rows] == [["6 December 2026", "Open", "30 June 2027"],
                                         ["25 March 2024", "Open", "30 June 2027"]]
    # Both were open at the end of 2024, the first overdue (due 30 June 2024), the second not yet due.
    assert figures(signed_in, plan, date(2024, 1, 1), date(2024, 12, 31)) == counts(agreed=2, open=2, overdue=1)

    # Cancelled on 10 May 2024, the first cannot be moved to a meeting held after that.
    signed_in.submit(f"/follow-ups/{action.id}/status", status_form("cancelled", date(2024, 5, 10)))
    jscc = make.meeting(plan.partnership, type="jscc", number=8, held_on=date(2025, 10, 1))
    refused = signed_in.submit(f"/follow-ups/{action.id}/edit", edit_form(plan, jscc.id, date(2025, 12, 31)))
    assert "The follow-up was cancelled on 10 May 2024, before that meeting" in refused.get_data(as_text=True)
    assert current(action) == (FollowUpStatus.CANCELLED, date(2024, 6, 30), None)
