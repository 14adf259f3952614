"""Activities: what was done under a plan. The rules for recording and changing them, and their state history.

An activity serves one or several action lines of one plan of its partnership; its planned and actual dates run
forward; an actual date is never in the future; an amount is not negative and has a currency. Its state changes
through ``set_activity_state``, dated and kept: starting it fills in its actual start, completing it its actual end.
"""

from datetime import date
from decimal import Decimal

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from app.activities.currencies import CURRENCY_CODES
from app.activities.details import ActivityDetails
from app.activities.history import latest_entry, record_state
from app.common.dates import page_date
from app.common.errors import DomainError
from app.common.numbers import page_number
from app.extensions import db
from app.models import (
    ActionLine,
    Activity,
    ActivityKind,
    ActivityState,
    CooperationArea,
    FundingSource,
    Organisation,
    Partnership,
    Plan,
)
from app.models.activity import AMOUNT_LIMIT

TITLE_LIMIT = 300
FUNDED_BY_LIMIT = 200
NOTES_LIMIT = 10_000
PARTICIPANTS_LIMIT = 1_000_000
LINES_MESSAGE = _l("Select the action lines the activity serves")
CURRENCY_MESSAGE = _l("Currency must be a 3-letter ISO 4217 code, for example USD or PKR")
#: The states an activity with an actual end date can be in, and with only an actual start date cannot.
ENDED_STATES = (ActivityState.COMPLETED, ActivityState.CANCELLED)


def today() -> date:
    """The date the rules judge "in the future" against (one place, so tests can fix it)."""
    return date.today()


def _choice(enum: type[ActivityKind] | type[FundingSource] | type[ActivityState], value: object, field: str,
            message: str) -> ActivityKind | FundingSource | ActivityState:
    if not enum.holds(value):
        raise DomainError(field, str(message))
    return enum(str(value))


def end_date_problem(starts_on: date | None, ends_on: date | None, which: str) -> str | None:
    """Why ``which`` ("planned", "actual") end date cannot go with its start date, else None."""
    if ends_on is None:
        return None
    if starts_on is None:
        return (gettext("Enter the planned start date too, or leave the planned end date blank") if which == "planned"
                else gettext("Enter the actual start date too, or leave the actual end date blank"))
    if ends_on < starts_on:
        return (gettext("Planned end date must be the same as or after %(day)s, the planned start date",
                        day=page_date(starts_on)) if which == "planned" else
                gettext("Actual end date must be the same as or after %(day)s, the actual start date",
                        day=page_date(starts_on)))
    return None


def actual_date_problem(day: date | None, what: str) -> str | None:
    """An actual date has happened: ``what`` ("Actual start date") must not be in the future."""
    if day is not None and day > today():
        return gettext("%(what)s must be today or in the past", what=what)
    return None


def state_dates_problem(state: ActivityState, actual_starts_on: date | None,
                        actual_ends_on: date | None) -> tuple[str, str] | None:
    """(field, message) when the actual dates do not fit ``state``: a planned activity has not started, and only a
    completed or cancelled one has ended."""
    if actual_ends_on is not None and state not in ENDED_STATES:
        return "actual_ends_on", gettext("Leave the actual end date blank until the activity is completed or cancelled")
    if actual_starts_on is not None and state is ActivityState.PLANNED:
        return "actual_starts_on", gettext("Leave the actual start date blank while the activity is planned")
    return None


def amount_problem(amount: Decimal | None) -> str | None:
    if amount is None:
        return None
    if amount < 0:
        return gettext("Amount must be 0 or more")
    if amount >= AMOUNT_LIMIT:
        return gettext("Amount must be less than %(limit)s", limit=page_number(int(AMOUNT_LIMIT)))
    if amount != amount.quantize(Decimal("0.01")):
        return gettext("Amount must have no more than 2 decimal places")
    return None


def _check_dates(details: ActivityDetails) -> None:
    for which, starts_on, ends_on in (("planned", details.planned_starts_on, details.planned_ends_on),
                                      ("actual", details.actual_starts_on, details.actual_ends_on)):
        if problem := end_date_problem(starts_on, ends_on, which):
            raise DomainError(f"{which}_ends_on", problem)
    for field, day, what in (("actual_starts_on", details.actual_starts_on, gettext("Actual start date")),
                             ("actual_ends_on", details.actual_ends_on, gettext("Actual end date"))):
        if problem := actual_date_problem(day, what):
            raise DomainError(field, problem)


def _check_funding(details: ActivityDetails) -> tuple[FundingSource, str | None]:
    source = _choice(FundingSource, details.funding_source, "funding_source",
                     gettext("Select who funds the activity, or Not known yet"))
    assert isinstance(source, FundingSource)
    if problem := amount_problem(details.amount):
        raise DomainError("amount", problem)
    currency = (details.currency or "").strip().upper() or None
    if currency is not None and currency not in CURRENCY_CODES:
        raise DomainError("currency", str(CURRENCY_MESSAGE))
    if details.amount is not None and currency is None:
        raise DomainError("currency", gettext("Enter the currency of the amount, for example USD"))
    return source, currency


