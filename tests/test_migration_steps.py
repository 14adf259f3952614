"""Stepping down and up again on the demo data, the way a person runs it (``flask db downgrade`` / ``upgrade``):
every row both revisions can hold is kept, and a step that would delete rows names them and stops unless told to
go ahead with ``-x allow-data-loss=yes``.

One demo load per run, walked down and up by a single test: loading it again for each step would cost more than
the steps themselves.
"""

import re
import sqlite3
from contextlib import ExitStack, closing
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory

from app import create_app
from app.extensions import db
from app.models import FollowUpAction, Meeting, StatusUpdate
from app.search.schema import FTS_TABLES
from tests.conftest import FormFiller, database_beside_the_tests, database_url

GO_AHEAD = ("-x", "allow-data-loss=yes")
MIGRATIONS = ScriptDirectory(str(Path(__file__).resolve().parents[1] / "migrations"))
#: Oldest first: the revision each step goes down from (and back up to).
STEPS = [script.revision for script in MIGRATIONS.walk_revisions()][::-1]
#: The step from here down to below the audit log, 693a868c9990, is three steps that lose nothing, then that one.
ABOVE_THE_AUDIT_LOG = "7266de7d1110"
#: Tables made from the records by ``app.search.index.rebuild``: their rows are never the records themselves.
SEARCH_TABLES = {"search_entries"} | FTS_TABLES


#: What the calls are named after who met whom.
CALLS_NAMED = "SELECT named_after_participants FROM meetings WHERE type = 'courtesy_call' ORDER BY id"


@pytest.fixture(scope="module")
def demo_app():
    """The demo data and the demo administrator, signed in once, in a database of its own."""
    with ExitStack() as stack:
        url = database_url()
        if url.startswith("postgresql"):
            url = stack.enter_context(database_beside_the_tests("steps"))
        app = load_demo(url)
        yield app
        with app.app_context():
            db.engine.dispose()


def load_demo(url):
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=url)
    for command in (("db", "upgrade"), ("seed", "demo"), ("users", "demo-admin")):
        assert flask(app, *command).exit_code == 0
    # Signing in leaves a session row, the one thing the newest revision holds that the demo load does not make.
    signed_in = FormFiller(app.test_client()).submit(
        "/sign-in", {"email": "admin@tracker.example", "password": "demo-admin-password"})
    assert signed_in.status_code == 200
    restrict_and_correct(app)
    return app


def restrict_and_correct(app):
    """One restricted meeting and one restricted correction of a status update, which the demo has none of: the
    step below 693a868c9990 would show them to everyone and forget which update was corrected."""
    with app.app_context():
        db.session.scalars(sa.select(Meeting).order_by(Meeting.id).limit(1)).one().is_restricted = True
        corrected = db.session.scalars(sa.select(StatusUpdate).order_by(StatusUpdate.id).limit(1)).one()
        db.session.add(StatusUpdate(
            area_id=corrected.area_id, action_line_id=corrected.action_line_id, status=corrected.status,
            progress=corrected.progress, note="Corrected: the figure was for the previous quarter",
            as_of=corrected.as_of, author_id=corrected.author_id, is_restricted=True, corrects_id=corrected.id))
        db.session.commit()
        db.session.remove()


def flask(app, *args):
    return app.test_cli_runner().invoke(args=list(args))


def read(app, query):
    with app.app_context(), db.engine.connect() as connection:
        return connection.execute(sa.text(query)).all()


def row_counts(app) -> dict[str, int]:
    """Rows in each table of the current revision."""
    with app.app_context(), db.engine.connect() as connection:
        tables = set(sa.inspect(connection).get_table_names()) - {"alembic_version"}
        return {table: connection.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one() for table in tables}


def columns(app) -> set[str]:
    with app.app_context(), db.engine.connect() as connection:
        inspector = sa.inspect(connection)
        return {f"{table}.{column['name']}" for table in inspector.get_table_names()
                for column in inspector.get_columns(table)}


