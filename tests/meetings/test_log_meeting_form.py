"""Logging a meeting in one form: the meeting, who attended (people already recorded or met for the first time),
the areas discussed and the follow-ups agreed, saved together or not at all."""

import re
from datetime import date

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.meetings.details import MeetingDetails
from app.models import (
    FollowUpAction,
    Meeting,
    MeetingParticipant,
    MeetingType,
    Person,
    Position,
)
from tests.meetings.scenes import AMBASSADOR, DSG, SECRETARY


def participant(side="", role="", person_id="", full_name="", honorific="", post_title="", organisation_id=""):
    return {"side": side, "role": role, "person_id": str(person_id), "full_name": full_name,
            "honorific": honorific, "post_title": post_title, "organisation_id": str(organisation_id)}


def follow_up(title="", owner_user_id="", partner_owner="", due: str | tuple = "", area_id=""):
    """``due`` as typed in the three boxes: "30 6 2024", or a tuple to leave a box empty."""
    day, month, year = due if isinstance(due, tuple) else (due.split() + ["", "", ""])[:3]
    return {"title": title, "owner_user_id": str(owner_user_id), "partner_owner": partner_owner,
            "due_on-day": day, "due_on-month": month, "due_on-year": year, "area_id": str(area_id)}


def one_form(desk, participants=(), follow_ups=(), indices=None, follow_up_indices=None, **changes) -> dict:
    """The whole form as a browser posts it: the meeting's fields, then each row under its index."""
    data = {
        "partnership_id": str(desk.partnership.id), "type": "courtesy_call", "number": "", "title": "",
        "held_on-day": "25", "held_on-month": "3", "held_on-year": "2024", "starts_at": "",
        "ends_on-day": "", "ends_on-month": "", "ends_on-year": "", "venue": "ASEAN Secretariat, Jakarta",
        "format": "in_person", "summary": "", "asks": "", "commitments": "", "outcome_document": "none",
        "outcome_reference": "", "action": "save",
    }
    for index, row in zip(indices or range(len(participants)), participants, strict=True):
        data.update({f"participants-{index}-{name}": value for name, value in row.items()})
    for index, row in zip(follow_up_indices or range(len(follow_ups)), follow_ups, strict=True):
        data.update({f"followups-{index}-{name}": value for name, value in row.items()})
    data.update(changes)
    return data


def the_call(desk) -> list[dict]:
    return [participant("ours", "head_of_delegation", desk.astanah.id),
            participant("partner", "head_of_delegation", desk.rathore.id)]


def counts() -> tuple[int, int, int, int, int]:
    db.session.expire_all()
    return tuple(db.session.scalar(sa.select(sa.func.count()).select_from(model))
                 for model in (Meeting, MeetingParticipant, FollowUpAction, Person, Position))


def saved_meeting() -> Meeting:
    db.session.expire_all()
    return db.session.scalar(sa.select(Meeting))


def field_value(page: str, field_id: str) -> str:
    match = re.search(rf'<input[^>]*id="{re.escape(field_id)}"[^>]*value="([^"]*)"', page)
    assert match, f"no input {field_id}"
    return match.group(1)


def selected(page: str, field_id: str) -> str:
    select = re.search(rf'<select[^>]*id="{re.escape(field_id)}"[^>]*>(.*?)</select>', page, re.S)
    assert select, f"no select {field_id}"
    match = re.search(r'<option selected value="([^"]*)"', select.group(1))
    return match.group(1) if match else ""