def _check_plan(partnership: Partnership, plan: Plan | None, activity: Activity) -> Plan:
    if plan is None:
        raise DomainError("plan_id", gettext("Select the plan the activity comes under"))
    if plan.partnership_id != partnership.id:
        raise DomainError("plan_id", gettext("%(plan)s is not a plan of %(partnership)s – select one of its plans",
                                             plan=plan.title, partnership=partnership.name))
    if plan.is_archived and plan.id != activity.plan_id:
        raise DomainError("plan_id", gettext("%(plan)s is archived – restore it or select another plan",
                                             plan=plan.title))
    return plan


def _check_lines(plan: Plan, lines: tuple[ActionLine, ...], activity: Activity) -> list[ActionLine]:
    """The lines, each once, in the order given: all of ``plan``; a line archived since it was chosen stays."""
    chosen = list(dict.fromkeys(lines))
    if not chosen:
        raise DomainError("action_line_ids", str(LINES_MESSAGE))
    kept = {line.id for line in activity.action_lines} if activity.id is not None else set()
    for line in chosen:
        area = db.session.get_one(CooperationArea, line.area_id)
        if area.plan_id != plan.id:
            raise DomainError("action_line_ids", gettext(
                "Action line %(code)s is not part of %(plan)s – select action lines of one plan", code=line.code,
                plan=plan.title))
        if (line.is_archived or area.is_archived) and line.id not in kept:
            raise DomainError("action_line_ids", gettext(
                "Action line %(code)s is archived – restore it or select another", code=line.code))
    return chosen


def _check_organisations(details: ActivityDetails, activity: Activity) -> list[Organisation]:
    implementer = details.implementing_organisation
    if (implementer is not None and implementer.is_archived
            and implementer.id != activity.implementing_organisation_id):
        raise DomainError("implementing_organisation_id",
                          gettext("%(organisation)s is archived – restore it or select another organisation",
                                  organisation=implementer.name))
    kept = {organisation.id for organisation in activity.co_implementers} if activity.id is not None else set()
    co_implementers = list(dict.fromkeys(details.co_implementers))
    for organisation in co_implementers:
        if implementer is not None and organisation.id == implementer.id:
            raise DomainError("co_implementer_ids", gettext(
                "%(organisation)s is the implementing organisation – leave it out of the co-implementing "
                "organisations", organisation=organisation.name))
        if organisation.is_archived and organisation.id not in kept:
            raise DomainError("co_implementer_ids",
                              gettext("%(organisation)s is archived – restore it or select another organisation",
                                      organisation=organisation.name))
    return co_implementers


def _apply(activity: Activity, partnership: Partnership, details: ActivityDetails) -> None:
    kind = _choice(ActivityKind, details.kind, "kind", gettext("Select the kind of activity"))
    title = (details.title or "").strip()
    if not title:
        raise DomainError("title", gettext("Enter the title of the activity"))
    if len(title) > TITLE_LIMIT:
        raise DomainError("title", gettext("Title must be %(limit)s characters or less",
                                           limit=page_number(TITLE_LIMIT)))
    plan = _check_plan(partnership, details.plan, activity)
    lines = _check_lines(plan, details.action_lines, activity)
    _check_dates(details)
    if problem := state_dates_problem(activity.state, details.actual_starts_on, details.actual_ends_on):
        raise DomainError(*problem)
    source, currency = _check_funding(details)
    co_implementers = _check_organisations(details, activity)
    meeting = details.meeting
    if meeting is not None and (meeting.partnership_id or meeting.partnership.id) != partnership.id:
        raise DomainError("meeting_id", gettext("%(meeting)s is not a meeting of %(partnership)s – select one of its "
                                                "meetings", meeting=meeting.name, partnership=partnership.name))
    participants = details.participants
    if participants is not None and not 0 <= participants <= PARTICIPANTS_LIMIT:
        raise DomainError("participants", gettext("Number of participants must be between 0 and %(limit)s",
                                                  limit=page_number(PARTICIPANTS_LIMIT)))
    if activity.id is not None and activity.plan_id != plan.id:
        # The database checks an activity's new plan against the lines it serves as its row changes, and the ORM
        # writes that row before the list of lines: the old lines go first, in a flush of their own (and an entry
        # of their own in its history), only when the plan changes.
        activity.action_lines = []
        db.session.flush()
    activity.partnership = partnership
    activity.plan = plan
    activity.action_lines = lines
    activity.kind = ActivityKind(kind)
    activity.title = title
    activity.planned_starts_on, activity.planned_ends_on = details.planned_starts_on, details.planned_ends_on
    activity.actual_starts_on, activity.actual_ends_on = details.actual_starts_on, details.actual_ends_on
    activity.funding_source = source
    activity.funded_by = (details.funded_by or "").strip() or None
    activity.amount = details.amount
    activity.currency = currency
    activity.implementing_organisation = details.implementing_organisation
    activity.co_implementers = co_implementers
    activity.participants = participants
    activity.meeting = meeting
    activity.notes = (details.notes or "").strip() or None
    if details.is_restricted is not None:
        activity.is_restricted = bool(details.is_restricted)


