"""A meeting's own change of date or partnership is checked against the areas it discusses as the row changes, on
SQLite and PostgreSQL alike: a date outside the period of those areas' plans, or a partnership whose plans they are
not, is refused by the statement itself.

Until this step SQLite did not check either change (only the areas as they were tagged), and PostgreSQL checked them
at commit. Meetings that already break one stop the upgrade, listed one by one, so they can be put right first.

Revision ID: f2bca5ecca89
Revises: b3c4d5e6f701
Create Date: 2026-12-06 12:00:00.000000

"""
from alembic import op

from app.models.rules import TRIGGERS, refuse_broken_rows
from app.models.triggers import create_triggers, drop_triggers

# revision identifiers, used by Alembic.
revision = 'f2bca5ecca89'
down_revision = 'b3c4d5e6f701'
branch_labels = None
depends_on = None

NAMES = ("meeting_areas_of_its_partnership", "meeting_date_within_areas_plans")
RULES = ("a meeting discusses an area of another partnership's plan",
         "a meeting discusses an area of a plan not in force on the meeting's date")

#: The two rules as revision 5c4e3a1e5001 made them on PostgreSQL, which a step down puts back: read at commit, on
#: the meeting as it is then. SQLite had neither.
AT_COMMIT = {
    "meeting_areas_of_its_partnership": (
        "UPDATE OF partnership_id",
        "A meeting can only discuss cooperation areas of its own partnership''s plans",
        "EXISTS (SELECT 1 FROM meetings m JOIN meeting_areas ma ON ma.meeting_id = m.id WHERE m.id = NEW.id "
        "AND (SELECT p.partnership_id FROM cooperation_areas a JOIN plans p ON p.id = a.plan_id WHERE a.id = ma.area_id)"
        " <> m.partnership_id)",
    ),
    "meeting_date_within_areas_plans": (
        "UPDATE OF held_on",
        "A meeting''s date must lie within the period of the plans whose areas it discusses",
        "EXISTS (SELECT 1 FROM meetings m JOIN meeting_areas ma ON ma.meeting_id = m.id "
        "JOIN cooperation_areas a ON a.id = ma.area_id JOIN plans p ON p.id = a.plan_id "
        "WHERE m.id = NEW.id AND (m.held_on < p.starts_on OR m.held_on > p.ends_on))",
    ),
}


def _meeting_triggers():
    return [trigger for trigger in TRIGGERS if trigger.name in NAMES]


def upgrade():
    connection = op.get_bind()
    refuse_broken_rows(connection, RULES, advice=(
        "Put each meeting right on its page: a date and a partnership that fit the areas it discusses, or those "
        "areas unticked."
    ))
    # PostgreSQL's, read at commit until now, give way to the same rules read at once. A database whose rules were
    # last made from today's (by revision 5c4e3a1e5001 on a fresh database, or by b3c4d5e6f701 around its rebuild)
    # has these already.
    drop_triggers(connection, _meeting_triggers())
    create_triggers(connection, _meeting_triggers())


def downgrade():
    connection = op.get_bind()
    drop_triggers(connection, _meeting_triggers())
    if connection.dialect.name != "postgresql":
        return
    for name, (event, message, condition) in AT_COMMIT.items():
        connection.exec_driver_sql(
            f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"IF {condition} THEN RAISE EXCEPTION '{message}' USING ERRCODE = 'check_violation'; END IF; "
            "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$"
        )
        connection.exec_driver_sql(
            f"CREATE CONSTRAINT TRIGGER {name} AFTER {event} ON meetings "
            f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {name}()"
        )
