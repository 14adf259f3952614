"""Each officer's secret feed address: made on their own page, shown once, stored hashed, revoked there, logged."""

import hashlib

import sqlalchemy as sa

from app.extensions import db
from app.models import AuditAction, AuditEntry, CalendarFeed
from app.users.services import set_user_active
from tests.calendar.conftest import make_address


def feeds_of(user) -> list[CalendarFeed]:
    return list(db.session.scalars(sa.select(CalendarFeed).where(CalendarFeed.user_id == user.id)
                                   .order_by(CalendarFeed.id)))


def feed_log() -> list[tuple[AuditAction, str, dict, int | None]]:
    entries = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.record_type == "calendar_feeds")
                                 .order_by(AuditEntry.id))
    return [(e.action, e.record_label, e.changes, e.user_id) for e in entries]


def test_the_account_page_leads_to_the_feeds_and_an_officer_without_an_address_can_make_one(signed_in):
    account = signed_in.get("/account").get_data(as_text=True)
    assert 'href="/account/calendar"' in account and "Set up calendar feeds" in account
    page = signed_in.get("/account/calendar").get_data(as_text=True)
    assert "<h1 class=\"mt-2 mb-3\">Calendar feeds</h1>" in page
    assert "You have no feed address." in page and "Make a feed address</button>" in page
    assert "/calendar/" not in page.replace('action="/account/calendar', "")


def test_an_address_is_shown_once_stored_only_hashed_and_logged_without_its_token(signed_in):
    token = make_address(signed_in)
    assert len(token) == 43  # 32 random bytes, URL-safe base64 without padding
    [feed] = feeds_of(signed_in.user)
    assert feed.token_hash == hashlib.sha256(token.encode()).hexdigest() and feed.archived_at is None
    assert feed_log() == [(AuditAction.CREATE, "Calendar feed of Desk Officer",
                           {"user": [None, "Desk Officer"], "token": [None, "set"]}, signed_in.user.id)]
    again = signed_in.get("/account/calendar").get_data(as_text=True)
    assert token not in again
    assert "It was shown once, when you made it." in again and "Revoke your feed address" in again


def test_the_page_shows_the_three_feed_addresses_with_copy_buttons_and_how_to_subscribe(signed_in):
    page = signed_in.submit("/account/calendar").get_data(as_text=True)
    token = page.split("/calendar/")[1].split("/")[0]
    for field, label, path in (("feed-mine", "Your meetings and follow-ups", "mine.ics"),
                               ("feed-desk", "The whole desk", "desk.ics"),
                               ("feed-partnership", "One partnership", "partnerships/SHORT-NAME.ics")):
        assert f'<label class="form-label fw-bold" for="{field}">{label}</label>' in page
        assert f'id="{field}" value="http://localhost/calendar/{token}/{path}" readonly' in page
        assert f'data-copy="{field}" hidden>Copy<span class="visually-hidden"> {label.lower()}</span>' in page
    assert "Subscribe from web" in page and "From URL" in page and "New Calendar Subscription" in page
    assert "Copy the addresses you want now: they are shown only once" in page


def test_the_feed_needs_no_session_and_sets_no_cookie(app, signed_in):
    token = make_address(signed_in)
    calendar_app = app.test_client()  # no cookie of any kind, as a calendar app reads
    response = calendar_app.get(f"/calendar/{token}/mine.ics")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"
    assert response.get_data(as_text=True).startswith("BEGIN:VCALENDAR\r\n")


def test_revoking_asks_first_then_the_old_address_answers_404_and_a_new_one_works(app, signed_in):
    old = make_address(signed_in)
    confirm = signed_in.get("/account/calendar/revoke").get_data(as_text=True)
    assert "<h1 class=\"mt-2\">Revoke your calendar feed address?</h1>" in confirm
    page = signed_in.submit("/account/calendar/revoke").get_data(as_text=True)
    assert "Your calendar feed address has been revoked: it no longer answers" in page
    assert "You have no feed address." in page
    calendar_app = app.test_client()
    for path in ("mine.ics", "desk.ics", "partnerships/asean-pakistan.ics"):
        assert calendar_app.get(f"/calendar/{old}/{path}").status_code == 404
    new = make_address(signed_in)
    assert new != old
    assert calendar_app.get(f"/calendar/{new}/mine.ics").status_code == 200
    assert calendar_app.get(f"/calendar/{old}/mine.ics").status_code == 404
    assert [action for action, *_ in feed_log()] == [AuditAction.CREATE, AuditAction.ARCHIVE, AuditAction.CREATE]
    # Revoking with nothing to revoke goes back to the page.
    signed_in.submit("/account/calendar/revoke")
    assert signed_in.get("/account/calendar/revoke").headers["Location"] == "/account/calendar"


def test_making_a_new_address_revokes_the_one_in_use(app, signed_in):
    first = make_address(signed_in)
    second = make_address(signed_in)
    assert [feed.archived_at is None for feed in feeds_of(signed_in.user)] == [False, True]
    calendar_app = app.test_client()
    assert calendar_app.get(f"/calendar/{first}/desk.ics").status_code == 404
    assert calendar_app.get(f"/calendar/{second}/desk.ics").status_code == 200


def test_a_deactivated_officers_feeds_stop_and_come_back_with_the_account(app, signed_in):
    token = make_address(signed_in)
    calendar_app = app.test_client()
    set_user_active(signed_in.user, False)
    db.session.commit()
    assert calendar_app.get(f"/calendar/{token}/mine.ics").status_code == 404
    assert calendar_app.get(f"/calendar/{token}/desk.ics").status_code == 404
    set_user_active(signed_in.user, True)
    db.session.commit()
    assert calendar_app.get(f"/calendar/{token}/desk.ics").status_code == 200


def test_an_unknown_or_overlong_token_answers_404(client, signed_in):
    make_address(signed_in)
    assert client.get("/calendar/" + "a" * 43 + "/desk.ics").status_code == 404
    assert client.get("/calendar/" + "a" * 5000 + "/desk.ics").status_code == 404


def test_one_address_in_use_per_user_is_a_rule_of_the_schema(signed_in):
    make_address(signed_in)
    db.session.add(CalendarFeed(user_id=signed_in.user.id, token_hash="0" * 64))
    try:
        db.session.commit()
    except sa.exc.IntegrityError:
        db.session.rollback()
    else:
        raise AssertionError("a second address in use was stored")


def test_the_audit_log_shows_making_and_revoking_an_address_linked_to_its_user(app, signed_in, make):
    make_address(signed_in)
    signed_in.submit("/account/calendar/revoke")
    admin = make.user(role="admin", email="admin@asean.example", name="Desk Admin")
    from tests.conftest import FormFiller

    reader = FormFiller(app.test_client())
    reader.sign_in(admin)
    page = reader.get("/admin/audit").get_data(as_text=True)
    assert page.count("Calendar feed of Desk Officer") == 2
    assert f'href="/users/{signed_in.user.id}/edit"' in page


def test_a_feed_addresss_history_is_for_administrators_only(signed_in):
    make_address(signed_in)
    [feed] = feeds_of(signed_in.user)
    assert signed_in.get(f"/history?type=calendar_feeds&id={feed.id}").status_code == 403
