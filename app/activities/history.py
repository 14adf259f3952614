"""An activity's state history: every change of its state, dated by the day it took effect, only ever added to.

The activity's own ``state`` is its state now (lists filter on it); each operation that changes it appends an entry
here in the same transaction, so the two always agree and the state on any past date can be read back.
"""

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from app.auth.sessions import acting_user_id
from app.extensions import db
from app.models import Activity, ActivityState, ActivityStateEntry


def record_state(activity: Activity, state: ActivityState, effective_on: date,
                 note: str | None = None) -> ActivityStateEntry:
    """Append ``state`` as in force from ``effective_on``, by the signed-in user (none for the demo loader)."""
    entry = ActivityStateEntry(activity=activity, state=state, effective_on=effective_on,
                               recorded_by_id=acting_user_id(), note=note or None)
    db.session.add(entry)
    return entry


def latest_entry(activity: Activity) -> ActivityStateEntry | None:
    """The entry in force now: the latest by the day it took effect, then by the order it was recorded."""
    return db.session.scalar(
        sa.select(ActivityStateEntry).where(ActivityStateEntry.activity_id == activity.id)
        .order_by(ActivityStateEntry.effective_on.desc(), ActivityStateEntry.id.desc()).limit(1))


def state_history(activity: Activity) -> list[ActivityStateEntry]:
    """Every entry of the activity, newest first (the first is its state now), with who recorded each."""
    return list(db.session.scalars(
        sa.select(ActivityStateEntry).where(ActivityStateEntry.activity_id == activity.id)
        .order_by(ActivityStateEntry.effective_on.desc(), ActivityStateEntry.id.desc())
        .options(joinedload(ActivityStateEntry.recorded_by))))


def first_day_in(activity_ids: list[int], state: ActivityState) -> dict[int, date]:
    """The day each activity first entered ``state``, for those that did: when it started, or was completed."""
    if not activity_ids:
        return {}
    rows = db.session.execute(
        sa.select(ActivityStateEntry.activity_id, sa.func.min(ActivityStateEntry.effective_on))
        .where(ActivityStateEntry.activity_id.in_(activity_ids), ActivityStateEntry.state == state)
        .group_by(ActivityStateEntry.activity_id))
    return {activity_id: day for activity_id, day in rows}
