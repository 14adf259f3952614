"""Signing in and out. Users are made in a context of their own, so each request below runs as in production:
a fresh application context, nothing remembered between requests except the session cookie."""

import pytest

from app.extensions import db
from app.models import User
from tests import factories
from tests.conftest import csrf_token

WRONG = "Enter a correct email address and password"


@pytest.fixture
def officer(app):
    with app.app_context():
        user = factories.user(role="editor", email="officer@asean.example", name="Desk Officer")
        return user.email


def sign_in(visitor, email, password=factories.PASSWORD, url="/sign-in"):
    return visitor.submit(url, {"email": email, "password": password}, follow=False)


def stored_user(app, email) -> User:
    with app.app_context():
        user = db.session.scalar(db.select(User).filter_by(email=email))
        db.session.expunge(user)
        return user


def test_sign_in_and_land_on_the_home_page(visitor, officer, app):
    assert stored_user(app, officer).last_signed_in_at is None
    page = visitor.get("/sign-in").get_data(as_text=True)
    assert "<title>Sign in – Partnership tracker" in page
    response = sign_in(visitor, "  Officer@ASEAN.example ", factories.PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    home = visitor.get("/").get_data(as_text=True)
    assert "Desk Officer" in home and "Sign out" in home
    assert stored_user(app, officer).last_signed_in_at is not None


@pytest.mark.parametrize(("email", "password"), [
    ("officer@asean.example", "not the password"),
    ("nobody@asean.example", factories.PASSWORD),
])
def test_wrong_password_or_unknown_email_get_the_same_message(visitor, officer, email, password):
    response = sign_in(visitor, email, password)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert page.count(WRONG) == 2  # in the summary and beside the field
    assert f'value="{email}"' in page
    assert visitor.get("/people/").status_code == 302


def test_empty_sign_in_form(visitor, officer):
    page = sign_in(visitor, "", "").get_data(as_text=True)
    assert page.count("Enter your email address") == 2
    assert page.count("Enter your password") == 2


def test_an_inactive_user_is_refused(visitor, app):
    with app.app_context():
        factories.user(email="left@asean.example", is_active=False)
    page = sign_in(visitor, "left@asean.example").get_data(as_text=True)
    assert page.count(WRONG) == 2
    assert visitor.get("/people/").status_code == 302


def test_a_protected_page_sends_you_back_after_sign_in(visitor, officer):
    response = visitor.get("/people/?q=ameer")
    assert response.status_code == 302
    sign_in_url = response.headers["Location"]
    assert sign_in_url.startswith("/sign-in?next=")
    assert "Sign in to continue" in visitor.get(sign_in_url).get_data(as_text=True)
    response = sign_in(visitor, officer, url=sign_in_url)
    assert response.headers["Location"] == "/people/?q=ameer"


@pytest.mark.parametrize("target", [
    "http://evil.example/steal", "https://evil.example", "//evil.example/path", "evil.example", "javascript:alert(1)",
    "/\\evil.example", "/\\/evil.example", "/\t/evil.example", "/\n/evil.example", "\\\\evil.example",
    "https:/evil.example", "/%0a/evil.example\r",
])
def test_next_only_goes_to_our_own_pages(visitor, officer, target):
    form_page = visitor.get("/sign-in").get_data(as_text=True)
    response = visitor.client.post("/sign-in", query_string={"next": target}, data={
        "csrf_token": csrf_token(form_page), "email": officer, "password": factories.PASSWORD,
    })
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_sign_out_is_a_post_with_a_csrf_token(visitor, officer):
    sign_in(visitor, officer)
    assert visitor.get("/sign-out").status_code == 405
    assert visitor.client.post("/sign-out").status_code == 400  # no token: refused
    assert visitor.get("/people/").status_code == 200  # still signed in

    response = visitor.submit("/sign-out", page="/people/", follow=True)
    assert "You have been signed out" in response.get_data(as_text=True)
    assert visitor.get("/people/").status_code == 302


def test_signing_in_starts_a_new_session(visitor, officer):
    """Nothing placed in the session before sign-in (by a fixation attack, say) survives it; nor does its token."""
    old_token = csrf_token(visitor.get("/sign-in").get_data(as_text=True))
    with visitor.client.session_transaction() as session:
        session["planted"] = "by someone else"
    assert sign_in(visitor, officer).status_code == 302
    with visitor.client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"]
    new_token = csrf_token(visitor.get("/people/").get_data(as_text=True))
    assert new_token != old_token
    assert visitor.client.post("/sign-out", data={"csrf_token": old_token}).status_code == 400
    assert visitor.get("/people/").status_code == 200


def test_signing_out_ends_the_session(visitor, officer):
    sign_in(visitor, officer)
    visitor.submit("/sign-out", page="/people/")
    with visitor.client.session_transaction() as session:
        assert "_user_id" not in session
    assert visitor.get("/people/").status_code == 302
