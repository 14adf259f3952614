"""A session ends when its person signs out, changes their password, is deactivated or signed out everywhere, and by
time: a copy of the cookie taken before stops working on every server, and never comes back."""

import time
from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import FollowUpAction, SessionEnd, UserSession, utcnow
from tests import factories
from tests.conftest import FormFiller, csrf_token
from tests.follow_ups.test_follow_up_pages import follow_up_form

NEW_PASSWORD = "teak lantern orbit meadow"


@pytest.fixture
def officer(make):
    return make.user(role="editor", email="officer@asean.example", name="Desk Officer")


@pytest.fixture
def desk(app, officer):
    """The officer's own browser, signed in."""
    browser = FormFiller(app.test_client())
    browser.sign_in(officer)
    return browser


def copy_of(app, browser) -> FormFiller:
    """Another browser holding a copy of ``browser``'s session cookie, as someone who read it off the wire would."""
    thief = FormFiller(app.test_client())
    thief.client.set_cookie("session", browser.client.get_cookie("session").value)
    return thief


def can_read(browser) -> bool:
    return browser.get("/").status_code == 200


def ended_because() -> list[SessionEnd | None]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(UserSession.ended_because).order_by(UserSession.id)))


def test_a_cookie_copied_before_sign_out_neither_reads_nor_saves_after_it(app, make, desk):
    pakistan = make.partnership()
    thief = copy_of(app, desk)
    assert can_read(thief)  # the copy works while the session runs
    token = csrf_token(thief.get("/follow-ups/new").get_data(as_text=True))
    desk.submit("/sign-out", {})
    assert not can_read(thief) and not can_read(desk)
    response = thief.client.post("/follow-ups/new", data={"csrf_token": token, **follow_up_form(pakistan)})
    assert response.status_code == 302 and response.headers["Location"].startswith("/sign-in")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FollowUpAction)) == 0
    assert ended_because() == [SessionEnd.SIGNED_OUT]


def test_signing_out_ends_only_that_browsers_session(app, officer, desk):
    laptop = FormFiller(app.test_client())
    laptop.sign_in(officer)
    desk.submit("/sign-out", {})
    assert can_read(laptop) and not can_read(desk)


def test_a_new_password_ends_every_other_session_and_keeps_this_browser_signed_in(app, officer, desk):
    thief = copy_of(app, desk)
    page = desk.submit("/account", {"current_password": factories.PASSWORD, "new_password": NEW_PASSWORD})
    text = page.get_data(as_text=True)
    assert "Your password has been changed. You have been signed out on every other browser" in text
    assert can_read(desk) and not can_read(thief)
    assert ended_because() == [SessionEnd.PASSWORD_CHANGED, None]
    again = FormFiller(app.test_client())
    assert again.submit("/sign-in", {"email": officer.email, "password": factories.PASSWORD}).status_code == 200
    assert not can_read(again)  # the old password is refused
    again.sign_in(officer, NEW_PASSWORD)
    assert can_read(again)


def test_a_wrong_current_password_changes_nothing(app, officer, desk):
    page = desk.submit("/account", {"current_password": "not my password", "new_password": NEW_PASSWORD})
    text = page.get_data(as_text=True)
    assert "<title>Error: Your account" in text
    assert text.count("Your current password is not correct") == 2  # in the summary and beside the field
    db.session.expire_all()
    assert officer.check_password(factories.PASSWORD) and can_read(desk)


def test_deactivating_ends_every_session_and_reactivating_does_not_revive_them(app, as_role, officer, desk):
    thief = copy_of(app, desk)
    admin = as_role("admin")
    admin.submit(f"/users/{officer.id}/edit", {"name": officer.name, "role": "editor", "version": "1"})
    assert not can_read(desk) and not can_read(thief)
    db.session.expire_all()
    admin.submit(f"/users/{officer.id}/edit", {"name": officer.name, "role": "editor", "is_active": "y",
                                               "version": str(officer.version)})
    db.session.expire_all()
    assert officer.is_active
    assert not can_read(desk) and not can_read(thief)
    assert ended_because()[0] == SessionEnd.DEACTIVATED


def test_an_administrator_signs_someone_out_everywhere(app, as_role, officer, desk):
    phone = FormFiller(app.test_client())
    phone.sign_in(officer)
    admin = as_role("admin")
    edit_page = admin.get(f"/users/{officer.id}/edit").get_data(as_text=True)
    assert "Desk Officer is signed in on 2 browsers or devices." in edit_page
    page = admin.submit(f"/users/{officer.id}/sign-out-everywhere", {}, page=f"/users/{officer.id}/edit")
    assert "Desk Officer has been signed out on 2 browsers" in page.get_data(as_text=True)
    assert not can_read(desk) and not can_read(phone) and can_read(admin)
    assert ended_because()[:2] == [SessionEnd.SIGNED_OUT_EVERYWHERE] * 2
    after = admin.get(f"/users/{officer.id}/edit").get_data(as_text=True)
    assert "Desk Officer is not signed in on any browser or device." in after and "Sign out everywhere" not in after


def test_signing_yourself_out_everywhere(app, officer, desk):
    phone = FormFiller(app.test_client())
    phone.sign_in(officer)
    assert "You are signed in on 2 browsers or devices." in desk.get("/account").get_data(as_text=True)
    page = desk.submit("/account/sign-out-everywhere", {}, page="/account").get_data(as_text=True)
    assert "You have been signed out on every browser, this one included" in page
    assert not can_read(desk) and not can_read(phone)


def test_a_session_unused_for_eight_hours_ends(app, desk):
    with desk.client.session_transaction() as cookie:
        cookie["seen_at"] = int(time.time()) - 8 * 3600 + 120
    assert can_read(desk)  # 7 h 58 min: still running, and the request counts as use
    with desk.client.session_transaction() as cookie:
        assert cookie["seen_at"] >= int(time.time()) - 5
        cookie["seen_at"] = int(time.time()) - 8 * 3600 - 120
    assert not can_read(desk)


def test_a_session_ends_thirty_days_after_signing_in_however_much_it_is_used(app, desk):
    def started(days_ago: float) -> None:
        db.session.execute(sa.update(UserSession).values(started_at=utcnow() - timedelta(days=days_ago)))
        db.session.commit()

    started(29.9)
    assert can_read(desk)
    started(30.1)
    assert not can_read(desk)


def test_the_database_holds_no_token_a_cookie_could_be_made_from(desk):
    with desk.client.session_transaction() as cookie:
        token = cookie["session_token"]
    [stored] = db.session.scalars(sa.select(UserSession.token_hash)).all()
    assert token not in stored and len(stored) == 64


def test_an_ended_session_must_say_why(app, desk):
    """The rule is the schema's too: raw SQL cannot end a session without a reason."""
    with pytest.raises(sa.exc.IntegrityError):
        db.session.execute(sa.update(UserSession).values(ended_at=utcnow()))
        db.session.flush()
    db.session.rollback()
