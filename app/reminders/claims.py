"""Claiming a digest before sending it, so that no one gets the same digest twice for the same day.

A run claims a digest by inserting its row (person, kind, day); the unique constraint lets one run in, whether the
other runs at the same moment on another host or later the same day. The claim is committed before the mail server
is called, then marked sent, nothing to send, or failed. A failed digest, or one claimed by a run that stopped
before marking it (a claim older than REMINDERS_CLAIM_MINUTES), is taken over by the next run, by an UPDATE that
only one run can win. Each step commits at once: these rows are the runs' shared memory, not part of a request.
"""

from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.dialects import postgresql, sqlite

from app.extensions import db
from app.models import DigestKind, DigestState, SentDigest, utcnow


def _which(user_id: int, kind: DigestKind, day: date) -> sa.ColumnElement[bool]:
    return sa.and_(SentDigest.user_id == user_id, SentDigest.kind == kind, SentDigest.day == day)


def _insert_unless_there(values: dict[str, Any]) -> bool:
    """Insert a row of ``sent_digests`` unless one for the same person, kind and day is there; True if inserted."""
    connection = db.session.connection()
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    # The id returned says whether the row went in: a driver may not count rows of an INSERT ... RETURNING.
    statement = dialect.insert(SentDigest).values(**values).on_conflict_do_nothing(
        index_elements=["user_id", "kind", "day"]).returning(SentDigest.id)
    return connection.execute(statement).scalar() is not None


def claim(user_id: int, kind: DigestKind, day: date, run: str) -> bool:
    """Take the digest for this run; False when another run has it, sent it, or found nothing to send."""
    now = utcnow()
    try:
        taken = _insert_unless_there(dict(user_id=user_id, kind=kind, day=day, state=DigestState.CLAIMED,
                                          claimed_at=now, claimed_by=run, attempts=1))
        if not taken:
            left_since = now - timedelta(minutes=current_app.config["REMINDERS_CLAIM_MINUTES"])
            taken = db.session.connection().execute(
                sa.update(SentDigest).where(
                    _which(user_id, kind, day),
                    sa.or_(SentDigest.state == DigestState.FAILED,
                           sa.and_(SentDigest.state == DigestState.CLAIMED, SentDigest.claimed_at < left_since)))
                .values(state=DigestState.CLAIMED, claimed_at=now, claimed_by=run, failure=None,
                        attempts=SentDigest.attempts + 1)
            ).rowcount == 1
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return taken


def settle(user_id: int, kind: DigestKind, day: date, run: str, state: DigestState, failure: str | None = None,
           sent_at: datetime | None = None) -> None:
    """Mark this run's claim ``state``; a claim another run has since taken over is left to that run."""
    db.session.connection().execute(
        sa.update(SentDigest).where(_which(user_id, kind, day), SentDigest.claimed_by == run,
                                    SentDigest.state == DigestState.CLAIMED)
        .values(state=state, failure=failure[:500] if failure else None, sent_at=sent_at))
    db.session.commit()


def unfinished(since: date, before: date) -> list[tuple[int, DigestKind, date]]:
    """The digests of the days from ``since`` to the day before ``before`` that failed or are still claimed."""
    return [(user_id, kind, day) for user_id, kind, day in db.session.execute(
        sa.select(SentDigest.user_id, SentDigest.kind, SentDigest.day)
        .where(SentDigest.day >= since, SentDigest.day < before,
               SentDigest.state.in_([DigestState.FAILED, DigestState.CLAIMED]))
        .order_by(SentDigest.day, SentDigest.user_id, SentDigest.kind))]


def settled_on(day: date, user_id: int | None = None) -> dict[tuple[int, DigestKind], DigestState]:
    """The state of each digest of ``day`` that has a row (of one user's, given ``user_id``), by person and kind."""
    query = sa.select(SentDigest.user_id, SentDigest.kind, SentDigest.state).where(SentDigest.day == day)
    if user_id is not None:
        query = query.where(SentDigest.user_id == user_id)
    rows = db.session.execute(query)
    return {(user_id, kind): state for user_id, kind, state in rows}
