"""What the area pages read: an area's dossier, its status history, a plan's action lines and each area's activity.

Nothing here changes a record; the rules that do live in app.areas.services."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from app.activities.pages import activities_of_area_query
from app.common.counting import counting_day
from app.common.unchanged import while_unchanged
from app.extensions import db
from app.follow_ups import services as follow_up_services
from app.implementation.coverage import Coverage, coverage_totals
from app.implementation.statuses import current_statuses
from app.models import (
    OPEN_STATUSES,
    ActionLine,
    Activity,
    CooperationArea,
    FollowUpAction,
    Meeting,
    Partnership,
    Pillar,
    Plan,
    StatusUpdate,
    meeting_areas,
)
from app.models.meeting import name_of_row


def status_history(*, area: CooperationArea | None = None, action_line: ActionLine | None = None) -> list[StatusUpdate]:
    """Every status update of one area or action line, newest first (the first is the current status)."""
    return list(db.session.scalars(_history_query(area=area, action_line=action_line)))


def _history_query(*, area: CooperationArea | None = None,
                   action_line: ActionLine | None = None) -> sa.Select[StatusUpdate]:
    if area is not None:
        subject = StatusUpdate.area_id == area.id
    elif action_line is not None:
        subject = StatusUpdate.action_line_id == action_line.id
    else:
        raise ValueError("a status history needs an area or an action line")
    return _history_of(subject)


def _history_of(subject: sa.ColumnElement[bool]) -> sa.Select[StatusUpdate]:
    return (
        sa.select(StatusUpdate)
        .where(subject)
        .order_by(StatusUpdate.as_of.desc(), StatusUpdate.id.desc())
        .options(joinedload(StatusUpdate.author), joinedload(StatusUpdate.corrects))
    )


def correctable_update(update_id: int | None, *, area: CooperationArea | None = None,
                       action_line: ActionLine | None = None) -> StatusUpdate | None:
    """The update ``update_id`` of this area or action line, to be corrected; None if it is not one of them."""
    if update_id is None or not 0 < update_id <= 2**31 - 1:
        return None
    update = db.session.get(StatusUpdate, update_id)
    if update is None:
        return None
    if area is not None and update.area_id == area.id:
        return update
    if action_line is not None and update.action_line_id == action_line.id:
        return update
    return None


_PLAN_CONTEXT = (
    joinedload(Plan.partnership).joinedload(Partnership.organisation),
    joinedload(Plan.partnership).joinedload(Partnership.partner),
)


def load_area(area_id: int) -> CooperationArea:
    """An area with its plan, partnership and pillar, for pages and forms about it."""
    plan = joinedload(CooperationArea.plan)
    area: CooperationArea = db.first_or_404(
        sa.select(CooperationArea)
        .where(CooperationArea.id == area_id)
        .options(plan.options(*_PLAN_CONTEXT), joinedload(CooperationArea.pillar))
    )
    return area


def load_action_line(action_line_id: int) -> ActionLine:
    area = joinedload(ActionLine.area)
    line: ActionLine = db.first_or_404(
        sa.select(ActionLine)
        .where(ActionLine.id == action_line_id)
        .options(
            area.joinedload(CooperationArea.pillar),
            area.joinedload(CooperationArea.plan).options(*_PLAN_CONTEXT),
        )
    )
    return line


@dataclass
class AreaLines:
    area: CooperationArea
    lines: list[ActionLine]


@dataclass
class PillarLines:
    pillar: Pillar
    areas: list[AreaLines]


@dataclass
class PlanLines:
    """A plan's action lines in use, grouped by pillar and area in plan order, with their current status."""

    groups: list[PillarLines]
    statuses: dict[int, StatusUpdate]

    @property
    def lines(self) -> list[ActionLine]:
        return [line for pillar in self.groups for area in pillar.areas for line in area.lines]


def plan_lines(plan: Plan, keep: Iterable[int] = ()) -> PlanLines:
    """Every action line in use of the plan (archived lines and lines of archived areas left out, but for those in
    ``keep``, already chosen on a form); two queries."""
    in_use = sa.and_(CooperationArea.archived_at.is_(None), ActionLine.archived_at.is_(None))
    kept = set(keep)
    lines = db.session.scalars(
        sa.select(ActionLine)
        .join(ActionLine.area)
        .join(CooperationArea.pillar)
        .where(CooperationArea.plan_id == plan.id, sa.or_(in_use, ActionLine.id.in_(kept)) if kept else in_use)
        .options(contains_eager(ActionLine.area).contains_eager(CooperationArea.pillar))
        .order_by(
            Pillar.position, Pillar.id, CooperationArea.position, CooperationArea.code,
            ActionLine.position, ActionLine.code,
        )
    ).all()
    groups: list[PillarLines] = []
    for line in lines:
        area = line.area
        if not groups or groups[-1].pillar.id != area.pillar_id:
            groups.append(PillarLines(area.pillar, []))
        if not groups[-1].areas or groups[-1].areas[-1].area.id != area.id:
            groups[-1].areas.append(AreaLines(area, []))
        groups[-1].areas[-1].lines.append(line)
    return PlanLines(groups, current_statuses(line_ids=[line.id for line in lines]))