def test_log_the_courtesy_call_with_both_participants_areas_and_two_follow_ups_in_one_submission(signed_in, desk):
    response = signed_in.submit("/meetings/new", one_form(
        desk, the_call(desk), [
            follow_up("Share the draft work plan on customs cooperation", owner_user_id=signed_in.user.id,
                      due="30 jun 2024", area_id=desk.trade),
            follow_up("Name a focal point for education", partner_owner="Mission of Pakistan to ASEAN",
                      area_id=desk.education),
        ],
        summary="Implementation of the Practical Cooperation Areas (2024-2028).",
        asks="Pakistan asked for support on scholarships.", commitments="ASEAN to circulate the work plan.",
        area_ids=[str(desk.trade), str(desk.education)],
    ))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Meeting saved: Courtesy call" in page

    meeting = saved_meeting()
    assert (meeting.type, meeting.held_on, meeting.venue) == (MeetingType.COURTESY_CALL, date(2024, 3, 25),
                                                               "ASEAN Secretariat, Jakarta")
    assert meeting.asks == "Pakistan asked for support on scholarships."
    assert sorted(area.code for area in meeting.areas) == ["2.1", "3.4"]
    people = {p.person.full_name: (p.side.value, p.role.value, p.position.title) for p in meeting.participants}
    # His post that day is the ambassador's, not the secretary's post that ended on 31 December 2023.
    assert people == {
        "Astanah Abdul Aziz": ("ours", "head_of_delegation", DSG),
        "Ameer Khurram Rathore": ("partner", "head_of_delegation", AMBASSADOR),
    }
    actions = db.session.scalars(sa.select(FollowUpAction).order_by(FollowUpAction.id)).all()
    assert [(a.title, a.meeting_id, a.opened_on) for a in actions] == [
        ("Share the draft work plan on customs cooperation", meeting.id, date(2024, 3, 25)),
        ("Name a focal point for education", meeting.id, date(2024, 3, 25)),
    ]
    first, second = actions
    assert (first.owner_user_id, first.partner_office, first.due_on, first.area_id) == (
        signed_in.user.id, None, date(2024, 6, 30), desk.trade)
    assert (second.owner_user_id, second.partner_office, second.due_on, second.area_id) == (
        None, "Mission of Pakistan to ASEAN", None, desk.education)
    assert counts() == (1, 2, 2, 2, 3)

    # The meeting page shows everything that was typed.
    for text in ("Dato&#39; Astanah Abdul Aziz", DSG, "H.E. Ameer Khurram Rathore", AMBASSADOR,
                 "Post held on 25 March 2024", "Head of delegation", "2.1 Trade", "Pakistan asked for support",
                 "ASEAN to circulate the work plan.", "Desk Officer", "30 June 2024", "Mission of Pakistan to ASEAN"):
        assert text in page, text
    assert SECRETARY not in page
    for action in actions:
        assert f'href="/follow-ups/{action.id}"' in page
        # ... and each follow-up leads back to its meeting.
        detail = signed_in.get(f"/follow-ups/{action.id}").get_data(as_text=True)
        assert (f'href="/meetings/{meeting.id}">Courtesy call by H.E. Ameer Khurram Rathore on the {DSG}</a>, '
                '25 March 2024') in detail


def test_an_error_in_the_third_follow_up_saves_nothing_and_keeps_every_row(signed_in, desk):
    before = counts()
    response = signed_in.submit("/meetings/new", one_form(
        desk,
        [participant("ours", "head_of_delegation", desk.astanah.id),
         participant("partner", "head_of_delegation", desk.rathore.id),
         participant("partner", "delegate", full_name="Ayesha Khan", honorific="Ms",
                     post_title="First Secretary, Mission of Pakistan to ASEAN", organisation_id=desk.pakistan.id)],
        [follow_up("Share the draft work plan", owner_user_id=signed_in.user.id, due="30 6 2024",
                   area_id=desk.trade),
         follow_up("Name a focal point", partner_owner="Mission of Pakistan to ASEAN", due="15 7 2024"),
         follow_up("", owner_user_id=desk.colleague.id, due="1 8 2024", area_id=desk.education)],
        summary="Trade and education.", area_ids=[str(desk.trade)],
    ))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<title>Error: Log a courtesy call" in page
    assert page.count("Enter a title for follow-up 3") == 2
    assert '<a class="alert-link" href="#followups-2-title">Enter a title for follow-up 3</a>' in page
    assert counts() == before

    # Every value typed is still there: the meeting, each participant, each follow-up.
    assert field_value(page, "venue") == "ASEAN Secretariat, Jakarta"
    assert "Trade and education." in page
    assert re.search(rf'id="area_ids-0" value="{desk.trade}" checked', page)
    assert [selected(page, f"participants-{i}-side") for i in range(3)] == ["ours", "partner", "partner"]
    assert [selected(page, f"participants-{i}-role") for i in range(3)] == [
        "head_of_delegation", "head_of_delegation", "delegate"]
    assert [selected(page, f"participants-{i}-person_id") for i in range(3)] == [
        str(desk.astanah.id), str(desk.rathore.id), ""]
    assert field_value(page, "participants-2-full_name") == "Ayesha Khan"
    assert field_value(page, "participants-2-honorific") == "Ms"
    assert field_value(page, "participants-2-post_title") == "First Secretary, Mission of Pakistan to ASEAN"
    assert selected(page, "participants-2-organisation_id") == str(desk.pakistan.id)
    assert [field_value(page, f"followups-{i}-title") for i in range(3)] == [
        "Share the draft work plan", "Name a focal point", ""]
    assert [selected(page, f"followups-{i}-owner_user_id") for i in range(3)] == [
        str(signed_in.user.id), "", str(desk.colleague.id)]
    assert field_value(page, "followups-1-partner_owner") == "Mission of Pakistan to ASEAN"
    assert [(field_value(page, f"followups-{i}-due_on-day"), field_value(page, f"followups-{i}-due_on-month"))
            for i in range(3)] == [("30", "6"), ("15", "7"), ("1", "8")]
    assert [selected(page, f"followups-{i}-area_id") for i in range(3)] == [str(desk.trade), "", str(desk.education)]
    # The post each person held on the meeting date is shown beside the choice.
    assert f"Post on 25 March 2024: {AMBASSADOR}" in page and f"Post on 25 March 2024: {DSG}" in page


