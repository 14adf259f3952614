"""What the top of a partnership's page reads: where its current plan stands, its next and last meetings, how many
follow-ups are overdue, and what happened lately.

Each part is a fixed number of statements, whatever the number of meetings, follow-ups, activities and updates."""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext
from sqlalchemy.orm import aliased

from app.common.counting import counting_day
from app.common.numbers import page_number
from app.common.unchanged import while_unchanged
from app.extensions import db
from app.implementation.coverage import Coverage, coverage_totals
from app.models import (
    ActionLine,
    ActionLineStatus,
    Activity,
    AreaStatus,
    CooperationArea,
    FollowUpAction,
    FollowUpStatus,
    Meeting,
    Partnership,
    Plan,
    StatusUpdate,
)

#: How many entries the timeline of recent activity shows; the lists of meetings, follow-ups and activities have
#: the rest.
TIMELINE_LENGTH = 10


@dataclass(frozen=True)
class PlanCoverage:
    """The headline figure of the plan page, for the same plan on the same day."""

    plan: Plan
    coverage: Coverage
    counted_on: date


@dataclass(frozen=True)
class TimelineEntry:
    on: date
    #: "meeting", "plan status", "area status", "line status", "follow-up" or "activity": what the entry says and
    #: where it links.
    kind: str
    #: The record the entry links to: the meeting, the plan, the area or action line, the follow-up, the activity.
    record_id: int
    text: str
    #: The status, follow-up or activity state the entry shows as a tag.
    tag: object = None
    #: The follow-up itself, so a restricted title is replaced for a reader who may not see it.
    follow_up: FollowUpAction | None = None


def current_plan(plans: list[Plan], today: date) -> Plan | None:
    """The plan in force today; else the latest in force (the period report's choice); else the latest plan.
    ``plans``: the partnership's plans in use, latest start first."""
    in_force = [plan for plan in plans if plan.is_in_force]
    return next((plan for plan in in_force if plan.covers(today)), None) or next(iter(in_force or plans), None)


def plan_coverage(plan: Plan | None, today: date) -> PlanCoverage | None:
    """Counted as the plan page counts it (``app.plans.pages.build_plan_page``): as of today, or the plan's end once
    it is over."""
    if plan is None:
        return None
    counted_on = counting_day(plan.ends_on, today)
    return PlanCoverage(plan, coverage_totals(plan.id, counted_on).plan, counted_on)


def next_and_last_meetings(partnership: Partnership, today: date) -> tuple[Meeting | None, Meeting | None]:
    """The first meeting from today on, and the latest before today."""
    in_use = (Meeting.partnership_id == partnership.id, Meeting.archived_at.is_(None))
    upcoming = db.session.scalars(
        sa.select(Meeting).where(*in_use, Meeting.held_on >= today).order_by(Meeting.held_on, Meeting.id).limit(1)
    ).first()
    last = db.session.scalars(
        sa.select(Meeting).where(*in_use, Meeting.held_on < today).order_by(*Meeting.newest_first()).limit(1)
    ).first()
    return upcoming, last


def overdue_count(partnership: Partnership, today: date) -> int:
    return while_unchanged(("overdue follow-ups of partnership", partnership.id, today), lambda: db.session.scalar(
        sa.select(sa.func.count(FollowUpAction.id)).where(
            FollowUpAction.partnership_id == partnership.id, FollowUpAction.still_to_do(),
            FollowUpAction.due_on < today,
        ))) or 0


def timeline(partnership: Partnership, today: date, length: int = TIMELINE_LENGTH) -> list[TimelineEntry]:
    """Meetings held, status updates, follow-ups done and activities started or ended, up to today, newest first:
    the latest ``length`` of each kind are read, so the latest ``length`` of all of them are among them."""
    entries = [
        *_meetings(partnership, today, length), *_status_updates(partnership, today, length),
        *_follow_ups_done(partnership, today, length), *_activities(partnership, today, length),
    ]
    # Same day: the order the kinds are listed in, then the latest recorded first.
    order = {"meeting": 0, "plan status": 1, "area status": 1, "line status": 1, "follow-up": 2, "activity": 3}
    entries.sort(key=lambda entry: (-entry.on.toordinal(), order[entry.kind], -entry.record_id))
    return entries[:length]


def _meetings(partnership: Partnership, today: date, length: int) -> list[TimelineEntry]:
    meetings = db.session.scalars(
        sa.select(Meeting)
        .where(Meeting.partnership_id == partnership.id, Meeting.archived_at.is_(None), Meeting.held_on <= today)
        .order_by(*Meeting.newest_first()).limit(length)
    ).all()
    return [TimelineEntry(meeting.held_on, "meeting", meeting.id, meeting.name)
            for meeting in meetings if meeting.held_on is not None]


