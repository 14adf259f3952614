"""A follow-up's state history: every change of its status or due date, dated, only ever added to.

The follow-up's ``status``, ``due_on`` and ``completed_on`` stay its current state (lists sort and filter on
them); each operation that changes them appends an entry here in the same transaction, so the two always agree
and a report can count what held on any past date.
"""

from datetime import date
from typing import TypeVar

import sqlalchemy as sa
from flask import has_request_context
from flask_login import current_user
from sqlalchemy.orm import InstrumentedAttribute, joinedload
from sqlalchemy.sql.selectable import ScalarSelect

from app.extensions import db
from app.models import FollowUpAction, FollowUpStateEntry, FollowUpStatus

T = TypeVar("T")


def acting_user_id() -> int | None:
    """The signed-in user making the change; None for the demo loader and commands (as in the audit log)."""
    if has_request_context() and current_user.is_authenticated:
        user_id: int = current_user.id
        return user_id
    return None


def record_state(action: FollowUpAction, effective_on: date, *, status: FollowUpStatus | None = None,
                 due_on: date | None = None, note: str | None = None) -> FollowUpStateEntry:
    """Append the follow-up's current status and due date as in force from ``effective_on``; or, with ``status``,
    that status and ``due_on`` (a state it was in before, such as the one it was opened in)."""
    entry = FollowUpStateEntry(
        follow_up=action, status=status or action.status, due_on=due_on if status else action.due_on,
        effective_on=effective_on, recorded_by_id=acting_user_id(), note=note or None,
    )
    db.session.add(entry)
    if action.state_changed_on is None or action.state_changed_on < effective_on:
        action.state_changed_on = effective_on
    return entry


def record_opening(action: FollowUpAction, *, closed_on: date | None = None, note: str | None = None) -> None:
    """The first entries of a new follow-up: open on the day it was agreed; then, for one recorded as already done
    or cancelled, that change on ``closed_on`` (the completion date of a done one)."""
    if FollowUpStatus(action.status).is_closed:
        record_state(action, action.opened_on, status=FollowUpStatus.OPEN, due_on=action.due_on)
        record_state(action, closed_on or action.completed_on or action.opened_on, note=note)
    else:
        record_state(action, action.opened_on, note=note)


def latest_entry(action: FollowUpAction) -> FollowUpStateEntry | None:
    """The entry in force now: the latest by the day it took effect, then by the order it was recorded."""
    return db.session.scalar(
        sa.select(FollowUpStateEntry).where(FollowUpStateEntry.follow_up_id == action.id)
        .order_by(FollowUpStateEntry.effective_on.desc(), FollowUpStateEntry.id.desc()).limit(1)
    )


def first_entry(action: FollowUpAction) -> FollowUpStateEntry | None:
    return db.session.scalar(
        sa.select(FollowUpStateEntry).where(FollowUpStateEntry.follow_up_id == action.id)
        .order_by(FollowUpStateEntry.effective_on, FollowUpStateEntry.id).limit(1)
    )


def state_history(action: FollowUpAction) -> list[FollowUpStateEntry]:
    """Every entry of the follow-up, newest first (the first is its state now), with who recorded each."""
    return list(db.session.scalars(
        sa.select(FollowUpStateEntry).where(FollowUpStateEntry.follow_up_id == action.id)
        .order_by(FollowUpStateEntry.effective_on.desc(), FollowUpStateEntry.id.desc())
        .options(joinedload(FollowUpStateEntry.recorded_by))
    ))


def disagreeing_follow_ups() -> list[int]:
    """The ids of follow-ups whose own status, due date, completion date or day their state began contradicts their
    history: the latest entry must hold their status and due date and have begun that day, and a done one must have
    moved to done on its completion date."""
    action, entry = FollowUpAction, FollowUpStateEntry

    def latest(column: InstrumentedAttribute[T]) -> ScalarSelect[T]:
        return (sa.select(column).where(entry.follow_up_id == action.id)
                .order_by(entry.effective_on.desc(), entry.id.desc()).limit(1).scalar_subquery())

    done_that_day = sa.select(entry.id).where(entry.follow_up_id == action.id, entry.status == FollowUpStatus.DONE,
                                              entry.effective_on == action.completed_on).exists()
    return list(db.session.scalars(
        sa.select(action.id).where(sa.or_(
            latest(entry.status).is_(None),
            latest(entry.status) != action.status,
            latest(entry.due_on).is_distinct_from(action.due_on),
            latest(entry.effective_on) != action.state_changed_on,
            sa.and_(action.status == FollowUpStatus.DONE, ~done_that_day),
        )).order_by(action.id)
    ))
