"""A report as the data stood at a moment: what an issued report is reproduced from, months after it was issued.

A report for a past window counts what was true in the window. Reproducing one issued earlier also needs what was
known when it was issued: a status update or a follow-up's change entered since, even dated back into the window,
a record created since, an archive or restore since, and a meeting's date moved since, are all taken as they were
at the moment of issue. The live statements stay as they are (tuned, read from indexes); each has a variant built
with these conditions, for that moment only.
"""

from datetime import date, datetime
from typing import cast

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from app.implementation.as_of import archived_by, end_of
from app.models import Activity, AuditEntry, Meeting

#: The moment the data is taken as it stood: an issued report's time of issue.
RECORDED_BY = sa.bindparam("recorded_by", type_=sa.DateTime(timezone=True))
#: The earlier of the end of the counting day and ``RECORDED_BY``: what was archived by then was archived then.
IN_USE_AT = sa.bindparam("in_use_at", type_=sa.DateTime(timezone=True))


def values(recorded_by: datetime | None, counted_on: date) -> dict[str, datetime]:
    """The statements' values for a report counted on ``counted_on`` as the data stood at ``recorded_by``."""
    if recorded_by is None:
        return {}
    return {"recorded_by": recorded_by, "in_use_at": min(end_of(counted_on), recorded_by)}


def date_then(model: type[Meeting] | type[Activity], field: str) -> sa.ColumnElement[date]:
    """The date ``field`` of the row of ``model`` held at ``RECORDED_BY``: the value before its first change logged
    after that moment (the audit log keeps each field's value before and after), else its value now."""
    def logged(entry: type[AuditEntry], index: int) -> sa.ColumnElement[str]:
        # JSON's as_string() is reached through the element's comparator, which the stubs type as Any.
        return cast(sa.ColumnElement[str], entry.changes[(field, index)].as_string())

    # Its own name: the entry looked for and the entry read are two rows of the same table.
    change = aliased(AuditEntry, name="change")
    first_change = (
        sa.select(change.id)
        .where(change.record_type == model.__tablename__, change.record_id == model.id,
               change.occurred_at > RECORDED_BY, sa.or_(logged(change, 0).is_not(None), logged(change, 1).is_not(None)))
        .order_by(change.occurred_at, change.id).limit(1)
        # The row of ``model`` is that of the query two levels out, which SQLAlchemy would not find by itself.
        .correlate(model).scalar_subquery()
    )
    # date() reads ISO text as a date on SQLite and on PostgreSQL alike (a CAST to DATE is a number on SQLite).
    before = (sa.select(sa.func.date(logged(AuditEntry, 0), type_=sa.Date))
              .where(AuditEntry.id == first_change).scalar_subquery())
    return sa.case((first_change.is_not(None), before), else_=getattr(model, field))


def meetings(recorded: bool) -> sa.FromClause:
    """The meetings a report reads: the table itself (whose ``archived_at`` says which are in use), or, ``recorded``,
    the meetings in use at ``IN_USE_AT`` and created by ``RECORDED_BY``, each with its date as it stood then."""
    if not recorded:
        return Meeting.__table__
    return (
        sa.select(Meeting.id, Meeting.partnership_id, *Meeting.naming_columns(), Meeting.venue,
                  date_then(Meeting, "held_on").label("held_on"))
        .where(Meeting.created_at <= RECORDED_BY, sa.not_(archived_by(Meeting, IN_USE_AT)))
        .subquery("meetings_then")
    )


#: An activity's dates, which decide the windows it is in.
ACTIVITY_DATES = ("planned_starts_on", "planned_ends_on", "actual_starts_on", "actual_ends_on")


def activities(recorded: bool) -> sa.FromClause:
    """The activities a report reads: the table itself (whose ``archived_at`` says which are in use), or,
    ``recorded``, those in use at ``IN_USE_AT`` and created by ``RECORDED_BY``, each with its dates as they stood
    then: a date corrected after a report was issued does not move an activity in or out of its window."""
    if not recorded:
        return Activity.__table__
    return (
        sa.select(Activity.id, Activity.title, Activity.kind, Activity.funding_source, Activity.funded_by,
                  Activity.amount, Activity.currency, sa.null().label("archived_at"),
                  *(date_then(Activity, field).label(field) for field in ACTIVITY_DATES))
        .where(Activity.created_at <= RECORDED_BY, sa.not_(archived_by(Activity, IN_USE_AT)))
        .subquery("activities_then")
    )
