"""The dates of a meeting and what they tie it to: the plan whose areas it discussed, and the follow-ups it agreed.

A follow-up is not due before the meeting that agreed it, and a dated meeting that discussed an area is held within
that area's plan's period. The follow-up form checks its own side; these rules refuse the meeting's side.
"""

from datetime import date

import sqlalchemy as sa
from flask_babel import gettext

from app.common.dates import long_date, page_date
from app.common.errors import DomainError
from app.common.in_the_way import records_in_the_way
from app.extensions import db
from app.models import CooperationArea, FollowUpAction, Meeting, MeetingType, Partnership, Plan, PlanState

#: Which plan a meeting belongs to when several cover its date: the one in force, then one that was.
_PLAN_PREFERENCE = {
    PlanState.IN_FORCE: 0, PlanState.EXTENDED: 0, PlanState.EXPIRED: 1, PlanState.SUPERSEDED: 1,
    PlanState.ADOPTED: 2, PlanState.DRAFT: 3,
}


def plan_for(partnership: Partnership, day: date | None) -> Plan | None:
    """The partnership's plan covering ``day``, or the plan in force today when the date is not known."""
    return preferred_plan(plans_covering(partnership, day or date.today()))


def plans_covering(partnership: Partnership, day: date) -> list[Plan]:
    """The partnership's plans (not archived) whose period holds ``day``, latest first."""
    return list(db.session.scalars(
        sa.select(Plan)
        .where(
            Plan.partnership_id == partnership.id, Plan.archived_at.is_(None),
            Plan.starts_on <= day, Plan.ends_on >= day,
        )
        .order_by(Plan.starts_on.desc(), Plan.id.desc())
    ))


def preferred_plan(plans: list[Plan]) -> Plan | None:
    """Of plans covering one day, the one a meeting of that day belongs to."""
    return min(plans, key=lambda plan: _PLAN_PREFERENCE.get(plan.state, 9), default=None)


def _plan_phrase(held_on: date | None) -> str:
    return f"covering {long_date(held_on)}" if held_on else "in force today"


def check_areas(partnership: Partnership, held_on: date | None, areas: list[CooperationArea]) -> None:
    if not areas:
        return
    plan = plan_for(partnership, held_on)
    if plan is None:
        raise DomainError(
            "area_ids",
            f"{partnership.name} has no plan {_plan_phrase(held_on)}, so no areas discussed can be recorded",
        )
    for area in areas:
        if area.plan_id != plan.id:
            raise DomainError(
                "area_ids", f"{area} is not an area of {plan.title}, the plan {_plan_phrase(held_on)}"
            )


def check_dates(type: MeetingType, held_on: date | None, ends_on: date | None) -> None:
    if held_on is None and not type.is_committee:
        raise DomainError("held_on", gettext("Enter the date of the meeting"))
    if ends_on is not None:
        if held_on is None:
            raise DomainError("ends_on", gettext("Leave the end date blank when the date of the meeting is not known"))
        if ends_on < held_on:
            raise DomainError(
                "ends_on", gettext("End date must be the same as or after %(day)s, the date of the meeting",
                           day=page_date(held_on))
            )


def check_new_date(meeting: Meeting, held_on: date | None, areas: list[CooperationArea]) -> None:
    """Refuse moving a recorded meeting to ``held_on`` when a follow-up it agreed would fall due before it, or when
    an area it discussed (and still does) belongs to a plan whose period leaves the new date out."""
    if meeting.id is None or held_on is None or held_on == meeting.held_on:
        return
    due_before = db.session.execute(
        sa.select(FollowUpAction.title, FollowUpAction.due_on)
        .where(FollowUpAction.meeting_id == meeting.id, FollowUpAction.due_on < held_on)
        .order_by(FollowUpAction.due_on, FollowUpAction.id)
    ).all()
    if due_before:
        names = [f"‘{title}’ (due {long_date(due_on)})" for title, due_on in due_before]
        raise DomainError("held_on", records_in_the_way(
            len(due_before), "follow-up", "follow-ups", f"due before {long_date(held_on)}", names,
        ) + " – change their due dates first, or choose an earlier date")
    kept = {area.id for area in meeting.areas}
    outside = [area for area in areas if area.id in kept and not area.plan.covers(held_on)]
    if outside:
        names = [f"{area} ({area.plan.label} plan, {long_date(area.plan.starts_on)} to "
                 f"{long_date(area.plan.ends_on)})" for area in outside]
        raise DomainError("held_on", records_in_the_way(
            len(outside), "area discussed", "areas discussed", f"of a plan that does not cover {long_date(held_on)}",
            names,
        ) + " – choose a date within the plan, or untick the area")
