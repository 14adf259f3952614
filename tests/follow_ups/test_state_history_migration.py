"""Follow-ups recorded before their state was dated get a history when the database is upgraded: open from the day
agreed, then done on the completion date, or cancelled on the day the audit log shows (else the day recorded)."""

from datetime import date

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from app import create_app
from app.extensions import db
from tests.test_migrations import empty_database, table_names  # noqa: F401  (the fixture)

BEFORE = "68b5a7e1ba3a"

FOLLOW_UPS = [
    # id, title, status, opened_on, due_on, completed_on, created_at
    (1, "Still open", "open", "2024-03-25", "2024-06-30", None, "2024-03-26 08:00:00+00:00"),
    (2, "Done", "done", "2024-03-25", "2024-06-30", "2024-06-01", "2024-03-26 08:00:00+00:00"),
    (3, "Cancelled, logged", "cancelled", "2024-03-25", "2024-06-30", None, "2024-03-26 08:00:00+00:00"),
    (4, "Cancelled before the log", "cancelled", "2024-03-25", None, None, "2024-04-02 08:00:00+00:00"),
    (5, "In progress", "in_progress", "2024-03-25", "2024-06-30", None, "2024-03-26 08:00:00+00:00"),
    (6, "Done before agreed", "done", "2024-03-25", None, "2024-03-20", "2024-03-26 08:00:00+00:00"),
]


def insert_old_rows(connection) -> None:
    connection.execute(sa.text(
        "INSERT INTO organisations (id, name, short_name, kind, iso_code) VALUES (1, 'ASEAN', 'ASEAN', "
        "'regional_organisation', NULL),"
        " (2, 'Islamic Republic of Pakistan', 'Pakistan', 'country', 'PK')"))
    connection.execute(sa.text(
        "INSERT INTO partnerships (id, organisation_id, partner_id, slug) VALUES (1, 1, 2, 'asean-pakistan')"))
    for follow_up_id, title, status, opened_on, due_on, completed_on, created_at in FOLLOW_UPS:
        connection.execute(sa.text(
            "INSERT INTO follow_up_actions (id, partnership_id, title, status, opened_on, due_on, completed_on, "
            "partner_office, created_at) VALUES (:id, 1, :title, :status, :opened_on, :due_on, :completed_on, "
            "'Mission of Pakistan to ASEAN', :created_at)"),
            {"id": follow_up_id, "title": title, "status": status, "opened_on": date.fromisoformat(opened_on),
             "due_on": due_on and date.fromisoformat(due_on),
             "completed_on": completed_on and date.fromisoformat(completed_on), "created_at": created_at})
    # The log of follow-up 3: an edit of its title, then its status set to cancelled on 10 May 2024.
    log = sa.table("audit_entries", sa.column("occurred_at"), sa.column("action"), sa.column("record_type"),
                   sa.column("record_id"), sa.column("record_label"), sa.column("changes", sa.JSON))
    connection.execute(log.insert(), [
        {"occurred_at": "2024-04-20 10:00:00+00:00", "action": "update", "record_type": "follow_up_actions",
         "record_id": 3, "record_label": "Cancelled, logged", "changes": {"title": ["Draft", "Cancelled, logged"]}},
        {"occurred_at": "2024-05-10 10:00:00+00:00", "action": "update", "record_type": "follow_up_actions",
         "record_id": 3, "record_label": "Cancelled, logged", "changes": {"status": ["open", "cancelled"]}},
    ])


def entries(connection) -> list[tuple]:
    rows = connection.execute(sa.text(
        "SELECT follow_up_id, status, effective_on, due_on FROM follow_up_state_entries "
        "ORDER BY follow_up_id, effective_on, id"))
    return [(f, s, str(effective)[:10], due and str(due)[:10]) for f, s, effective, due in rows]


@pytest.mark.filterwarnings("ignore:autogenerate skipping")
def test_upgrade_dates_the_history_of_existing_follow_ups_and_downgrade_keeps_them(empty_database):  # noqa: F811
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=empty_database)
    with app.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as connection:
            insert_old_rows(connection)
        upgrade()
        expected = [
            (1, "open", "2024-03-25", "2024-06-30"),
            (2, "open", "2024-03-25", "2024-06-30"), (2, "done", "2024-06-01", "2024-06-30"),
            (3, "open", "2024-03-25", "2024-06-30"), (3, "cancelled", "2024-05-10", "2024-06-30"),
            (4, "open", "2024-03-25", None), (4, "cancelled", "2024-04-02", None),
            (5, "in_progress", "2024-03-25", "2024-06-30"),
            # Done before it was agreed (no check stopped it then): open from that day, so done comes last.
            (6, "open", "2024-03-20", None), (6, "done", "2024-03-20", None),
        ]
        with db.engine.connect() as connection:
            assert entries(connection) == expected

        downgrade(revision=BEFORE)
        assert "follow_up_state_entries" not in table_names(db.engine)
        with db.engine.connect() as connection:
            assert connection.scalar(sa.text("SELECT count(*) FROM follow_up_actions")) == len(FOLLOW_UPS)
        upgrade()
        with db.engine.connect() as connection:
            assert entries(connection) == expected
        db.engine.dispose()
