"""What the activities under an action line suggest for its status: "being addressed" from the day the first one
started, "addressed" from the day the first one was completed. A suggestion is only offered, never recorded: the
status form shows it with a link that fills the form in, and a person records it (the status history stays the
record of the desk's judgement).
"""

from dataclasses import dataclass
from datetime import date

from app.activities.history import first_day_in
from app.activities.pages import activities_of_line
from app.common.dates import long_date
from app.models import ActionLine, ActionLineStatus, Activity, ActivityState, Plan, StatusUpdate

#: How far along each status is; a suggestion is made only for a status further along than the line's.
RANK = {ActionLineStatus.NOT_YET_ADDRESSED: 0, ActionLineStatus.BEING_ADDRESSED: 1, ActionLineStatus.ADDRESSED: 2}


@dataclass(frozen=True)
class Suggestion:
    status: ActionLineStatus
    #: The day the activity started or was completed, within the plan's period.
    as_of: date
    activity: Activity
    #: "ASEAN-Pakistan Business Forum was completed on 15 May 2025"
    reason: str
    #: The date of a later status update that stays the current one if this is recorded with its date.
    later_update: date | None = None

    @property
    def note(self) -> str:
        """The note the form is filled in with, which the person can change."""
        return f"{self.reason} (activity)."


def _started_on(activity: Activity, first_ongoing: dict[int, date]) -> date | None:
    return activity.actual_starts_on or first_ongoing.get(activity.id)


def _completed_on(activity: Activity, first_completed: dict[int, date]) -> date | None:
    return activity.actual_ends_on or first_completed.get(activity.id)


def _within(plan: Plan, day: date) -> date:
    """A status is dated within its plan's period: an activity begun before the plan counts from its start."""
    return min(max(day, plan.starts_on), plan.ends_on)


def suggested_statuses(line: ActionLine, plan: Plan, current: StatusUpdate | None) -> list[Suggestion]:
    """The statuses the line's activities suggest beyond its current one: "addressed" from the earliest completion,
    and "being addressed" from the earliest start when that came before it. None for a discontinued line."""
    current_status = ActionLineStatus(current.status) if current is not None else None
    if current_status is ActionLineStatus.DISCONTINUED:
        return []
    reached = RANK[current_status] if current_status is not None else -1
    activities = activities_of_line(line)
    ids = [activity.id for activity in activities]
    first_ongoing = first_day_in(ids, ActivityState.ONGOING)
    first_completed = first_day_in(ids, ActivityState.COMPLETED)
    completions = sorted(
        (day, activity.id, activity) for activity in activities if activity.state is ActivityState.COMPLETED
        and (day := _completed_on(activity, first_completed)) is not None)
    starts = sorted(
        (day, activity.id, activity) for activity in activities
        if activity.state in (ActivityState.ONGOING, ActivityState.COMPLETED, ActivityState.POSTPONED)
        and (day := _started_on(activity, first_ongoing)) is not None)
    suggestions = []
    started_first = bool(starts) and (not completions or starts[0][0] < completions[0][0])
    if started_first and reached < RANK[ActionLineStatus.BEING_ADDRESSED]:
        day, _, activity = starts[0]
        suggestions.append(_suggest(ActionLineStatus.BEING_ADDRESSED, plan, day, activity, "started", current))
    if completions and reached < RANK[ActionLineStatus.ADDRESSED]:
        day, _, activity = completions[0]
        suggestions.append(_suggest(ActionLineStatus.ADDRESSED, plan, day, activity, "was completed", current))
    return suggestions


def _suggest(status: ActionLineStatus, plan: Plan, day: date, activity: Activity, what: str,
             current: StatusUpdate | None) -> Suggestion:
    as_of = _within(plan, day)
    later = current.as_of if current is not None and current.as_of > as_of else None
    return Suggestion(status, as_of, activity, f"{activity.title} {what} on {long_date(day)}", later)
