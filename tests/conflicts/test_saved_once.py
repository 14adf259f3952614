"""A form is saved once. The page carries a one-time token; a second post of the same page (a double click, Back and
Save again, two posts at the same instant) saves nothing and lands on what the first one saved, with a notice."""

from datetime import date

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import FollowUpAction, Meeting, MeetingParticipant, Organisation, SavedForm, StatusUpdate
from tests.conflicts.racing import filled, form_on, race

NOTICE = "This form was already saved: here is {}. Nothing was saved a second time."


def count(model) -> int:
    db.session.expire_all()
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


@pytest.fixture
def courtesy_call(signed_in, make):
    """The "Log a meeting" form as opened, filled with a courtesy call, both heads of delegation and one
    follow-up: what a double click sends twice."""
    partnership = make.partnership()
    asean_side, partner_side = make.person("Astanah Abdul Aziz"), make.person("Ameer Khurram Rathore")
    page = signed_in.get(f"/meetings/new?partnership={partnership.slug}").get_data(as_text=True)
    return filled(
        form_on(page, "held_on-day"), type="courtesy_call", held_on__day="25", held_on__month="3",
        held_on__year="2024", venue="ASEAN Secretariat, Jakarta", format="in_person", outcome_document="none",
        participants__0__side="ours", participants__0__role="head_of_delegation",
        participants__0__person_id=str(asean_side.id),
        participants__1__side="partner", participants__1__role="head_of_delegation",
        participants__1__person_id=str(partner_side.id),
        followups__0__title="Share the draft work plan", followups__0__owner_user_id=str(signed_in.user.id),
        followups__0__due_on__day="30", followups__0__due_on__month="6", followups__0__due_on__year="2024",
        action="save",
    )


def test_a_meeting_form_posted_twice_makes_one_meeting_and_the_second_post_lands_on_it(signed_in, courtesy_call):
    first = signed_in.client.post("/meetings/new", data=courtesy_call)
    assert first.status_code == 302
    second = signed_in.client.post("/meetings/new", data=courtesy_call, follow_redirects=True)

    meeting = db.session.scalar(sa.select(Meeting))
    assert (count(Meeting), count(MeetingParticipant), count(FollowUpAction)) == (1, 2, 1)
    assert first.location == f"/meetings/{meeting.id}"
    assert second.request.path == f"/meetings/{meeting.id}"
    assert NOTICE.format("the meeting it made") in second.get_data(as_text=True)


def test_a_meeting_form_posted_twice_at_the_same_instant_makes_one_meeting(editors, make):
    officer, _ = editors()
    partnership = make.partnership()
    page = officer.get(f"/meetings/new?partnership={partnership.slug}").get_data(as_text=True)
    form = filled(form_on(page, "held_on-day"), type="courtesy_call", held_on__day="25", held_on__month="3",
                  held_on__year="2024", format="in_person", outcome_document="none", venue="Jakarta",
                  followups__0__title="Share the draft work plan", followups__0__partner_owner="Mission of Pakistan")
    # The same browser, the same page, two posts: a double click on a slow connection.
    answers = race(*(lambda: officer.client.post("/meetings/new", data=form) for _ in range(2)))

    meeting_id = db.session.scalar(sa.select(Meeting.id))
    assert (count(Meeting), count(FollowUpAction)) == (1, 1)
    assert [answer.status_code for answer in answers] == [302, 302]
    # Both land on the one meeting (which of the two notices the shared cookie keeps is the browser's affair).
    assert {answer.location for answer in answers} == {f"/meetings/{meeting_id}"}


def status_form(signed_in, area) -> dict:
    page = signed_in.get(f"/areas/{area.id}/status/new").get_data(as_text=True)
    return filled(form_on(page, "note"), status="on_track", note="Trade workshop held in Jakarta",
                  as_of__day="31", as_of__month="3", as_of__year="2025")


@pytest.fixture
def trade(make):
    plan = make.plan(make.partnership())
    return make.area(plan, make.pillar(plan, "Economic"), code="2.1", name="Trade")


def test_a_status_form_posted_twice_records_one_update(signed_in, trade):
    form = status_form(signed_in, trade)
    assert signed_in.client.post(f"/areas/{trade.id}/status/new", data=form).status_code == 302
    second = signed_in.client.post(f"/areas/{trade.id}/status/new", data=form, follow_redirects=True)

    assert count(StatusUpdate) == 1
    assert second.request.path == f"/areas/{trade.id}"
    assert NOTICE.format("the cooperation area with the status it recorded") in second.get_data(as_text=True)


def test_a_status_form_posted_twice_at_the_same_instant_records_one_update(editors, make, trade):
    officer, _ = editors()
    form, url = status_form(officer, trade), f"/areas/{trade.id}/status/new"
    answers = race(*(lambda: officer.client.post(url, data=form) for _ in range(2)))

    assert count(StatusUpdate) == 1
    assert [(answer.status_code, answer.location) for answer in answers] == [(302, f"/areas/{trade.id}")] * 2


def test_a_form_opened_before_forms_carried_a_token_still_saves(signed_in, trade):
    form = status_form(signed_in, trade)
    form.pop("form_token")
    for _ in range(2):
        assert signed_in.client.post(f"/areas/{trade.id}/status/new", data=form).status_code == 302
    assert count(StatusUpdate) == 2  # nothing to tell the two posts apart: both saved, as before
    assert count(SavedForm) == 0


def test_a_form_shown_again_after_a_refusal_keeps_its_token_and_saves_once_corrected(signed_in, make):
    make.organisation(name="Mekong River Commission", kind="international_organisation", iso_code=None)
    page = signed_in.get("/organisations/new").get_data(as_text=True)
    form = filled(form_on(page, "short_name"), name="mekong river commission", short_name="MRC",
                  kind="international_organisation")
    refused = signed_in.client.post("/organisations/new", data=form)
    assert refused.status_code == 200
    again = form_on(refused.get_data(as_text=True), "short_name")
    assert again["form_token"] == form["form_token"]  # still the same form: not yet saved

    corrected = filled(again, name="Mekong Institute")
    assert signed_in.client.post("/organisations/new", data=corrected).status_code == 302
    repeat = signed_in.client.post("/organisations/new", data=corrected, follow_redirects=True)
    assert NOTICE.format("the organisation it added") in repeat.get_data(as_text=True)
    db.session.expire_all()
    assert sorted(db.session.scalars(sa.select(Organisation.name))) == ["Mekong Institute", "Mekong River Commission"]


def test_a_new_form_page_carries_a_new_token(signed_in):
    first, second = (form_on(signed_in.get("/organisations/new").get_data(as_text=True), "short_name")
                     for _ in range(2))
    assert first["form_token"] and second["form_token"] and first["form_token"] != second["form_token"]


def test_tokens_older_than_the_longest_session_are_forgotten_at_the_next_save(signed_in, app, trade):
    stale = date(2020, 1, 1)  # years before any session that could still post the page
    db.session.add(SavedForm(token="old", user_id=signed_in.user.id, saved_at=stale, shows="/"))
    db.session.commit()
    assert signed_in.client.post(f"/areas/{trade.id}/status/new",
                                 data=status_form(signed_in, trade)).status_code == 302
    db.session.expire_all()
    tokens = db.session.scalars(sa.select(SavedForm.token)).all()
    assert len(tokens) == 1 and tokens != ["old"]  # the new save's token, and not the old one
