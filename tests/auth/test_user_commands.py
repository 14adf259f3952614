"""``flask users create`` and ``flask users demo-admin``."""

from app.auth.demo import DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD
from app.extensions import db
from app.models import Role, User

PASSWORD = "a long enough password"


def all_users(app) -> dict[str, tuple]:
    with app.app_context():
        return {u.email: (u.name, u.role, u.is_active, u.check_password(PASSWORD))
                for u in db.session.scalars(db.select(User))}


def create(runner, *extra, email="Siti.Rahman@ASEAN.example", input=None):
    return runner.invoke(args=["users", "create", "--email", email, "--name", "Siti Rahman", *extra], input=input)


def test_create_a_user(app):
    result = create(app.test_cli_runner(), "--role", "editor", "--password", PASSWORD)
    assert result.exit_code == 0, result.output
    assert "Created editor siti.rahman@asean.example" in result.output
    assert all_users(app) == {"siti.rahman@asean.example": ("Siti Rahman", Role.EDITOR, True, True)}


def test_the_password_can_be_typed_at_a_prompt(app):
    result = create(app.test_cli_runner(), input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert all_users(app) == {"siti.rahman@asean.example": ("Siti Rahman", Role.VIEWER, True, True)}


def test_a_duplicate_email_is_a_clear_error(app):
    runner = app.test_cli_runner()
    assert create(runner, "--password", PASSWORD).exit_code == 0
    again = create(runner, "--role", "admin", "--password", PASSWORD, email="siti.rahman@asean.example")
    assert again.exit_code != 0
    assert "A user with the email address siti.rahman@asean.example already exists" in again.output
    assert "Traceback" not in again.output
    assert all_users(app)["siti.rahman@asean.example"][1] == Role.VIEWER


def test_a_short_password_or_unknown_role_is_refused(app):
    runner = app.test_cli_runner()
    short = create(runner, "--password", "short")
    assert short.exit_code != 0 and "Password must be 12 characters or more" in short.output
    role = create(runner, "--role", "owner", "--password", PASSWORD)
    assert role.exit_code != 0 and "'owner' is not one of 'viewer', 'editor', 'admin'" in role.output
    assert all_users(app) == {}


def test_demo_admin_is_idempotent(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["users", "demo-admin"])
    second = runner.invoke(args=["users", "demo-admin"])
    for result in (first, second):
        assert result.exit_code == 0, result.output
        assert f"sign in as {DEMO_ADMIN_EMAIL} with the password {DEMO_ADMIN_PASSWORD}" in result.output
    with app.app_context():
        [admin] = db.session.scalars(db.select(User)).all()
        assert (admin.email, admin.role, admin.is_active) == (DEMO_ADMIN_EMAIL, Role.ADMIN, True)
        assert admin.check_password(DEMO_ADMIN_PASSWORD)
