"""A request that only reads cannot write, and leaves its connection with no transaction open: on PostgreSQL
its statements run without BEGIN or ROLLBACK, so the statements psycopg prepared are kept for the next page. A
request that saves runs in one transaction and ends with its commit."""

from datetime import date

import pytest
import sqlalchemy as sa

from app import create_app
from app.database import WriteWhileReading
from app.extensions import db
from app.models import Organisation
from tests.conftest import csrf_token, listening
from tests.plans.helpers import date_fields


def test_a_get_that_tries_to_write_is_refused_and_writes_nothing(app, make):
    with app.test_request_context("/partnerships/", method="GET"):
        app.preprocess_request()
        db.session.add(Organisation(name="Written by a GET", short_name="GET", kind="other"))
        with pytest.raises(WriteWhileReading, match="GET /partnerships/ tried to write: INSERT"):
            db.session.flush()
        db.session.rollback()
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Organisation)) == 0


def test_a_post_still_writes_in_one_transaction(signed_in):
    answer = signed_in.submit("/organisations/new", {"name": "Mekong Institute", "short_name": "MI", "kind": "other"},
                              follow=False)
    assert answer.status_code == 302
    with signed_in.client.application.app_context():
        assert db.session.scalar(sa.select(Organisation.name)) == "Mekong Institute"


def test_a_save_commits_once_and_reads_nothing_after_its_commit(app, signed_in, make):
    plan = make.plan(make.partnership())
    area = make.area(plan, make.pillar(plan, "Economic"), code="2.1", name="Trade")
    url = f"/areas/{area.id}/status/new"
    form = {"csrf_token": csrf_token(signed_in.get(url).get_data(as_text=True)), "status": "at_risk",
            "progress": "", "note": "Talks stalled", **date_fields("as_of", date(2025, 3, 31))}
    events = []

    def statement(_connection, _cursor, sql, *_args):
        events.append(sql.split()[0])

    with listening(app, "begin", lambda _connection: events.append("BEGIN")), \
            listening(app, "commit", lambda _connection: events.append("COMMIT")), \
            listening(app, "before_cursor_execute", statement):
        answer = signed_in.client.post(url, data=form)
    assert answer.status_code == 302 and answer.headers["Location"].startswith(f"/areas/{area.id}")
    # The message and the address were taken before the commit: reading the area again after it would take a
    # second transaction (and, on PostgreSQL, its rollback would drop the connection's prepared statements).
    assert events.count("BEGIN") == 1 and events[-1] == "COMMIT"
    # The status update, its audit entry, and the data version moved on as the save commits.
    assert events.count("INSERT") == 3
    assert "Status recorded for 2.1 Trade" in signed_in.get(answer.headers["Location"]).get_data(as_text=True)


def statements_of(app, fetch) -> list[tuple[object, str, bool]]:
    """(driver connection, SQL, whether it ran inside a transaction) for each statement ``fetch()`` ran."""
    seen = []

    def record(connection, cursor, statement, _parameters, _context, _many):
        seen.append((cursor.connection, statement, in_transaction(connection)))

    with listening(app, "before_cursor_execute", record):
        fetch()
    return seen


def in_transaction(connection) -> bool:
    driver = connection.connection.dbapi_connection
    if connection.dialect.name == "postgresql":
        return not driver.autocommit
    return driver.in_transaction


def test_a_page_that_reads_opens_no_transaction_and_keeps_its_prepared_statements(app, signed_in, make):
    partnership = make.partnership()
    page = f"/partnerships/{partnership.slug}"
    with app.app_context():
        db.engine.dispose()  # one request at a time from here: every page runs on the same, single connection
    for _ in range(7):  # psycopg prepares a statement the sixth time it runs on a connection
        assert signed_in.get(page).status_code == 200
    seen = statements_of(app, lambda: signed_in.get(page))

    assert len(seen) >= 3, "the signed-in user, the partnership and its plans at least"
    assert not [sql for _driver, sql, inside in seen if inside], "statements of the page ran inside a transaction"
    drivers = {id(driver) for driver, _sql, _inside in seen}
    assert len(drivers) == 1
    driver = seen[0][0]
    if app.extensions["sqlalchemy"].engine.dialect.name == "postgresql":
        # The connection is back in the pool, idle: ask the server what it keeps prepared for it.
        prepared = driver.execute("SELECT count(*) FROM pg_prepared_statements").fetchone()[0]
        driver.rollback()  # as the pool left it; a rollback does not drop what is prepared on the server
        assert prepared >= len({sql for _driver, sql, _inside in seen})
    else:
        assert not driver.in_transaction


def test_the_health_check_takes_no_database_connection(app, client):
    checkouts = []

    def record(*_args):
        checkouts.append(1)

    with listening(app, "checkout", record):
        answer = client.get("/health")
    assert answer.status_code == 200
    assert checkouts == []


@pytest.mark.parametrize("setting, threshold", [(True, 5), (False, None)])
def test_prepared_statements_can_be_switched_off_for_a_transaction_pooler(app, setting, threshold):
    configured = create_app("testing", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
                            DATABASE_PREPARED_STATEMENTS=setting)
    with configured.app_context():
        engine = db.engine
        try:
            assert configured.test_client().get("/health").status_code == 200
            with engine.connect() as connection:
                assert connection.scalar(sa.text("SELECT 1")) == 1
                driver = connection.connection.dbapi_connection
                if engine.dialect.name == "postgresql":
                    assert driver.prepare_threshold == threshold  # psycopg's default is 5
                else:
                    assert not hasattr(driver, "prepare_threshold")  # SQLite's driver prepares nothing to keep
        finally:
            engine.dispose()


def test_every_connection_carries_the_settings_the_app_needs(app, make):
    """PostgreSQL: a search for a short word took over a second, most of it spent compiling the statement to
    machine code and starting helper processes for parts of it that were then skipped. SQLite: foreign keys are
    off unless each connection turns them on."""
    with app.test_request_context("/search", method="GET"):
        if db.engine.dialect.name == "postgresql":
            settings = tuple(db.session.execute(sa.text(
                "SELECT current_setting('jit'), current_setting('max_parallel_workers_per_gather')")).one())
            assert settings == ("off", "0")
        else:
            assert db.session.scalar(sa.text("PRAGMA foreign_keys")) == 1
