"""Fixtures shared by every test.

The suite runs against SQLite by default and against PostgreSQL when ``TEST_DATABASE_URL`` names one
(``make test`` runs both). The schema is built once per run by the real migrations; each test starts from
empty tables, and requests commit for real, as they do in production.
"""

import os
import re
import tempfile
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import has_app_context
from flask.testing import FlaskClient
from flask_migrate import upgrade

from app import create_app
from app.auth.limits import reset_limits
from app.common.collector import end_unsent_pauses
from app.common.unchanged import forget_everything
from app.extensions import db
from app.models.rules import APPEND_ONLY_TRIGGERS, history_opened, rules_suspended, suspension_statements
from tests import factories
from tests.translations import compiled_catalogues

IN_CI = os.environ.get("CI", "").lower() == "true"
# The test database is thrown away after the run, so a commit need not wait for PostgreSQL to flush its log to disk:
# the suite commits tens of thousands of times, and that wait was most of the PostgreSQL run. Set for every
# connection libpq opens, the suite's own and those of the commands it starts (pg_dump, flask).
os.environ.setdefault("PGOPTIONS", "-c synchronous_commit=off")


def database_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url.replace("postgresql://", "postgresql+psycopg://", 1) if url.startswith("postgresql://") else url
    return f"sqlite:///{Path(tempfile.mkdtemp(prefix='tracker-test-')) / 'test.sqlite'}"


def reset_postgres(url: str) -> None:
    engine = sa.create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(sa.text("DROP SCHEMA public CASCADE"))
            connection.execute(sa.text("CREATE SCHEMA public"))
    except sa.exc.OperationalError as error:
        message = f"PostgreSQL is not reachable at {url} (start it, or unset TEST_DATABASE_URL): {error.orig}"
        if IN_CI:
            pytest.exit(message, returncode=1)
        pytest.skip(message, allow_module_level=True)
    finally:
        engine.dispose()


@contextmanager
def database_beside_the_tests(suffix: str):
    """A new, empty PostgreSQL database named after the test database with ``suffix``; its URL, dropped after."""
    base = sa.engine.make_url(database_url())
    name = f"{base.database}_{suffix}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


class IsolatedClient(FlaskClient):
    """A test client whose every request runs in an application context of its own.

    Without this, a request made while a test holds an app context (to create or check data) shares that
    context's ``g`` and database session: the signed-in user and CSRF token would leak between requests, and
    the per-request transaction that production relies on would go untested.
    """

    forget_kept_figures = True

    def open(self, *args, **kwargs):
        outer = has_app_context()
        if outer:
            db.session.commit()  # what the test set up is visible to the request
        if self.forget_kept_figures:
            # Tests empty the tables under the running process, data version included, so a figure kept in an
            # earlier test could match a version again (tests/test_kept_figures.py tests the keeping, with this off).
            forget_everything()
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        if outer:
            db.session.expire_all()  # and what the request changed is visible to the test
        return response


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    url = database_url()
    if url.startswith("postgresql"):
        reset_postgres(url)
    # The committed catalogues, compiled here: `make` compiles them for the app, but a test run alone may come first.
    translations = compiled_catalogues(tmp_path_factory.mktemp("translations"))
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=url, BABEL_TRANSLATION_DIRECTORIES=str(translations))
    app.test_client_class = IsolatedClient
    with app.app_context():
        upgrade()
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(autouse=True)
def clean_tables(request, app):
    """Empty every table after each test, children before parents."""
    yield
    empty_tables(app)
    # The test client leaves a response open unless told to close it, as a server always does: a report page's
    # pause of the collector (app.common.collector) ends here, not in the next test's first request.
    end_unsent_pauses()


@pytest.fixture(autouse=True)
def fresh_sign_in_limits(app):
    """Failed sign-ins counted in one test do not lock out the next (every test client has one address)."""
    yield
    reset_limits(app)


def empty_tables(app) -> None:
    forget_everything()
    with app.app_context():
        db.session.remove()
        # The status history, events and audit log refuse DELETE: lifted for the cleanup alone.
        with db.engine.begin() as connection:
            statements = emptying_statements(connection.dialect)
            if connection.dialect.name == "postgresql":
                # Every test pays for this: one round trip to the server for the lot, not one a statement.
                lift, restore = history_lifted(connection)
                connection.exec_driver_sql(";\n".join([*lift, *statements, *restore]))
            else:
                with history_opened(connection):
                    for statement in statements:
                        connection.exec_driver_sql(statement)


def history_lifted(connection: sa.Connection) -> tuple[list[str], list[str]]:
    """The statements that lift the append-only tables' triggers on PostgreSQL for the cleanup, and those that put
    them back. A superuser (as `make test` connects) sets every trigger aside for its own transaction alone; anyone
    else turns the triggers off and on again: DDL, which also has every connection plan its statements on those
    tables afresh in the next test."""
    if is_superuser(connection):
        return ["SET LOCAL session_replication_role = replica"], []
    return suspension_statements(connection, APPEND_ONLY_TRIGGERS)


