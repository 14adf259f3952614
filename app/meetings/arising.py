"""Matters arising: what the last meeting of a committee series left open, for the secretariat preparing the next.

A series is one partnership's numbered meetings of one committee type (its JSCCs). Read here: the follow-ups still
open from the meetings before the last, what became of the last meeting's follow-ups, the areas and action lines of
the plan in force whose status changed since the last meeting, the activities completed since, and an agenda
proposed from all that. Nothing here changes a record; archived meetings, follow-ups and activities are left out.
"""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from app.activities.history import first_day_in
from app.common.dates import page_date
from app.common.numbers import page_ordinal
from app.extensions import db
from app.implementation.statuses import current_statuses
from app.meetings.agenda import proposed_agenda
from app.meetings.date_rules import plan_for
from app.meetings.numbering import abbreviation, next_committee_number, numbered
from app.models import (
    COMMITTEE_TYPES,
    ActionLine,
    ActionLineStatus,
    Activity,
    ActivityState,
    ActivityStateEntry,
    AreaStatus,
    CooperationArea,
    FollowUpAction,
    FollowUpStatus,
    Meeting,
    MeetingType,
    Partnership,
    Plan,
    StatusUpdate,
)


@dataclass(frozen=True)
class StatusChange:
    """An area's or action line's status then (at the last meeting) and now, and the day of the change."""

    code: str
    name: str
    #: "Area" or "Action line", in the page's language.
    kind: str
    #: The area it is, or belongs to: the agenda reviews areas.
    area: CooperationArea
    before: str
    after: str
    changed_on: date


@dataclass(frozen=True)
class CompletedActivity:
    activity: Activity
    completed_on: date


@dataclass(frozen=True)
class MattersArising:
    last: Meeting
    #: The live meetings of the series up to the last, by number.
    series: list[Meeting]
    next_number: int
    #: The next meeting, when it is already logged ahead of its date (its agenda is then changed on its own page).
    upcoming: Meeting | None
    #: Follow-ups still to do from the meetings before the last, due first (undated last).
    carried_over: list[FollowUpAction]
    #: Every live follow-up of the last meeting, whatever became of it.
    last_follow_ups: list[FollowUpAction]
    plan: Plan | None
    status_changes: list[StatusChange]
    completed_activities: list[CompletedActivity]
    #: The day each follow-up the partner owes was last chased (None: not yet), by its id; ours are not in it.
    last_chased: dict[int, date | None]
    agenda: str

    @property
    def committee(self) -> str:
        return abbreviation(self.last.type)

    @property
    def last_name(self) -> str:
        return numbered(self.last.number or 0, self.last.type)

    @property
    def next_name(self) -> str:
        return numbered(self.next_number, self.last.type)

    @property
    def earlier_name(self) -> str:
        """ "JSCC meetings before the 7th": the series alone (a courtesy call's follow-ups are not carried)."""
        number = self.last.number or 0
        return gettext("%(committee)s meetings before the %(ordinal)s", committee=self.committee,
                       ordinal=page_ordinal(number))

    @property
    def earlier(self) -> list[Meeting]:
        return self.series[:-1]


def series_of(meeting: Meeting) -> list[Meeting]:
    """The live numbered meetings of ``meeting``'s partnership and committee type, by number."""
    return list(db.session.scalars(
        sa.select(Meeting).where(
            Meeting.partnership_id == meeting.partnership_id, Meeting.type == meeting.type,
            Meeting.number.is_not(None), Meeting.archived_at.is_(None),
        ).order_by(Meeting.number)
    ))


def has_matters_arising(meeting: Meeting) -> bool:
    """Whether the meeting is one of a numbered series, so that the next of the series can be prepared from it."""
    return meeting.type.is_committee and meeting.number is not None and not meeting.is_archived


def _held(series: list[Meeting], today: date) -> list[Meeting]:
    """The meetings of ``series`` already held: a meeting logged ahead of its date is the next, not the last (one
    whose date is not known counts as held: it is an old record, not a plan)."""
    return [meeting for meeting in series if meeting.held_on is None or meeting.held_on <= today]


@dataclass(frozen=True)
class SeriesPoint:
    """Where a series stands today: the meeting held last, and the next one's number (and record, if logged)."""

    last: Meeting
    next_number: int
    upcoming: Meeting | None

    @property
    def next_name(self) -> str:
        return numbered(self.next_number, self.last.type)


