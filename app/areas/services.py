"""Cooperation areas, their action lines and the append-only status history of both.

A status update is never changed or removed. The current status of an area or action line is its
latest update by ``as_of`` (then by id, for two updates on one day); the status on a past date is the
latest update on or before that date (read by ``app.implementation.statuses``).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from app.common.counting import counting_day
from app.common.dates import long_date
from app.common.errors import DomainError
from app.common.unchanged import while_unchanged
from app.extensions import db
from app.follow_ups import services as follow_up_services
from app.implementation.coverage import Coverage, coverage_totals
from app.implementation.statuses import current_statuses
from app.models import (
    OPEN_STATUSES,
    ActionLine,
    ActionLineStatus,
    AreaStatus,
    CooperationArea,
    FollowUpAction,
    Meeting,
    Partnership,
    Pillar,
    Plan,
    StatusUpdate,
    User,
    meeting_areas,
)
from app.models.meeting import meeting_name

CODE_PATTERN = re.compile(r"^[A-Za-z0-9.\-]+$")
CODE_MAX = 20


def _check_code(code: str, what: str) -> None:
    if len(code) > CODE_MAX:
        raise DomainError("code", f"{what} must be {CODE_MAX} characters or less")
    if not CODE_PATTERN.match(code):
        raise DomainError("code", f"{what} must only include letters, numbers, dots and hyphens")


def _check_area_code(plan: Plan, code: str, area: CooperationArea | None) -> None:
    _check_code(code, "Area code")
    query = sa.select(CooperationArea.id).where(
        CooperationArea.plan_id == plan.id, sa.func.lower(CooperationArea.code) == code.lower()
    )
    if area is not None and area.id is not None:
        query = query.where(CooperationArea.id != area.id)
    if db.session.scalar(query) is not None:
        raise DomainError("code", f"Area code {code} is already used in this plan – enter a different code")


def _check_pillar(plan: Plan, pillar: Pillar | None) -> None:
    if pillar is None or pillar.plan_id != plan.id:
        raise DomainError("pillar", "Select a pillar of this plan")


def _next_position(column, *conditions) -> int:
    last = db.session.scalar(sa.select(sa.func.max(column)).where(*conditions))
    return 1 if last is None else last + 1


def add_area(
    plan: Plan,
    *,
    pillar: Pillar,
    code: str,
    name: str,
    focal_point: str | None = None,
    description: str | None = None,
    position: int | None = None,
) -> CooperationArea:
    """Add a cooperation area under one of the plan's pillars, last unless ``position`` says otherwise."""
    _check_pillar(plan, pillar)
    _check_area_code(plan, code, None)
    if position is None:
        position = _next_position(CooperationArea.position, CooperationArea.plan_id == plan.id)
    area = CooperationArea(
        plan=plan,
        pillar=pillar,
        code=code,
        name=name,
        focal_point=focal_point,
        description=description,
        position=position,
    )
    db.session.add(area)
    db.session.flush()
    return area


def update_area(
    area: CooperationArea,
    *,
    pillar: Pillar,
    code: str,
    name: str,
    focal_point: str | None = None,
    description: str | None = None,
    position: int | None = None,
) -> CooperationArea:
    """Change an area; it may move to another pillar of the same plan. No ``position`` keeps its place."""
    _check_pillar(area.plan, pillar)
    _check_area_code(area.plan, code, area)
    area.pillar, area.code, area.name = pillar, code, name
    area.focal_point, area.description = focal_point, description
    if position is not None:
        area.position = position
    db.session.flush()
    return area


def _check_line_code(area: CooperationArea, code: str, line: ActionLine | None) -> None:
    _check_code(code, "Action line code")
    query = sa.select(ActionLine.id).where(
        ActionLine.area_id == area.id, sa.func.lower(ActionLine.code) == code.lower()
    )
    if line is not None and line.id is not None:
        query = query.where(ActionLine.id != line.id)
    if db.session.scalar(query) is not None:
        raise DomainError("code", f"Action line code {code} is already used in this area – enter a different code")


def add_action_line(area: CooperationArea, *, code: str, text: str, position: int | None = None) -> ActionLine:
    """Add a numbered action line to an area, last unless ``position`` says otherwise."""
    _check_line_code(area, code, None)
    if position is None:
        position = _next_position(ActionLine.position, ActionLine.area_id == area.id)
    line = ActionLine(area=area, code=code, text=text, position=position)
    db.session.add(line)
    db.session.flush()
    return line


def update_action_line(line: ActionLine, *, code: str, text: str, position: int | None = None) -> ActionLine:
    _check_line_code(line.area, code, line)
    line.code, line.text = code, text
    if position is not None:
        line.position = position
    db.session.flush()
    return line


