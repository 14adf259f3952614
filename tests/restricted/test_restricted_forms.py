"""The "Restricted" checkbox on the forms that write notes: the meeting form (and each follow-up row on it), the
follow-up form, and the status update forms for one area, one action line and many action lines at once."""

import re
from datetime import date

import pytest
import sqlalchemy as sa

from app.areas.details import StatusDetails
from app.areas.services import record_status
from app.extensions import db
from app.follow_ups.details import FollowUpDetails
from app.follow_ups.services import update_follow_up
from app.meetings.details import MeetingDetails
from app.meetings.services import update_meeting
from app.models import FollowUpAction, Meeting, StatusUpdate
from tests.meetings.scenes import pakistan_desk
from tests.meetings.test_log_meeting_form import follow_up, one_form, the_call
from tests.plans.helpers import date_fields

MEETING_LABEL = ("Restricted: only editors and admins can see the summary, asks and commitments, and they are left "
                 "out of reports unless included")
ACTION_LABEL = ("Restricted: only editors and admins can see this follow-up action, and it is left out of reports "
                "unless included")
NOTE_LABEL = "Restricted: only editors and admins can see this note, and it is left out of reports unless included"


def checkbox(page: str, field_id: str) -> str:
    match = re.search(rf'<input[^>]*id="{re.escape(field_id)}"[^>]*>', page)
    assert match, f"no checkbox {field_id}"
    assert 'type="checkbox"' in match.group(0)
    return match.group(0)


def ticked(page: str, field_id: str) -> bool:
    return "checked" in checkbox(page, field_id)


def label_of(page: str, field_id: str) -> str:
    match = re.search(rf'<label class="form-check-label" for="{re.escape(field_id)}">([^<]*)</label>', page)
    assert match, f"no label for {field_id}"
    return match.group(1)


def flags(model) -> list[bool]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(model.is_restricted).order_by(model.id)))


# The meeting form ------------------------------------------------------------------------------------------


@pytest.fixture
def desk(make):
    return pakistan_desk(make)


def test_the_meeting_form_offers_a_restricted_checkbox_for_the_meeting_and_each_follow_up(signed_in, desk):
    page = signed_in.get("/meetings/new").get_data(as_text=True)
    assert label_of(page, "is_restricted") == MEETING_LABEL
    assert 'aria-describedby="is_restricted-hint"' in checkbox(page, "is_restricted")
    assert ('id="is_restricted-hint" class="form-text">Viewers still see the meeting, its date, participants and '
            'areas discussed</div>') in page
    assert not ticked(page, "is_restricted")
    # The row on the page and the blank row the script copies, whose __INDEX__ it numbers.
    assert label_of(page, "followups-0-is_restricted") == ACTION_LABEL
    assert 'name="followups-__INDEX__-is_restricted"' in checkbox(page, "followups-__INDEX__-is_restricted")
    # Right after the commitments it restricts, before the outcome document.
    assert page.index('id="commitments"') < page.index('id="is_restricted"') < page.index('id="outcome_document-0"')


def test_log_a_restricted_meeting_with_one_restricted_follow_up(signed_in, desk):
    response = signed_in.submit("/meetings/new", one_form(
        desk, the_call(desk),
        [follow_up("Sound out the minister", owner_user_id=signed_in.user.id),
         follow_up("Share the draft work plan", partner_owner="Mission of Pakistan to ASEAN")],
        summary="Minister hinted at a visa waiver deal", is_restricted="y", **{"followups-0-is_restricted": "y"},
    ))
    assert "Meeting saved: Courtesy call" in response.get_data(as_text=True)
    assert flags(Meeting) == [True]
    assert flags(FollowUpAction) == [True, False]


def test_nothing_is_restricted_unless_ticked(signed_in, desk):
    signed_in.submit("/meetings/new", one_form(
        desk, the_call(desk), [follow_up("Share the draft work plan", owner_user_id=signed_in.user.id)],
        summary="Customs pilot reviewed",
    ))
    assert flags(Meeting) == [False]
    assert flags(FollowUpAction) == [False]


def test_a_follow_up_row_with_only_the_restricted_box_ticked_is_left_out(signed_in, desk):
    response = signed_in.submit("/meetings/new", one_form(
        desk, the_call(desk), [follow_up()], **{"followups-0-is_restricted": "y"},
    ))
    assert "Meeting saved: Courtesy call" in response.get_data(as_text=True)
    assert flags(Meeting) == [False]
    assert flags(FollowUpAction) == []


