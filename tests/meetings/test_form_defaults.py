""""Log a courtesy call" opens with a guess for what most calls share, each one the officer can change: held today, in
person, no outcome document, each side led by its head of delegation (a committee's by its co-chairs), and the first
follow-up owned by the officer logging it. The form is read as a browser would send it, without changing a thing."""

import re
from datetime import date

import sqlalchemy as sa

from app.extensions import db
from app.meetings.row_forms import default_role
from app.models import FollowUpAction, Meeting, MeetingFormat, OutcomeDocument, ParticipantRole, Side
from tests.conflicts.editors import forms_of
from tests.meetings.test_log_meeting_form import counts


def opened(signed_in, address: str):
    """The meeting form at ``address`` as a browser would send it if Save were pressed untouched."""
    return next(form for form in forms_of(signed_in.get(address).get_data(as_text=True)) if "held_on-day" in form)


def test_a_courtesy_call_opens_with_its_usual_answers(signed_in, desk):
    form = opened(signed_in, "/meetings/new?partnership=asean-pakistan&type=courtesy_call")
    today = date.today()
    assert (form["partnership_id"], form["type"]) == (str(desk.partnership.id), "courtesy_call")
    assert (form["held_on-day"], form["held_on-month"], form["held_on-year"]) == (
        str(today.day), str(today.month), str(today.year))
    assert (form["format"], form["outcome_document"]) == ("in_person", "none")
    # The caller and the one called on each lead their side.
    assert [(form[f"participants-{i}-side"], form[f"participants-{i}-role"]) for i in range(2)] == [
        ("ours", "head_of_delegation"), ("partner", "head_of_delegation")]
    assert form["followups-0-owner_user_id"] == str(signed_in.user.id)


def test_a_committee_opens_with_its_co_chairs(signed_in, desk):
    form = opened(signed_in, "/meetings/new?partnership=asean-pakistan&type=jscc")
    assert [form[f"participants-{i}-role"] for i in range(2)] == ["co_chair", "co_chair"]


def test_a_meeting_of_no_type_yet_opens_without_a_type_chosen(signed_in, desk):
    form = opened(signed_in, "/meetings/new")
    assert ("type" in form, form["format"], form["participants-0-role"]) == (False, "in_person", "head_of_delegation")


def test_the_guessed_role_follows_the_side_and_who_came_first():
    # The first of a side leads it; anyone after is a member of the delegation; a third party observes.
    assert default_role(Side.OURS, True, committee=False) is ParticipantRole.HEAD_OF_DELEGATION
    assert default_role(Side.PARTNER, True, committee=True) is ParticipantRole.CO_CHAIR
    assert default_role(Side.PARTNER, False, committee=True) is ParticipantRole.MEMBER
    assert default_role(Side.OTHER, True, committee=False) is ParticipantRole.OBSERVER


def test_the_first_save_keeps_the_guesses_with_only_people_an_area_and_a_follow_up_added(signed_in, desk):
    form = opened(signed_in, "/meetings/new?partnership=asean-pakistan&type=courtesy_call")
    form["participants-0-person_id"] = str(desk.astanah.id)
    form["participants-1-person_id"] = str(desk.rathore.id)
    form["area_ids"] = str(desk.trade)
    form["followups-0-title"] = "Share the draft work plan"
    form["action"] = "save"
    response = signed_in.client.post("/meetings/new", data=form)
    assert response.status_code == 302
    meeting = db.session.scalar(sa.select(Meeting))
    assert (meeting.held_on, meeting.format, meeting.outcome_document) == (
        date.today(), MeetingFormat.IN_PERSON, OutcomeDocument.NONE)
    assert sorted((p.person_id, p.side, p.role) for p in meeting.participants) == sorted([
        (desk.astanah.id, Side.OURS, ParticipantRole.HEAD_OF_DELEGATION),
        (desk.rathore.id, Side.PARTNER, ParticipantRole.HEAD_OF_DELEGATION)])
    assert [area.code for area in meeting.areas] == ["2.1"]
    action = db.session.scalar(sa.select(FollowUpAction))
    assert (action.title, action.owner_user_id) == ("Share the draft work plan", signed_in.user.id)


def test_rows_left_with_only_their_guesses_are_ignored(signed_in, desk):
    # Nobody named, no follow-up given: the guessed roles and owner alone make no participant and no follow-up.
    form = opened(signed_in, "/meetings/new?partnership=asean-pakistan&type=courtesy_call")
    form["action"] = "save"
    assert signed_in.client.post("/meetings/new", data=form).status_code == 302
    assert counts()[:3] == (1, 0, 0)


