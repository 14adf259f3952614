"""The migrations that put rules into the database first list the records that already break one, and change
nothing until they are put right; after that they go up and down keeping every record."""

from datetime import date

import alembic.command
import pytest
import sqlalchemy as sa
from flask import current_app
from flask_migrate import downgrade, upgrade

from app import create_app
from app.extensions import db
from app.models.rules import TRIGGERS, rules_suspended
from tests.conftest import database_beside_the_tests, database_url
from tests.test_migrations import (
    ACTIVITY_EXPRESSION_INDEXES,
    CHASE_EXPRESSION_INDEXES,
    EXPRESSION_INDEXES,
    expression_index_definitions,
)

BEFORE = "68b5a7e1ba3a"
RULES = "5c4e3a1e5001"
#: The revision before a meeting's own changes were checked at once, on both databases.
BEFORE_MEETING_RULES = "b3c4d5e6f701"
MEETING_RULES = "f2bca5ecca89"


@pytest.fixture
def app_before_the_rules():
    """An app on a database of its own, at the revision before the rules."""
    yield from _app_at(BEFORE)


@pytest.fixture
def app_before_the_meeting_rules():
    yield from _app_at(BEFORE_MEETING_RULES)


def _app_at(revision: str):
    url = database_url()
    if url.startswith("postgresql"):
        with database_beside_the_tests("rules") as url:
            yield from _app_on(url, revision)
    else:
        yield from _app_on(url, revision)


def _app_on(url: str, revision: str):
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        upgrade(revision=revision)
        yield app
        db.session.remove()
        db.engine.dispose()


def upgrade_to_head() -> None:
    """``flask db upgrade`` as it runs: an upgrade it refuses raises, with what it printed after "Error: "."""
    alembic.command.upgrade(current_app.extensions["migrate"].migrate.get_config(), "head")


def run(statement: str, **values) -> list[sa.Row]:
    with db.engine.begin() as connection:
        result = connection.execute(sa.text(statement), values)
        return result.all() if result.returns_rows else []


def first(statement: str, **values):
    return run(statement, **values)[0][0]


def revision() -> str:
    return first("SELECT version_num FROM alembic_version")


def follow_up_of_a_meeting(partnership: int, meeting: int, due_on: str) -> int:
    return first(
        "INSERT INTO follow_up_actions (partnership_id, meeting_id, title, status, partner_office, opened_on, "
        "due_on, version) VALUES (:partnership, :meeting, 'Send the draft', 'open', 'Mission', '2024-03-25', :due, 1) "
        "RETURNING id", partnership=partnership, meeting=meeting, due=due_on)


def test_records_breaking_a_rule_are_listed_and_nothing_changes_until_they_are_put_right(app_before_the_rules):
    ids = []
    for name, short_name in (("Association of Southeast Asian Nations", "ASEAN"), ("Pakistan", "Pakistan"),
                             ("Norway", "Norway")):
        ids.append(first("INSERT INTO organisations (name, short_name, kind, version) "
                         "VALUES (:name, :short, 'other', 1) RETURNING id", name=name, short=short_name))
    asean, pakistan_side, norway_side = ids
    pakistan, norway = (
        first("INSERT INTO partnerships (organisation_id, partner_id, slug, version) VALUES (:ours, :theirs, :slug, 1) "
            "RETURNING id", ours=asean, theirs=partner, slug=slug)
        for partner, slug in ((pakistan_side, "asean-pakistan"), (norway_side, "asean-norway"))
    )
    call = first("INSERT INTO meetings (partnership_id, type, held_on, format, outcome_document, version) "
               "VALUES (:partnership, 'courtesy_call', '2024-03-25', 'in_person', 'none', 1) RETURNING id",
               partnership=pakistan)
    # Norway's follow-up of Pakistan's call, due three weeks before the call: two rules broken by one record.
    stray = follow_up_of_a_meeting(norway, call, "2024-03-04")
    kept = follow_up_of_a_meeting(pakistan, call, "2024-04-30")

    with pytest.raises(RuntimeError) as refused:
        upgrade_to_head()
    message = str(refused.value)
    assert "2 record(s) break a rule" in message
    assert f"follow_up_actions id={stray}: a follow-up's partnership differs from its meeting's" in message
    assert f"follow_up_actions id={stray}: a follow-up is due before its meeting" in message
    assert f"id={kept}:" not in message
    assert revision() == BEFORE

    run("UPDATE follow_up_actions SET partnership_id = :pakistan, due_on = '2024-03-25' WHERE id = :stray",
        pakistan=pakistan, stray=stray)
    upgrade(revision=RULES)
    assert revision() == RULES
    with pytest.raises(sa.exc.IntegrityError):
        follow_up_of_a_meeting(pakistan, call, "2024-03-24")

    downgrade(revision=BEFORE)
    assert revision() == BEFORE
    kept_rows = run("SELECT id, due_on FROM follow_up_actions ORDER BY id")
    assert [(id, str(due_on)) for id, due_on in kept_rows] == [(stray, "2024-03-25"), (kept, "2024-04-30")]
    # Rebuilt with the table on SQLite.
    assert set(expression_index_definitions(db.engine)) == (
        EXPRESSION_INDEXES - ACTIVITY_EXPRESSION_INDEXES - CHASE_EXPRESSION_INDEXES)
    follow_up_of_a_meeting(norway, call, "2024-03-24")  # without the rules such a record goes in again


