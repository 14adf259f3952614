"""Figures worked out once per change to the data, not on every visit.

Every saved change writes an audit entry in the same transaction, so the latest audit entry's id tells each server
process whether what it worked out before still holds: one primary-key lookup instead of counting tens of
thousands of rows (a list's number of pages) or reading every live area (the home page's attention signals).
Changes written around the app (a bulk load, a restore from a backup) are seen after a restart.
"""

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry

T = TypeVar("T")

#: Enough for every list and filter a desk uses in a day; the least recently used goes first.
MOST_KEPT = 512

_kept: OrderedDict[tuple, tuple[int | None, object]] = OrderedDict()


def data_version() -> int | None:
    return db.session.scalar(sa.select(sa.func.max(AuditEntry.id)))


def while_unchanged(key: Hashable, work_out: Callable[[], T]) -> T:
    """``work_out()``, or what it gave for the same ``key`` when the data was last as it is now."""
    full_key = (str(db.engine.url), key)
    version = data_version()
    kept = _kept.get(full_key)
    if kept is not None and kept[0] == version:
        _kept.move_to_end(full_key)
        return kept[1]
    value = work_out()
    _kept[full_key] = (version, value)
    _kept.move_to_end(full_key)
    while len(_kept) > MOST_KEPT:
        _kept.popitem(last=False)
    return value


def forget_everything() -> None:
    """For a database emptied under a running process (the test suite does it between tests)."""
    _kept.clear()
