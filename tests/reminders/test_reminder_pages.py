"""Choosing one's reminder e-mails on one's account, and stopping them from the link in an e-mail."""

import re
from datetime import date
from unittest import mock

import pytest
import sqlalchemy as sa
from itsdangerous import URLSafeTimedSerializer

from app.extensions import db
from app.models import AuditEntry, DigestKind, ReminderSettings
from app.reminders.links import UNSUBSCRIBE_SALT, unsubscribe_token
from tests.reminders.conftest import PUBLIC_URL

PAGE = "/account/reminders"
WEEKLY_ON_WEDNESDAY = {"personal_digest": "weekly", "weekday": "2", "due_soon_days": "14"}


def settings_of(user) -> tuple | None:
    row = db.session.scalar(sa.select(ReminderSettings).where(ReminderSettings.user_id == user.id))
    return row and (row.personal_digest.value, row.weekday, row.due_soon_days, row.desk_digest)


def log_of_settings() -> list[tuple[dict, int | None, str | None]]:
    entries = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.record_type == "reminder_settings")
                                 .order_by(AuditEntry.id))
    return [(entry.changes, entry.user_id, entry.source) for entry in entries]


def test_the_account_page_leads_to_the_settings_which_say_what_a_new_person_gets(signed_in):
    assert f'href="{PAGE}">Choose your reminder e-mails</a>' in signed_in.get("/account").get_data(as_text=True)
    page = signed_in.get(PAGE).get_data(as_text=True)
    assert "Until you choose, you get one a week, on Mondays, with follow-ups due in the next 7" in page
    assert re.search(r'id="personal_digest-1" value="weekly"\s+checked', page)
    assert re.search(r'id="weekday-0" value="0"\s+checked', page)
    assert re.search(r'name="due_soon_days"[^>]* value="7"', page)
    assert "desk digest" not in page  # for administrators only


def test_an_officer_chooses_a_weekly_e_mail_on_wednesdays_and_the_change_is_logged(signed_in):
    response = signed_in.submit(PAGE, WEEKLY_ON_WEDNESDAY)

    page = response.get_data(as_text=True)
    assert "Your reminder e-mails have been changed" in page
    assert re.search(r'id="weekday-2" value="2"\s+checked', page)
    assert settings_of(signed_in.user) == ("weekly", 2, 14, True)
    ((changes, by, source),) = log_of_settings()
    assert by == signed_in.user.id and source is None
    assert changes["weekday"] == [None, 2] and changes["due_soon_days"] == [None, 14]


@pytest.mark.parametrize(("typed", "message"), [
    ("", "Enter how many days ahead a follow-up counts as due soon"),
    ("seven", "Days ahead must be a whole number"),
    ("-3", "Days ahead must be a whole number"),
    ("0", "Days ahead must be between 1 and 60"),
    ("61", "Days ahead must be between 1 and 60"),
    ("9" * 5000, "Days ahead must be between 1 and 60"),
])
def test_days_ahead_out_of_range_is_refused_beside_the_field_keeping_what_was_typed(signed_in, typed, message):
    signed_in.submit(PAGE, {"personal_digest": "daily", "weekday": "0", "due_soon_days": "30"})

    response = signed_in.submit(PAGE, {**WEEKLY_ON_WEDNESDAY, "due_soon_days": typed})

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert page.count(message) == 2  # in the summary, and beside the field
    assert f'<a class="alert-link" href="#due_soon_days">{message}</a>' in page
    assert re.search(rf'name="due_soon_days"[^>]* value="{typed}"', page)
    assert settings_of(signed_in.user) == ("daily", 0, 30, True)  # nothing changed


def test_a_form_without_its_csrf_token_changes_nothing(signed_in):
    response = signed_in.client.post(PAGE, data=WEEKLY_ON_WEDNESDAY)
    assert response.status_code == 400
    assert settings_of(signed_in.user) is None


def test_an_administrator_also_turns_the_desk_digest_off_and_on(as_role):
    admin = as_role("admin")
    page = admin.get(PAGE).get_data(as_text=True)
    assert re.search(r'<input aria-describedby="desk_digest-hint" checked [^>]*id="desk_digest"', page)
    assert '<label class="form-check-label" for="desk_digest">Send me the weekly desk digest' in page

    admin.submit(PAGE, WEEKLY_ON_WEDNESDAY)  # the box left unticked
    assert settings_of(admin.user) == ("weekly", 2, 14, False)
    admin.submit(PAGE, {**WEEKLY_ON_WEDNESDAY, "desk_digest": "y"})
    assert settings_of(admin.user) == ("weekly", 2, 14, True)