def test_a_refused_meeting_keeps_the_ticks_and_saves_nothing(signed_in, desk):
    response = signed_in.submit("/meetings/new", one_form(
        desk, the_call(desk), [follow_up("Sound out the minister", owner_user_id=signed_in.user.id)],
        is_restricted="y", **{"followups-0-is_restricted": "y", "held_on-day": "", "held_on-month": "",
                              "held_on-year": ""},
    ))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Enter the date of the meeting" in page
    assert ticked(page, "is_restricted") and ticked(page, "followups-0-is_restricted")
    assert flags(Meeting) == [] and flags(FollowUpAction) == []


def test_adding_a_follow_up_row_without_javascript_keeps_the_ticks(signed_in, desk):
    page = signed_in.submit("/meetings/new", one_form(
        desk, the_call(desk), [follow_up("Sound out the minister")],
        is_restricted="y", action="add_followup", **{"followups-0-is_restricted": "y"},
    )).get_data(as_text=True)
    assert ticked(page, "is_restricted") and ticked(page, "followups-0-is_restricted")
    assert not ticked(page, "followups-1-is_restricted")
    assert flags(Meeting) == []


def edit_form(desk, **changes) -> dict:
    return one_form(desk, summary="Minister hinted at a visa waiver deal", **changes)


def test_restrict_a_meeting_when_changing_it_and_lift_it_again(signed_in, make, desk):
    meeting = make.meeting(desk.partnership, summary="Minister hinted at a visa waiver deal")
    url = f"/meetings/{meeting.id}/edit"
    assert not ticked(signed_in.get(url).get_data(as_text=True), "is_restricted")
    signed_in.submit(url, edit_form(desk, is_restricted="y"))
    assert flags(Meeting) == [True]
    assert ticked(signed_in.get(url).get_data(as_text=True), "is_restricted")
    # Unticked: a browser sends nothing for the box.
    response = signed_in.submit(url, edit_form(desk))
    assert "Meeting saved: Courtesy call" in response.get_data(as_text=True)
    assert flags(Meeting) == [False]


def test_a_refused_change_keeps_the_tick_and_changes_nothing(signed_in, make, desk):
    meeting = make.meeting(desk.partnership, summary="Minister hinted at a visa waiver deal")
    page = signed_in.submit(f"/meetings/{meeting.id}/edit",
                            edit_form(desk, is_restricted="y", outcome_reference="ASEC/ER/2024/17")).get_data(
        as_text=True)
    assert "Select the outcome document, or leave the reference blank" in page
    assert ticked(page, "is_restricted")
    assert flags(Meeting) == [False]


def test_changing_a_meeting_elsewhere_never_lifts_its_restriction(app_context, make, desk):
    meeting = make.meeting(desk.partnership, summary="Minister hinted at a visa waiver deal", is_restricted=True)
    update_meeting(meeting, MeetingDetails(type="courtesy_call", held_on=date(2024, 3, 26), summary="Moved a day"))
    db.session.commit()
    assert flags(Meeting) == [True]


# The follow-up form ----------------------------------------------------------------------------------------


def follow_up_form(partnership, **changes) -> dict:
    data = {
        "title": "Sound out the minister on the visa waiver", "description": "Through his private office",
        "partnership_id": str(partnership.id), "meeting_id": "", "area_id": "", "owner_user_id": "",
        "partner_person_id": "", "partner_office": "Mission of Pakistan to ASEAN", "due_on-day": "",
        "due_on-month": "", "due_on-year": "", "action": "save",
    }
    data.update(changes)
    return data


def test_add_a_restricted_follow_up_and_lift_the_restriction_later(signed_in, desk):
    page = signed_in.get("/follow-ups/new").get_data(as_text=True)
    assert label_of(page, "is_restricted") == ACTION_LABEL
    assert "Viewers still see that there is a follow-up, who owns it and when it is due" in page
    response = signed_in.submit("/follow-ups/new", follow_up_form(desk.partnership, is_restricted="y"))
    assert "Follow-up added: Sound out the minister on the visa waiver" in response.get_data(as_text=True)
    assert flags(FollowUpAction) == [True]
    action_id = db.session.scalar(sa.select(FollowUpAction.id))
    url = f"/follow-ups/{action_id}/edit"
    assert ticked(signed_in.get(url).get_data(as_text=True), "is_restricted")
    signed_in.submit(url, follow_up_form(desk.partnership))
    assert flags(FollowUpAction) == [False]