def index_names(app) -> set[str]:
    with app.app_context(), db.engine.connect() as connection:
        inspector = sa.inspect(connection)
        return {index["name"] for table in inspector.get_table_names() for index in inspector.get_indexes(table)}


def revision(app) -> str:
    rows = read(app, "SELECT version_num FROM alembic_version")
    return rows[0][0] if rows else "base"


def dates_set_by_hand(app) -> int:
    """Follow-ups agreed on another day than their meeting's, or without a meeting the day they were recorded:
    the step below 62d698bae81b forgets when they were agreed, and stepping up again cannot work it out."""
    with app.app_context():
        follow_ups = db.session.scalars(sa.select(FollowUpAction)).all()
        moved = sum(1 for follow_up in follow_ups if follow_up.opened_on != (
            (follow_up.meeting and follow_up.meeting.held_on) or follow_up.created_at.date()))
        db.session.remove()
        return moved


def names(refusal: str | None, count: int, place: str) -> bool:
    """Whether ``refusal`` says ``count`` rows of ``place`` (a table, or table.column) would be deleted."""
    pattern = rf"\b{count:,} rows? of {re.escape(place)}(?!\w|\.\w)"
    return refusal is not None and re.search(pattern, refusal) is not None


def assert_unchanged(app, at_revision, counts):
    assert revision(app) == at_revision
    assert row_counts(app) == counts
    assert_no_copies_left(app)


def assert_no_copies_left(app):
    assert [table for table in row_counts(app) if table.startswith("_alembic_tmp_")] == []


def step_down(app, step, unasked):
    """Step down from ``step`` to the revision below; a refusal must change nothing, and then the step goes ahead.

    Tables with rows dropped without asking go in ``unasked``: stepping up again must bring those rows back.
    """
    below = MIGRATIONS.get_revision(step).down_revision or "base"
    counts, columns_before = row_counts(app), columns(app)
    refused = flask(app, "db", "downgrade", below)
    refusal = refused.output if refused.exit_code else None
    if refusal:
        assert refused.exit_code == 1
        assert f"Stepping down below {step} would delete" in refusal
        assert "-x allow-data-loss=yes" in refusal
        assert_unchanged(app, step, counts)
        assert flask(app, "db", "downgrade", *GO_AHEAD, below).exit_code == 0
    assert revision(app) == below
    assert_no_copies_left(app)
    after = row_counts(app)
    # FTS5's own tables hold its index in pages, as many as the way it was last built made.
    kept = {table: count for table, count in counts.items() if table in after and table not in FTS_TABLES}
    assert {table: after[table] for table in kept} == kept, "rows lost from a kept table"
    dropped_with_rows = {table: count for table, count in counts.items() if count and table not in after}
    if not refusal:
        unasked.update(dropped_with_rows)
    else:
        for table, count in dropped_with_rows.items():
            assert names(refusal, count, table)
        # A refusal with no table of rows dropped names a dropped column that holds something.
        dropped_columns = columns_before - columns(app)
        assert dropped_with_rows or any(f" of {column}" in refusal for column in dropped_columns)
    return refusal


