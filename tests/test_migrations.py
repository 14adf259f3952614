"""The migrations build the whole schema, agree with the models, and come down cleanly, on each database."""

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from app import create_app
from app.extensions import db
from app.search.schema import FTS_TABLES, include_object
from tests.conftest import database_beside_the_tests, database_url

APPLICATION_TABLES = {
    "organisations", "people", "positions", "users", "partnerships", "partnership_events", "plans",
    "plan_extensions", "pillars", "cooperation_areas", "action_lines", "status_updates", "meetings",
    "meeting_participants", "meeting_areas", "follow_up_actions", "issued_reports", "audit_entries", "data_version",
    "partnership_former_slugs", "user_sessions", "saved_forms", "follow_up_state_entries", "activities",
    "activity_action_lines", "activity_co_implementers", "activity_state_entries", "report_remarks",
    "calendar_feeds", "api_tokens", "reminder_settings", "sent_digests", "attachments", "search_entries",
    "follow_up_carried_areas", "meeting_text_revisions", "follow_up_chases",
}


@pytest.fixture
def empty_database():
    """A database of its own: a fresh SQLite file, or a PostgreSQL database beside the test one."""
    url = database_url()
    if not url.startswith("postgresql"):
        yield url
        return
    with database_beside_the_tests("migrations") as empty:
        yield empty


def table_names(engine) -> set[str]:
    """The tables, without those SQLite makes for the search's FTS5 index (checked on their own below)."""
    return set(sa.inspect(engine).get_table_names()) - FTS_TABLES


#: Indexes on expressions ("undated last"): the reflection behind the drift check skips them, so they are
#: checked by name, and their definition is read back from the database.
EXPRESSION_INDEXES = {
    "ix_follow_up_actions_to_do_by_due", "ix_follow_up_actions_partnership_to_do_by_due",
    "ix_follow_up_actions_live_by_due", "ix_follow_up_actions_to_do_by_last_chase",
    "ix_meetings_live_newest_first", "ix_meetings_live_type_newest_first",
    "ix_meetings_live_partnership_newest_first", "ix_activities_live_newest_first",
    "ix_activities_live_partnership_newest_first", "ix_activities_live_plan_newest_first",
}
#: Those that came with the activities (revision ac71e1a0c001): a database below it has the others only.
ACTIVITY_EXPRESSION_INDEXES = {name for name in EXPRESSION_INDEXES if name.startswith("ix_activities_")}
#: That came with the chases (revision e2c4a6b8d0f1), later still.
CHASE_EXPRESSION_INDEXES = {"ix_follow_up_actions_to_do_by_last_chase"}
#: What each expression index sorts undated rows last by.
UNDATED = ("due_on IS NULL", "held_on IS NULL", "planned_starts_on) IS NULL")


def expression_index_definitions(engine) -> dict[str, str]:
    query = (
        "SELECT name, sql FROM sqlite_master WHERE type = 'index'" if engine.dialect.name == "sqlite"
        else "SELECT indexname, indexdef FROM pg_indexes"
    )
    with engine.connect() as connection:
        return {name: sql for name, sql in connection.execute(sa.text(query)) if name in EXPRESSION_INDEXES}


@pytest.mark.filterwarnings("ignore:autogenerate skipping")
def test_upgrade_builds_every_table_with_no_drift_and_downgrade_removes_them(empty_database):
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=empty_database)
    with app.app_context():
        upgrade()
        assert table_names(db.engine) - {"alembic_version"} == APPLICATION_TABLES
        indexes = expression_index_definitions(db.engine)
        assert set(indexes) == EXPRESSION_INDEXES
        assert all(any(undated in definition for undated in UNDATED) and "archived_at IS NULL" in definition
                   for definition in indexes.values())

        with db.engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "include_object": include_object})
            assert compare_metadata(context, db.metadata) == []

        downgrade(revision="base")
        assert table_names(db.engine) - {"alembic_version"} == set()
        db.engine.dispose()


def test_schema_enforces_the_rules(app, make):
    """Rules a bug in a service cannot get round: they live in the database too."""
    pakistan = make.partnership()
    plan = make.plan(pakistan)
    officer = make.user()
    checks = [
        "UPDATE users SET language = 'fr' WHERE id = :user",  # a language the pages are not translated into
        "UPDATE plans SET ends_on = '2023-12-31' WHERE id = :plan",  # end before start
        "INSERT INTO partnership_events (partnership_id, occurred_on, kind, status, level) "
        "VALUES (:partnership, '2024-01-01', 'upgraded', 'sectoral_dialogue_partner', 'strategic_partnership')",
        "INSERT INTO meetings (partnership_id, type, number, format, outcome_document) "
        "VALUES (:partnership, 'jscc', 0, 'in_person', 'none')",
        "INSERT INTO plans (partnership_id, kind, title, label, starts_on, ends_on, state) "
        "VALUES (999999, 'other', 'x', 'x', '2024-01-01', '2024-12-31', 'draft')",  # unknown partnership
        "INSERT INTO follow_up_actions (partnership_id, title, status, opened_on, state_changed_on) "
        "VALUES (:partnership, 'No owner', 'open', '2024-01-01', '2024-01-01')",
        "INSERT INTO follow_up_actions (partnership_id, title, status, partner_office, opened_on, state_changed_on) "
        "VALUES (:partnership, 'Done with no date', 'done', 'Mission', '2024-01-01', '2024-01-01')",
    ]
    allowed = (
        "INSERT INTO follow_up_actions (partnership_id, title, status, partner_office, opened_on, state_changed_on) "
        "VALUES (:partnership, 'Owned and open', 'open', 'Mission', '2024-01-01', '2024-01-01')"
    )
    with db.engine.begin() as connection:  # the same insert with every rule met goes in
        connection.execute(sa.text(allowed), {"partnership": pakistan.id})
        connection.execute(sa.text("UPDATE users SET language = 'id' WHERE id = :user"), {"user": officer.id})
    for statement in checks:
        with pytest.raises(sa.exc.IntegrityError), db.engine.begin() as connection:
            connection.execute(sa.text(statement), {"plan": plan.id, "partnership": pakistan.id, "user": officer.id})
