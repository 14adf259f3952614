"""A plan's period and the records dated within it: the status updates of its areas and action lines, and the
meetings that discussed its areas.

Every figure of a plan counts within its period, so moving the start later or the end earlier past any of them
would leave a status or a meeting of the plan outside it. Such a move is refused, naming what is in the way.
"""

from collections.abc import Callable
from datetime import date

import sqlalchemy as sa

from app.common.dates import long_date
from app.common.errors import DomainError
from app.common.in_the_way import records_in_the_way
from app.extensions import db
from app.models import ActionLine, CooperationArea, Meeting, Plan, StatusUpdate, meeting_areas
from app.models.meeting import name_of_row

#: The test a record's date fails when it lies outside the plan's new period.
Outside = Callable[[sa.orm.QueryableAttribute[date | None]], sa.ColumnElement[bool]]


def _status_updates_outside(plan: Plan, outside: Outside, latest_first: bool) -> list[tuple[str, date]]:
    """Each status update of the plan's areas and action lines dated where ``outside`` holds, as the message names
    it ("2.1 Trade (1 March 2025)", "action line 2.1.1 (2 March 2025)"), with its date."""
    area_id = sa.func.coalesce(StatusUpdate.area_id, ActionLine.area_id)
    order = (StatusUpdate.as_of.desc(), StatusUpdate.id.desc()) if latest_first else (StatusUpdate.as_of,
                                                                                      StatusUpdate.id)
    rows = db.session.execute(
        sa.select(StatusUpdate.as_of, CooperationArea.code, CooperationArea.name, ActionLine.code.label("line_code"))
        .outerjoin(ActionLine, StatusUpdate.action_line_id == ActionLine.id)
        .join(CooperationArea, CooperationArea.id == area_id)
        .where(CooperationArea.plan_id == plan.id, outside(StatusUpdate.as_of))
        .order_by(*order)
    ).all()
    return [
        (f"{f'action line {row.line_code}' if row.line_code else f'{row.code} {row.name}'} ({long_date(row.as_of)})",
         row.as_of)
        for row in rows
    ]


def _meetings_outside(plan: Plan, outside: Outside, latest_first: bool) -> list[tuple[str, date]]:
    """Each meeting that discussed an area of the plan held where ``outside`` holds, as the message names it."""
    discussed = (
        sa.select(meeting_areas.c.meeting_id)
        .join(CooperationArea, meeting_areas.c.area_id == CooperationArea.id)
        .where(CooperationArea.plan_id == plan.id)
    )
    order = (Meeting.held_on.desc(), Meeting.id.desc()) if latest_first else (Meeting.held_on, Meeting.id)
    rows = db.session.execute(
        sa.select(*Meeting.naming_columns(), Meeting.held_on)
        .where(Meeting.id.in_(discussed), Meeting.held_on.is_not(None), outside(Meeting.held_on))
        .order_by(*order)
    ).all()
    return [(f"{name_of_row(row)} ({long_date(row.held_on)})", row.held_on)
            for row in rows]


def _problem(plan: Plan, outside: Outside, latest_first: bool, when: str) -> tuple[str, list[date]] | None:
    """The sentence naming the records in the way, and their dates; None when nothing is."""
    parts, dates = [], []
    if updates := _status_updates_outside(plan, outside, latest_first):
        parts.append(records_in_the_way(len(updates), "status update", "status updates", f"dated {when}",
                                        [name for name, _ in updates]))
        dates += [day for _, day in updates]
    if meetings := _meetings_outside(plan, outside, latest_first):
        parts.append(records_in_the_way(len(meetings), "meeting that discussed its areas",
                                        "meetings that discussed its areas", f"held {when}",
                                        [name for name, _ in meetings], verbs=("was", "were")))
        dates += [day for _, day in meetings]
    return ("; ".join(parts), dates) if parts else None


def check_plan_dates(plan: Plan, starts_on: date, ends_on: date) -> None:
    """Refuse a start later, or an end earlier, than a status update or a meeting of the plan already recorded."""
    if plan.id is None:
        return
    if starts_on > plan.starts_on and (
        found := _problem(plan, lambda day: day < starts_on, False, f"before {long_date(starts_on)}")
    ):
        problem, dates = found
        raise DomainError("starts_on", f"{problem} – the plan can start on {long_date(min(dates))} at the latest")
    if ends_on < plan.ends_on and (
        found := _problem(plan, lambda day: day > ends_on, True, f"after {long_date(ends_on)}")
    ):
        problem, dates = found
        raise DomainError("ends_on", f"{problem} – the plan can end on {long_date(max(dates))} at the earliest")