def test_stepping_down_to_the_first_revision_and_up_again_keeps_every_row_both_revisions_hold(demo_app):
    app = demo_app
    at_head = row_counts(app)
    audit_entries, sessions, moved_dates = at_head["audit_entries"], at_head["user_sessions"], dates_set_by_hand(app)
    calls_named = read(app, CALLS_NAMED)
    assert ("Courtesy call by Ameer Khurram Rathore on the Deputy Secretary-General of ASEAN for the ASEAN "
            "Political-Security Community",) in calls_named
    # Every save of the demo load is in the audit log, and the demo has follow-ups agreed on another day than
    # their meeting's or their loading: both make a step refuse.
    assert audit_entries > 0 and sessions == 1 and moved_dates > 0

    above = STEPS.index(ABOVE_THE_AUDIT_LOG)
    unasked = {}
    refusals = {step: step_down(app, step, unasked) for step in STEPS[:above:-1]}

    # The case: several steps at once, to below the audit log. The run is one transaction, so the
    # refusal at its last step undoes the steps before it: the indexes they dropped are still there.
    counts, indexes = row_counts(app), index_names(app)
    refused = flask(app, "db", "downgrade", "62d698bae81b")
    assert refused.exit_code == 1
    assert names(refused.output, audit_entries, "audit_entries")
    assert_unchanged(app, ABOVE_THE_AUDIT_LOG, counts)
    assert index_names(app) == indexes

    refusals |= {step: step_down(app, step, unasked) for step in STEPS[above:0:-1]}

    assert set(refusals) == set(STEPS[1:])
    assert names(refusals["68b5a7e1ba3a"], 1, "user_sessions")
    below_audit_log = refusals["693a868c9990"]
    assert names(below_audit_log, audit_entries, "audit_entries")
    for place in ("status_updates.corrects_id", "status_updates.is_restricted", "meetings.is_restricted"):
        assert names(below_audit_log, 1, place)
    assert "follow_up_actions.is_restricted" not in below_audit_log  # none is restricted: nothing to lose
    assert names(refusals["62d698bae81b"], moved_dates, "follow_up_actions.opened_on")
    # Steps that only add indexes lose nothing and go without asking.
    for index_step in ("d5e3f4a7b8c9", "c4d2e3f6a7b8", "7266de7d1110", "42201549ee98"):
        assert refusals[index_step] is None

    # Below the first revision nothing is left: refused with every table named, unless told to go ahead.
    at_first = row_counts(app)
    refused = flask(app, "db", "downgrade", "base")
    assert refused.exit_code == 1
    for table, count in at_first.items():
        assert names(refused.output, count, table)
    assert_unchanged(app, STEPS[0], at_first)

    for step in STEPS[1:]:
        before = row_counts(app)
        assert flask(app, "db", "upgrade", step).exit_code == 0
        assert revision(app) == step
        assert_no_copies_left(app)
        after = row_counts(app)
        # The search entries are made afresh by the step that numbers them in order, c6a8e0f2b4d5.
        assert {table: after[table] for table in before if table not in SEARCH_TABLES} == {
            table: count for table, count in before.items() if table not in SEARCH_TABLES}

    # Back at the head, every table the first revision has holds what it held at the head, and so does every table
    # dropped without asking (its upgrade puts its rows back).
    back_at_head = row_counts(app)
    # Search entries are made again from the records there are (fewer, after the steps told to go ahead).
    kept = (set(at_first) | set(unasked)) - SEARCH_TABLES
    assert {table: back_at_head[table] for table in kept} == {table: at_head[table] for table in kept}
    # The names of calls, dropped on the way down, are worked out again from their participants on the way up.
    assert read(app, CALLS_NAMED) == calls_named

    assert flask(app, "db", "downgrade", *GO_AHEAD, "base").exit_code == 0
    assert row_counts(app) == {}


def test_a_step_that_would_leave_rows_pointing_at_nothing_is_undone_with_its_table_copies(tmp_path):
    """On SQLite foreign keys are off while tables are rebuilt, so they are checked before the step is kept.

    A SQLite file of its own in both passes of the suite: PostgreSQL checks foreign keys row by row, so a row
    pointing at nothing cannot be there to begin with."""
    path = tmp_path / "steps.sqlite"
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=f"sqlite:///{path}")
    assert flask(app, "db", "upgrade").exit_code == 0
    # A post of a person and an organisation that are not there, as a hand edit with foreign keys off leaves it.
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("INSERT INTO positions (person_id, organisation_id, title) VALUES (404, 404, 'Envoy')")
    head = revision(app)
    columns_at_head = columns(app)

    # The step below 693a868c9990 rebuilds positions (and ten other tables) without their save counter.
    failed = flask(app, "db", "downgrade", *GO_AHEAD, "62d698bae81b")

    assert failed.exit_code == 1
    assert "positions: 1 row pointing at rows missing from organisations, people" in failed.output
    assert revision(app) == head
    assert columns(app) == columns_at_head
    assert_no_copies_left(app)
    with app.app_context():
        db.engine.dispose()