def series_point(series: list[Meeting], highest: int, today: date) -> SeriesPoint | None:
    """``series`` (live, by number) as it stands on ``today``; ``highest`` is the series' highest number, archived
    meetings included, which keep theirs: the next number after it when no later meeting is logged yet."""
    held = _held(series, today)
    if not held:
        return None
    last = held[-1]
    upcoming = next((meeting for meeting in series if (meeting.number or 0) > (last.number or 0)), None)
    return SeriesPoint(last, upcoming.number if upcoming and upcoming.number else highest + 1, upcoming)


def point_of(meeting: Meeting) -> SeriesPoint | None:
    return series_point(series_of(meeting), next_committee_number(meeting.partnership, meeting.type) - 1,
                        date.today())


def latest_of_series(meeting: Meeting) -> Meeting | None:
    """The live meeting of ``meeting``'s series held last (the highest number held by today): the one whose matters
    arise for the next."""
    held = _held(series_of(meeting), date.today())
    return held[-1] if held else None


def next_of_series(meeting: Meeting) -> str | None:
    """ "8th JSCC" when ``meeting`` is the last meeting of its series held, or the next one already logged: the
    meeting whose matters arising its page offers; else None."""
    if not has_matters_arising(meeting):
        return None
    point = point_of(meeting)
    if point is None or meeting.id not in (point.last.id, point.upcoming.id if point.upcoming else None):
        return None
    return point.next_name


def _follow_ups(condition: sa.ColumnElement[bool]) -> list[FollowUpAction]:
    return list(db.session.scalars(
        sa.select(FollowUpAction).where(condition, FollowUpAction.archived_at.is_(None))
        .options(joinedload(FollowUpAction.owner_user), joinedload(FollowUpAction.partner_person),
                 joinedload(FollowUpAction.meeting))
        .order_by(FollowUpAction.due_on.is_(None), FollowUpAction.due_on, FollowUpAction.id)
    ))


#: In the "Last chase" column, for a follow-up we owe: there is no one to chase.
OWED_BY_US = _l("Owed by us")


def last_chases(follow_ups: list[FollowUpAction]) -> dict[int, date | None]:
    """The day each follow-up the partner owes was last chased, by its id (kept on the follow-up with each chase)."""
    return {action.id: action.last_chased_on for action in follow_ups if action.owner_user_id is None}


def state_text(follow_up: FollowUpAction, today: date) -> str:
    """What became of a follow-up: "Done on 3 May 2025", "Cancelled on ...", "Open", "In progress, overdue"."""
    if follow_up.status is FollowUpStatus.DONE:
        return gettext("Done on %(day)s", day=page_date(follow_up.completed_on))
    if follow_up.status is FollowUpStatus.CANCELLED:
        return gettext("Cancelled on %(day)s", day=page_date(follow_up.state_changed_on))
    if follow_up.is_overdue(today):
        return gettext("%(state)s, overdue", state=follow_up.status.label)
    return follow_up.status.label


def _label(update: StatusUpdate | None, kind: type[AreaStatus] | type[ActionLineStatus]) -> str:
    """What an area or action line was or is: its status, or that it had none yet."""
    return kind(update.status).label if update else gettext("No status yet")


def status_changes(plan: Plan | None, since: date | None) -> list[StatusChange]:
    """The plan's live areas and action lines whose status now differs from their status on ``since``, changed by an
    update dated after it; in the plan's order, each area before its lines."""
    if plan is None or since is None:
        return []
    areas = list(db.session.scalars(
        sa.select(CooperationArea).where(CooperationArea.plan_id == plan.id, CooperationArea.archived_at.is_(None))
        .order_by(CooperationArea.position, CooperationArea.code)))
    lines = list(db.session.scalars(
        sa.select(ActionLine).where(ActionLine.area_id.in_([area.id for area in areas]),
                                    ActionLine.archived_at.is_(None))
        .order_by(ActionLine.position, ActionLine.code)))
    area_ids, line_ids = [area.id for area in areas], [line.id for line in lines]
    then = current_statuses(area_ids=area_ids, as_of=since)
    now = current_statuses(area_ids=area_ids)
    lines_then, lines_now = current_statuses(line_ids=line_ids, as_of=since), current_statuses(line_ids=line_ids)
    changes = []
    for area in areas:
        latest, earlier = now.get(area.id), then.get(area.id)
        if latest and latest.as_of > since and (earlier is None or earlier.status != latest.status):
            changes.append(StatusChange(area.code, area.name, gettext("Area"), area, _label(earlier, AreaStatus),
                                        _label(latest, AreaStatus), latest.as_of))
        for line in (line for line in lines if line.area_id == area.id):
            latest, earlier = lines_now.get(line.id), lines_then.get(line.id)
            if latest and latest.as_of > since and (earlier is None or earlier.status != latest.status):
                changes.append(StatusChange(line.code, line.text, gettext("Action line"), area,
                                            _label(earlier, ActionLineStatus), _label(latest, ActionLineStatus),
                                            latest.as_of))
    return changes


