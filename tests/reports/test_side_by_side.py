"""The report page's statements that wait for nothing run side by side on PostgreSQL, on connections of their own
beside the request's, and give the same report; elsewhere everything runs in order on one connection."""

import threading
from collections import Counter

import pytest

from app.extensions import db
from app.reports.side_by_side import side_connection, start
from tests.conftest import csrf_token, listening
from tests.reports.test_report_pages import YEAR_2025, report_url
from tests.test_reading_requests import statements_of


def on_postgresql(app) -> bool:
    return app.extensions["sqlalchemy"].engine.dialect.name == "postgresql"


def test_the_report_page_counts_beside_itself_on_postgresql_and_shows_the_same_figures(app, history, signed_in):
    url = report_url(history, **YEAR_2025)
    pages, threads = [], Counter()

    def record(_connection, _cursor, _statement, _parameters, _context, _many):
        threads[threading.current_thread().name.split("_")[0]] += 1

    with listening(app, "before_cursor_execute", record):
        seen = statements_of(app, lambda: pages.append(signed_in.get(url).get_data(as_text=True)))

    # The figures of the year worked out by hand from the history fixture, whichever connection counted them.
    assert "<strong>4 of 6 (67%)</strong> at the end" in pages[0]
    assert "3 of 6 (50%) at the start" in pages[0]
    assert not [sql for _driver, sql, inside in seen if inside], "a statement of the page ran in a transaction"
    if on_postgresql(app):
        # Ten statements on the report's own threads: the follow-ups counted and open, the meetings held (two: with
        # the areas each discussed) and counted, the chases, the activities, each area's changes, meetings and
        # follow-ups.
        assert threads["report-statements"] == 10
        assert sum(threads.values()) == len(seen)
    else:
        assert set(threads) == {threading.current_thread().name.split("_")[0]}
        assert len({id(driver) for driver, _sql, _inside in seen}) == 1


def test_a_report_issued_is_counted_on_the_connection_that_saves_it(app, history, signed_in):
    page = signed_in.get(report_url(history, **YEAR_2025)).get_data(as_text=True)
    form = {"csrf_token": csrf_token(page), "plan": history.id, "way_forward": "Hold the 9th JSCC in 2026.",
            **YEAR_2025}
    answers = []
    seen = statements_of(app, lambda: answers.append(
        signed_in.client.post("/partnerships/asean-pakistan/reports/issue", data=form)))

    assert answers[0].status_code == 302, "the report was not issued"
    assert any(sql.startswith("INSERT INTO issued_reports") for _driver, sql, _inside in seen)
    # Counted in the transaction that saves it, so what it saves is what it counted.
    assert len({id(driver) for driver, _sql, _inside in seen}) == 1


def test_work_outside_a_reading_request_is_done_at_once_on_the_session(app):
    with app.app_context():
        assert start(side_connection).result() is None
    with app.test_request_context("/partnerships/", method="POST"):
        assert start(side_connection).result() is None


def test_work_in_a_reading_request_runs_on_a_connection_of_its_own_on_postgresql(app):
    with app.test_request_context("/partnerships/", method="GET"):
        given = start(side_connection).result()
        if on_postgresql(app):
            assert given is not None and given is not db.session.connection()
            assert given.closed  # back in the pool once the work was done
        else:
            assert given is None
        # Work handed over does not hand work over again: what it starts runs on the connection it was given.
        assert start(lambda: start(side_connection).result() is side_connection()).result()


def test_a_request_does_its_work_itself_when_the_pool_is_nearly_all_taken(app):
    with app.app_context():
        engine = db.engine
    held = []
    try:
        with app.test_request_context("/partnerships/", method="GET"):
            db.session.connection()  # the request's own
            # Taken by other requests: fewer free than the two connections the work would take beside this one.
            while engine.pool.checkedout() + 1 < engine.pool.size():
                held.append(engine.connect())
            assert start(side_connection).result() is None
            held.pop().close()
            if on_postgresql(app):
                assert start(side_connection).result() is not None
    finally:
        for connection in held:
            connection.close()


def test_what_goes_wrong_beside_the_request_reaches_it(app):
    def fails() -> None:
        raise LookupError("no such window")

    with app.test_request_context("/partnerships/", method="GET"), pytest.raises(LookupError, match="no such window"):
        start(fails).result()
