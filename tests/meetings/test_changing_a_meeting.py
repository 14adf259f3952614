"""Changing a meeting with the one form that logs it: its people and its follow-ups are rows filled from the meeting,
and saving applies the differences (people added and removed, follow-ups changed, added or archived)."""

import re
from datetime import date

import sqlalchemy as sa
from werkzeug.datastructures import MultiDict

from app.extensions import db
from app.models import (
    AuditEntry,
    FollowUpAction,
    FollowUpStateEntry,
    FollowUpStatus,
    Meeting,
    MeetingParticipant,
    SearchEntry,
    SearchKind,
)
from tests.conflicts.editors import open_form, send
from tests.meetings.scenes import DSG
from tests.meetings.test_log_meeting_form import follow_up, one_form, the_call

#: What the call of 25 March 2024 is named after who met whom, and after the ambassador is taken off.
BY_THE_AMBASSADOR = f"Courtesy call by H.E. Ameer Khurram Rathore on the {DSG}"
ON_THE_DSG = f"Courtesy call on the {DSG}"


def log_the_call(signed_in, desk) -> Meeting:
    """The call logged through the form: both heads of delegation, and two follow-ups (one due 30 June 2024)."""
    response = signed_in.submit("/meetings/new", one_form(desk, the_call(desk), [
        follow_up("Share the draft work plan", owner_user_id=signed_in.user.id, due="30 6 2024", area_id=desk.trade),
        follow_up("Name a focal point", partner_owner="Mission of Pakistan to ASEAN"),
    ], summary="The ambassador raised trade and tourism."))
    assert "Meeting saved" in response.get_data(as_text=True)
    db.session.expire_all()
    return db.session.scalar(sa.select(Meeting))


def changed(form: MultiDict, values: dict[str, str]) -> MultiDict:
    """The form with fields typed over (``MultiDict.update`` would add a second value)."""
    for name, value in values.items():
        form.setlist(name, [value])
    return form


def without_row(form: MultiDict, prefix: str) -> MultiDict:
    """The form with a row taken off, as the page's "Remove" button leaves it."""
    return MultiDict([(key, value) for key, value in form.items(multi=True) if not key.startswith(prefix)])


def people(meeting_id: int) -> dict[str, tuple[str, str]]:
    db.session.expire_all()
    return {p.person.full_name: (p.side.value, p.role.value) for p in db.session.scalars(
        sa.select(MeetingParticipant).where(MeetingParticipant.meeting_id == meeting_id))}


def follow_ups() -> list[FollowUpAction]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(FollowUpAction).order_by(FollowUpAction.id)))


def test_the_form_opens_with_the_meetings_people_and_follow_ups(signed_in, desk):
    meeting = log_the_call(signed_in, desk)
    form = open_form(signed_in, f"/meetings/{meeting.id}/edit")
    # Our side first, then the partner's; follow-ups earliest due first, undated last.
    assert [form[f"participants-{i}-person_id"] for i in range(2)] == [str(desk.astanah.id), str(desk.rathore.id)]
    assert [form[f"participants-{i}-role"] for i in range(2)] == ["head_of_delegation"] * 2
    assert [form[f"followups-{i}-title"] for i in range(2)] == ["Share the draft work plan", "Name a focal point"]
    assert (form["followups-0-due_on-day"], form["followups-0-due_on-month"], form["followups-0-due_on-year"]) == (
        "30", "6", "2024")
    assert form["followups-1-partner_owner"] == "Mission of Pakistan to ASEAN"
    assert "participants-2-side" not in form