def status_date_problem(plan: Plan, as_of: date, what: str = "Date of the status update") -> str | None:
    """Why a status cannot be dated ``as_of`` (in the future, or outside the plan's period), else None.

    A status dated outside the period would count in no figure of the plan, or in some and not others."""
    if as_of > date.today():
        return f"{what} must be today or in the past"
    if not plan.covers(as_of):
        period = f"{long_date(plan.starts_on)} and {long_date(plan.ends_on)}"
        return f"{what} must be between {period}, the period of the plan"
    return None


def record_status(
    author: User,
    *,
    area: CooperationArea | None = None,
    action_line: ActionLine | None = None,
    status,
    note: str,
    as_of: date,
    progress: int | None = None,
    corrects: StatusUpdate | None = None,
    is_restricted: bool = False,
) -> StatusUpdate:
    """Append a status update for an area or an action line (exactly one of them).

    ``as_of`` may be in the past (a backdated update): it then takes its place in the history and only becomes
    the current status if nothing later was recorded. It may not be in the future or before the plan starts.

    ``corrects`` is an earlier update of the same subject that was wrong. It stays in the history as it was;
    the correction is a new update with the same date, so it takes the earlier one's place in every status
    worked out from then on.

    ``is_restricted`` keeps the note to editors and admins, and out of reports unless included; the status
    itself stays visible and counted.
    """
    if (area is None) == (action_line is None):
        raise ValueError("record_status needs exactly one of area and action_line")
    vocabulary, noun = (AreaStatus, "area") if area is not None else (ActionLineStatus, "action line")
    subject = area if area is not None else action_line
    try:
        status = vocabulary(status)
    except ValueError:
        raise DomainError("status", f"Select the status of the {noun}") from None
    if subject.is_archived:
        raise DomainError("status", f"This {noun} is archived – restore it before recording its status")
    if progress is not None and not (isinstance(progress, int) and 0 <= progress <= 100):
        raise DomainError("progress", "Progress must be a whole number between 0 and 100")
    note = (note or "").strip()
    if not note:
        raise DomainError("note", "Enter a note about the status")
    if corrects is not None:
        if (corrects.area_id, corrects.action_line_id) != (getattr(area, "id", None), getattr(action_line, "id", None)):
            raise DomainError("status", f"The update being corrected is not about this {noun}")
        if as_of != corrects.as_of:
            raise DomainError(
                "as_of", f"A correction keeps the date of the update it corrects, {long_date(corrects.as_of)}"
            )
    plan = area.plan if area is not None else action_line.area.plan
    if problem := status_date_problem(plan, as_of):
        raise DomainError("as_of", problem)
    update = StatusUpdate(
        area=area,
        action_line=action_line,
        status=status.value,
        note=note,
        as_of=as_of,
        progress=progress,
        author=author,
        corrects=corrects,
        is_restricted=bool(is_restricted),
    )
    db.session.add(update)
    db.session.flush()
    return update


NO_CHANGE_MESSAGE = "Select a new status for at least one action line"


class LineChange(NamedTuple):
    """One action line's new status in a batch; a plain (line, status, note) tuple is taken too."""

    line: ActionLine
    status: str
    note: str
    is_restricted: bool = False


def record_line_statuses(
    author: User, plan: Plan, *, as_of: date, changes: Iterable[LineChange | tuple[ActionLine, str, str]]
) -> list[StatusUpdate]:
    """A new status for several action lines of ``plan`` at once, as a desk records them after a meeting.

    ``changes`` holds a ``LineChange`` for each line that changes; lines left out keep their status.
    Each change is its own update, all dated ``as_of`` and by ``author``. The first problem raises a
    ``DomainError`` naming the line's field (``status_<id>``, ``note_<id>``); the caller rolls back, so a batch
    is saved whole or not at all.
    """
    changes = [LineChange(*change) for change in changes]
    if problem := status_date_problem(plan, as_of, "Date of the status updates"):
        raise DomainError("as_of", problem)
    if not changes:
        raise DomainError(None, NO_CHANGE_MESSAGE)
    updates = []
    for line, status, note, is_restricted in changes:
        name = f"action line {line.code}"
        if line.area.plan_id != plan.id:
            raise DomainError(f"status_{line.id}", f"Action line {line.code} is not part of this plan")
        if line.is_archived or line.area.is_archived:
            raise DomainError(
                f"status_{line.id}", f"Action line {line.code} is archived – restore it before recording its status"
            )
        if status not in ActionLineStatus._value2member_map_:
            raise DomainError(f"status_{line.id}", f"Select the new status of {name}")
        if not (note or "").strip():
            raise DomainError(f"note_{line.id}", f"Enter a note for {name}")
        updates.append(record_status(author, action_line=line, status=status, note=note, as_of=as_of,
                                     is_restricted=is_restricted))
    return updates


