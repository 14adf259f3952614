"""A change says what it was: the entry names the values before and after, as a desk officer reads them."""

from datetime import date

from app.areas.details import AreaDetails
from app.areas.services import add_area, update_area
from app.extensions import db
from app.follow_ups.details import FollowUpDetails
from app.follow_ups.services import create_follow_up, set_follow_up_status
from app.meetings.details import MeetingDetails
from app.meetings.services import (
    add_participant,
    log_meeting,
    remove_participant,
    update_meeting,
)
from app.people.details import PersonDetails
from app.people.services import create_person
from app.plans.services import add_pillar
from tests.audit.helpers import ARCHIVED_AT, PLAN, entries_since, last_entry_id


def test_a_move_to_another_pillar_names_both_pillars(app_context, desk):
    _, plan, _, trade = desk
    social = add_pillar(plan, name="Socio-Cultural")
    db.session.commit()
    marker = last_entry_id()
    update_area(trade, AreaDetails(pillar=social, code="2.1", name="Trade and investment", focal_point=None))
    db.session.commit()
    assert entries_since(marker) == [
        ("update", "cooperation_areas", "2.1 Trade and investment",
         {"pillar": ["Economic", "Socio-Cultural"], "name": ["Trade", "Trade and investment"]}, None),
    ]


def test_areas_discussed_are_logged_as_before_and_after_lists(app_context, desk):
    partnership, plan, economic, trade = desk
    investment = add_area(plan, AreaDetails(pillar=economic, code="2.2", name="Investment"))
    meeting = log_meeting(partnership, MeetingDetails(type="courtesy_call", held_on=date(2024, 3, 25), areas=(trade,)))
    db.session.commit()
    marker = last_entry_id()
    update_meeting(meeting, MeetingDetails(type="courtesy_call", held_on=date(2024, 3, 25), areas=(investment, trade)))
    db.session.commit()
    assert entries_since(marker) == [
        ("update", "meetings", "Courtesy call", {"areas": [["2.1 Trade"], ["2.1 Trade", "2.2 Investment"]]}, None),
    ]


def test_a_change_made_without_loading_the_record_first_still_says_what_it_was(app_context, desk):
    _, _, _, trade = desk
    db.session.commit()  # everything is expired: the next change does not know the old value
    marker = last_entry_id()
    trade.description = "Trade in goods and services"
    trade.focal_point = "Trade Facilitation Division"
    db.session.commit()
    assert entries_since(marker) == [
        ("update", "cooperation_areas", "2.1 Trade",
         {"description": [None, "Trade in goods and services"], "focal_point": [None, "Trade Facilitation Division"]},
         None),
    ]


def test_follow_up_done(app_context, desk):
    partnership, *_ = desk
    action = create_follow_up(partnership, FollowUpDetails(title="Share the draft work plan",
                                                            partner_office="Mission of Pakistan"),
                              opened_on=date(2024, 7, 1))
    db.session.commit()
    marker = last_entry_id()
    set_follow_up_status(action, "done", date(2024, 7, 15))
    db.session.commit()
    assert entries_since(marker) == [
        ("update", "follow_up_actions", "Share the draft work plan",
         {"status": ["open", "done"], "completed_on": [None, "2024-07-15"]}, None),
    ]


def test_a_change_to_a_restricted_record_says_it_was_restricted(app_context, desk, make):
    partnership, *_ = desk
    meeting = make.meeting(partnership, summary="Draft text of the joint statement", is_restricted=True)
    marker = last_entry_id()
    meeting.summary = "Agreed text of the joint statement"
    db.session.commit()
    assert entries_since(marker) == [
        ("update", "meetings", "Courtesy call",
         {"summary": ["Draft text of the joint statement", "Agreed text of the joint statement"],
          "is_restricted": [True, True]}, None),
    ]


def test_a_participant_taken_off_a_meeting_is_a_change_to_the_meeting(app_context, desk, make):
    partnership, *_ = desk
    meeting = make.meeting(partnership, number=7, type="jscc", title=None)
    person = create_person(PersonDetails(full_name="Satvinder Singh"))
    participant = add_participant(meeting, side="ours", role="co_chair", person=person)
    db.session.commit()
    marker = last_entry_id()
    remove_participant(participant)
    db.session.commit()
    assert entries_since(marker) == [
        ("update", "meetings", "7th Joint Sectoral Cooperation Committee (JSCC)",
         {"removed_participant": ["Satvinder Singh", None]}, None),
    ]


def test_archive_and_restore_outside_a_request(app_context, desk, monkeypatch):
    monkeypatch.setattr("app.models.base.utcnow", lambda: ARCHIVED_AT)
    _, plan, _, _ = desk
    marker = last_entry_id()
    plan.archive()
    db.session.commit()
    plan.restore()
    db.session.commit()
    assert entries_since(marker) == [
        ("archive", "plans", PLAN, {"archived_at": [None, "2025-03-31T09:30:00+00:00"]}, None),
        ("restore", "plans", PLAN, {"archived_at": ["2025-03-31T09:30:00+00:00", None]}, None),
    ]
