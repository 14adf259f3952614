"""The database side of the period report: every figure counted, and every list ranked and cut, by the database.

Each query reads plain columns, never whole records, and a fixed number of queries run whatever the size of the
partnership. A list comes back cut to ``limit`` rows when asked (the rows a report document shows) together with
the exact number of rows there are, so a busy partnership's report costs the rows it shows, not all it counts.

Each statement is built once per process, with named parameters where a report's values go, and run with the
values of each report: composing the report's statements anew every time cost a large share of its time.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from functools import cache
from typing import Any

import sqlalchemy as sa

from app.common.lists import AnyRows
from app.extensions import db
from app.implementation.as_of import InUseModel, end_of, in_use_before
from app.implementation.statuses import Subject, latest_update, subject_owner
from app.models import (
    ActionLine,
    CooperationArea,
    Meeting,
    MeetingParticipant,
    StatusUpdate,
    User,
    meeting_areas,
)
from app.reports import as_recorded
from app.reports.as_recorded import RECORDED_BY
from app.reports.side_by_side import side_connection

# The parameters of the report's statements.
PARTNERSHIP_ID = sa.bindparam("partnership_id", type_=sa.Integer())
PLAN_ID = sa.bindparam("plan_id", type_=sa.Integer())
STARTS_ON = sa.bindparam("starts_on", type_=sa.Date())
DAY_BEFORE = sa.bindparam("day_before", type_=sa.Date())
ENDS_ON = sa.bindparam("ends_on", type_=sa.Date())
#: The day figures are counted as of: the window's end, or today while it has not ended.
COUNTED_ON = sa.bindparam("counted_on", type_=sa.Date())
AREA_IDS = sa.bindparam("area_ids", expanding=True, type_=sa.Integer())
LINE_IDS = sa.bindparam("line_ids", expanding=True, type_=sa.Integer())
#: The most rows of each list (of each partition of a ranked list); a statement built without it has no cut.
LIMIT = sa.bindparam("limit", type_=sa.Integer())

#: A row of plain columns, read by the names its statement gives them (``row.area_id``).
PlainRow = sa.Row[*tuple[Any, ...]]
#: The columns a ranked list is ordered by, of any types.
Order = tuple[sa.SQLColumnExpression[Any], ...]
#: Each area's (``"area"``) or action line's (``"line"``) status at the window's ``"start"`` or ``"end"``, by id.
EdgeStatuses = dict[tuple[str, str], dict[int, str]]


def run(statement: sa.Executable, **values: object) -> Sequence[PlainRow]:
    """The rows of a statement built with the parameters above (those it does not use are ignored). Run on the
    session's connection: the statements read plain columns, and the session's own way in, made for statements that
    load records, costs a good part of a small statement's time. What the session holds unsaved is saved first, as
    its own way in would. Work running side by side (``side_by_side``) runs them on the connection it was given."""
    connection = side_connection()
    if connection is not None:
        return connection.execute(statement, values).all()
    session = db.session
    if session.autoflush:
        session.flush()
    return session.connection().execute(statement, values).all()


def by_area(rows: Iterable[PlainRow], key: str = "area_id") -> dict[int, list[PlainRow]]:
    """Rows grouped by the area they belong to, in their order."""
    grouped: dict[int, list[PlainRow]] = defaultdict(list)
    for row in rows:
        grouped[getattr(row, key)].append(row)
    return grouped


def ranks(query: AnyRows, partition: sa.SQLColumnExpression[int | None], order: Order, *,
          latest: bool = False) -> sa.Subquery:
    """``query`` with two more columns: ``rank``, each row's place in its ``partition`` by ``order`` (from the
    end of that order with ``latest``), and ``total``, the number of rows its partition has in all."""
    direction = [column.desc() for column in order] if latest else list(order)
    return query.add_columns(
        sa.func.count().over(partition_by=partition).label("total"),
        sa.func.row_number().over(partition_by=partition, order_by=direction).label("rank"),
    ).subquery()


def ranked(query: AnyRows, partition: sa.SQLColumnExpression[int | None], order: Order,
           limit: sa.BindParameter[int] | None, *, latest: bool = False) -> AnyRows:
    """The rows of ``query``, at most ``limit`` in each ``partition`` (None: all), each with ``total``.

    ``order`` ranks the rows; with ``latest`` the last ``limit`` of that order are kept instead of the first.
    Rows come back in ``order``, partition by partition.
    """
    inner = ranks(query, partition, order, latest=latest)
    outer = sa.select(inner)
    if limit is not None:
        outer = outer.where(inner.c.rank <= limit)
    return outer.order_by(inner.c.rank.desc() if latest else inner.c.rank)


def _in_use_at_edges(rows: Sequence[PlainRow]) -> list[PlainRow]:
    return [row for row in rows if row.at_start or row.at_end]


def in_use_at(row: PlainRow, edge: str) -> bool:
    """Whether a row of ``live_areas`` or ``live_action_lines`` was in use at the window's "start" or "end"."""
    return bool(row.at_start if edge == "start" else row.at_end)