def _held_by(day: date) -> sa.ColumnElement[bool]:
    """Meetings that have taken place by ``day``; one whose date is not known took place."""
    return sa.or_(Meeting.held_on.is_(None), Meeting.held_on <= day)


def _latest_meeting_first() -> tuple[sa.ColumnElement[bool], sa.UnaryExpression[date | None],
                                     sa.UnaryExpression[int]]:
    return Meeting.newest_first()


class MeetingMention(NamedTuple):
    """A meeting as a list names and links it, read as plain columns so that it can be kept between requests."""

    id: int
    name: str
    held_on: date | None


@dataclass(frozen=True)
class AreaActivity:
    #: Meetings held that discussed the area, and the latest of them.
    meetings: int = 0
    latest_meeting: MeetingMention | None = None
    open_follow_ups: int = 0
    overdue_follow_ups: int = 0


def area_activity(area_ids: Iterable[int], today: date) -> dict[int, AreaActivity]:
    """Meetings and open follow-ups of many areas, counted by the database in two queries, once per change to the
    data: the counts run over every meeting an area ever had, so they grow with the years."""
    ids = tuple(sorted(set(area_ids)))
    if not ids:
        return {}
    return while_unchanged(("area activity", ids, today), lambda: _count_activity(ids, today))


def _count_activity(ids: tuple[int, ...], today: date) -> dict[int, AreaActivity]:
    area_id = meeting_areas.c.area_id
    ranked = (
        sa.select(
            area_id,
            meeting_areas.c.meeting_id,
            sa.func.count().over(partition_by=area_id).label("held"),
            sa.func.row_number().over(partition_by=area_id, order_by=_latest_meeting_first()).label("rank"),
        )
        .join(Meeting, Meeting.id == meeting_areas.c.meeting_id)
        .where(area_id.in_(ids), Meeting.archived_at.is_(None), _held_by(today))
        .subquery()
    )
    meetings = {
        row.area_id: (row.held, MeetingMention(row.id, name_of_row(row), row.held_on))
        for row in db.session.execute(
            sa.select(Meeting.id, *Meeting.naming_columns(), Meeting.held_on, ranked.c.area_id, ranked.c.held)
            .join(ranked, ranked.c.meeting_id == Meeting.id)
            .where(ranked.c.rank == 1)
        )
    }
    follow_ups = {
        row[0]: row[1:]
        for row in db.session.execute(
            sa.select(
                FollowUpAction.area_id,
                sa.func.count(FollowUpAction.id),
                sa.func.count(sa.case((FollowUpAction.due_on < today, FollowUpAction.id))),
            )
            .where(
                FollowUpAction.area_id.in_(ids),
                FollowUpAction.archived_at.is_(None),
                FollowUpAction.status.in_(OPEN_STATUSES),
            )
            .group_by(FollowUpAction.area_id)
        )
    }
    activity = {}
    for key in ids:
        held, latest = meetings.get(key, (0, None))
        open_count, overdue = follow_ups.get(key, (0, 0))
        activity[key] = AreaActivity(held, latest, open_count, overdue)
    return activity


@dataclass
class AreaPage:
    area: CooperationArea
    history: list[StatusUpdate]
    lines: list[ActionLine]
    #: Current status of each action line shown, by line id.
    line_statuses: dict[int, StatusUpdate] = field(default_factory=dict)
    archived_lines: int = 0
    #: Meetings that discussed the area, latest first (upcoming ones included: compare with ``today``).
    meetings: list[Meeting] = field(default_factory=list)
    #: Follow-ups of the area: open ones first, each group by due date.
    follow_ups: list[FollowUpAction] = field(default_factory=list)
    #: Coverage of the area's action lines in use on ``counted_on``.
    coverage: Coverage | None = None
    today: date = field(default_factory=date.today)
    #: The day statuses and coverage are counted as of, as on the plan page.
    counted_on: date = field(default_factory=date.today)
    #: How many of each there are in all: the lists above stop at ``DOSSIER_ROWS`` unless all were asked for.
    history_total: int = 0
    meeting_total: int = 0
    follow_up_total: int = 0
    open_follow_ups: int = 0
    overdue_follow_ups: int = 0
    #: Activities serving the area's action lines, latest first, and how many there are in all.
    activities: list[Activity] = field(default_factory=list)
    activity_total: int = 0

    @property
    def current(self) -> StatusUpdate | None:
        return self.history[0] if self.history else None


#: How many status updates, meetings and follow-ups the dossier lists until the reader asks for all of them: an
#: area followed for decades gathers hundreds.
DOSSIER_ROWS = 25
#: The dossier's lists, as the page's "show all" links name them.
DOSSIER_LISTS = ("history", "meetings", "follow-ups", "activities")


#: The area a dossier list is read for, and the rows of that list to load.
AREA_ID = sa.bindparam("area_id", type_=sa.Integer())
ROW_IDS = sa.bindparam("row_ids", expanding=True, type_=sa.Integer())