def test_a_refused_follow_up_keeps_the_tick_and_saves_nothing(signed_in, desk):
    response = signed_in.submit("/follow-ups/new", follow_up_form(desk.partnership, title="  ", is_restricted="y"))
    page = response.get_data(as_text=True)
    assert "Enter a title for the follow-up" in page
    assert ticked(page, "is_restricted")
    assert flags(FollowUpAction) == []


def test_changing_a_follow_up_elsewhere_never_lifts_its_restriction(app_context, make, desk):
    action = make.follow_up(desk.partnership, title="Sound out the minister", is_restricted=True)
    update_follow_up(action, FollowUpDetails(title="Sound out the minister again",
                                             partner_office="Mission of Pakistan to ASEAN"))
    db.session.commit()
    assert flags(FollowUpAction) == [True]


# Status updates --------------------------------------------------------------------------------------------


@pytest.fixture
def trade(make):
    plan = make.plan(make.partnership())
    return make.area(plan, make.pillar(plan, "Economic"), code="2.1", name="Trade")


def status_form(note="Minister privately doubts the budget", **changes) -> dict:
    return {"status": "at_risk", "progress": "", "note": note, **date_fields("as_of", date(2025, 3, 31)), **changes}


def test_record_a_restricted_status_note_for_an_area_and_for_an_action_line(signed_in, make, trade):
    page = signed_in.get(f"/areas/{trade.id}/status/new").get_data(as_text=True)
    assert label_of(page, "is_restricted") == NOTE_LABEL
    assert "Viewers still see the status and progress" in page
    signed_in.submit(f"/areas/{trade.id}/status/new", status_form(is_restricted="y"))
    signed_in.submit(f"/areas/{trade.id}/status/new", status_form("Workshop held", status="on_track"))
    line = make.action_line(trade, code="2.1.1")
    signed_in.submit(f"/action-lines/{line.id}/status/new",
                     status_form("Partner may withdraw funding", status="being_addressed", is_restricted="y"))
    assert flags(StatusUpdate) == [True, False, True]


def test_a_refused_status_update_keeps_the_tick_and_saves_nothing(signed_in, trade):
    page = signed_in.submit(f"/areas/{trade.id}/status/new", status_form(note=" ", is_restricted="y")).get_data(
        as_text=True)
    assert "Enter a note about the status" in page
    assert ticked(page, "is_restricted")
    assert flags(StatusUpdate) == []


def test_correcting_a_restricted_update_starts_restricted(signed_in, trade):
    wrong = record_status(signed_in.user, StatusDetails(
        status="at_risk", note="Minister privately doubts the budget", as_of=date(2025, 3, 31), is_restricted=True,
    ), area=trade)
    db.session.commit()
    url = f"/areas/{trade.id}/status/new?corrects={wrong.id}"
    assert ticked(signed_in.get(url).get_data(as_text=True), "is_restricted")
    signed_in.submit(url, {"status": "off_track", "progress": "", "note": "Minister doubts the budget",
                           "is_restricted": "y"})
    assert flags(StatusUpdate) == [True, True]


@pytest.fixture
def lines(make, trade):
    return [make.action_line(trade, code=f"2.1.{n}", text=text)
            for n, text in ((1, "Customs cooperation"), (2, "Trade facilitation"))]


def batch_form(lines, **changes) -> dict:
    data = date_fields("as_of", date(2025, 5, 20))
    for line in lines:
        data[f"status_{line.id}"], data[f"note_{line.id}"] = "being_addressed", f"Progress on {line.code}"
    data.update(changes)
    return data


def test_the_batch_form_restricts_the_notes_ticked_line_by_line(signed_in, trade, lines):
    first, second = lines
    url = f"/plans/{trade.plan_id}/status"
    page = signed_in.get(url).get_data(as_text=True)
    assert label_of(page, f"restricted_{first.id}") == NOTE_LABEL
    assert not ticked(page, f"restricted_{first.id}") and not ticked(page, f"restricted_{second.id}")
    response = signed_in.submit(url, batch_form(lines, **{f"restricted_{second.id}": "y"}))
    assert "2 action lines updated" in response.get_data(as_text=True)
    assert flags(StatusUpdate) == [False, True]


def test_a_refused_batch_keeps_the_ticks_and_saves_nothing(signed_in, trade, lines):
    first, second = lines
    url = f"/plans/{trade.plan_id}/status"
    page = signed_in.submit(url, batch_form(lines, **{f"note_{first.id}": "", f"restricted_{first.id}": "y"})).get_data(
        as_text=True)
    assert "Enter a note for action line 2.1.1" in page
    assert ticked(page, f"restricted_{first.id}") and not ticked(page, f"restricted_{second.id}")
    assert flags(StatusUpdate) == []
