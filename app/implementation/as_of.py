"""Whether an area or action line was in use on a day, as every figure counted as of that day needs to know.

Archiving hides a record from today's pages; it does not make it never have existed. So a figure as of a day
counts every area and action line that was not archived as of that day, and archiving one today leaves every
figure as of an earlier day as it was, while a restore brings a record back only from the day of the restore.

Archiving and restoring are dated by the audit log, which keeps each of them with the moment it happened: the
state as of a day is the latest archive or restore by the end of that day. A record archived before there was an
audit log has no entry and is dated by its ``archived_at``.
"""

from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa

from app.models import ActionLine, Activity, AuditAction, AuditEntry, CooperationArea, FollowUpAction, Meeting

#: The records whose use on a day the figures ask about: each archivable, dated and versioned.
InUseModel = type[CooperationArea] | type[ActionLine] | type[Meeting] | type[FollowUpAction] | type[Activity]
#: The two acts that move a record in or out of use.
_MOVES = (AuditAction.ARCHIVE, AuditAction.RESTORE)


def end_of(day: date) -> datetime:
    """The first moment after ``day``: what happened before it happened on or before ``day``."""
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=UTC)


def archived_by(model: InUseModel, moment: datetime | sa.BindParameter[datetime]) -> sa.ColumnElement[bool]:
    """True where the row of ``model`` (an archivable model the enclosing query reads) was archived before
    ``moment`` (a datetime, or a bound parameter of one).

    Each row's archives and restores are a short walk of the audit log's (record type, record id, moment) index.
    A row never saved since it was created was never archived or restored, so it is not looked up at all: most
    areas and action lines of a plan are such rows.
    """
    moves = (
        AuditEntry.record_type == model.__tablename__,
        AuditEntry.record_id == model.id,
        AuditEntry.action.in_(_MOVES),
    )
    latest = (
        sa.select(AuditEntry.action)
        .where(*moves, AuditEntry.occurred_at < moment)
        .order_by(AuditEntry.occurred_at.desc(), AuditEntry.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    first = (
        sa.select(AuditEntry.action).where(*moves)
        .order_by(AuditEntry.occurred_at, AuditEntry.id).limit(1).scalar_subquery()
    )
    before_any_move = sa.case(
        # Restored first: it was archived before the audit log began, from a moment no one recorded.
        (first == AuditAction.RESTORE, sa.true()),
        # Archived with no entry at all (before the audit log) is dated by archived_at; otherwise in use until then.
        else_=sa.and_(model.archived_at.is_not(None), model.archived_at < moment),
    )
    return sa.case(
        (sa.and_(model.archived_at.is_(None), model.version == 1), sa.false()),
        else_=sa.func.coalesce(latest == AuditAction.ARCHIVE, before_any_move, sa.false()),
    )


def in_use_before(model: InUseModel,
                  moment: datetime | sa.BindParameter[datetime] | None) -> sa.ColumnElement[bool]:
    """True where the row of ``model`` was in use just before ``moment`` (None: now, that is not archived)."""
    return model.archived_at.is_(None) if moment is None else sa.not_(archived_by(model, moment))


def in_use_on(model: InUseModel, day: date | None, recorded_by: datetime | None = None) -> sa.ColumnElement[bool]:
    """True where the row of ``model`` was in use on ``day`` (None: now, that is not archived).

    With ``recorded_by``, as the data stood at that moment: a row created after it, or archived or restored after
    it, is taken as it was then (what an issued report is checked against).
    """
    if day is None or recorded_by is None:
        return in_use_before(model, end_of(day) if day else None)
    return sa.and_(model.created_at <= recorded_by,
                   sa.not_(archived_by(model, min(end_of(day), recorded_by))))


def counted_on(day: date | None) -> tuple[sa.ColumnElement[bool], sa.ColumnElement[bool]]:
    """The conditions for an action line to count on ``day``: neither it nor its area archived as of that day.

    For a query that reads ``ActionLine`` joined to its ``CooperationArea``.
    """
    return counted_before(end_of(day) if day else None)


def counted_before(moment: datetime | sa.BindParameter[datetime] | None
                   ) -> tuple[sa.ColumnElement[bool], sa.ColumnElement[bool]]:
    """``counted_on`` the day that ends at ``moment`` (see ``end_of``), which may be a bound parameter, so that a
    statement built once serves every day."""
    return in_use_before(CooperationArea, moment), in_use_before(ActionLine, moment)
