"""A meeting's date cannot move past what hangs on it: the follow-ups it agreed, the plan whose areas it discussed."""

from datetime import date
from html import unescape

import pytest

from app.common.errors import DomainError
from app.extensions import db
from app.meetings.details import MeetingDetails
from app.meetings.services import update_meeting
from app.models import CooperationArea, FollowUpAction, Meeting
from tests.meetings.test_meeting_pages import area_id, meeting_form
from tests.plans.helpers import beside, date_fields, kept

HELD_ON = date(2025, 3, 1)


@pytest.fixture
def agreed(make, pakistan):  # noqa: F811 (the fixture imported above)
    """A courtesy call on 1 March 2025 that agreed three follow-ups, due 1, 2 and 10 March 2025."""
    meeting = make.meeting(pakistan, held_on=HELD_ON, venue="ASEAN Secretariat, Jakarta")
    for title, due_on in (("Send draft MoU", date(2025, 3, 1)), ("Book the venue", date(2025, 3, 2)),
                          ("Share the agenda", date(2025, 3, 10))):
        make.follow_up(pakistan, title=title, due_on=due_on, meeting=meeting)
    db.session.commit()
    return meeting


def held_on(meeting) -> date:
    db.session.expire_all()
    return db.session.get(Meeting, meeting.id).held_on


def test_a_meeting_cannot_move_after_the_due_dates_of_its_follow_ups(signed_in, pakistan, agreed):  # noqa: F811
    url = f"/meetings/{agreed.id}/edit"
    moved = date(2025, 3, 3)
    response = signed_in.submit(url, meeting_form(pakistan, **date_fields("held_on", moved), title="Moved call"))
    page = unescape(response.get_data(as_text=True))
    message = ("2 follow-ups are due before 3 March 2025: ‘Send draft MoU’ (due 1 March 2025), ‘Book the venue’ "
               "(due 2 March 2025) – change their due dates first, or choose an earlier date")
    assert response.status_code == 200
    assert page.count(message) == 2 and beside(page, "held_on", message)
    assert kept(page, "held_on", moved) and 'value="Moved call"' in page
    assert held_on(agreed) == HELD_ON

    # On the day the first follow-up falls due the meeting may still be held.
    response = signed_in.submit(url, meeting_form(pakistan, **date_fields("held_on", date(2025, 2, 27))))
    assert "Meeting saved" in response.get_data(as_text=True)
    assert held_on(agreed) == date(2025, 2, 27)
    assert db.session.query(FollowUpAction).filter_by(meeting_id=agreed.id).count() == 3


def test_a_meeting_cannot_move_out_of_the_plan_of_the_areas_it_discussed(app_context, make, pakistan):  # noqa: F811
    trade = db.session.get(CooperationArea, area_id("2024-2028", "2.1"))
    meeting = make.meeting(pakistan, held_on=date(2024, 3, 25), areas=[trade])
    with pytest.raises(DomainError) as refused:
        update_meeting(meeting, MeetingDetails(type="courtesy_call", held_on=date(2023, 12, 15), areas=(trade,)))
    assert refused.value.field == "held_on"
    assert refused.value.message == (
        "1 area discussed is of a plan that does not cover 15 December 2023: 2.1 Trade (2024-2028 plan, 1 January "
        "2024 to 31 December 2028) – choose a date within the plan, or untick the area"
    )


def test_the_meeting_form_names_the_areas_whose_plan_a_new_date_leaves(signed_in, make, pakistan):  # noqa: F811
    trade = area_id("2024-2028", "2.1")
    meeting = make.meeting(pakistan, held_on=date(2024, 3, 25), areas=[db.session.get(CooperationArea, trade)])
    db.session.commit()
    moved = date(2023, 12, 15)  # in the 2019-2021 plan, extended to 2023
    response = signed_in.submit(f"/meetings/{meeting.id}/edit", meeting_form(
        pakistan, **date_fields("held_on", moved), area_ids=[str(trade)],
    ))
    page = unescape(response.get_data(as_text=True))
    message = ("1 area discussed is of a plan that does not cover 15 December 2023: 2.1 Trade (2024-2028 plan, "
               "1 January 2024 to 31 December 2028) – choose a date within the plan, or untick the area")
    assert page.count(message) == 2 and beside(page, "held_on", message)
    assert kept(page, "held_on", moved)
    assert held_on(meeting) == date(2024, 3, 25)

    # Unticked, the meeting moves to the earlier plan's period with no area discussed.
    response = signed_in.submit(f"/meetings/{meeting.id}/edit", meeting_form(pakistan, **date_fields("held_on", moved)))
    assert "Meeting saved" in response.get_data(as_text=True)
    assert held_on(meeting) == moved