def status_history(*, area: CooperationArea | None = None, action_line: ActionLine | None = None) -> list[StatusUpdate]:
    """Every status update of one area or action line, newest first (the first is the current status)."""
    return list(db.session.scalars(_history_query(area=area, action_line=action_line)))


def _history_query(*, area: CooperationArea | None = None, action_line: ActionLine | None = None) -> sa.Select:
    subject = StatusUpdate.area_id == area.id if area is not None else StatusUpdate.action_line_id == action_line.id
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
    return db.first_or_404(
        sa.select(CooperationArea)
        .where(CooperationArea.id == area_id)
        .options(plan.options(*_PLAN_CONTEXT), joinedload(CooperationArea.pillar))
    )


def load_action_line(action_line_id: int) -> ActionLine:
    area = joinedload(ActionLine.area)
    return db.first_or_404(
        sa.select(ActionLine)
        .where(ActionLine.id == action_line_id)
        .options(
            area.joinedload(CooperationArea.pillar),
            area.joinedload(CooperationArea.plan).options(*_PLAN_CONTEXT),
        )
    )


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


def plan_lines(plan: Plan) -> PlanLines:
    """Every action line in use of the plan (archived lines and lines of archived areas left out); two queries."""
    lines = db.session.scalars(
        sa.select(ActionLine)
        .join(ActionLine.area)
        .join(CooperationArea.pillar)
        .where(
            CooperationArea.plan_id == plan.id,
            CooperationArea.archived_at.is_(None),
            ActionLine.archived_at.is_(None),
        )
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


def _held_by(day: date):
    """Meetings that have taken place by ``day``; one whose date is not known took place."""
    return sa.or_(Meeting.held_on.is_(None), Meeting.held_on <= day)


def _latest_meeting_first():
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
        row.area_id: (row.held, MeetingMention(row.id, meeting_name(row.type, row.number, row.title), row.held_on))
        for row in db.session.execute(
            sa.select(Meeting.id, Meeting.type, Meeting.number, Meeting.title, Meeting.held_on, ranked.c.area_id,
                      ranked.c.held)
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

    @property
    def current(self) -> StatusUpdate | None:
        return self.history[0] if self.history else None


#: How many status updates, meetings and follow-ups the dossier lists until the reader asks for all of them: an
#: area followed for decades gathers hundreds.
DOSSIER_ROWS = 25
#: The dossier's lists, as the page's "show all" links name them.
DOSSIER_LISTS = ("history", "meetings", "follow-ups")


def _first_rows(query: sa.Select, show_all: bool, key: tuple) -> tuple[list, int]:
    """The query's rows (the first ``DOSSIER_ROWS`` unless ``show_all``) and how many there are in all.

    Which rows, and how many, are worked out once per change to the data: counting and ordering every meeting an
    area ever had grows with the years, loading 25 rows by id does not."""
    entity = query.column_descriptions[0]["entity"]

    def ids_and_total() -> tuple[list[int], int]:
        rows = db.session.execute(
            query.with_only_columns(entity.id, sa.func.count().over().label("total"))
            .limit(None if show_all else DOSSIER_ROWS)
        ).all()
        return [row.id for row in rows], (rows[0].total if rows else 0)

    ids, total = while_unchanged(("area dossier", *key, show_all), ids_and_total)
    if not ids:
        return [], total
    found = {row.id: row for row in db.session.scalars(query.where(entity.id.in_(ids)).order_by(None)).unique()}
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
    history, history_total = _first_rows(_history_query(area=area), "history" in show_all, ("history", area.id))
    meetings, meeting_total = _first_rows(
        sa.select(Meeting)
        .join(meeting_areas, meeting_areas.c.meeting_id == Meeting.id)
        .where(meeting_areas.c.area_id == area.id, Meeting.archived_at.is_(None))
        .order_by(*_latest_meeting_first()),
        "meetings" in show_all, ("meetings", area.id),
    )
    of_area = (FollowUpAction.area_id == area.id, FollowUpAction.archived_at.is_(None))
    is_open = FollowUpAction.status.in_(OPEN_STATUSES)
    follow_ups, follow_up_total = _first_rows(
        sa.select(FollowUpAction).where(*of_area)
        .options(joinedload(FollowUpAction.owner_user), joinedload(FollowUpAction.partner_person))
        .order_by(sa.case((is_open, 0), else_=1), FollowUpAction.due_on.is_(None), FollowUpAction.due_on,
                  FollowUpAction.id),
        "follow-ups" in show_all, ("follow-ups", area.id),
    )
    open_count, overdue_count = while_unchanged(("area follow-ups to do", area.id, today), lambda: tuple(
        db.session.execute(
            sa.select(sa.func.count().filter(is_open),
                      sa.func.count().filter(is_open, FollowUpAction.due_on < today))
            .where(*of_area)
        ).one()))
    return AreaPage(
        area=area,
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