def test_the_database_refuses_settings_out_of_range(make):
    officer = make.user()
    for wrong in ({"due_soon_days": 0}, {"due_soon_days": 61}, {"weekday": 7}, {"personal_digest": "hourly"}):
        with pytest.raises(sa.exc.StatementError):
            db.session.execute(sa.insert(ReminderSettings).values(user_id=officer.id, **wrong))
        db.session.rollback()


# The link in an e-mail -------------------------------------------------------------------------------------------

def link(user, kind=DigestKind.PERSONAL) -> str:
    return f"/reminders/unsubscribe/{unsubscribe_token(user.id, kind)}"


def test_the_link_shows_a_button_and_stops_nothing_until_it_is_pressed(make, client):
    officer = make.user(email="officer@asean.example")
    db.session.add(ReminderSettings(user_id=officer.id, personal_digest="daily", due_soon_days=10))
    db.session.commit()

    page = client.get(link(officer))  # what a mail scanner does
    assert page.status_code == 200
    assert "Stop the e-mail of your follow-ups?" in page.get_data(as_text=True)
    assert "Stop these e-mails</button>" in page.get_data(as_text=True)
    assert settings_of(officer) == ("daily", 0, 10, True)

    stopped = client.post(link(officer))  # the button: no sign-in, no CSRF token
    assert stopped.status_code == 200
    assert "You will no longer get the e-mail of your follow-ups" in stopped.get_data(as_text=True)
    assert settings_of(officer) == ("never", 0, 10, True)  # only that setting
    _made_by_the_test, (changes, by, source) = log_of_settings()
    assert changes["personal_digest"] == ["daily", "never"] and by is None
    assert source == "Unsubscribe link in a reminder e-mail"


def test_a_mail_programs_one_click_post_stops_only_the_desk_digest(make, client):
    admin = make.user(role="admin", email="admin@asean.example")

    response = client.post(link(admin, DigestKind.DESK), data={"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert settings_of(admin) == ("weekly", 0, 7, False)  # the personal digest as it was: the defaults


def test_an_unsubscribe_address_from_an_e_mail_works_as_sent(app, make, client, desk, inbox, send):
    make.follow_up(desk.pakistan, "Send the list of nominees", owner=desk.officer, due_on=date(2025, 3, 10))
    send("--date", "2025-03-17")
    (mail,) = inbox.to("officer@asean.example")
    address = re.fullmatch(r"<(.+)>", mail["List-Unsubscribe"]).group(1)

    assert client.post(address.removeprefix(PUBLIC_URL)).status_code == 200
    assert settings_of(desk.officer)[0] == "never"


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_changed_wrong_or_expired_link_gets_a_clear_page_and_changes_nothing(app, make, client, method):
    officer = make.user(email="officer@asean.example")
    token = unsubscribe_token(officer.id, DigestKind.PERSONAL)
    tampered = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    another_user = URLSafeTimedSerializer("another key", salt=UNSUBSCRIBE_SALT).dumps(
        {"user": officer.id, "digest": "personal"})
    not_a_digest = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt=UNSUBSCRIBE_SALT).dumps(
        {"user": officer.id, "digest": "everything"})
    someone_gone = unsubscribe_token(2**31 - 1, DigestKind.PERSONAL)
    for wrong in (tampered, another_user, not_a_digest, "nonsense", someone_gone):
        if method == "get" and wrong == someone_gone:
            continue  # the page with the button is shown; pressing it is what finds no one
        response = getattr(client, method)(f"/reminders/unsubscribe/{wrong}")
        assert response.status_code == 400, wrong
        assert "This link does not work" in response.get_data(as_text=True)

    with mock.patch("itsdangerous.timed.time.time", return_value=10**10):  # long after the link was made
        expired = getattr(client, method)(f"/reminders/unsubscribe/{token}")
    assert expired.status_code == 400
    assert "This link has expired" in expired.get_data(as_text=True)
    assert settings_of(officer) is None
