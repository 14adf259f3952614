"""Attention signals worked out once per change to the data, not on every visit to the home page.

Finding quiet areas reads the latest update, line update and meeting of every live area: at the size of a
ministry (thousands of areas) that is most of the home page's time. Every saved change writes an audit entry in
the same transaction, so the latest audit entry's id tells each server process whether its signals are still
current: one primary-key lookup instead of the whole computation. Changes written around the app (a bulk load,
a restore from a backup) are seen after a restart, or the next day.
"""

from datetime import date

import sqlalchemy as sa
from flask import current_app

from app.extensions import db
from app.implementation.attention import Signal, attention_signals
from app.models import AuditEntry

_latest: tuple[tuple, list[Signal]] | None = None


def current_attention_signals(today: date) -> list[Signal]:
    global _latest
    key = (
        today,
        current_app.config.get("ATTENTION_STALE_DAYS"),
        current_app.config.get("ATTENTION_PLAN_ENDING_DAYS"),
        str(db.engine.url),
        db.session.scalar(sa.select(sa.func.max(AuditEntry.id))),
    )
    if _latest is None or _latest[0] != key:
        _latest = (key, attention_signals(today))
    return _latest[1]


def forget_signals() -> None:
    """For a database emptied under a running process (the test suite does it between tests)."""
    global _latest
    _latest = None