def test_row_errors_name_the_row_in_page_order(signed_in, desk):
    response = signed_in.submit("/meetings/new", one_form(
        desk,
        [participant("ours", "member", desk.astanah.id), participant("partner", "", desk.rathore.id),
         participant("partner", "member", desk.astanah.id)],
        [follow_up("Share the draft work plan"),
         follow_up("Name a focal point", partner_owner="Mission of Pakistan to ASEAN", due="24 3 2024"),
         follow_up("Send the list of scholarships", owner_user_id=signed_in.user.id, partner_owner="The mission")],
    ))
    page = response.get_data(as_text=True)
    expected = [
        ("participants-1-role", "Select the role of participant 2"),
        ("participants-2-person_id", "Participant 3 is already listed as participant 1"),
        ("followups-0-owner_user_id", "Select the officer responsible or name the partner-side owner for follow-up 1"),
        ("followups-1-due_on-day", "Due date for follow-up 2 must be the same as or after 25 March 2024, "
                                   "the date of the meeting"),
        ("followups-2-owner_user_id",
         "Select the officer responsible or name the partner-side owner for follow-up 3, not both"),
    ]
    summary = re.findall(r'<a class="alert-link" href="#([^"]+)">([^<]+)</a>', page)
    assert summary == expected
    for anchor, message in expected:
        assert page.count(message) == 2, message
        assert f'id="{anchor}"' in page, anchor
    assert counts()[0] == 0


def test_a_person_met_for_the_first_time_is_created_with_the_post_held_that_day(signed_in, desk):
    signed_in.submit("/meetings/new", one_form(desk, [
        participant("ours", "head_of_delegation", desk.astanah.id),
        participant("partner", "delegate", full_name="  Ayesha Khan ", honorific="Ms",
                    post_title="First Secretary, Mission of Pakistan to ASEAN", organisation_id=desk.pakistan.id),
    ]))
    meeting = saved_meeting()
    khan = db.session.scalar(sa.select(Person).where(Person.full_name == "Ayesha Khan"))
    assert khan.honorific == "Ms"
    [post] = khan.positions
    assert (post.title, post.organisation_id, post.starts_on, post.ends_on) == (
        "First Secretary, Mission of Pakistan to ASEAN", desk.pakistan.id, date(2024, 3, 25), None)
    [row] = [p for p in meeting.participants if p.person_id == khan.id]
    assert (row.side.value, row.role.value, row.position_id) == ("partner", "delegate", post.id)
    page = signed_in.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "Ms Ayesha Khan" in page and "First Secretary, Mission of Pakistan to ASEAN" in page


def test_a_new_person_needs_a_name_a_post_and_its_organisation(signed_in, desk):
    before = counts()
    page = signed_in.submit("/meetings/new", one_form(desk, [
        participant("partner", "delegate", honorific="Ms"),
        participant("partner", "member", full_name="Ayesha Khan"),
        participant("partner", "member", desk.rathore.id, full_name="Someone Else"),
        participant("other", "observer", full_name="x" * 201, post_title="p" * 301, organisation_id="999999"),
    ])).get_data(as_text=True)
    for message in ("Enter the name of participant 1", "Enter the post held by participant 1",
                    "Select the organisation of the post of participant 1", "Enter the post held by participant 2",
                    "Select the organisation of the post of participant 2",
                    "Select a person for participant 3 or enter a new person, not both",
                    "Select the organisation of the post of participant 4 from the list"):
        assert page.count(message) == 2, message
    assert counts() == before
    # The part for someone new stays open where something was typed in it.
    assert page.count('<details class="app-new-person mb-4" open>') == 4

    page = signed_in.submit("/meetings/new", one_form(desk, [
        participant("other", "observer", full_name="x" * 201, honorific="h" * 41, post_title="p" * 301,
                    organisation_id=desk.pakistan.id),
    ])).get_data(as_text=True)
    for message in ("Name of participant 1 must be 200 characters or less",
                    "Honorific of participant 1 must be 40 characters or less",
                    "Post of participant 1 must be 300 characters or less"):
        assert page.count(message) == 2, message
    assert counts() == before