#: The moments just after the window's day before and its counting day (or ``RECORDED_BY``, if earlier): what was
#: archived before them was out of use at the window's start and at its end.
START_MOMENT = sa.bindparam("start_moment", type_=sa.DateTime(timezone=True))
END_MOMENT = sa.bindparam("end_moment", type_=sa.DateTime(timezone=True))


def _edge_values(day_before: date, counted_on: date, recorded_by: datetime | None) -> dict[str, datetime | None]:
    def moment(day: date) -> datetime:
        return end_of(day) if recorded_by is None else min(end_of(day), recorded_by)
    return {"start_moment": moment(day_before), "end_moment": moment(counted_on), "recorded_by": recorded_by}


def _in_use_then(model: InUseModel, moment: sa.BindParameter[datetime], recorded: bool) -> sa.ColumnElement[bool]:
    """As ``in_use_on``: in use just before ``moment``, and, ``recorded``, created by ``RECORDED_BY``."""
    in_use = in_use_before(model, moment)
    return sa.and_(model.created_at <= RECORDED_BY, in_use) if recorded else in_use


@cache
def _live_areas(recorded: bool) -> AnyRows:
    return (
        sa.select(CooperationArea.id, CooperationArea.pillar_id, CooperationArea.code, CooperationArea.name,
                  CooperationArea.focal_point, _in_use_then(CooperationArea, START_MOMENT, recorded).label("at_start"),
                  _in_use_then(CooperationArea, END_MOMENT, recorded).label("at_end"))
        .where(CooperationArea.plan_id == PLAN_ID)
        .order_by(CooperationArea.position, CooperationArea.code)
    )


@cache
def _live_action_lines(recorded: bool) -> AnyRows:
    return (
        sa.select(ActionLine.id, ActionLine.area_id, ActionLine.code, ActionLine.text,
                  _in_use_then(ActionLine, START_MOMENT, recorded).label("at_start"),
                  _in_use_then(ActionLine, END_MOMENT, recorded).label("at_end"))
        .where(ActionLine.area_id.in_(AREA_IDS))
        .order_by(ActionLine.area_id, ActionLine.position, ActionLine.code)
    )


def live_areas(plan_id: int, day_before: date, counted_on: date,
               recorded_by: datetime | None = None) -> list[PlainRow]:
    """The plan's areas in use at the start of the window (on ``day_before``) or at its end (on ``counted_on``), each
    saying at which (``at_start``, ``at_end``): an area archived later still counts in the figures of this window.
    With ``recorded_by``, as the data stood at that moment (see ``as_recorded``)."""
    return _in_use_at_edges(run(_live_areas(recorded_by is not None), plan_id=plan_id,
                                **_edge_values(day_before, counted_on, recorded_by)))


def live_action_lines(area_ids: list[int], day_before: date, counted_on: date,
                      recorded_by: datetime | None = None) -> list[PlainRow]:
    """The areas' action lines in use at the start or the end of the window, each saying at which, as ``live_areas``."""
    return _in_use_at_edges(run(_live_action_lines(recorded_by is not None), area_ids=area_ids,
                                **_edge_values(day_before, counted_on, recorded_by)))


