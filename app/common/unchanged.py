"""Figures worked out once per change to the data, not on every visit.

Every transaction that saves something moves the data version on as it commits (``app.models.DataVersion``), so
reading that one row tells each server process whether what it worked out before still holds: one primary-key
lookup instead of counting tens of thousands of rows (a list's number of pages) or reading every live area (the
home page's attention signals). Changes written around the app (a bulk load, a restore from a backup) are seen
after a restart.
"""

from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import cache
from typing import TypeVar, cast

import sqlalchemy as sa
from flask import g, has_app_context
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.extensions import db
from app.models import DataVersion

T = TypeVar("T")

#: Enough for every list and filter a desk uses in a day; the least recently used goes first.
MOST_KEPT = 512

_kept: OrderedDict[tuple[str, Hashable], tuple[int | None, object]] = OrderedDict()


_VERSION = "data_version"
#: Set in a session's ``info`` once its transaction has written something, until it ends.
_WROTE = "wrote_data"


def data_version() -> int | None:
    """The data version, read once a request: a page asks for several kept figures. Forgotten at each flush, which
    is when the request's own changes are written."""
    if has_app_context() and _VERSION in g:
        kept: int | None = g.get(_VERSION)
        return kept
    version = db.session.scalar(sa.select(DataVersion.counter).where(DataVersion.id == 1))
    if has_app_context():
        setattr(g, _VERSION, version)
    return version


def _has_changes(session: Session) -> bool:
    return bool(session.new or session.dirty or session.deleted)


def _note_writes(session: Session, _flush_context: object) -> None:
    # After a flush the session still lists what that flush wrote.
    if _has_changes(session):
        session.info[_WROTE] = True
    if has_app_context():
        g.pop(_VERSION, None)


def _move_version_on(session: Session) -> None:
    """Part of the committing transaction, so others see the new version exactly when they see its changes. The
    row stays locked from here to the commit: saves that commit at the same moment take their turns."""
    if not (session.info.get(_WROTE) or _has_changes(session)):
        return
    connection = session.connection()
    connection.exec_driver_sql(_moving_on(connection.dialect))


@cache
def _moving_on(dialect: sa.Dialect) -> str:
    """The statement that moves the version on, as ``dialect`` writes it: written once, as every commit that saved
    something runs it. The row is put back if it is missing (the test suite empties every table between tests)."""
    insert = postgresql.insert if dialect.name == "postgresql" else sqlite.insert
    table = DataVersion.__table__
    assert isinstance(table, sa.Table)  # a mapped class's, declared with its columns
    statement = insert(table).values(id=1, counter=1).on_conflict_do_update(
        index_elements=[table.c.id], set_={"counter": table.c.counter + 1})
    return str(statement.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))


def _transaction_ended(session: Session) -> None:
    session.info.pop(_WROTE, None)


for _event, _listener in (("after_flush", _note_writes), ("before_commit", _move_version_on),
                          ("after_commit", _transaction_ended), ("after_rollback", _transaction_ended)):
    if not sa.event.contains(db.session, _event, _listener):
        sa.event.listen(db.session, _event, _listener)


def while_unchanged(key: Hashable, work_out: Callable[[], T]) -> T:
    """``work_out()``, or what it gave for the same ``key`` when the data was last as it is now."""
    if db.session.info.get(_WROTE):
        # Worked out from changes not yet committed, which may still be rolled back: not kept.
        return work_out()
    full_key = (str(db.engine.url), key)
    version = data_version()
    kept = _kept.get(full_key)
    if kept is not None and kept[0] == version:
        _kept.move_to_end(full_key)
        # Kept by this function for this key, so it is what work_out gave: a T.
        return cast(T, kept[1])
    value = work_out()
    _kept[full_key] = (version, value)
    _kept.move_to_end(full_key)
    while len(_kept) > MOST_KEPT:
        _kept.popitem(last=False)
    return value


def forget_everything() -> None:
    """For a database emptied under a running process (the test suite does it between tests)."""
    _kept.clear()
    if has_app_context():
        g.pop(_VERSION, None)