def test_add_a_participant_remove_one_change_a_due_date_and_add_a_follow_up(signed_in, desk, make):
    meeting = log_the_call(signed_in, desk)
    assert meeting.name == BY_THE_AMBASSADOR
    adviser = make.person("Kavi Chongkittavorn")
    make.position(adviser, desk.asean, title="Senior adviser", starts_on=date(2020, 1, 1))
    url = f"/meetings/{meeting.id}/edit"
    form = without_row(open_form(signed_in, url), "participants-1-")  # the ambassador
    changed(form, {"participants-2-side": "ours", "participants-2-role": "member",
                 "participants-2-person_id": str(adviser.id), "followups-0-due_on-day": "15",
                 "followups-0-due_on-month": "7", "action": "save"})
    changed(form, {f"followups-2-{name}": value for name, value in follow_up(
        "Send the list of scholarships", partner_owner="Mission of Pakistan to ASEAN", due="31 8 2024").items()})
    response = send(signed_in, url, form)
    page = response.get_data(as_text=True)
    assert f"Meeting saved: {ON_THE_DSG}" in page

    assert people(meeting.id) == {"Astanah Abdul Aziz": ("ours", "head_of_delegation"),
                                  "Kavi Chongkittavorn": ("ours", "member")}
    # Removed as the meeting page removes someone: the log says who was taken off.
    entries = db.session.scalars(sa.select(AuditEntry).where(
        AuditEntry.record_type == "meetings", AuditEntry.record_id == meeting.id))
    removals = [entry.changes["removed_participant"][0] for entry in entries if "removed_participant" in entry.changes]
    assert len(removals) == 1 and "Ameer Khurram Rathore" in removals[0]
    first, second, third = follow_ups()
    assert [(f.title, f.due_on, f.meeting_id) for f in (first, second, third)] == [
        ("Share the draft work plan", date(2024, 7, 15), meeting.id),
        ("Name a focal point", None, meeting.id),
        ("Send the list of scholarships", date(2024, 8, 31), meeting.id),
    ]
    # The new due date is in the first follow-up's history; the second is as it was (one entry, its opening).
    dues = db.session.scalars(sa.select(FollowUpStateEntry.due_on).where(
        FollowUpStateEntry.follow_up_id == first.id).order_by(FollowUpStateEntry.id)).all()
    assert dues == [date(2024, 6, 30), date(2024, 7, 15)]
    assert second.version == 1
    # The call is named after who is left, and found by that name.
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).name == ON_THE_DSG
    entry = db.session.scalar(sa.select(SearchEntry).where(SearchEntry.kind == SearchKind.MEETING))
    assert entry.title == ON_THE_DSG


def test_a_follow_up_taken_off_the_form_is_archived_with_its_history(signed_in, desk):
    meeting = log_the_call(signed_in, desk)
    url = f"/meetings/{meeting.id}/edit"
    response = send(signed_in, url, without_row(open_form(signed_in, url), "followups-0-"), action="save")
    assert "Meeting saved" in response.get_data(as_text=True)
    first, second = follow_ups()
    assert first.is_archived and first.status is FollowUpStatus.OPEN and not second.is_archived
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FollowUpStateEntry).where(
        FollowUpStateEntry.follow_up_id == first.id)) == 1
    page = signed_in.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "Share the draft work plan" not in page and "Name a focal point" in page


def test_a_role_changed_renames_the_call(signed_in, desk):
    meeting = log_the_call(signed_in, desk)
    url = f"/meetings/{meeting.id}/edit"
    # An observer leads no call: the ambassador no longer names it.
    send(signed_in, url, open_form(signed_in, url), **{"participants-1-role": "observer", "action": "save"})
    assert people(meeting.id)["Ameer Khurram Rathore"] == ("partner", "observer")
    assert db.session.get(Meeting, meeting.id).name == ON_THE_DSG


def test_bad_input_keeps_what_was_typed_and_changes_nothing(signed_in, desk, make):
    meeting = log_the_call(signed_in, desk)
    url = f"/meetings/{meeting.id}/edit"
    form = without_row(open_form(signed_in, url), "participants-0-")
    changed(form, {"venue": "Islamabad", "participants-2-side": "ours", "participants-2-role": "",
                 "participants-2-person_id": str(desk.astanah.id), "followups-1-due_on-day": "29",
                 "followups-1-due_on-month": "2", "followups-1-due_on-year": "2024", "action": "save"})
    response = send(signed_in, url, form)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "<title>Error: Change" in page
    assert page.count("Select the role of participant 2") == 2
    assert page.count("Due date for follow-up 2 must be the same as or after 25 March 2024") == 2
    assert 'value="Islamabad"' in page
    assert re.search(r'<input[^>]*name="followups-1-due_on-day"[^>]*value="29"', page)
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).venue == "ASEAN Secretariat, Jakarta"
    assert people(meeting.id) == {"Astanah Abdul Aziz": ("ours", "head_of_delegation"),
                                  "Ameer Khurram Rathore": ("partner", "head_of_delegation")}
    assert [f.due_on for f in follow_ups()] == [date(2024, 6, 30), None]


def test_add_and_remove_rows_without_javascript_saves_nothing(signed_in, desk):
    meeting = log_the_call(signed_in, desk)
    url = f"/meetings/{meeting.id}/edit"
    page = send(signed_in, url, open_form(signed_in, url), action="remove_participant-0").get_data(as_text=True)
    assert "There is a problem" not in page
    assert f'name="participants-0-participant_id" type="hidden" value="{_participant_id(meeting, "partner")}"' in page
    assert 'id="participants-1-side"' not in page
    page = send(signed_in, url, open_form(signed_in, url), action="add_followup").get_data(as_text=True)
    assert 'id="followups-2-title"' in page
    assert len(people(meeting.id)) == 2 and len(follow_ups()) == 2


def _participant_id(meeting: Meeting, side: str) -> int:
    return db.session.scalar(sa.select(MeetingParticipant.id).where(
        MeetingParticipant.meeting_id == meeting.id, MeetingParticipant.side == side))