def test_the_same_new_name_twice_is_one_person_listed_twice(signed_in, desk):
    page = signed_in.submit("/meetings/new", one_form(desk, [
        participant("partner", "member", full_name="Ayesha Khan", post_title="First Secretary",
                    organisation_id=desk.pakistan.id),
        participant("partner", "member", full_name="ayesha  KHAN", post_title="First Secretary",
                    organisation_id=desk.pakistan.id),
    ])).get_data(as_text=True)
    assert page.count("Participant 2 is already listed as participant 1") == 2
    assert 'href="#participants-1-full_name"' in page


def test_a_row_needs_a_person_and_a_side_once_anything_is_chosen(signed_in, desk):
    page = signed_in.submit("/meetings/new", one_form(desk, [
        participant("ours", "co_chair", full_name="Someone New"),
        participant("", "member", desk.rathore.id),
        participant("sideways", "boss", "999999"),
    ])).get_data(as_text=True)
    for message in ("Enter the post held by participant 1",
                    "Select the side of participant 2", "Select the side of participant 3 from the list",
                    "Select the role of participant 3 from the list",
                    "Select a person for participant 3 from the list"):
        assert page.count(message) == 2, message
    assert 'href="#participants-0-post_title"' in page
    assert counts()[0] == 0


def test_a_row_with_only_its_side_and_role_is_blank(signed_in, desk):
    # The form opens with both rows' side and role guessed: a row nobody was named in is left out, not refused.
    signed_in.submit("/meetings/new", one_form(desk, [
        participant("ours", "head_of_delegation", desk.astanah.id), participant("partner", "head_of_delegation"),
    ]))
    assert counts()[:2] == (1, 1)


def test_follow_up_row_values_that_cannot_be_used(signed_in, desk, make):
    other_plan = make.plan(desk.partnership, label="2019-2021", starts_on=date(2019, 1, 1), ends_on=date(2023, 12, 31),
                           state="superseded")
    old_area = make.area(other_plan, code="9.9", name="Tourism")
    page = signed_in.submit("/meetings/new", one_form(desk, follow_ups=[
        follow_up("t" * 10_000, owner_user_id="abc", due="31 2 2024"),
        follow_up("Name a focal point", partner_owner="o" * 201, due="1 7 24", area_id=old_area.id),
        follow_up("Send the list", owner_user_id="999999", due=("1", "", "2024")),
    ])).get_data(as_text=True)
    for message in ("Title of follow-up 1 must be 300 characters or less",
                    "Select an officer for follow-up 1 from the list",
                    "Due date for follow-up 1 must be a real date",
                    "Owner on the partner side for follow-up 2 must be 200 characters or less",
                    "Year of the due date for follow-up 2 must include 4 numbers",
                    "Select a cooperation area for follow-up 2 from the list",
                    "Select an officer for follow-up 3 from the list",
                    "Due date for follow-up 3 must include a month"):
        assert page.count(message) == 2, message
    assert 'href="#followups-1-due_on-year"' in page and 'href="#followups-2-due_on-month"' in page
    assert counts()[0] == 0


def test_blank_rows_are_ignored(signed_in, desk):
    # Rows 1 and 2 keep their preset sides but nothing else; follow-up rows 1 and 3 are left empty.
    response = signed_in.submit("/meetings/new", one_form(
        desk,
        [participant("ours"), participant("partner"), participant("partner", "member", desk.rathore.id)],
        [follow_up(), follow_up("Name a focal point", partner_owner="Mission of Pakistan to ASEAN"), follow_up()],
    ))
    assert "Meeting saved" in response.get_data(as_text=True)
    meeting = saved_meeting()
    assert [p.person.full_name for p in meeting.participants] == ["Ameer Khurram Rathore"]
    assert [a.title for a in db.session.scalars(sa.select(FollowUpAction))] == ["Name a focal point"]


