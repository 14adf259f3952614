"""Chasing the partner about a follow-up they owe: recorded from the follow-up's page, only ever added to."""

from datetime import date

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.follow_ups import services
from app.follow_ups.chases import disagreeing_last_chases, record_chase
from app.models import AuditEntry, FollowUpAction, FollowUpChase

#: The day the tests are judged on, so every expectation below can be worked out by hand.
TODAY = date(2024, 6, 1)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(services, "today", lambda: TODAY)


@pytest.fixture
def owed(make):
    """A follow-up the Mission owes since the courtesy call of 25 March 2024."""
    pakistan = make.partnership()
    call = make.meeting(pakistan, held_on=date(2024, 3, 25), title="Courtesy call by the Ambassador")
    return make.follow_up(pakistan, title="Send the list of customs experts", meeting=call,
                          partner_office="Mission of Pakistan to ASEAN", status="awaiting_partner")


def chase_form(day="", month="", year="", channel="email", note=""):
    return {"chased_on-day": day, "chased_on-month": month, "chased_on-year": year, "channel": channel, "note": note}


def chases() -> list[FollowUpChase]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(FollowUpChase).order_by(FollowUpChase.id)))


def test_record_a_chase_from_the_follow_up_page(signed_in, owed):
    page = signed_in.get(f"/follow-ups/{owed.id}").get_data(as_text=True)
    assert f'href="/follow-ups/{owed.id}/chases/new">Record a chase</a>' in page
    assert "Awaiting the partner since 25 March 2024" in page
    assert "Not chased yet" in page

    url = f"/follow-ups/{owed.id}/chases/new"
    response = signed_in.submit(url, chase_form("14", "may", "2024", "note_verbale", "Asked for the names by June"))
    page = response.get_data(as_text=True)
    assert "Chase recorded: Send the list of customs experts" in page
    # 1 June less 14 May: 18 days.
    assert "Last chased 14 May 2024 (18 days ago)" in page
    signed_in.submit(url, chase_form("31", "5", "2024", "call"))
    page = signed_in.get(f"/follow-ups/{owed.id}").get_data(as_text=True)
    assert "Last chased 31 May 2024 (1 day ago)" in page
    # Newest first.
    assert page.index("31 May 2024</td>") < page.index("14 May 2024</td>")
    assert "Note verbale" in page and "Asked for the names by June" in page
    [first, second] = chases()
    assert (first.chased_on, first.channel, first.note, first.recorded_by_id) == (
        date(2024, 5, 14), "note_verbale", "Asked for the names by June", signed_in.user.id)
    assert (second.chased_on, second.channel, second.note) == (date(2024, 5, 31), "call", None)
    assert db.session.get(FollowUpAction, owed.id).last_chased_on == date(2024, 5, 31)
    assert disagreeing_last_chases() == []


def test_an_earlier_chase_recorded_later_keeps_the_last_chase(signed_in, owed):
    url = f"/follow-ups/{owed.id}/chases/new"
    signed_in.submit(url, chase_form("31", "5", "2024", "call"))
    signed_in.submit(url, chase_form("2", "4", "2024", "email"))
    assert db.session.get(FollowUpAction, owed.id).last_chased_on == date(2024, 5, 31)
    assert len(chases()) == 2


def test_a_chase_does_not_change_the_follow_up_version(signed_in, owed):
    """An edit of the follow-up open in another tab is not turned into a conflict by a chase."""
    version = owed.version
    signed_in.submit(f"/follow-ups/{owed.id}/chases/new", chase_form("31", "5", "2024", "call"))
    assert db.session.get(FollowUpAction, owed.id).version == version


