import pytest

from app.extensions import db
from app.models import Role, User
from tests.conftest import FormFiller
from tests.factories import PASSWORD

NEW_PASSWORD = "a long enough password"


@pytest.fixture
def admin(as_role):
    return as_role("admin")


def users():
    db.session.expire_all()
    return {user.email: user for user in db.session.scalars(db.select(User))}


def edit(browser, user, **data) -> str:
    return browser.submit(f"/users/{user.id}/edit", data).get_data(as_text=True)


class OwnBrowser(FormFiller):
    """Another person's browser. Each visit gets a fresh application context, because the test's own context
    would otherwise share ``g`` (the signed-in user, the CSRF token) between the two browsers."""

    def __init__(self, app):
        super().__init__(app.test_client())
        self.app = app

    def get(self, url, **kwargs):
        with self.app.app_context():
            return super().get(url, **kwargs)

    def submit(self, url, data=None, **kwargs):
        with self.app.app_context():
            return super().submit(url, data, **kwargs)


def sign_in_page(app, email, password):
    """What a separate browser sees after trying to sign in."""
    return OwnBrowser(app).submit("/sign-in", {"email": email, "password": password})


def test_list_shows_each_user_with_role_and_status(admin, make):
    make.user(role="viewer", email="reader@asean.example", name="Siti Rahman", is_active=False)
    page = admin.get("/users/").get_data(as_text=True)
    assert "<title>Users – Partnership tracker" in page
    assert "2 users" in page
    assert "Siti Rahman" in page and "reader@asean.example" in page and "Viewer" in page
    assert "Deactivated" in page and "Active" in page
    assert "Admin User" in page and "(you)" in page


def test_add_a_user_who_can_then_sign_in(admin, app):
    form = admin.get("/users/new").get_data(as_text=True)
    assert "At least 12 characters, not a common password and not their name or email address" in form
    response = admin.submit("/users/new", {
        "email": " Siti.Rahman@ASEAN.example ", "name": "Siti Rahman", "role": "editor",
        "password": NEW_PASSWORD,
    })
    assert "User added: Siti Rahman (siti.rahman@asean.example), editor" in response.get_data(as_text=True)
    siti = users()["siti.rahman@asean.example"]
    assert (siti.name, siti.role, siti.is_active) == ("Siti Rahman", Role.EDITOR, True)
    assert siti.password_hash != NEW_PASSWORD
    signed_in_page = sign_in_page(app, "siti.rahman@asean.example", NEW_PASSWORD).get_data(as_text=True)
    assert "Siti Rahman" in signed_in_page


def test_empty_user_form(admin):
    page = admin.submit("/users/new", {"email": "", "name": "", "password": ""}).get_data(as_text=True)
    assert "<title>Error: Add a user – Users" in page
    for message in ("Enter an email address", "Enter the name", "Select a role", "Enter a password"):
        assert page.count(message) == 2, message
    assert 'href="#role-0"' in page
    assert list(users()) == ["admin@asean.example"]


def test_bad_user_values(admin):
    page = admin.submit("/users/new", {
        "email": "siti at asean", "name": "n" * 10_000, "role": "superuser", "password": "short",
    }).get_data(as_text=True)
    for message in ("Enter an email address in the correct format, like name@example.org",
                    "Name must be 200 characters or less", "Select role from the list",
                    "Password must be 12 characters or more"):
        assert page.count(message) == 2, message
    assert 'value="siti at asean"' in page
    assert "short" not in page  # a password is never sent back
    assert list(users()) == ["admin@asean.example"]


def test_an_email_address_can_be_used_once(admin, make):
    make.user(email="siti@asean.example", name="Siti Rahman")
    page = admin.submit("/users/new", {
        "email": "SITI@asean.example", "name": "Another Siti", "role": "viewer", "password": NEW_PASSWORD,
    }).get_data(as_text=True)
    assert page.count("A user with the email address siti@asean.example already exists") == 2
    assert users()["siti@asean.example"].name == "Siti Rahman"


def test_change_name_and_role(admin, make):
    siti = make.user(role="viewer", email="siti@asean.example", name="Siti")
    form = admin.get(f"/users/{siti.id}/edit").get_data(as_text=True)
    assert "Change Siti – Users" in form and "siti@asean.example" in form
    page = edit(admin, siti, name="Siti Rahman", role="editor", is_active="y")
    assert "User saved: Siti Rahman" in page
    saved = users()["siti@asean.example"]
    assert (saved.name, saved.role, saved.is_active) == ("Siti Rahman", Role.EDITOR, True)

    page = edit(admin, siti, name="", role="editor", is_active="y")
    assert page.count("Enter the name") == 2
    assert users()["siti@asean.example"].name == "Siti Rahman"


def test_a_deactivated_user_cannot_sign_in_and_loses_their_session(admin, make, app):
    siti = make.user(role="editor", email="siti@asean.example", name="Siti Rahman")
    theirs = OwnBrowser(app)
    theirs.sign_in(siti)

    admin.submit(f"/users/{siti.id}/edit", {"name": "Siti Rahman", "role": "editor"})  # box unticked
    assert users()["siti@asean.example"].is_active is False
    assert "Deactivated" in admin.get("/users/").get_data(as_text=True)

    response = theirs.get("/people/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/sign-in")
    page = sign_in_page(app, "siti@asean.example", PASSWORD).get_data(as_text=True)
    assert "Enter a correct email address and password" in page

    admin.submit(f"/users/{siti.id}/edit", {"name": "Siti Rahman", "role": "editor", "is_active": "y"})
    assert "Siti Rahman" in sign_in_page(app, "siti@asean.example", PASSWORD).get_data(as_text=True)


def test_an_admin_cannot_demote_or_deactivate_themselves(admin):
    me = admin.user
    page = edit(admin, me, name="Admin User", role="editor", is_active="y")
    message = "You cannot remove your own administrator role – ask another administrator to do it"
    assert page.count(message) == 2
    page = edit(admin, me, name="Admin User", role="admin")
    assert page.count("You cannot deactivate your own account – ask another administrator to do it") == 2
    saved = users()["admin@asean.example"]
    assert (saved.role, saved.is_active) == (Role.ADMIN, True)
    # Their own name can still change.
    admin.submit(f"/users/{me.id}/edit", {"name": "Head of Desk", "role": "admin", "is_active": "y"})
    assert users()["admin@asean.example"].name == "Head of Desk"


def test_another_admin_can_be_demoted(admin, make):
    other = make.user(role="admin", email="second@asean.example", name="Second Admin")
    admin.submit(f"/users/{other.id}/edit", {"name": "Second Admin", "role": "viewer", "is_active": "y"})
    assert users()["second@asean.example"].role == Role.VIEWER


def test_missing_user_is_a_404(admin):
    assert admin.get("/users/999999/edit").status_code == 404


@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_only_admins_manage_users(as_role, make, role):
    siti = make.user(role="viewer", email="siti@asean.example", name="Siti")
    browser = as_role(role)
    assert "/users/" not in browser.get("/people/").get_data(as_text=True)  # no link in the menu
    for url in ("/users/", "/users/new", f"/users/{siti.id}/edit"):
        assert browser.get(url).status_code == 403, url
    response = browser.submit(f"/users/{siti.id}/edit", {"name": "Changed", "role": "admin"}, page="/people/")
    assert response.status_code == 403
    assert users()["siti@asean.example"].role == Role.VIEWER