def default_state_day(state: ActivityState, actual_starts_on: date | None, actual_ends_on: date | None) -> date:
    """The day a state took effect when none is given: the actual end of a completed (or cancelled) activity, the
    actual start of an ongoing one, else today."""
    if state in ENDED_STATES and actual_ends_on is not None:
        return actual_ends_on
    if state is ActivityState.ONGOING and actual_starts_on is not None:
        return actual_starts_on
    return today()


def create_activity(partnership: Partnership, details: ActivityDetails, *, state: ActivityState | str | None,
                    state_on: date | None = None, state_note: str | None = None) -> Activity:
    """Record an activity of ``partnership`` in ``state`` as from ``state_on``; flushes, never commits.

    Without ``state_on`` the state dates from the actual end (completed or cancelled) or start (ongoing), else
    today; with it, an ongoing activity's actual start (and a completed one's actual end) is that day when not
    given. ``details.is_restricted`` keeps the notes to editors and admins, and out of reports unless included.
    """
    chosen = _choice(ActivityState, state, "state", "Select the state of the activity")
    assert isinstance(chosen, ActivityState)
    activity = Activity(state=chosen, is_restricted=False)
    _apply(activity, partnership, details)
    day = state_on or default_state_day(chosen, activity.actual_starts_on, activity.actual_ends_on)
    _check_state_day(activity, chosen, day, "state_on", gettext("Date of the state"), last=None)
    if state_on is not None:
        _fill_actual_dates(activity, chosen, day)
    db.session.add(activity)
    record_state(activity, chosen, day, state_note)
    db.session.flush()
    return activity


def update_activity(activity: Activity, details: ActivityDetails, *,
                    partnership: Partnership | None = None) -> Activity:
    """Change an activity with the same rules as ``create_activity``; its state changes through
    ``set_activity_state``. ``details.is_restricted`` None leaves the restriction as it is."""
    _apply(activity, partnership or activity.partnership, details)
    db.session.flush()
    return activity


def _check_state_day(activity: Activity, state: ActivityState, day: date | None, field: str, what: str,
                     last: date | None) -> date:
    """The day a state took effect: not in the future, not before the last recorded change (whose order the history
    keeps), and not before the activity began when it started, ended or was cancelled."""
    if day is None:
        raise DomainError(field, gettext("Enter the %(what)s", what=what.lower()))
    if day > today():
        raise DomainError(field, gettext("%(what)s must be today or in the past", what=what))
    if last is not None and day < last:
        raise DomainError(field, gettext("%(what)s must be the same as or after %(day)s, the date of its last recorded "
                                         "change", what=what, day=page_date(last)))
    started = activity.actual_starts_on
    if started and day < started:
        raise DomainError(field, gettext("%(what)s must be the same as or after %(day)s, the actual start date",
                                         what=what, day=page_date(started)))
    ended = activity.actual_ends_on
    if state in ENDED_STATES and ended and day < ended:
        raise DomainError(field, gettext("%(what)s must be the same as or after %(day)s, the actual end date",
                                         what=what, day=page_date(ended)))
    return day


def _fill_actual_dates(activity: Activity, state: ActivityState, day: date) -> None:
    """Starting fills in the actual start, and completing the actual end (of an activity whose start is known)."""
    if state is ActivityState.ONGOING and activity.actual_starts_on is None:
        activity.actual_starts_on = day
    if state is ActivityState.COMPLETED and activity.actual_starts_on is not None and activity.actual_ends_on is None:
        activity.actual_ends_on = day


def set_activity_state(activity: Activity, state: ActivityState | str | None, changed_on: date | None,
                       note: str | None = None) -> Activity:
    """Move an activity to ``state`` as from ``changed_on``, and keep the change in its history; flushes.

    Refused for an archived activity, for the state it is already in, for a planned or postponed activity that has
    already ended (or a planned one already started: clear the actual date first if it was wrong), and for a date in
    the future or before its last recorded change.
    """
    chosen = _choice(ActivityState, state, "state", gettext("Select the new state of the activity"))
    assert isinstance(chosen, ActivityState)
    if activity.is_archived:
        raise DomainError("state", gettext("This activity is archived – restore it before changing its state"))
    if chosen is activity.state:
        raise DomainError("state", gettext("The activity is already %(state)s – select another state",
                                           state=chosen.label.lower()))
    if activity.actual_ends_on is not None and chosen not in ENDED_STATES:
        raise DomainError("state", gettext("The activity ended on %(day)s – clear its actual end date first if it has "
                                           "not ended", day=page_date(activity.actual_ends_on)))
    if activity.actual_starts_on is not None and chosen is ActivityState.PLANNED:
        raise DomainError("state", gettext("The activity started on %(day)s – clear its actual start date first if it "
                                           "has not started", day=page_date(activity.actual_starts_on)))
    last = latest_entry(activity)
    day = _check_state_day(activity, chosen, changed_on, "changed_on", gettext("Date of the change"),
                           last.effective_on if last else None)
    activity.state = chosen
    _fill_actual_dates(activity, chosen, day)
    record_state(activity, chosen, day, note)
    db.session.flush()
    return activity