def completed_since(meeting: Meeting, since: date | None) -> list[CompletedActivity]:
    """The partnership's live activities, completed now, that first became completed after ``since``, latest
    first."""
    if since is None:
        return []
    completed_after = sa.select(ActivityStateEntry.activity_id).where(
        ActivityStateEntry.state == ActivityState.COMPLETED, ActivityStateEntry.effective_on > since)
    activities = list(db.session.scalars(
        sa.select(Activity).where(Activity.partnership_id == meeting.partnership_id, Activity.archived_at.is_(None),
                                  Activity.state == ActivityState.COMPLETED, Activity.id.in_(completed_after))))
    completed = first_day_in([activity.id for activity in activities], ActivityState.COMPLETED)
    found = [CompletedActivity(activity, completed[activity.id]) for activity in activities
             if completed[activity.id] > since]
    return sorted(found, key=lambda item: (item.completed_on, item.activity.id), reverse=True)


def series_to_prepare(partnership: Partnership) -> list[tuple[Meeting, str]]:
    """The latest live meeting of each of the partnership's committee series, with the name of the next one ("8th
    JSCC"): the matters arising the partnership page offers. Two queries, whatever the number of meetings: of each
    series only the meeting held last and those logged after it are read."""
    in_series = sa.and_(Meeting.partnership_id == partnership.id, Meeting.type.in_(COMMITTEE_TYPES),
                        Meeting.number.is_not(None))
    today = date.today()
    # Archived meetings keep their numbers (see ``app.meetings.numbering``): the next number counts them.
    highest: dict[MeetingType, int | None] = {kind: number for kind, number in db.session.execute(
        sa.select(Meeting.type, sa.func.max(Meeting.number)).where(in_series).group_by(Meeting.type))}
    live = sa.and_(in_series, Meeting.archived_at.is_(None))
    held = sa.or_(Meeting.held_on.is_(None), Meeting.held_on <= today)  # as ``_held`` counts them
    held_last = (sa.select(Meeting.type, sa.func.max(Meeting.number).label("number")).where(live, held)
                 .group_by(Meeting.type).subquery())
    by_type: dict[MeetingType, list[Meeting]] = {}
    for meeting in db.session.scalars(
            sa.select(Meeting).join(held_last, sa.and_(Meeting.type == held_last.c.type,
                                                       Meeting.number >= held_last.c.number))
            .where(live).order_by(Meeting.type, Meeting.number)):
        by_type.setdefault(meeting.type, []).append(meeting)
    points = [series_point(series, highest.get(kind) or 0, today) for kind, series in by_type.items()]
    return [(point.last, point.next_name) for point in points if point is not None]


def matters_arising(last: Meeting) -> MattersArising:
    """Matters arising from ``last``, the latest live meeting of its series, for the next one."""
    assert last.number is not None  # only numbered meetings have matters arising (``has_matters_arising``)
    whole_series = series_of(last)  # by number, each numbered
    series = whole_series[:[meeting.id for meeting in whole_series].index(last.id) + 1]
    later = whole_series[len(series):]
    upcoming = later[0] if later else None
    next_number = (upcoming.number if upcoming else None) or next_committee_number(last.partnership, last.type)
    earlier_ids = [meeting.id for meeting in series if meeting.id != last.id]
    carried_over = _follow_ups(sa.and_(FollowUpAction.meeting_id.in_(earlier_ids), FollowUpAction.still_to_do()))
    last_follow_ups = _follow_ups(FollowUpAction.meeting_id == last.id)
    plan = plan_for(last.partnership, None)
    changes = status_changes(plan, last.held_on)
    activities = completed_since(last, last.held_on)
    areas = list(dict.fromkeys(f"{change.area.name} (area {change.area.code})" for change in changes))
    agenda = proposed_agenda(committee=abbreviation(last.type), last_number=last.number, next_number=next_number,
                             plan_title=plan.title if plan else None, areas=areas, has_activities=bool(activities))
    return MattersArising(
        last=last, series=series, next_number=next_number, upcoming=upcoming, carried_over=carried_over,
        last_follow_ups=last_follow_ups, plan=plan, status_changes=changes, completed_activities=activities,
        last_chased=last_chases(carried_over + last_follow_ups), agenda=agenda,
    )