def test_a_guess_changed_is_saved_as_changed(signed_in, desk):
    form = opened(signed_in, "/meetings/new?partnership=asean-pakistan&type=courtesy_call")
    changes = {"participants-1-person_id": str(desk.rathore.id), "participants-1-role": "delegate", "format": "video",
               "outcome_document": "joint_press_statement", "followups-0-title": "Send the list",
               "followups-0-owner_user_id": str(desk.colleague.id), "held_on-day": "25", "held_on-month": "3",
               "held_on-year": "2024", "action": "save"}
    for name, value in changes.items():
        form[name] = value  # in place of what the form opened with
    assert signed_in.client.post("/meetings/new", data=form).status_code == 302
    meeting = db.session.scalar(sa.select(Meeting))
    assert (meeting.held_on, meeting.format, meeting.outcome_document) == (
        date(2024, 3, 25), MeetingFormat.VIDEO, OutcomeDocument.JOINT_PRESS_STATEMENT)
    assert [(p.person_id, p.role) for p in meeting.participants] == [(desk.rathore.id, ParticipantRole.DELEGATE)]
    assert db.session.scalar(sa.select(FollowUpAction.owner_user_id)) == desk.colleague.id


def test_an_owner_named_on_the_partner_side_replaces_the_guessed_officer(signed_in, desk):
    # Without the page's script the officer stays chosen in the list: left as guessed, the partner's owner wins.
    form = opened(signed_in, "/meetings/new?partnership=asean-pakistan&type=courtesy_call")
    form["followups-0-title"] = "Name a focal point for education"
    form["followups-0-partner_owner"] = "Mission of Pakistan to ASEAN"
    form["action"] = "save"
    assert signed_in.client.post("/meetings/new", data=form).status_code == 302
    assert db.session.execute(sa.select(FollowUpAction.owner_user_id, FollowUpAction.partner_office)).one() == (
        None, "Mission of Pakistan to ASEAN")


def test_an_officer_chosen_and_a_partner_owner_are_still_one_too_many(signed_in, desk):
    form = opened(signed_in, "/meetings/new?partnership=asean-pakistan&type=courtesy_call")
    form["followups-0-title"] = "Name a focal point for education"
    form["followups-0-owner_user_id"] = str(desk.colleague.id)
    form["followups-0-partner_owner"] = "Mission of Pakistan to ASEAN"
    form["action"] = "save"
    page = signed_in.client.post("/meetings/new", data=form).get_data(as_text=True)
    assert page.count("for follow-up 1, not both") == 2
    assert counts()[0] == 0


def folded(page: str) -> dict[str, bool]:
    """Whether the type of meeting and the outcome document and agenda are folded away on the form."""
    more = re.search(r"<details[^>]*data-more-details[^>]*>", page)
    assert more, "the form has no fold for the outcome document and agenda"
    return {"type": "Type of meeting: <span data-type-now>" in page, "more": " open" not in more.group(0)}


def test_a_call_folds_its_type_and_what_calls_seldom_have_and_other_meetings_do_not(signed_in, desk):
    call = signed_in.get("/meetings/new?partnership=asean-pakistan&type=courtesy_call").get_data(as_text=True)
    assert folded(call) == {"type": True, "more": True}
    assert "Type of meeting: <span data-type-now>Courtesy call</span> (change)" in call
    for address in ("/meetings/new?partnership=asean-pakistan&type=jscc", "/meetings/new"):
        assert folded(signed_in.get(address).get_data(as_text=True)) == {"type": False, "more": False}


def test_a_call_sent_back_with_an_agenda_or_an_error_there_shows_it_unfolded(signed_in, desk):
    form = opened(signed_in, "/meetings/new?partnership=asean-pakistan&type=courtesy_call")
    form["participants-0-person_id"] = str(desk.astanah.id)
    form["action"] = "save"
    too_long = {**form, "outcome_reference": "x" * 501}
    page = signed_in.client.post("/meetings/new", data=too_long).get_data(as_text=True)
    assert "Reference must be 500 characters or less" in page
    assert folded(page)["more"] is False
    # Nothing saved, and a call typed with an agenda but another mistake keeps the agenda in view.
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Meeting)) == 0
    with_agenda = {**form, "agenda": "1. Opening", "held_on-day": "31", "held_on-month": "2"}
    page = signed_in.client.post("/meetings/new", data=with_agenda).get_data(as_text=True)
    assert folded(page)["more"] is False and "1. Opening</textarea>" in page