def test_a_meeting_with_no_rows_filled_in_is_saved_on_its_own(signed_in, desk):
    data = one_form(desk)  # as a browser without the rows would post it
    assert "Meeting saved" in signed_in.submit("/meetings/new", data).get_data(as_text=True)
    assert counts()[:3] == (1, 0, 0)


def test_rows_posted_with_gaps_in_their_numbers_are_counted_in_order(signed_in, desk):
    # Rows added and removed with JavaScript leave gaps (0, 4, 7); messages count the rows as the page shows them.
    page = signed_in.submit("/meetings/new", one_form(
        desk, follow_ups=[follow_up("First", owner_user_id=signed_in.user.id), follow_up("", due="1 5 2024"),
                          follow_up("Third", partner_owner="Mission")],
        follow_up_indices=[0, 4, 7],
    )).get_data(as_text=True)
    assert '<a class="alert-link" href="#followups-1-title">Enter a title for follow-up 2</a>' in page
    assert field_value(page, "followups-2-title") == "Third"
    assert counts()[0] == 0

    signed_in.submit("/meetings/new", one_form(
        desk, follow_ups=[follow_up("First", owner_user_id=signed_in.user.id), follow_up("Third", partner_owner="M")],
        follow_up_indices=[0, 7],
    ))
    assert [a.title for a in db.session.scalars(sa.select(FollowUpAction).order_by(FollowUpAction.id))] == [
        "First", "Third"]


def test_a_refusal_by_the_services_saves_nothing_and_keeps_the_rows(signed_in, desk, make):
    make.meeting(desk.partnership, type=MeetingType.JSCC, number=7, held_on=date(2023, 9, 18))
    before = counts()
    page = signed_in.submit("/meetings/new", one_form(
        desk, the_call(desk), [follow_up("Share the draft work plan", owner_user_id=signed_in.user.id)],
        type="jscc", number="7",
    )).get_data(as_text=True)
    assert page.count("There is already a 7th JSCC for ASEAN–Pakistan") == 2
    assert counts() == before
    assert field_value(page, "followups-0-title") == "Share the draft work plan"
    assert selected(page, "participants-1-person_id") == str(desk.rathore.id)
    assert "<h1" in page and ">Log a meeting</h1>" in page


def test_a_committee_meeting_with_no_date_records_no_post_and_opens_follow_ups_today(signed_in, desk):
    from app.follow_ups import services as follow_up_services

    page = signed_in.submit("/meetings/new", one_form(
        desk, [participant("partner", "co_chair", desk.rathore.id)],
        [follow_up("Find the record of the 6th JSCC", owner_user_id=signed_in.user.id)],
        type="jscc", number="6", **{"held_on-day": "", "held_on-month": "", "held_on-year": ""},
    )).get_data(as_text=True)
    assert "Meeting saved: 6th Joint Sectoral Cooperation Committee (JSCC)" in page
    meeting = saved_meeting()
    assert meeting.participants[0].position is None
    assert db.session.scalar(sa.select(FollowUpAction.opened_on)) == follow_up_services.today()


def test_the_service_names_the_row_of_a_refusal(app_context, desk):
    from app.common.errors import DomainError
    from app.meetings.services import FollowUpEntry, ParticipantEntry, log_meeting_in_full

    with pytest.raises(DomainError) as refused:
        log_meeting_in_full(
            desk.partnership, MeetingDetails(type="courtesy_call", held_on=date(2024, 3, 25)),
            participants=[ParticipantEntry(side="partner", role="member", person=desk.rathore, row=0)],
            follow_ups=[FollowUpEntry(title="Share the plan", due_on=date(2024, 1, 1), row=3,
                                      partner_office="Mission")],
        )
    assert refused.value.field == "followups-3-due_on"
    assert refused.value.message == (
        "Follow-up 4: Due date must be the same as or after 25 March 2024, the date of the meeting")
    db.session.rollback()
    assert counts()[:3] == (0, 0, 0)


def test_viewer_cannot_post_the_form(as_role, desk):
    viewer = as_role("viewer")
    response = viewer.client.post("/meetings/new", data=one_form(desk, the_call(desk)))
    assert response.status_code in (400, 403)
    assert counts()[0] == 0
