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
from flask import g, has_app_context

from app.extensions import db
from app.models import AuditEntry

T = TypeVar("T")

#: Enough for every list and filter a desk uses in a day; the least recently used goes first.
MOST_KEPT = 512

_kept: OrderedDict[tuple, tuple[int | None, object]] = OrderedDict()


_VERSION = "data_version"


def data_version() -> int | None:
    """The latest audit entry's id, read once a request: a page asks for several kept figures. Forgotten at each
    flush, which is when the request's own changes are written."""
    if has_app_context() and _VERSION in g:
        return g.get(_VERSION)
    version = db.session.scalar(sa.select(sa.func.max(AuditEntry.id)))
    if has_app_context():
        setattr(g, _VERSION, version)
    return version


def _forget_version(*_args) -> None:
    if has_app_context():
        g.pop(_VERSION, None)


if not sa.event.contains(db.session, "after_flush", _forget_version):
    sa.event.listen(db.session, "after_flush", _forget_version)


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
    _forget_version()