def is_superuser(connection: sa.Connection) -> bool:
    """Asked once on each pooled connection, and kept with it."""
    if "is_superuser" not in connection.info:
        connection.info["is_superuser"] = bool(connection.scalar(
            sa.text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")))
    return bool(connection.info["is_superuser"])


@cache
def emptying_statements(dialect: sa.Dialect) -> list[str]:
    """The statements that empty every table, in order, as ``dialect`` writes them."""
    def sql(statement) -> str:
        return str(statement.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))

    tables = db.metadata.sorted_tables
    # A row pointing at a row of its own table (a plan superseding another) blocks a one-statement delete under
    # ON DELETE RESTRICT on SQLite, so those links go first, children's before parents' (a carried area's link goes
    # before its plan's to the plan it supersedes, which the schema keeps while the plan holds carried records);
    # then children before parents.
    unlinks = [sql(table.update().values({column.name: None})) for table in reversed(tables) for column in table.columns
               if any(key.column.table is table for key in column.foreign_keys)]
    return unlinks + [sql(table.delete()) for table in reversed(tables)]


@pytest.fixture
def app_context(app):
    with app.app_context():
        yield
        db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make(app_context):
    """Factories for test data: ``make.partnership(slug="asean-norway")``; each commits what it makes."""
    return factories


CSRF_PATTERN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def csrf_token(html: str) -> str:
    match = CSRF_PATTERN.search(html)
    assert match, "the page has no CSRF token"
    return match.group(1)


class FormFiller:
    """Drives the test client the way a person uses a form: open the page, fill it in, submit it."""

    def __init__(self, client):
        self.client = client

    def get(self, url, **kwargs):
        return self.client.get(url, **kwargs)

    def submit(self, url, data=None, *, page=None, follow=True):
        """GET ``page`` (default ``url``) for its CSRF token, then POST ``data`` to ``url``."""
        form_page = self.client.get(page or url)
        payload = {"csrf_token": csrf_token(form_page.get_data(as_text=True)), **(data or {})}
        return self.client.post(url, data=payload, follow_redirects=follow)

    def sign_in(self, user, password=factories.PASSWORD):
        # The page signing in leads to is not opened: tests/auth checks where it leads, and every other test opens
        # the page it is about (the home page would add a dozen queries to each of them).
        response = self.submit("/sign-in", {"email": user.email, "password": password}, follow=False)
        assert response.status_code == 302, f"signing in as {user.email} was refused"
        return response


@pytest.fixture
def visitor(client):
    """The test client used like a person at a browser (the name ``browser`` belongs to Playwright)."""
    return FormFiller(client)


def sign_in_the_officer(visitor: FormFiller, make=factories) -> FormFiller:
    """``visitor`` signed in as an editor, the usual desk officer."""
    user = make.user(role="editor", email="officer@asean.example", name="Desk Officer")
    visitor.sign_in(user)
    visitor.user = user
    return visitor


@pytest.fixture
def signed_in(visitor, make):
    """A visitor signed in as an editor, the usual desk officer."""
    return sign_in_the_officer(visitor, make)


@contextmanager
def made_once(app):
    """For a module- or session-scoped fixture that makes its data once for many tests: inside the block (an app
    context) ``factories`` commit rows and ``officer_signed_in`` requests pages; on the way out the tables are
    emptied, so the fixture keeps only what it read (a document's bytes, a copy of the rows) and each test still
    starts from empty tables. Wider-scoped fixtures are set up before a test's own, so the rows never meet a test's."""
    try:
        with app.app_context():
            yield
            db.session.remove()
    finally:
        empty_tables(app)


def officer_signed_in(app) -> FormFiller:
    return sign_in_the_officer(FormFiller(app.test_client()))


def copy_of_the_tables() -> dict[sa.Table, list[dict]]:
    """Every row of every table, parents before children and each table's rows in key order, for ``put_back``."""
    return {table: [dict(row) for row in db.session.execute(
        sa.select(table).order_by(*table.primary_key.columns)).mappings()] for table in db.metadata.sorted_tables}


def put_back(rows: dict[sa.Table, list[dict]]) -> None:
    """The rows of ``copy_of_the_tables`` written again into the empty tables, as they were: the rules that fill or
    refuse rows are lifted meanwhile, and the keys and references kept."""
    with db.engine.begin() as connection, rules_suspended(connection):
        for table, table_rows in rows.items():
            if table_rows:
                connection.execute(table.insert(), table_rows)


@pytest.fixture
def as_role(visitor, make):
    def sign_in_as(role: str):
        user = make.user(role=role, email=f"{role}@asean.example", name=f"{role.title()} User")
        visitor.sign_in(user)
        visitor.user = user
        return visitor

    return sign_in_as


@contextmanager
def listening(app, identifier: str, listener):
    """``listener`` hears the app's engine event ``identifier`` (a statement, a checkout) inside the block."""
    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, identifier, listener)
    try:
        yield
    finally:
        sa.event.remove(engine, identifier, listener)


@pytest.fixture
def count_queries(app):
    """``with count_queries() as statements: ...`` lists the SQL statements run inside the block."""

    @contextmanager
    def counting():
        statements: list[str] = []

        def record(_connection, _cursor, statement, *_args):
            statements.append(statement)

        with listening(app, "before_cursor_execute", record):
            yield statements

    return counting


def pytest_sessionfinish(session, exitstatus):
    """In CI every test must run: a skip (a missing browser, database or library) fails the run."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if IN_CI and skipped and exitstatus == 0:
        reporter.write_line(f"CI=true: {skipped} test(s) were skipped; install what they need (see the skip reasons).")
        session.exitstatus = 1


@contextmanager
def search_index_paused():
    """Inside the block, flushes leave the search index alone: for a test of what a save itself reads and writes
    (the index, kept in step in the same flush, reads what it indexes)."""
    from sqlalchemy.orm import Session

    from app.search.index import keep_in_step

    sa.event.remove(Session, "after_flush", keep_in_step)
    try:
        yield
    finally:
        sa.event.listen(Session, "after_flush", keep_in_step)