@pytest.mark.parametrize(("form", "message"), [
    (chase_form(), "Enter the date of the chase"),
    (chase_form("2", "6", "2024"), "Date of the chase must be today or in the past"),
    (chase_form("24", "3", "2024"),
     "Date of the chase must be the same as or after 25 March 2024, the date of the meeting"),
    (chase_form("30", "2", "2024"), "Date of the chase must be a real date"),
    (chase_form("14", "5", "2024", channel="fax"), "Select channel from the list"),
    (chase_form("14", "5", "2024", channel=""), "Select how the partner was chased"),
])
def test_bad_input_is_refused_next_to_its_field_and_kept(signed_in, owed, form, message):
    response = signed_in.submit(f"/follow-ups/{owed.id}/chases/new", {**form, "note": "Typed note"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert page.count(message) == 2  # in the summary and next to the field
    assert "Typed note" in page
    if form["chased_on-day"]:
        assert f'value="{form["chased_on-day"]}"' in page
    assert chases() == []
    assert db.session.get(FollowUpAction, owed.id).last_chased_on is None


def test_every_problem_of_a_chase_is_listed_at_once(signed_in, owed):
    response = signed_in.submit(f"/follow-ups/{owed.id}/chases/new", chase_form("2", "6", "2024", channel=""))
    page = response.get_data(as_text=True)
    for message in ("Date of the chase must be today or in the past", "Select how the partner was chased"):
        assert page.count(message) == 2  # in the summary and next to the field
    assert chases() == []


def test_a_follow_up_owed_by_us_is_not_chased(signed_in, make, owed):
    ours = make.follow_up(owed.partnership, title="Draft the reply", owner=signed_in.user)
    url = f"/follow-ups/{ours.id}/chases/new"
    page = signed_in.get(f"/follow-ups/{ours.id}").get_data(as_text=True)
    assert "Record a chase" not in page and "Awaiting the partner" not in page
    refused = signed_in.get(url).get_data(as_text=True)
    assert "This follow-up is owed by Desk Officer, one of our officers" in refused
    response = signed_in.submit(url, chase_form("14", "5", "2024"), page=f"/follow-ups/{owed.id}/chases/new")
    assert response.status_code == 409
    assert chases() == []


def test_a_done_follow_up_is_not_chased(signed_in, make, owed):
    done = make.follow_up(owed.partnership, title="Confirm the venue", status="done",
                          completed_on=date(2024, 5, 1), opened_on=date(2024, 4, 1))
    url = f"/follow-ups/{done.id}/chases/new"
    assert "This follow-up is done: a chase is recorded only while it is still to do" in signed_in.get(url).get_data(
        as_text=True)
    response = signed_in.submit(url, chase_form("14", "5", "2024"), page=f"/follow-ups/{owed.id}/chases/new")
    assert response.status_code == 409
    assert chases() == []


def test_a_viewer_cannot_record_a_chase(as_role, owed):
    viewer = as_role("viewer")
    page = viewer.get(f"/follow-ups/{owed.id}").get_data(as_text=True)
    assert "Record a chase" not in page
    assert viewer.get(f"/follow-ups/{owed.id}/chases/new").status_code == 403
    assert chases() == []


def test_chases_refuse_raw_update_and_delete(app_context, owed):
    record_chase(owed, date(2024, 5, 14), "email")
    db.session.commit()
    for statement in ("UPDATE follow_up_chases SET channel = 'call'", "DELETE FROM follow_up_chases"):
        with pytest.raises(sa.exc.IntegrityError, match="A chase of the partner cannot be edited or deleted"), \
                db.engine.begin() as connection:
            connection.execute(sa.text(statement))
    assert [(c.chased_on, c.channel) for c in chases()] == [(date(2024, 5, 14), "email")]


def test_a_chase_is_in_the_audit_log_and_the_follow_ups_history(signed_in, owed):
    signed_in.submit(f"/follow-ups/{owed.id}/chases/new", chase_form("14", "5", "2024", "note_verbale", "By hand"))
    [chase] = chases()
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.record_type == "follow_up_chases"))
    assert (entry.record_id, entry.action, entry.user_id, entry.record_label) == (
        chase.id, "create", signed_in.user.id, "Note verbale on 14 May 2024")
    assert entry.changes["note"] == "By hand" or entry.changes["note"][-1] == "By hand"
    page = signed_in.get(f"/follow-ups/{owed.id}").get_data(as_text=True)
    assert "Chase of the partner added: Note verbale on 14 May 2024" in page


def test_a_restricted_follow_ups_chase_notes_are_hidden_from_viewers(as_role, make, owed):
    owed.is_restricted = True
    db.session.commit()
    record_chase(owed, date(2024, 5, 14), "email", "Minister's private message")
    db.session.commit()
    page = as_role("viewer").get(f"/follow-ups/{owed.id}").get_data(as_text=True)
    assert "14 May 2024" in page
    assert "Minister" not in page