def test_a_change_made_meanwhile_shows_the_conflict_page_and_saves_nothing(signed_in, desk, make):
    meeting = log_the_call(signed_in, desk)
    url = f"/meetings/{meeting.id}/edit"
    opened = open_form(signed_in, url)
    assert "Meeting saved" in send(signed_in, url, open_form(signed_in, url), venue="Kuala Lumpur",
                                   action="save").get_data(as_text=True)
    late = send(signed_in, url, without_row(opened, "participants-1-"), venue="Manila", action="save")
    assert late.status_code == 409
    assert "Someone else changed" in late.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).venue == "Kuala Lumpur"
    assert len(people(meeting.id)) == 2


def test_a_follow_up_changed_meanwhile_is_not_overwritten(signed_in, desk):
    meeting = log_the_call(signed_in, desk)
    url = f"/meetings/{meeting.id}/edit"
    opened = open_form(signed_in, url)
    first = follow_ups()[0]
    follow_up_form = open_form(signed_in, f"/follow-ups/{first.id}/edit")
    send(signed_in, f"/follow-ups/{first.id}/edit", follow_up_form, title="Share the final work plan")
    page = send(signed_in, url, opened, **{"followups-0-due_on-day": "1", "followups-0-due_on-month": "7",
                                           "action": "save"}).get_data(as_text=True)
    assert "Follow-up 1: someone else changed this follow-up since this form was opened" in page
    assert [(f.title, f.due_on) for f in follow_ups()][0] == ("Share the final work plan", date(2024, 6, 30))


def test_someone_archived_since_and_an_officer_gone_stay_on_the_form(signed_in, desk):
    meeting = log_the_call(signed_in, desk)
    db.session.get_one(type(desk.rathore), desk.rathore.id).archive()
    first = follow_ups()[0]
    first.owner_user = desk.colleague
    desk.colleague.is_active = False
    db.session.commit()
    url = f"/meetings/{meeting.id}/edit"
    form = open_form(signed_in, url)
    assert form["participants-1-person_id"] == str(desk.rathore.id)
    assert form["followups-0-owner_user_id"] == str(desk.colleague.id)
    response = send(signed_in, url, form, venue="Jakarta", action="save")
    assert "Meeting saved" in response.get_data(as_text=True)
    assert len(people(meeting.id)) == 2 and follow_ups()[0].owner_user_id == desk.colleague.id


def test_someone_met_for_the_first_time_is_added_and_a_delegation_stays(signed_in, desk, make):
    meeting = log_the_call(signed_in, desk)
    timor = make.organisation("Democratic Republic of Timor-Leste", short_name="Timor-Leste", iso_code="TL")
    signed_in.submit(f"/meetings/{meeting.id}/participants/new",
                     {"side": "other", "role": "observer", "organisation_id": str(timor.id)})
    url = f"/meetings/{meeting.id}/edit"
    form = open_form(signed_in, url)
    assert "Also attending as a whole: Timor-Leste delegation" in signed_in.get(url).get_data(as_text=True)
    response = send(signed_in, url, form, action="save", **{
        "participants-2-side": "partner", "participants-2-role": "member", "participants-2-full_name": "Sadia Khan",
        "participants-2-post_title": "Counsellor, Mission of Pakistan to ASEAN",
        "participants-2-organisation_id": str(desk.pakistan.id)})
    assert "Meeting saved" in response.get_data(as_text=True)
    db.session.expire_all()
    listed = db.session.scalars(sa.select(MeetingParticipant).where(MeetingParticipant.meeting_id == meeting.id)
                                .order_by(MeetingParticipant.id)).all()
    assert [(p.person.full_name if p.person else p.organisation.short_name, p.position.title if p.position else None)
            for p in listed] == [
        ("Astanah Abdul Aziz", DSG), ("Ameer Khurram Rathore", "Ambassador of Pakistan to ASEAN"),
        ("Timor-Leste", None), ("Sadia Khan", "Counsellor, Mission of Pakistan to ASEAN"),
    ]


def test_the_meeting_and_a_due_date_move_later_together(signed_in, desk):
    meeting = log_the_call(signed_in, desk)
    url = f"/meetings/{meeting.id}/edit"
    # The follow-up was due on 30 June 2024: the call moves past it only because its due date moves too.
    response = send(signed_in, url, open_form(signed_in, url), action="save", **{
        "held_on-day": "10", "held_on-month": "7", "followups-0-due_on-day": "31", "followups-0-due_on-month": "7"})
    assert "Meeting saved" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get_one(Meeting, meeting.id).held_on == date(2024, 7, 10)
    assert [f.due_on for f in follow_ups()] == [date(2024, 7, 31), None]