def statuses_at_edges(area_ids: list[int], line_ids: list[int], day_before: date, ends_on: date,
                      recorded_by: datetime | None = None) -> EdgeStatuses:
    """Each area's and action line's status value as of ``day_before`` and as of ``ends_on``, in one query.

    Returns ``{("area" | "line", "start" | "end"): {id: status}}``; subjects with no update by then are left out.
    The latest update by ``as_of`` (then by id) wins, so a backdated update entered later takes its place.
    """
    found: EdgeStatuses = {(kind, edge): {} for kind in ("area", "line") for edge in ("start", "end")}
    if not area_ids and not line_ids:
        return found
    for row in run(_statuses_at_edges(recorded_by is not None), area_ids=area_ids, line_ids=line_ids,
                   day_before=day_before, ends_on=ends_on, recorded_by=recorded_by):
        for edge, status in (("start", row.at_start), ("end", row.at_end)):
            if status is not None:
                found[row.kind, edge][row.subject_id] = status
    return found


@cache
def _statuses_at_edges(recorded: bool) -> sa.CompoundSelect[str, int, str, str]:
    # Each subject's latest update by each edge: the cost follows the number of areas and lines, not the length of
    # their history.
    by = RECORDED_BY if recorded else None

    def edges(kind: str, subject: Subject, ids: sa.BindParameter[int]) -> sa.Select[str, int, str, str]:
        owner = subject_owner(subject)
        return sa.select(sa.literal(kind, sa.String).label("kind"), owner.id.label("subject_id"),
                         latest_update(StatusUpdate.status, subject, DAY_BEFORE, by).label("at_start"),
                         latest_update(StatusUpdate.status, subject, ENDS_ON, by).label("at_end"),
                         ).where(owner.id.in_(ids))

    return sa.union_all(edges("area", StatusUpdate.area_id, AREA_IDS),
                        edges("line", StatusUpdate.action_line_id, LINE_IDS))


def status_changes(area_ids: list[int], line_ids: list[int], starts_on: date, ends_on: date,
                   limit: int | None, recorded_by: datetime | None = None) -> dict[int, list[PlainRow]]:
    """The status updates dated in the window, of each area and of its action lines, oldest first, by area.

    With ``limit``, each area keeps its latest ``limit`` updates; ``total`` on each row counts them all.
    """
    if not area_ids and not line_ids:
        return {}
    return by_area(run(_status_changes(limit is not None, recorded_by is not None), area_ids=area_ids,
                       line_ids=line_ids, starts_on=starts_on, ends_on=ends_on, limit=limit,
                       recorded_by=recorded_by), key="owner_area_id")


@cache
def _status_changes(cut: bool, recorded: bool) -> AnyRows:
    area = sa.func.coalesce(StatusUpdate.area_id, ActionLine.area_id).label("owner_area_id")
    query = (
        sa.select(StatusUpdate.id, StatusUpdate.as_of, StatusUpdate.area_id, ActionLine.code.label("line_code"),
                  StatusUpdate.status, StatusUpdate.progress, StatusUpdate.note, StatusUpdate.is_restricted,
                  User.name.label("author"), area)
        .join(User, StatusUpdate.author_id == User.id)
        .outerjoin(ActionLine, StatusUpdate.action_line_id == ActionLine.id)
        .where(sa.or_(StatusUpdate.area_id.in_(AREA_IDS), StatusUpdate.action_line_id.in_(LINE_IDS)),
               StatusUpdate.as_of.between(STARTS_ON, ENDS_ON))
    )
    if recorded:
        query = query.where(StatusUpdate.created_at <= RECORDED_BY)
    return ranked(query, area, (StatusUpdate.as_of, StatusUpdate.id), LIMIT if cut else None, latest=True)


def _held_in(held: sa.FromClause) -> sa.ColumnElement[bool]:
    conditions = [held.c.partnership_id == PARTNERSHIP_ID, held.c.held_on.between(STARTS_ON, ENDS_ON)]
    if "archived_at" in held.c:  # the table itself: those in use now (see ``as_recorded.meetings``)
        conditions.append(held.c.archived_at.is_(None))
    return sa.and_(*conditions)


