"""Small helpers for plan and area tests: typing a date into three boxes, counting SQL statements."""

from contextlib import contextmanager
from datetime import date

import sqlalchemy as sa

from app.extensions import db


def date_fields(name: str, value: date | None = None, *, day="", month="", year="") -> dict:
    """The three boxes of a date input, from a date or from raw text."""
    if value is not None:
        day, month, year = value.day, value.month, value.year
    return {f"{name}-day": str(day), f"{name}-month": str(month), f"{name}-year": str(year)}


@contextmanager
def count_statements():
    """Count the SQL statements sent to the database inside the block: ``with count_statements() as n: ...``."""
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)
