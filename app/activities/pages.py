"""What the activity pages read: the activity list, one activity's page, and the activities of an action line, an
area or a meeting. Nothing here changes a record; the rules that do live in ``app.activities.services``."""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.interfaces import ORMOption

from app.common.unchanged import while_unchanged
from app.extensions import db
from app.models import (
    ActionLine,
    Activity,
    ActivityState,
    CooperationArea,
    FundingSource,
    Partnership,
    Plan,
    activity_action_lines,
)

#: The largest id a 32-bit integer key holds; a larger one in an address can only be "not found".
MAX_ID = 2**31 - 1
EARLIEST_YEAR, LATEST_YEAR = 1900, 2200


def _shown() -> tuple[ORMOption, ...]:
    """What every list of activities shows of each: its partnership, plan and implementing organisation."""
    return (
        joinedload(Activity.partnership).joinedload(Partnership.organisation),
        joinedload(Activity.partnership).joinedload(Partnership.partner),
        joinedload(Activity.plan),
        joinedload(Activity.implementing_organisation),
    )


def activity_page_options() -> tuple[ORMOption, ...]:
    """What an activity's page shows besides its own columns."""
    return (*_shown(), joinedload(Activity.meeting), selectinload(Activity.co_implementers),
            selectinload(Activity.action_lines).joinedload(ActionLine.area))


def activity_page(activity_id: int) -> Activity | None:
    """An activity with everything its page shows, in a fixed number of queries."""
    if not 0 < activity_id <= MAX_ID:
        return None
    return db.session.scalar(sa.select(Activity).where(Activity.id == activity_id).options(*activity_page_options()))


@dataclass(frozen=True)
class ActivityFilters:
    """The list's filters as read from the address; each None (or False) when not chosen."""

    #: The partnership by its slug (the page's address names it so) or by its id (the API's).
    partnership: str | None = None
    partnership_id: int | None = None
    plan_id: int | None = None
    area_id: int | None = None
    state: str | None = None
    funding: str | None = None
    year: int | None = None
    term: str | None = None
    archived: bool = False


def in_year(year: int) -> sa.ColumnElement[bool]:
    """Activities that ran, run or are planned to run at some time in ``year``: begun (or to begin) by its end, and
    not ended (or planned to end) before it began. An ongoing one with no actual end runs on; one with no date at
    all is in no year."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    begun = Activity.starts()
    not_ended_before = sa.or_(
        Activity.actual_ends_on >= first,
        sa.and_(Activity.actual_ends_on.is_(None), Activity.state == ActivityState.ONGOING),
        sa.and_(Activity.actual_ends_on.is_(None), sa.func.coalesce(Activity.planned_ends_on, begun) >= first),
    )
    return sa.and_(begun <= last, not_ended_before)


def serving_area(area_id: int | sa.BindParameter[int]) -> sa.ColumnElement[bool]:
    """Activities that serve at least one action line of the area."""
    return Activity.id.in_(
        sa.select(activity_action_lines.c.activity_id)
        .join(ActionLine, ActionLine.id == activity_action_lines.c.action_line_id)
        .where(ActionLine.area_id == area_id))


def activity_list(filters: ActivityFilters) -> sa.Select[Activity]:
    """The activity list's query for the filters chosen, unordered: the list pages it newest first."""
    query = sa.select(Activity).options(*_shown())
    if filters.partnership:
        query = query.where(Activity.partnership_id == sa.select(Partnership.id).where(
            Partnership.slug == filters.partnership[:80]).scalar_subquery())
    if filters.partnership_id is not None:
        query = query.where(Activity.partnership_id == filters.partnership_id)
    if filters.plan_id is not None:
        query = query.where(Activity.plan_id == filters.plan_id)
    if filters.area_id is not None:
        query = query.where(serving_area(filters.area_id))
    if ActivityState.holds(filters.state):
        query = query.where(Activity.state == filters.state)
    if FundingSource.holds(filters.funding):
        query = query.where(Activity.funding_source == filters.funding)
    if filters.year is not None:
        query = query.where(in_year(filters.year))
    if filters.term:
        query = query.where(Activity.title.ilike(f"%{filters.term}%"))
    if not filters.archived:
        query = query.where(Activity.archived_at.is_(None))
    return query


def activity_years() -> list[int]:
    """Every year from the first activity's start to the last's end, latest first, for the list's year filter.

    Worked out once per change to the data: the earliest and latest dates are read off every activity, where an
    index on each of the four date columns would slow every save for the sake of one drop-down."""
    return while_unchanged(("activity years",), _activity_years)


def _activity_years() -> list[int]:
    starts = [Activity.planned_starts_on, Activity.actual_starts_on]
    ends = [Activity.planned_ends_on, Activity.actual_ends_on]
    values = db.session.execute(sa.select(
        *(sa.select(sa.func.min(column)).scalar_subquery() for column in starts),
        *(sa.select(sa.func.max(column)).scalar_subquery() for column in [*starts, *ends]),
    )).one()
    firsts = [day for day in values[:2] if day is not None]
    lasts = [day for day in values[2:] if day is not None]
    if not firsts or not lasts:
        return []
    return list(range(max(lasts).year, min(firsts).year - 1, -1))


def plans_of(slug: str | None) -> list[Plan]:
    """The plans of the partnership chosen in the list's filter, latest first; none until one is chosen."""
    if not slug:
        return []
    return list(db.session.scalars(
        sa.select(Plan).join(Partnership, Partnership.id == Plan.partnership_id)
        .where(Partnership.slug == slug[:80], Plan.archived_at.is_(None)).order_by(Plan.starts_on.desc())))


def areas_of(plan_id: int | None) -> list[CooperationArea]:
    if plan_id is None:
        return []
    return list(db.session.scalars(
        sa.select(CooperationArea).where(CooperationArea.plan_id == plan_id, CooperationArea.archived_at.is_(None))
        .order_by(CooperationArea.position, CooperationArea.code)))


def _listed(condition: sa.ColumnElement[bool]) -> list[Activity]:
    return list(db.session.scalars(
        sa.select(Activity).where(condition, Activity.archived_at.is_(None)).options(*_shown())
        .order_by(*Activity.newest_first())).unique())


def activities_of_line(line: ActionLine) -> list[Activity]:
    """The activities in use that serve the action line, latest first."""
    return _listed(Activity.id.in_(sa.select(activity_action_lines.c.activity_id)
                                   .where(activity_action_lines.c.action_line_id == line.id)))


def activities_of_meeting(meeting_id: int) -> list[Activity]:
    """The activities in use agreed at the meeting, latest first."""
    return _listed(Activity.meeting_id == meeting_id)


def activities_of_area_query(area_id: int | sa.BindParameter[int]) -> sa.Select[Activity]:
    """The activities in use that serve the area's action lines, latest first (the area dossier pages it)."""
    return (sa.select(Activity).where(serving_area(area_id), Activity.archived_at.is_(None))
            .options(joinedload(Activity.implementing_organisation)).order_by(*Activity.newest_first()))