def meeting_counts(partnership_id: int, starts_on: date, ends_on: date,
                   recorded_by: datetime | None = None) -> Sequence[PlainRow]:
    """(type, year, month, meetings) for the meetings held in the window."""
    return run(_meeting_counts(recorded_by is not None), partnership_id=partnership_id, starts_on=starts_on,
               ends_on=ends_on, **as_recorded.values(recorded_by, ends_on))


@cache
def _meeting_counts(recorded: bool) -> AnyRows:
    held = as_recorded.meetings(recorded)
    year, month = sa.extract("year", held.c.held_on), sa.extract("month", held.c.held_on)
    return sa.select(held.c.type, year, month, sa.func.count()).where(_held_in(held)).group_by(held.c.type, year, month)


def meetings_held(partnership_id: int, starts_on: date, ends_on: date, limit: int | None,
                  recorded_by: datetime | None = None) -> tuple[list[PlainRow], dict[int, list[str]]]:
    """The meetings held in the window, oldest first (with ``limit``, the latest ``limit`` of them), each with its
    number of participants; and the names of the areas each discussed, in code order, whatever their plan."""
    values = {"partnership_id": partnership_id, "starts_on": starts_on, "ends_on": ends_on, "limit": limit,
              **as_recorded.values(recorded_by, ends_on)}
    meetings_statement, names_statement = _meetings_held(limit is not None, recorded_by is not None)
    meetings = list(reversed(run(meetings_statement, **values)))
    names: dict[int, list[str]] = defaultdict(list)
    if meetings:
        for meeting_id, name in run(names_statement, **values):
            names[meeting_id].append(name)
    return meetings, names


@cache
def _meetings_held(cut: bool, recorded: bool) -> tuple[AnyRows, sa.Select[int, str]]:
    held = as_recorded.meetings(recorded)

    def latest(*columns: sa.ColumnElement[Any]) -> AnyRows:
        return (sa.select(*columns).where(_held_in(held))
                .order_by(held.c.held_on.desc(), held.c.id.desc()).limit(LIMIT if cut else None))

    participants = sa.select(sa.func.count()).where(MeetingParticipant.meeting_id == held.c.id).scalar_subquery()
    meetings = latest(held.c.id, *Meeting.naming_columns(held), held.c.held_on, held.c.venue,
                      participants.label("participants"))
    names = (
        sa.select(meeting_areas.c.meeting_id, CooperationArea.name)
        .join(CooperationArea, meeting_areas.c.area_id == CooperationArea.id)
        .where(meeting_areas.c.meeting_id.in_(latest(held.c.id)))
        .order_by(CooperationArea.code, CooperationArea.id)
    )
    return meetings, names


def meetings_by_area(area_ids: list[int], partnership_id: int, starts_on: date, ends_on: date,
                     limit: int | None, recorded_by: datetime | None = None) -> dict[int, list[PlainRow]]:
    """The meetings held in the window that discussed each area, oldest first (with ``limit``, the latest)."""
    if not area_ids:
        return {}
    return by_area(run(_meetings_by_area(limit is not None, recorded_by is not None), area_ids=area_ids,
                       partnership_id=partnership_id, starts_on=starts_on, ends_on=ends_on, limit=limit,
                       **as_recorded.values(recorded_by, ends_on)))


@cache
def _meetings_by_area(cut: bool, recorded: bool) -> AnyRows:
    held = as_recorded.meetings(recorded)
    query = (
        sa.select(meeting_areas.c.area_id, held.c.id, *Meeting.naming_columns(held), held.c.held_on)
        .join(held, meeting_areas.c.meeting_id == held.c.id)
        .where(meeting_areas.c.area_id.in_(AREA_IDS), _held_in(held))
    )
    return ranked(query, meeting_areas.c.area_id, (held.c.held_on, held.c.id), LIMIT if cut else None, latest=True)
