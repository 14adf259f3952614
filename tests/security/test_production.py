"""Production refuses to start with settings that would expose or corrupt the desk's records, and says what to do."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from app import create_app, instance_secret_key
from app.auth.demo import DEMO_ADMIN_EMAIL
from app.extensions import db
from app.models import User
from app.security import StartupRefused, check_database_is_current, check_ready_to_serve

ROOT = Path(__file__).resolve().parents[2]
#: As `secrets.token_hex(32)` makes one.
SECRET = "9f3c1e7a52b8d046e1a9c3f75d20b8e4c6a1f93e05d7b2c8a4e6f0d9b3c5a718"
FIRST_REVISION = "30640b39954d"


def production(database: Path, **settings):
    return create_app("production", SQLALCHEMY_DATABASE_URI=f"sqlite:///{database}", **{"SECRET_KEY": SECRET,
                                                                                         **settings})


@pytest.fixture
def database(tmp_path):
    return tmp_path / "tracker.sqlite"


def migrated(app, revision="head"):
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"), revision=revision)
        db.engine.dispose()
    return app


@pytest.mark.parametrize("secret", [
    None, "", "testing-secret-key", "short-but-not-default",
    "a" * 32,  # long enough, one character
    "0123456789abcdef" * 4,  # 64 characters, a 16-character string four times
    "development-only-secret-key-1234",  # 32 characters of words: about 124 bits by its spread of letters
])
def test_production_refuses_a_known_weak_or_made_up_secret(database, secret):
    with pytest.raises(RuntimeError) as refusal:
        production(database, SECRET_KEY=secret)
    message = str(refusal.value)
    assert message.startswith("SECRET_KEY is unset, a known value, shorter than 32 characters or not random: set it")
    assert "secrets.token_hex(32)" in message and "\n" not in message


def test_production_refuses_debug_mode(database):
    with pytest.raises(RuntimeError) as refusal:
        production(database, DEBUG=True)
    assert str(refusal.value) == "Debug mode is on in production: unset FLASK_DEBUG (or set it to 0) and start again."


def test_production_reads_flask_debug_from_the_environment():
    """FLASK_DEBUG=1 would switch on the interactive debugger under `flask run`: it is refused, not ignored."""
    script = "import config; print(config.ProductionConfig.DEBUG)"
    for value, expected in [("1", "True"), ("0", "False")]:
        done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True,
                              env={**os.environ, "FLASK_DEBUG": value})
        assert done.stdout.strip() == expected


def test_production_refuses_a_database_whose_migrations_are_behind(database):
    app = migrated(production(database), FIRST_REVISION)
    with pytest.raises(StartupRefused) as refusal:
        check_ready_to_serve(app)
    message = str(refusal.value)
    assert message.startswith(f"The database schema is behind (at {FIRST_REVISION}, this version needs ")
    assert message.endswith("run `flask db upgrade` with the same settings, then start again.")
    assert "\n" not in message


def test_production_refuses_an_empty_database(database):
    with pytest.raises(StartupRefused, match=r"behind \(at no revision, .*run `flask db upgrade`"):
        check_ready_to_serve(production(database))


def test_production_refuses_a_database_from_a_newer_version(database):
    app = migrated(production(database))
    with app.app_context(), db.engine.begin() as connection:
        connection.execute(sa.text("UPDATE alembic_version SET version_num = 'f00dcafe1234'"))
    with pytest.raises(StartupRefused, match="at revision f00dcafe1234, which this version of the app does not know"):
        check_database_is_current(app)


def test_production_starts_on_an_up_to_date_database(database):
    app = migrated(production(database))
    check_ready_to_serve(app)
    response = app.test_client().get("/sign-in")
    assert response.status_code == 200
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=")
    assert {"Secure", "HttpOnly", "Path=/", "SameSite=Lax"} <= {part.strip() for part in cookie.split(";")}
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"


def test_only_production_checks_the_schema(database):
    check_ready_to_serve(create_app("development", SQLALCHEMY_DATABASE_URI=f"sqlite:///{database}"))


def test_the_serving_entry_point_refuses_with_one_line(database):
    """What gunicorn shows when it imports wsgi.py against an old database: the process stops, the reason last."""
    migrated(production(database), FIRST_REVISION)
    environment = {**os.environ, "APP_CONFIG": "production", "SECRET_KEY": SECRET, "FLASK_DEBUG": "0",
                   "DATABASE_URL": f"sqlite:///{database}"}
    done = subprocess.run([sys.executable, "-c", "import wsgi"], cwd=ROOT, env=environment, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode != 0
    last_line = done.stderr.strip().splitlines()[-1]
    assert last_line.startswith("app.security.StartupRefused: The database schema is behind")


def test_production_hashes_passwords_with_scrypt(database):
    """The test suite's users get a quick hash (TestingConfig); production's get scrypt."""
    from app.models import User

    with production(database).app_context():
        user = User()
        user.set_password("a long password 1")
        assert user.password_hash.startswith("scrypt:32768:8:1$")
        assert user.check_password("a long password 1") and not user.check_password("a long password 2")


def test_the_demo_administrator_is_never_created_in_production(database):
    app = migrated(production(database))
    result = app.test_cli_runner().invoke(args=["users", "demo-admin"])
    assert result.exit_code == 1
    assert "The demo administrator is for local demos: it is never created in production" in result.output
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0
        db.engine.dispose()


def test_production_refuses_to_start_while_the_demo_password_signs_someone_in(database):
    """A database set up with `make run` and then served in production: refused until the password is changed."""
    development = migrated(create_app("development", SQLALCHEMY_DATABASE_URI=f"sqlite:///{database}"))
    assert development.test_cli_runner().invoke(args=["users", "demo-admin"]).exit_code == 0
    app = production(database)
    with pytest.raises(StartupRefused) as refusal:
        check_ready_to_serve(app)
    assert str(refusal.value) == (
        f"The account {DEMO_ADMIN_EMAIL} still has the demo password, which is published: give it a new password "
        f"(`flask users set-password --email {DEMO_ADMIN_EMAIL}`), then start again."
    )
    new_password = "teak lantern orbit meadow"
    changed = app.test_cli_runner().invoke(args=["users", "set-password", "--email", DEMO_ADMIN_EMAIL,
                                                 "--password", new_password])
    assert changed.exit_code == 0, changed.output
    check_ready_to_serve(app)
    for each in (development, app):
        with each.app_context():
            db.engine.dispose()


def test_outside_production_an_unset_key_is_made_once_at_random_and_kept(tmp_path):
    first = instance_secret_key(str(tmp_path))
    assert len(first) == 64 and int(first, 16)  # 32 random bytes, in hex
    assert (tmp_path / "secret_key").read_text() == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600  # readable by the app's own user only
    assert instance_secret_key(str(tmp_path)) == first  # cookies signed before a restart still open after it
    assert instance_secret_key(str(tmp_path / ".." / tmp_path.name)) == first
    other = tmp_path / "another"
    other.mkdir()
    assert instance_secret_key(str(other)) != first


def test_a_development_app_signs_with_the_key_of_its_instance_folder(database):
    app = create_app("development", SQLALCHEMY_DATABASE_URI=f"sqlite:///{database}", SECRET_KEY=None)
    kept = Path(app.instance_path, "secret_key").read_text()
    assert app.config["SECRET_KEY"] == kept and len(kept) == 64