class DossierStatements(NamedTuple):
    #: The ids of the first ``DOSSIER_ROWS`` rows, and of every row, each with how many there are in all.
    first_ids: sa.Select[Any]
    every_id: sa.Select[Any]
    #: The rows whose ids are ``ROW_IDS``, whole.
    rows: sa.Select[Any]


def _dossier_list(name: str) -> sa.Select[Any]:
    """The query of one of the dossier's lists (``DOSSIER_LISTS``), for the area ``AREA_ID``, in the page's order."""
    if name == "history":
        return _history_of(StatusUpdate.area_id == AREA_ID)
    if name == "meetings":
        return (sa.select(Meeting).join(meeting_areas, meeting_areas.c.meeting_id == Meeting.id)
                .where(meeting_areas.c.area_id == AREA_ID, Meeting.archived_at.is_(None))
                .order_by(*_latest_meeting_first()))
    if name == "follow-ups":
        return (sa.select(FollowUpAction).where(FollowUpAction.area_id == AREA_ID, FollowUpAction.archived_at.is_(None))
                .options(joinedload(FollowUpAction.owner_user), joinedload(FollowUpAction.partner_person))
                .order_by(sa.case((FollowUpAction.status.in_(OPEN_STATUSES), 0), else_=1),
                          FollowUpAction.due_on.is_(None), FollowUpAction.due_on, FollowUpAction.id))
    return activities_of_area_query(AREA_ID)


@cache
def _dossier_statements(name: str) -> DossierStatements:
    """Built once per process and run with each area's id: composing them anew cost a large share of the page."""
    query = _dossier_list(name)
    entity = query.column_descriptions[0]["entity"]
    ids = query.with_only_columns(entity.id, sa.func.count().over().label("total"))
    return DossierStatements(ids.limit(DOSSIER_ROWS), ids, query.where(entity.id.in_(ROW_IDS)).order_by(None))


def _first_rows(name: str, area_id: int, show_all: bool) -> tuple[list[Any], int]:
    """The rows of the dossier's list ``name`` (the first ``DOSSIER_ROWS`` unless ``show_all``) and how many there
    are in all.

    Which rows, and how many, are worked out once per change to the data: counting and ordering every meeting an
    area ever had grows with the years, loading 25 rows by id does not."""
    statements = _dossier_statements(name)

    def ids_and_total() -> tuple[list[int], int]:
        rows = db.session.execute(statements.every_id if show_all else statements.first_ids,
                                  {"area_id": area_id}).all()
        return [row.id for row in rows], (rows[0].total if rows else 0)

    ids, total = while_unchanged(("area dossier", name, area_id, show_all), ids_and_total)
    if not ids:
        return [], total
    found = {row.id: row for row in db.session.scalars(statements.rows, {"area_id": area_id, "row_ids": ids}).unique()}
    return [found[row_id] for row_id in ids if row_id in found], total


def build_area_page(area_id: int, *, include_archived: bool = False, show_all: Iterable[str] = ()) -> AreaPage:
    """The area's dossier: its history, meetings, follow-ups and action lines, in a fixed number of queries."""
    area = db.first_or_404(
        sa.select(CooperationArea)
        .where(CooperationArea.id == area_id)
        .options(
            joinedload(CooperationArea.plan).options(*_PLAN_CONTEXT),
            joinedload(CooperationArea.pillar),
            selectinload(CooperationArea.action_lines),
        )
    )
    lines = [line for line in area.action_lines if include_archived or not line.is_archived]
    today = follow_up_services.today()
    # Counted as the plan page and the plan's reports count: as of today, or the plan's end once it is over.
    counted_on = counting_day(area.plan.ends_on, today)
    line_statuses = current_statuses(line_ids=[line.id for line in lines], as_of=counted_on)
    show_all = set(show_all)
    history, history_total = _first_rows("history", area.id, "history" in show_all)
    meetings, meeting_total = _first_rows("meetings", area.id, "meetings" in show_all)
    follow_ups, follow_up_total = _first_rows("follow-ups", area.id, "follow-ups" in show_all)
    of_area = (FollowUpAction.area_id == area.id, FollowUpAction.archived_at.is_(None))
    is_open = FollowUpAction.status.in_(OPEN_STATUSES)
    open_count, overdue_count = while_unchanged(("area follow-ups to do", area.id, today), lambda: tuple(
        db.session.execute(
            sa.select(sa.func.count().filter(is_open),
                      sa.func.count().filter(is_open, FollowUpAction.due_on < today))
            .where(*of_area)
        ).one()))
    activities, activity_total = _first_rows("activities", area.id, "activities" in show_all)
    return AreaPage(
        area=area,
        activities=activities,
        activity_total=activity_total,
        history=history,
        lines=lines,
        line_statuses=line_statuses,
        archived_lines=sum(1 for line in area.action_lines if line.is_archived),
        meetings=meetings,
        follow_ups=follow_ups,
        coverage=coverage_totals(area.plan_id, counted_on, area_id=area.id).areas.get(area.id, Coverage()),
        counted_on=counted_on,
        today=today,
        history_total=history_total,
        meeting_total=meeting_total,
        follow_up_total=follow_up_total,
        open_follow_ups=open_count,
        overdue_follow_ups=overdue_count,
    )
