"""A new password is at least 12 characters, not a common or guessable one, and not the person's own email address
or name: wherever it is chosen (adding a user, your account, an administrator's reset, the command line)."""

import pytest
import sqlalchemy as sa

from app.auth.demo import DEMO_ADMIN_PASSWORD
from app.extensions import db
from app.models import User
from tests import factories

GOOD = "teak lantern orbit meadow"
SHORT = "Password must be 12 characters or more"
COMMON = "This is one of the most common passwords"
PERSONAL = "Password must not contain your email address or name"
GUESSABLE = "This password is easy to guess"


def new_user(admin, password):
    return admin.submit("/users/new", {"email": "siti.rahman@asean.example", "name": "Siti Rahman", "role": "editor",
                                       "password": password}).get_data(as_text=True)


@pytest.mark.parametrize(("password", "why"), [
    ("aaaaaaaaaa", SHORT), ("password12", SHORT), ("1234567890", SHORT), (" " * 10, SHORT),
    ("password1234", COMMON), ("baseball2020", GUESSABLE),  # a common word with a year stuck on
    ("aaaaaaaaaaaa", GUESSABLE), ("123456789012", GUESSABLE), ("abcdefghijkl", GUESSABLE),
    ("qwertyuiop[]", GUESSABLE),  # a keyboard row
    ("siti.rahman 2024 tea", PERSONAL), ("my name is Rahman!", PERSONAL),
    (DEMO_ADMIN_PASSWORD, COMMON),  # published with the code
])
def test_adding_a_user_refuses_a_weak_password_beside_the_field(as_role, password, why):
    page = new_user(as_role("admin"), password)
    assert "<title>Error: Add a user" in page
    assert page.count(why) == 2  # the error summary and the field
    assert 'value="siti.rahman@asean.example"' in page  # what was typed is kept
    assert db.session.scalar(sa.select(User.id).where(User.email == "siti.rahman@asean.example")) is None


def test_a_long_unusual_password_is_accepted(as_role):
    assert "User added: Siti Rahman" in new_user(as_role("admin"), GOOD)


def test_your_account_refuses_a_weak_new_password(signed_in):
    page = signed_in.submit("/account", {"current_password": factories.PASSWORD, "new_password": "desk officer!!"})
    assert page.get_data(as_text=True).count(PERSONAL) == 2
    db.session.expire_all()
    assert signed_in.user.check_password(factories.PASSWORD)


def test_an_administrator_sets_a_new_password_for_someone(as_role, make):
    siti = make.user(role="viewer", email="siti@asean.example", name="Siti Rahman")
    admin = as_role("admin")
    refused = admin.submit(f"/users/{siti.id}/password", {"new_password": "password1234"}).get_data(as_text=True)
    assert refused.count(COMMON) == 2
    page = admin.submit(f"/users/{siti.id}/password", {"new_password": GOOD}).get_data(as_text=True)
    assert "New password set for Siti Rahman: they have been signed out everywhere" in page
    db.session.expire_all()
    assert siti.check_password(GOOD)


def test_the_command_line_sets_a_password_by_the_same_rules(app, make):
    make.user(role="admin", email="head@asean.example", name="Head of Desk")
    runner = app.test_cli_runner()
    weak = runner.invoke(args=["users", "set-password", "--email", "head@asean.example", "--password", "head of desk"])
    assert weak.exit_code == 2 and PERSONAL in weak.output and "Traceback" not in weak.output
    unknown = runner.invoke(args=["users", "set-password", "--email", "nobody@asean.example", "--password", GOOD])
    assert unknown.exit_code == 2 and "No user has the email address nobody@asean.example" in unknown.output
    done = runner.invoke(args=["users", "set-password", "--email", "Head@ASEAN.example"], input=f"{GOOD}\n{GOOD}\n")
    assert done.exit_code == 0 and "New password set for head@asean.example; 0 sessions ended" in done.output
    db.session.expire_all()
    assert db.session.scalar(sa.select(User).where(User.email == "head@asean.example")).check_password(GOOD)
