"""The rules that tie records together, kept by the database itself so that no code path and no raw SQL breaks them.

Composite foreign keys and CHECKs sit in the models' table arguments (a follow-up's meeting is of its partnership;
a participant's post is the participant's own). What they cannot express is here, as triggers written once for
SQLite and PostgreSQL: created with the tables by ``db.create_all`` (attached to the metadata below) and by the
migration that introduced them, which first lists any rows that already break a rule (``BROKEN_ROWS``).

History (status updates, partnership events, the audit log) is only added to: ``append_only(table, what)`` is the
one line that makes a table refuse UPDATE and DELETE in the database and, through a flush event, in the ORM.

SQLite drops a table's triggers with the table, and refuses to rename a table while a trigger reads a table that is
gone: a later migration that rebuilds any table named here in batch mode does so inside ``rules_suspended``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.common.errors import DomainError
from app.extensions import db
from app.models.carry_rules import CARRY_TRIGGERS
from app.models.triggers import Trigger, create_triggers, disable_statements, drop_triggers, enable_statements

#: The partnership of an area, through its plan.
AREA_PARTNERSHIP = "(SELECT p.partnership_id FROM cooperation_areas a JOIN plans p ON p.id = a.plan_id WHERE a.id = {})"
#: True when a meeting date {0} falls outside the period of plan {1} (alias of plans).
OUTSIDE_PLAN = "({0} < {1}.starts_on OR {0} > {1}.ends_on)"


def _same_partnership_triggers() -> list[Trigger]:
    return [
        Trigger(
            "area_plan_is_pillar_plan", "cooperation_areas", ("INSERT", "UPDATE OF plan_id, pillar_id"),
            "A cooperation area must belong to the same plan as its pillar",
            "NEW.plan_id <> (SELECT plan_id FROM pillars WHERE id = NEW.pillar_id)",
        ),
        Trigger(
            "pillar_keeps_its_areas_plan", "pillars", ("UPDATE OF plan_id",),
            "A pillar cannot move to another plan while it holds cooperation areas",
            "NEW.plan_id <> OLD.plan_id AND EXISTS (SELECT 1 FROM cooperation_areas WHERE pillar_id = NEW.id)",
        ),
        Trigger(
            "correction_of_same_subject", "status_updates", ("INSERT",),
            "A correction must correct an earlier update of the same area or action line",
            "NEW.corrects_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM status_updates c WHERE c.id = NEW.corrects_id "
            "AND COALESCE(c.area_id, 0) = COALESCE(NEW.area_id, 0) "
            "AND COALESCE(c.action_line_id, 0) = COALESCE(NEW.action_line_id, 0))",
        ),
        Trigger(
            "meeting_area_of_meeting_partnership", "meeting_areas", ("INSERT", "UPDATE"),
            "A meeting can only discuss cooperation areas of its own partnership's plans",
            f"{AREA_PARTNERSHIP.format('NEW.area_id')} <> "
            "(SELECT partnership_id FROM meetings WHERE id = NEW.meeting_id)",
        ),
        Trigger(
            "meeting_areas_of_its_partnership", "meetings", ("UPDATE OF partnership_id",),
            "A meeting can only discuss cooperation areas of its own partnership's plans",
            "EXISTS (SELECT 1 FROM meeting_areas ma WHERE ma.meeting_id = NEW.id "
            f"AND {AREA_PARTNERSHIP.format('ma.area_id')} <> NEW.partnership_id)",
        ),
        Trigger(
            "follow_up_area_of_its_partnership", "follow_up_actions", ("INSERT", "UPDATE OF area_id, partnership_id"),
            "A follow-up's cooperation area must come from a plan of the follow-up's partnership",
            f"NEW.area_id IS NOT NULL AND {AREA_PARTNERSHIP.format('NEW.area_id')} <> NEW.partnership_id",
        ),
        Trigger(
            "area_in_use_keeps_its_partnership", "cooperation_areas", ("UPDATE OF plan_id",),
            "A cooperation area discussed at meetings or named on follow-ups cannot move to another partnership's plan",
            "(SELECT partnership_id FROM plans WHERE id = NEW.plan_id) <> "
            "(SELECT partnership_id FROM plans WHERE id = OLD.plan_id) AND "
            "(EXISTS (SELECT 1 FROM meeting_areas WHERE area_id = NEW.id) "
            "OR EXISTS (SELECT 1 FROM follow_up_actions WHERE area_id = NEW.id))",
        ),
        Trigger(
            "plan_in_use_keeps_its_partnership", "plans", ("UPDATE OF partnership_id",),
            "A plan whose areas are discussed at meetings or named on follow-ups cannot move to another partnership",
            "NEW.partnership_id <> OLD.partnership_id AND EXISTS (SELECT 1 FROM cooperation_areas a WHERE a.plan_id = "
            "NEW.id AND (EXISTS (SELECT 1 FROM meeting_areas WHERE area_id = a.id) "
            "OR EXISTS (SELECT 1 FROM follow_up_actions WHERE area_id = a.id)))",
        ),
    ]


def _date_triggers() -> list[Trigger]:
    status_outside_plan = (
        "EXISTS (SELECT 1 FROM cooperation_areas a JOIN plans p ON p.id = a.plan_id "
        "WHERE a.id = COALESCE(NEW.area_id, (SELECT area_id FROM action_lines WHERE id = NEW.action_line_id)) "
        f"AND {OUTSIDE_PLAN.format('NEW.as_of', 'p')})"
    )
    return [
        Trigger(
            "follow_up_due_after_meeting", "follow_up_actions", ("INSERT", "UPDATE OF due_on, meeting_id"),
            "A follow-up of a meeting cannot be due before the meeting is held",
            "NEW.due_on < (SELECT held_on FROM meetings WHERE id = NEW.meeting_id)",
        ),
        Trigger(
            "meeting_before_its_follow_ups_due", "meetings", ("UPDATE OF held_on",),
            "A meeting cannot be held after the due date of one of its follow-ups",
            "EXISTS (SELECT 1 FROM follow_up_actions WHERE meeting_id = NEW.id AND due_on < NEW.held_on)",
        ),
        Trigger(
            "status_within_plan_period", "status_updates", ("INSERT",),
            "A status update must be dated within its plan's period", status_outside_plan,
        ),
        Trigger(
            "meeting_area_within_plan_period", "meeting_areas", ("INSERT", "UPDATE"),
            "A meeting can only discuss cooperation areas of a plan in force on the meeting's date",
            "EXISTS (SELECT 1 FROM meetings m, cooperation_areas a JOIN plans p ON p.id = a.plan_id "
            f"WHERE m.id = NEW.meeting_id AND a.id = NEW.area_id AND {OUTSIDE_PLAN.format('m.held_on', 'p')})",
        ),
        Trigger(
            "meeting_date_within_areas_plans", "meetings", ("UPDATE OF held_on",),
            "A meeting's date must lie within the period of the plans whose areas it discusses",
            "EXISTS (SELECT 1 FROM meeting_areas ma JOIN cooperation_areas a ON a.id = ma.area_id "
            "JOIN plans p ON p.id = a.plan_id "
            f"WHERE ma.meeting_id = NEW.id AND {OUTSIDE_PLAN.format('NEW.held_on', 'p')})",
        ),
        Trigger(
            "plan_period_covers_status_updates", "plans", ("UPDATE OF starts_on, ends_on",),
            "A plan's period must cover the dates of the status updates of its areas and action lines",
            "EXISTS (SELECT 1 FROM cooperation_areas a JOIN status_updates s ON s.area_id = a.id "
            f"WHERE a.plan_id = NEW.id AND {OUTSIDE_PLAN.format('s.as_of', 'NEW')}) "
            "OR EXISTS (SELECT 1 FROM cooperation_areas a JOIN action_lines l ON l.area_id = a.id "
            f"JOIN status_updates s ON s.action_line_id = l.id WHERE a.plan_id = NEW.id "
            f"AND {OUTSIDE_PLAN.format('s.as_of', 'NEW')})",
        ),
        Trigger(
            "plan_period_covers_meetings", "plans", ("UPDATE OF starts_on, ends_on",),
            "A plan's period must cover the dates of the meetings that discuss its areas",
            "EXISTS (SELECT 1 FROM cooperation_areas a JOIN meeting_areas ma ON ma.area_id = a.id "
            f"JOIN meetings m ON m.id = ma.meeting_id WHERE a.plan_id = NEW.id "
            f"AND {OUTSIDE_PLAN.format('m.held_on', 'NEW')})",
        ),
    ]


#: The plan of an action line, through its area.
LINE_PLAN = "(SELECT a.plan_id FROM action_lines l JOIN cooperation_areas a ON a.id = l.area_id WHERE l.id = {})"
ACTIVITY_LINES_OF_ITS_PLAN = "An activity's action lines must all come from the activity's plan"


def _activity_triggers() -> list[Trigger]:
    """An activity serves action lines of its own plan only (its plan and meeting are of its partnership: composite
    foreign keys), and the lines and areas it serves keep their plan."""
    return [
        Trigger(
            "activity_line_of_its_plan", "activity_action_lines", ("INSERT", "UPDATE"), ACTIVITY_LINES_OF_ITS_PLAN,
            f"{LINE_PLAN.format('NEW.action_line_id')} <> (SELECT plan_id FROM activities WHERE id = NEW.activity_id)",
        ),
        Trigger(
            "activity_plan_of_its_lines", "activities", ("UPDATE OF plan_id",), ACTIVITY_LINES_OF_ITS_PLAN,
            "EXISTS (SELECT 1 FROM activity_action_lines al WHERE al.activity_id = NEW.id "
            f"AND {LINE_PLAN.format('al.action_line_id')} <> NEW.plan_id)",
        ),
        Trigger(
            "line_serving_activities_keeps_its_plan", "action_lines", ("UPDATE OF area_id",),
            "An action line that activities serve cannot move to an area of another plan",
            "(SELECT plan_id FROM cooperation_areas WHERE id = NEW.area_id) <> "
            "(SELECT plan_id FROM cooperation_areas WHERE id = OLD.area_id) "
            "AND EXISTS (SELECT 1 FROM activity_action_lines WHERE action_line_id = NEW.id)",
            reads=("activity_action_lines",),
        ),
        Trigger(
            "area_serving_activities_keeps_its_plan", "cooperation_areas", ("UPDATE OF plan_id",),
            "A cooperation area whose action lines activities serve cannot move to another plan",
            "NEW.plan_id <> OLD.plan_id AND EXISTS (SELECT 1 FROM action_lines l "
            "JOIN activity_action_lines al ON al.action_line_id = l.id WHERE l.area_id = NEW.id)",
            reads=("activity_action_lines",),
        ),
    ]


REMARK_LINE_OF_ITS_PLAN = "Remarks on an action line must be for a report of the line's own plan"


def _remark_triggers() -> list[Trigger]:
    """A report's remarks on an action line are for a report of the line's plan, and the line keeps its plan (an
    area's remarks: a composite foreign key)."""
    return [
        Trigger(
            "remark_line_of_its_plan", "report_remarks", ("INSERT", "UPDATE"), REMARK_LINE_OF_ITS_PLAN,
            f"NEW.action_line_id IS NOT NULL AND {LINE_PLAN.format('NEW.action_line_id')} <> NEW.plan_id",
        ),
        Trigger(
            "line_with_remarks_keeps_its_plan", "action_lines", ("UPDATE OF area_id",),
            "An action line with remarks in a report cannot move to an area of another plan",
            "(SELECT plan_id FROM cooperation_areas WHERE id = NEW.area_id) <> "
            "(SELECT plan_id FROM cooperation_areas WHERE id = OLD.area_id) "
            "AND EXISTS (SELECT 1 FROM report_remarks WHERE action_line_id = NEW.id)",
            reads=("report_remarks",),
        ),
        Trigger(
            "area_with_line_remarks_keeps_its_plan", "cooperation_areas", ("UPDATE OF plan_id",),
            "A cooperation area whose action lines have remarks in a report cannot move to another plan",
            "NEW.plan_id <> OLD.plan_id AND EXISTS (SELECT 1 FROM action_lines l "
            "JOIN report_remarks r ON r.action_line_id = l.id WHERE l.area_id = NEW.id)",
            reads=("report_remarks",),
        ),
    ]


#: What each append-only table holds, as its refusal names it.
APPEND_ONLY: dict[str, str] = {}


def append_only(table: str, what: str) -> list[Trigger]:
    """Refuse UPDATE and DELETE on ``table``, whose rows ("A status update") are history, only ever added to."""
    APPEND_ONLY[table] = what
    return [Trigger(f"{table}_append_only", table, ("UPDATE", "DELETE"), append_only_message(table))]


def append_only_message(table: str) -> str:
    return f"{APPEND_ONLY[table]} cannot be edited or deleted: history is only added to, so record a new entry"


APPEND_ONLY_TRIGGERS = [
    *append_only("status_updates", "A status update"),
    *append_only("partnership_events", "A status change"),
    *append_only("audit_entries", "An audit entry"),
    *append_only("follow_up_state_entries", "A follow-up state entry"),
]
#: Came with its table (the migration that added it creates it).
MEETING_TEXT_HISTORY = append_only("meeting_text_revisions", "A revision of a meeting's text")
APPEND_ONLY_TRIGGERS += MEETING_TEXT_HISTORY
_ACTIVITY_HISTORY = append_only("activity_state_entries", "An activity state entry")
APPEND_ONLY_TRIGGERS += _ACTIVITY_HISTORY
#: The chases of a follow-up, which came with their table (the migration that added it creates the trigger).
CHASE_TRIGGERS = append_only("follow_up_chases", "A chase of the partner")
APPEND_ONLY_TRIGGERS += CHASE_TRIGGERS
_ACTIVITY_RULES = _activity_triggers()

#: The rules about activities, which came with their tables (the migration that added them creates them).
ACTIVITY_TRIGGERS = [*_ACTIVITY_RULES, *_ACTIVITY_HISTORY]
#: The rules about report remarks, which came with their table.
REMARK_TRIGGERS = _remark_triggers()
TRIGGERS: list[Trigger] = [*_same_partnership_triggers(), *_date_triggers(), *_ACTIVITY_RULES, *REMARK_TRIGGERS,
                           *CARRY_TRIGGERS, *APPEND_ONLY_TRIGGERS]


class HistoryIsAppendOnly(DomainError):
    """Code changed or deleted a row of history: caught at flush, with what to do instead, before the database
    refuses it with its own words."""


@sa.event.listens_for(Session, "before_flush")
def _refuse_changes_to_history(session: Session, _context: object, _instances: object) -> None:
    for record in (*session.dirty, *session.deleted):
        table = getattr(record, "__tablename__", None)
        if table in APPEND_ONLY and (record in session.deleted or session.is_modified(record)):
            raise HistoryIsAppendOnly(None, f"{append_only_message(table)} ({table} id {record.id})")


@sa.event.listens_for(db.metadata, "after_create")
def _create_with_the_tables(_metadata: sa.MetaData, connection: sa.Connection, **_kwargs: object) -> None:
    create_triggers(connection, TRIGGERS)


@sa.event.listens_for(db.metadata, "before_drop")
def _drop_with_the_tables(_metadata: sa.MetaData, connection: sa.Connection, **_kwargs: object) -> None:
    drop_triggers(connection, TRIGGERS)


def of_existing_tables(connection: sa.Connection, triggers: list[Trigger]) -> list[Trigger]:
    """The triggers whose table, and every table and column they read, exist: a migration creates or drops those of
    the tables of its revision."""
    inspector = sa.inspect(connection)
    tables = set(inspector.get_table_names())
    present = [trigger for trigger in triggers if trigger.table in tables and set(trigger.reads) <= tables]
    wanted = {column.split(".")[0] for trigger in present for column in trigger.columns}
    columns = {f"{table}.{column['name']}" for table in wanted for column in inspector.get_columns(table)}
    return [trigger for trigger in present if set(trigger.columns) <= columns]


@contextmanager
def rules_suspended(connection: sa.Connection, triggers: list[Trigger] | None = None) -> Iterator[None]:
    """Inside the block ``triggers`` (default: all, of the tables that exist) are lifted, and put back after it.

    For a migration that rebuilds, in SQLite's batch mode, a table a trigger reads: SQLite refuses to rename the
    rebuilt table into place while a trigger names a table that is gone. And for emptying the append-only tables
    (the tests' cleanup): on PostgreSQL the triggers are turned off inside the transaction, not dropped, which
    costs a fraction of the TRUNCATE that row triggers would not see.
    """
    lift, restore = suspension_statements(connection, triggers)
    for statement in lift:
        connection.exec_driver_sql(statement)
    try:
        yield
    finally:
        for statement in restore:
            connection.exec_driver_sql(statement)


def suspension_statements(connection: sa.Connection, triggers: list[Trigger] | None = None) -> tuple[list[str],
                                                                                                     list[str]]:
    """``rules_suspended``'s statements: those that lift ``triggers`` and those that put them back, to send on their
    own or, where round trips count (the tests' cleanup on PostgreSQL), together with what runs between them."""
    present = of_existing_tables(connection, TRIGGERS if triggers is None else triggers)
    dialect = connection.dialect.name
    return ([statement for trigger in present for statement in disable_statements(trigger, dialect)],
            [statement for trigger in present for statement in enable_statements(trigger, dialect)])


def history_opened(connection: sa.Connection) -> AbstractContextManager[None]:
    """Inside the block the append-only tables can be emptied (the tests' cleanup, a fixture's own log)."""
    return rules_suspended(connection, APPEND_ONLY_TRIGGERS)


#: Each rule as a query for the rows that break it: what a migration checks before adding the rules, and what
#: anyone can run to look for contradictions. Each row names the table and the record.
BROKEN_ROWS: dict[str, str] = {
    "a follow-up's partnership differs from its meeting's":
        "SELECT 'follow_up_actions' AS record, f.id FROM follow_up_actions f JOIN meetings m ON m.id = f.meeting_id "
        "WHERE f.partnership_id <> m.partnership_id",
    "a participant's post belongs to another person (or to no person)":
        "SELECT 'meeting_participants' AS record, mp.id FROM meeting_participants mp "
        "JOIN positions p ON p.id = mp.position_id WHERE mp.person_id IS NULL OR mp.person_id <> p.person_id",
    "an area's plan differs from its pillar's":
        "SELECT 'cooperation_areas' AS record, a.id FROM cooperation_areas a JOIN pillars p ON p.id = a.pillar_id "
        "WHERE a.plan_id <> p.plan_id",
    "a correction points at an update of another area or action line":
        "SELECT 'status_updates' AS record, s.id FROM status_updates s JOIN status_updates c ON c.id = s.corrects_id "
        "WHERE COALESCE(c.area_id, 0) <> COALESCE(s.area_id, 0) "
        "OR COALESCE(c.action_line_id, 0) <> COALESCE(s.action_line_id, 0)",
    "a meeting discusses an area of another partnership's plan":
        "SELECT 'meeting_areas' AS record, ma.meeting_id, ma.area_id FROM meeting_areas ma "
        "JOIN meetings m ON m.id = ma.meeting_id JOIN cooperation_areas a ON a.id = ma.area_id "
        "JOIN plans p ON p.id = a.plan_id WHERE p.partnership_id <> m.partnership_id",
    "a follow-up's area is of another partnership's plan":
        "SELECT 'follow_up_actions' AS record, f.id FROM follow_up_actions f "
        "JOIN cooperation_areas a ON a.id = f.area_id JOIN plans p ON p.id = a.plan_id "
        "WHERE p.partnership_id <> f.partnership_id",
    "a follow-up is due before its meeting":
        "SELECT 'follow_up_actions' AS record, f.id FROM follow_up_actions f JOIN meetings m ON m.id = f.meeting_id "
        "WHERE f.due_on < m.held_on",
    "a status update is dated outside its plan's period":
        "SELECT 'status_updates' AS record, s.id FROM status_updates s "
        "LEFT JOIN action_lines l ON l.id = s.action_line_id "
        "JOIN cooperation_areas a ON a.id = COALESCE(s.area_id, l.area_id) JOIN plans p ON p.id = a.plan_id "
        f"WHERE {OUTSIDE_PLAN.format('s.as_of', 'p')}",
    "a meeting discusses an area of a plan not in force on the meeting's date":
        "SELECT 'meeting_areas' AS record, ma.meeting_id, ma.area_id FROM meeting_areas ma "
        "JOIN meetings m ON m.id = ma.meeting_id JOIN cooperation_areas a ON a.id = ma.area_id "
        f"JOIN plans p ON p.id = a.plan_id WHERE {OUTSIDE_PLAN.format('m.held_on', 'p')}",
}


#: The same for the rules about activities (apart: the migration that added the other rules runs before their tables
#: exist).
ACTIVITY_BROKEN_ROWS: dict[str, str] = {
    "an activity serves an action line of another plan":
        "SELECT 'activity_action_lines' AS record, al.activity_id, al.action_line_id FROM activity_action_lines al "
        f"JOIN activities x ON x.id = al.activity_id WHERE {LINE_PLAN.format('al.action_line_id')} <> x.plan_id",
}


def broken_rows(connection: sa.Connection, rules: Iterable[str] = BROKEN_ROWS) -> list[str]:
    """Every row that breaks a rule (of ``rules``, keys of ``BROKEN_ROWS`` or ``ACTIVITY_BROKEN_ROWS``), one line
    each: "follow_up_actions id=12: a follow-up is due before its meeting"."""
    found = []
    for rule in rules:
        for row in connection.execute(sa.text(BROKEN_ROWS.get(rule) or ACTIVITY_BROKEN_ROWS[rule])).mappings():
            record = ", ".join(f"{key}={value}" for key, value in row.items() if key != "record")
            found.append(f"{row['record']} {record}: {rule}")
    return found


#: How many of the rows in the way of an upgrade it lists; the others are counted.
SHOWN_AT_MOST = 100


def refuse_broken_rows(connection: sa.Connection, rules: Iterable[str] = BROKEN_ROWS, *, advice: str = "") -> None:
    """Stop a migration that puts ``rules`` into the database while rows break them, before it changes anything,
    listing the rows; ``advice`` says how to put them right."""
    broken = broken_rows(connection, rules)
    if not broken:
        return
    more = f"\n... and {len(broken) - SHOWN_AT_MOST} more" if len(broken) > SHOWN_AT_MOST else ""
    raise RuntimeError(
        f"{len(broken)} record(s) break a rule this upgrade adds to the database (archived records too); correct "
        f"them and run the upgrade again. Nothing was changed.{' ' + advice if advice else ''}\n"
        + "\n".join(broken[:SHOWN_AT_MOST]) + more
    )