def test_a_meeting_moved_away_from_its_areas_stops_the_upgrade_that_checks_it_at_once(app_before_the_meeting_rules):
    """The call of 25 March 2024 discussed Trade of the 2024-2028 plan, then was moved to 31 December 2023 while
    no rule looked (SQLite checked only the tagging; PostgreSQL's check is lifted here to make such a row)."""
    # In SQL: the models of today have columns this older revision does not.
    asean, pakistan = (first("INSERT INTO organisations (name, short_name, kind, version) "
                             "VALUES (:name, :name, 'other', 1) RETURNING id", name=name)
                       for name in ("ASEAN", "Pakistan"))
    partnership = first("INSERT INTO partnerships (organisation_id, partner_id, slug, version) "
                        "VALUES (:ours, :theirs, 'asean-pakistan', 1) RETURNING id", ours=asean, theirs=pakistan)
    plan = first("INSERT INTO plans (partnership_id, kind, title, label, starts_on, ends_on, state, version) "
                 "VALUES (:partnership, 'practical_cooperation_areas', 'Practical Cooperation Areas', '2024-2028', "
                 "'2024-01-01', '2028-12-31', 'in_force', 1) RETURNING id", partnership=partnership)
    pillar = first("INSERT INTO pillars (plan_id, name, position, version) VALUES (:plan, 'Economic', 0, 1) "
                   "RETURNING id", plan=plan)
    trade_id = first("INSERT INTO cooperation_areas (plan_id, pillar_id, code, name, position, version) "
                     "VALUES (:plan, :pillar, '2.1', 'Trade', 0, 1) RETURNING id", plan=plan, pillar=pillar)
    call_id = first("INSERT INTO meetings (partnership_id, type, held_on, format, outcome_document, version) "
                    "VALUES (:partnership, 'courtesy_call', '2024-03-25', 'in_person', 'none', 1) RETURNING id",
                    partnership=partnership)
    run("INSERT INTO meeting_areas (meeting_id, area_id) VALUES (:call, :trade)", call=call_id, trade=trade_id)
    move = "UPDATE meetings SET held_on = :day WHERE id = :call"
    meeting_rules = [trigger for trigger in TRIGGERS if trigger.table == "meetings"]
    with db.engine.begin() as connection, rules_suspended(connection, meeting_rules):
        connection.execute(sa.text(move), {"day": "2023-12-31", "call": call_id})

    with pytest.raises(RuntimeError) as refused:
        upgrade_to_head()
    message = str(refused.value)
    assert "1 record(s) break a rule" in message
    assert (f"meeting_areas meeting_id={call_id}, area_id={trade_id}: a meeting discusses an area of a plan not in "
            "force on the meeting's date") in message
    assert revision() == BEFORE_MEETING_RULES

    run(move, day="2024-01-01", call=call_id)
    upgrade(revision=MEETING_RULES)
    assert revision() == MEETING_RULES
    outside = "A meeting's date must lie within the period of the plans whose areas it discusses"
    with db.engine.connect() as connection, pytest.raises(sa.exc.IntegrityError, match=outside):
        connection.execute(sa.text(move), {"day": "2023-12-31", "call": call_id})  # at once, not at commit

    downgrade(revision=BEFORE_MEETING_RULES)
    assert revision() == BEFORE_MEETING_RULES
    assert first("SELECT held_on FROM meetings") in (date(2024, 1, 1), "2024-01-01")
    with db.engine.connect() as connection:
        connection.execute(sa.text(move), {"day": "2023-12-31", "call": call_id})  # as before the step
        if db.engine.dialect.name == "postgresql":  # checked at commit again
            with pytest.raises(sa.exc.IntegrityError, match=outside):
                connection.commit()