def _status_updates(partnership: Partnership, today: date, length: int) -> list[TimelineEntry]:
    """One entry per plan and day: a lone update names its area or action line; a day's review of many says how
    many and links to the plan, so one batch does not fill the timeline."""
    # An update is of an area or of one of its action lines: either way the area says whose plan it is. Each way
    # apart, from the partnership's few plans to their updates through the indexes: the two ways in one join
    # would read every update of every partnership.
    plans = (sa.select(Plan.id, Plan.label).where(Plan.partnership_id == partnership.id, Plan.archived_at.is_(None))
             .subquery())
    of_areas = (sa.select(StatusUpdate.id.label("update_id"), StatusUpdate.as_of, plans.c.id.label("plan_id"),
                          plans.c.label)
                .join(CooperationArea, StatusUpdate.area_id == CooperationArea.id)
                .join(plans, plans.c.id == CooperationArea.plan_id).where(StatusUpdate.as_of <= today))
    of_lines = (sa.select(StatusUpdate.id, StatusUpdate.as_of, plans.c.id, plans.c.label)
                .join(ActionLine, StatusUpdate.action_line_id == ActionLine.id)
                .join(CooperationArea, ActionLine.area_id == CooperationArea.id)
                .join(plans, plans.c.id == CooperationArea.plan_id).where(StatusUpdate.as_of <= today))
    updates = sa.union_all(of_areas, of_lines).subquery()
    days = db.session.execute(
        sa.select(updates.c.as_of, updates.c.plan_id, updates.c.label, sa.func.count(updates.c.update_id),
                  sa.func.max(updates.c.update_id))
        .group_by(updates.c.as_of, updates.c.plan_id, updates.c.label)
        .order_by(updates.c.as_of.desc(), updates.c.plan_id.desc()).limit(length)
    ).all()
    lone = [update_id for *_, count, update_id in days if count == 1]
    line_area, area = aliased(CooperationArea), aliased(CooperationArea)
    subjects = {row[0]: row for row in db.session.execute(
        sa.select(StatusUpdate.id, StatusUpdate.status, StatusUpdate.area_id, StatusUpdate.action_line_id,
                  area.code, area.name, ActionLine.code, line_area.name)
        .outerjoin(area, StatusUpdate.area_id == area.id)
        .outerjoin(ActionLine, StatusUpdate.action_line_id == ActionLine.id)
        .outerjoin(line_area, ActionLine.area_id == line_area.id)
        .where(StatusUpdate.id.in_(lone))
    )} if lone else {}
    entries = []
    for as_of, plan_id, label, count, update_id in days:
        if count > 1:
            entries.append(TimelineEntry(as_of, "plan status", plan_id, gettext(
                "%(num)s areas and action lines of the %(label)s plan", num=page_number(count), label=label)))
            continue
        _, status, area_id, line_id, area_code, area_name, line_code, line_area_name = subjects[update_id]
        if area_id is not None:
            entries.append(TimelineEntry(as_of, "area status", area_id, f"{area_code} {area_name}",
                                         AreaStatus(status)))
        elif line_id is not None:  # always, as an update has one subject or the other
            entries.append(TimelineEntry(as_of, "line status", line_id, gettext(
                "Action line %(code)s of %(area)s", code=line_code, area=line_area_name), ActionLineStatus(status)))
    return entries


def _follow_ups_done(partnership: Partnership, today: date, length: int) -> list[TimelineEntry]:
    done = db.session.scalars(
        sa.select(FollowUpAction)
        .where(FollowUpAction.partnership_id == partnership.id, FollowUpAction.archived_at.is_(None),
               FollowUpAction.status == FollowUpStatus.DONE, FollowUpAction.completed_on <= today)
        .order_by(FollowUpAction.completed_on.desc(), FollowUpAction.id.desc()).limit(length)
    ).all()
    return [TimelineEntry(action.completed_on, "follow-up", action.id, action.title, action.status, action)
            for action in done if action.completed_on is not None]


def _activities(partnership: Partnership, today: date, length: int) -> list[TimelineEntry]:
    """An activity counts from the day it ended once that has come, else from the day it started. The latest
    ``length`` of them are among the ``length`` that ended last and the ``length`` that started last (one that
    ended is dated no earlier than it started): two short reads, each in the order of an index."""
    live = (Activity.partnership_id == partnership.id, Activity.archived_at.is_(None))
    ended = db.session.scalars(
        sa.select(Activity).where(*live, Activity.actual_ends_on.is_not(None), Activity.actual_ends_on <= today)
        .order_by(Activity.actual_ends_on.desc(), Activity.id.desc()).limit(length)).all()
    started = db.session.scalars(
        sa.select(Activity).where(*live, Activity.actual_starts_on.is_not(None), Activity.actual_starts_on <= today)
        .order_by(Activity.actual_starts_on.desc(), Activity.id.desc()).limit(length)).all()
    entries = {activity.id: TimelineEntry(_dated_on(activity, today), "activity", activity.id, activity.title,
                                          activity.state) for activity in [*ended, *started]}
    latest = sorted(entries.values(), key=lambda entry: (entry.on, entry.record_id), reverse=True)
    return latest[:length]


def _dated_on(activity: Activity, today: date) -> date:
    ends_on = activity.actual_ends_on
    if ends_on is not None and ends_on <= today:
        return ends_on
    assert activity.actual_starts_on is not None  # read only once started
    return activity.actual_starts_on
