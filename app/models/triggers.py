"""A trigger written once and created the same way on SQLite and PostgreSQL, for the rules in ``app.models.rules``.

A trigger refuses the row it fires on with its message when its condition holds. The condition is SQL on ``NEW``
and ``OLD`` that reads the same on both databases; the refusal is an integrity error on both (SQLite's
``RAISE(ABORT, ...)`` is a constraint failure, and PostgreSQL's is raised as a check violation), so code that
turns ``IntegrityError`` into a message treats a trigger like any other constraint. Both refuse the statement that
breaks the rule, not the commit (SQLite cannot wait for one): a save that changes two rows a rule ties together
writes them in an order that keeps the rule at every step (see ``app.meetings.services``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa

#: Each event a trigger listens to: "INSERT", "UPDATE", "UPDATE OF due_on, meeting_id" or "DELETE".
Event = str


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@dataclass(frozen=True)
class Trigger:
    name: str
    table: str
    events: tuple[Event, ...]
    message: str
    #: The rows refused; None refuses every row the events touch.
    refused_when: str | None = None
    #: Tables the condition reads besides its own: a migration creates the trigger only once they all exist.
    reads: tuple[str, ...] = ()
    #: Columns ("table.column") the condition reads that came after their table: created only once they exist.
    columns: tuple[str, ...] = ()

    def _sqlite_name(self, event: Event) -> str:
        # SQLite gives a trigger one event: one trigger per event, named after it.
        return f"{self.name}_{event.split()[0].lower()}" if len(self.events) > 1 else self.name

    def create_statements(self, dialect: str) -> list[str]:
        if dialect == "sqlite":
            when = f" WHEN {self.refused_when}" if self.refused_when else ""
            return [f"CREATE TRIGGER {self._sqlite_name(event)} BEFORE {event} ON {self.table} FOR EACH ROW{when} "
                    f"BEGIN SELECT RAISE(ABORT, {_literal(self.message)}); END" for event in self.events]
        # PostgreSQL: RAISE reads % as a placeholder, hence the doubling. A BEFORE DELETE trigger that returned
        # NEW (NULL there) would skip the delete without a word, so OLD is returned for a delete.
        condition = self.refused_when or "TRUE"
        message = _literal(self.message.replace("%", "%%"))
        return [
            f"CREATE FUNCTION {self.name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"IF {condition} THEN RAISE EXCEPTION {message} USING ERRCODE = 'check_violation'; END IF; "
            "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$",
            f"CREATE TRIGGER {self.name} BEFORE {' OR '.join(self.events)} ON {self.table} "
            f"FOR EACH ROW EXECUTE FUNCTION {self.name}()",
        ]

    def drop_statements(self, dialect: str) -> list[str]:
        if dialect == "sqlite":
            return [f"DROP TRIGGER IF EXISTS {self._sqlite_name(event)}" for event in self.events]
        return [f"DROP TRIGGER IF EXISTS {self.name} ON {self.table}", f"DROP FUNCTION IF EXISTS {self.name}()"]


def disable_statements(trigger: Trigger, dialect: str) -> list[str]:
    """Statements that lift ``trigger`` until the end of the transaction or ``enable_statements``.

    PostgreSQL turns a trigger off in place (the transaction's own, undone by a rollback); SQLite cannot, so there
    it is dropped and made again.
    """
    if dialect == "postgresql":
        return [f"ALTER TABLE {trigger.table} DISABLE TRIGGER {trigger.name}"]
    return trigger.drop_statements(dialect)


def enable_statements(trigger: Trigger, dialect: str) -> list[str]:
    if dialect == "postgresql":
        return [f"ALTER TABLE {trigger.table} ENABLE TRIGGER {trigger.name}"]
    return trigger.create_statements(dialect)


def create_triggers(connection: sa.Connection, triggers: Iterable[Trigger]) -> None:
    dialect = connection.dialect.name
    for trigger in triggers:
        for statement in trigger.create_statements(dialect):
            connection.exec_driver_sql(statement)


def drop_triggers(connection: sa.Connection, triggers: Iterable[Trigger]) -> None:
    dialect = connection.dialect.name
    for trigger in reversed(list(triggers)):
        for statement in trigger.drop_statements(dialect):
            connection.exec_driver_sql(statement)
