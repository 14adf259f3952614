"""The database side of a report's follow-ups: counted, listed and ranked as of the report's counting day.

A follow-up's state on a day is its latest state-history entry effective on or before that day (then by id). For
a follow-up whose state has not changed since that day (``state_changed_on``), that is the state its own columns
hold; only the others are looked up, follow-up by follow-up, along the (follow-up, effective date) index: the cost
follows the number of follow-ups a report deals with, not the length of their histories. Which follow-ups those
are is read from two short ranges of one partnership's index, never its whole past: those still to do today, and
those whose state changed since the window began (every follow-up open on the counting day but closed now changed
after it, and every one closed in the window changed in it).

Each statement is built once per process with named parameters (see ``period_data``); every function takes the
counting day (``counted_on``) as a value, so a report can be counted as of any day.
"""

from collections.abc import Sequence
from datetime import date, datetime
from functools import cache
from typing import Protocol, TypeVar

import sqlalchemy as sa
from sqlalchemy.orm import InstrumentedAttribute

from app.common.lists import AnyRows
from app.implementation.as_of import archived_by
from app.models import (
    OPEN_STATUSES,
    FollowUpAction,
    FollowUpChase,
    FollowUpStateEntry,
    FollowUpStatus,
    Meeting,
    Person,
    User,
)
from app.reports import as_recorded
from app.reports.as_recorded import IN_USE_AT, RECORDED_BY
from app.reports.period_data import (
    AREA_IDS,
    DAY_BEFORE,
    LIMIT,
    PARTNERSHIP_ID,
    STARTS_ON,
    PlainRow,
    by_area,
    ranks,
    run,
)

#: The day a report counts as of: the window's end, or today while the window has not ended.
COUNTED_ON = sa.bindparam("counted_on", type_=sa.Date())
_OPEN = [status.value for status in OPEN_STATUSES]

T = TypeVar("T")
#: A condition of a query's WHERE clause.
Condition = sa.ColumnElement[bool]


class DueColumns(Protocol):
    """The columns a list of follow-ups is ordered by: a follow-up's table, or a subquery's columns."""

    @property
    def due_on(self) -> sa.SQLColumnExpression[date | None]: ...

    @property
    def id(self) -> sa.SQLColumnExpression[int]: ...


#: Undated last, then by due date, then by id.
DueOrder = tuple[Condition, sa.SQLColumnExpression[date | None], sa.SQLColumnExpression[int]]


def state_on(column: InstrumentedAttribute[T], day: date | sa.BindParameter[date],
             follow_up_id: sa.SQLColumnExpression[int] = FollowUpAction.id, *,
             recorded: bool = False) -> sa.ScalarSelect[T]:
    """``column`` of the follow-up's latest state entry effective on or before ``day``, as a correlated subquery;
    ``recorded``: of the entries recorded by ``RECORDED_BY`` only."""
    entry = FollowUpStateEntry
    latest = sa.select(column).where(entry.follow_up_id == follow_up_id, entry.effective_on <= day)
    if recorded:
        latest = latest.where(entry.recorded_at <= RECORDED_BY)
    return latest.order_by(entry.effective_on.desc(), entry.id.desc()).limit(1).scalar_subquery()


def current_or_then(column: InstrumentedAttribute[T], now: sa.SQLColumnExpression[T],
                    day: date | sa.BindParameter[date]) -> sa.ColumnElement[T]:
    """``column`` of the follow-up's state on ``day``: its own ``now`` when its state has not changed since (most
    follow-ups), else looked up in its history."""
    return sa.case((FollowUpAction.state_changed_on <= day, now), else_=state_on(column, day))


def _agreed(recorded: bool, *where: Condition) -> tuple[Condition, ...]:
    """The partnership's follow-ups agreed by the counting day and in use: now, or (``recorded``) as they stood at
    ``RECORDED_BY``, created by then and in use at ``IN_USE_AT``."""
    action = FollowUpAction
    agreed = (action.partnership_id == PARTNERSHIP_ID, action.opened_on <= COUNTED_ON, *where)
    if recorded:
        return (*agreed, action.created_at <= RECORDED_BY, sa.not_(archived_by(action, IN_USE_AT)))
    return (*agreed, action.archived_at.is_(None))


def _is_open(status: sa.SQLColumnExpression[str | None]) -> Condition:
    return status.in_(_OPEN)


def _dealt_with(*where: Condition, recorded: bool = False) -> sa.Subquery:
    """The follow-ups of the partnership a report of the window deals with, each with its state on the counting day
    (``status``, ``due_on``, ``changed_on``: the day that state began) and its status the day before the window.

    Dealt with: agreed by the counting day, in use, and open on that day or changed in the window. As the data
    stood at ``RECORDED_BY`` (``recorded``), every follow-up agreed by the day is looked at: one closed since, by a
    change dated back before the window, no longer shows in the two short ranges.
    """
    action, entry = FollowUpAction, FollowUpStateEntry

    def then(column: InstrumentedAttribute[T], now: sa.SQLColumnExpression[T],
             day: sa.BindParameter[date]) -> sa.ColumnElement[T]:
        return state_on(column, day, recorded=True) if recorded else current_or_then(column, now, day)

    def states_of(*which: Condition, completed_now: sa.SQLColumnExpression[date | None] = action.completed_on
                  ) -> AnyRows:
        return sa.select(
            action.id, action.area_id, action.opened_on, completed_now.label("completed_now"),
            then(entry.status, action.status, COUNTED_ON).label("status"),
            then(entry.due_on, action.due_on, COUNTED_ON).label("due_on"),
            then(entry.effective_on, action.state_changed_on, COUNTED_ON).label("changed_on"),
            then(entry.status, action.status, DAY_BEFORE).label("status_before"),
        ).where(*_agreed(recorded, *where), *which)

    if recorded:
        states = states_of().subquery()
    else:
        # Two ranges that do not overlap: those still to do (none is completed), and the others changed since the
        # window began.
        states = sa.union_all(
            states_of(action.still_to_do(), completed_now=sa.null().cast(sa.Date)),
            states_of(action.state_changed_on >= STARTS_ON, sa.not_(action.still_to_do())),
        ).subquery()
    return sa.select(states).where(sa.or_(_is_open(states.c.status), states.c.changed_on >= STARTS_ON)).subquery()


def follow_up_counts(partnership_id: int, starts_on: date, day_before: date, counted_on: date,
                     recorded_by: datetime | None = None) -> dict[str, int]:
    """Follow-ups opened, completed and cancelled in the window up to ``counted_on``, and open and overdue on it.

    Completed (cancelled): done (cancelled) on the counting day and not the day before the window, so one
    reopened before the day counts as open, not as completed. Overdue: open, and due before the counting day.
    """
    (row,) = run(_follow_up_counts(recorded_by is not None), partnership_id=partnership_id, starts_on=starts_on,
                 day_before=day_before, counted_on=counted_on, **as_recorded.values(recorded_by, counted_on))
    return dict(zip(("opened", "completed", "cancelled", "open_at_end", "overdue_at_end"), row, strict=True))


@cache
def _follow_up_counts(recorded: bool) -> sa.Select[int, int, int, int, int]:
    dealt_with = _dealt_with(recorded=recorded)

    def counted(condition: Condition) -> sa.Function[int]:
        return sa.func.count(sa.case((condition, 1)))

    def moved_to(status: FollowUpStatus) -> Condition:
        before = dealt_with.c.status_before
        return sa.and_(dealt_with.c.status == status.value, sa.or_(before.is_(None), before != status.value))

    return sa.select(
        counted(dealt_with.c.opened_on >= STARTS_ON),
        counted(moved_to(FollowUpStatus.DONE)),
        counted(moved_to(FollowUpStatus.CANCELLED)),
        counted(_is_open(dealt_with.c.status)),
        counted(sa.and_(_is_open(dealt_with.c.status), dealt_with.c.due_on < COUNTED_ON)),
    )


def _follow_up_rows(status: sa.SQLColumnExpression[str | None], due_on: sa.SQLColumnExpression[date | None],
                    completed_on: sa.SQLColumnExpression[date | None]) -> AnyRows:
    """What a report shows of a follow-up, with its state on the counting day and its owner's and meeting's names."""
    action = FollowUpAction
    return (
        sa.select(action.id, action.title, action.is_restricted, action.opened_on, due_on.label("due_on"),
                  completed_on.label("completed_on"), status.label("status"), action.area_id,
                  User.name.label("owner_user"), Person.honorific, Person.full_name, action.partner_office,
                  Meeting.type.label("meeting_type"), Meeting.number.label("meeting_number"),
                  Meeting.title.label("meeting_title"),
                  Meeting.named_after_participants.label("meeting_named_after_participants"))
        .outerjoin(User, action.owner_user_id == User.id)
        .outerjoin(Person, action.partner_person_id == Person.id)
        .outerjoin(Meeting, action.meeting_id == Meeting.id)
    )


def _due_first(columns: DueColumns | type[FollowUpAction]) -> DueOrder:
    """Earliest due first, undated last: the order the report lists follow-ups in."""
    return columns.due_on.is_(None), columns.due_on, columns.id


def open_follow_ups(partnership_id: int, counted_on: date, limit: int | None,
                    recorded_by: datetime | None = None) -> Sequence[PlainRow]:
    """The follow-ups open on ``counted_on``, earliest due (then) first (with ``limit``, the first ``limit``).

    Those whose state has not changed since are still to do now, with the state their columns hold: a short walk
    of the to-do index in due order, which the database stops after ``limit`` rows. The others changed after the
    day; their state then is looked up in their history.
    """
    return run(_open_follow_ups(limit is not None, recorded_by is not None), partnership_id=partnership_id,
               counted_on=counted_on, limit=limit, **as_recorded.values(recorded_by, counted_on))


@cache
def _open_follow_ups(cut: bool, recorded: bool) -> AnyRows:
    action, entry = FollowUpAction, FollowUpStateEntry
    limit = LIMIT if cut else None
    if recorded:
        # As the data stood then: each follow-up agreed by the day, its state then read from its history.
        then = (
            _follow_up_rows(state_on(entry.status, COUNTED_ON, recorded=True),
                            state_on(entry.due_on, COUNTED_ON, recorded=True), sa.null().cast(sa.Date))
            .where(*_agreed(True)).subquery()
        )
        return sa.select(then).where(_is_open(then.c.status)).order_by(*_due_first(then.c)).limit(limit)
    agreed = (action.partnership_id == PARTNERSHIP_ID, action.opened_on <= COUNTED_ON)
    unchanged = (
        _follow_up_rows(action.status, action.due_on, sa.null().cast(sa.Date))
        .where(*agreed, action.still_to_do(), action.state_changed_on <= COUNTED_ON)
        .order_by(*_due_first(action)).limit(limit).subquery()
    )
    then = (
        _follow_up_rows(state_on(entry.status, COUNTED_ON), state_on(entry.due_on, COUNTED_ON),
                        sa.null().cast(sa.Date))
        .where(*agreed, action.archived_at.is_(None), action.state_changed_on > COUNTED_ON)
        .subquery()
    )
    changed = (sa.select(then).where(_is_open(then.c.status)).order_by(*_due_first(then.c)).limit(limit)
               .subquery())
    either = sa.union_all(sa.select(unchanged), sa.select(changed)).subquery()
    return sa.select(either).order_by(*_due_first(either.c)).limit(limit)


def follow_ups_by_area(area_ids: list[int], partnership_id: int, starts_on: date, day_before: date,
                       counted_on: date, limit: int | None,
                       recorded_by: datetime | None = None) -> dict[int, list[PlainRow]]:
    """Each area's follow-ups that the window deals with, earliest due (then) first (with ``limit``, the first)."""
    if not area_ids:
        return {}
    return by_area(run(_follow_ups_by_area(limit is not None, recorded_by is not None), area_ids=area_ids,
                       partnership_id=partnership_id, starts_on=starts_on, day_before=day_before,
                       counted_on=counted_on, limit=limit, **as_recorded.values(recorded_by, counted_on)))


@cache
def _follow_ups_by_area(cut: bool, recorded: bool) -> AnyRows:
    action = FollowUpAction
    dealt_with = _dealt_with(action.area_id.in_(AREA_IDS), recorded=recorded)
    ranking = ranks(sa.select(dealt_with), dealt_with.c.area_id, _due_first(dealt_with.c))
    kept = sa.select(ranking)
    if cut:
        kept = kept.where(ranking.c.rank <= LIMIT)
    chosen = kept.subquery()
    # Done on the counting day since its completion date, unless done again later (then since its state began).
    # As the data stood then (``recorded``), the day its done state began.
    whens: list[tuple[Condition, sa.ColumnElement[date | None] | sa.Null]] = [
        (chosen.c.status != FollowUpStatus.DONE.value, sa.null())]
    if not recorded:
        whens.append((chosen.c.completed_now <= COUNTED_ON, chosen.c.completed_now))
    completed = sa.case(*whens, else_=chosen.c.changed_on)
    return (
        _follow_up_rows(chosen.c.status, chosen.c.due_on, completed).add_columns(chosen.c.total)
        .join(chosen, chosen.c.id == action.id)
        .order_by(action.area_id, *_due_first(chosen.c))
    )


def chases_in_window(partnership_id: int, starts_on: date, counted_on: date, dialect: str,
                     recorded_by: datetime | None = None) -> Sequence[PlainRow]:
    """Each chase from ``starts_on`` to ``counted_on`` (both included) of a follow-up of the partnership owed by the
    partner, earliest first, with the follow-up's title and who owes it; ``dialect``: the database's (see
    ``_chased_between``). One statement, whatever the number of chases; it needs nothing of the request, so it may
    run beside it (``side_by_side``)."""
    return run(_chases(dialect, recorded_by is not None), partnership_id=partnership_id, starts_on=starts_on,
               counted_on=counted_on, recorded_by=recorded_by)


@cache
def _chases(dialect: str, recorded: bool) -> AnyRows:
    in_use: sa.ColumnElement[bool] = FollowUpAction.archived_at.is_(None)
    as_recorded: list[sa.ColumnElement[bool]] = []
    if recorded:
        in_use = sa.or_(in_use, FollowUpAction.archived_at > RECORDED_BY)
        as_recorded.append(FollowUpChase.created_at <= RECORDED_BY)
    return (
        sa.select(FollowUpAction.id, FollowUpAction.title, FollowUpAction.is_restricted, FollowUpAction.partner_office,
                  Person.honorific, Person.full_name, FollowUpChase.chased_on, FollowUpChase.channel)
        .join(FollowUpChase, FollowUpChase.follow_up_id == FollowUpAction.id)
        .outerjoin(Person, Person.id == FollowUpAction.partner_person_id)
        .where(FollowUpAction.partnership_id == PARTNERSHIP_ID, FollowUpAction.owner_user_id.is_(None), in_use,
               FollowUpChase.chased_on.between(STARTS_ON, COUNTED_ON), *as_recorded, _chased_between(dialect))
        .order_by(FollowUpChase.chased_on, FollowUpChase.id)
    )


def _chased_between(dialect: str) -> sa.ColumnElement[bool]:
    """The follow-ups chased in the window, for the database to look up by their keys. Left to itself, PostgreSQL
    reads every follow-up of a big partnership (tens of thousands) to find the few hundred chased; handed their ids
    as one array, it looks each one up. SQLite starts from the window's chases as it is."""
    if dialect != "postgresql":
        return sa.true()
    chased = sa.select(FollowUpChase.follow_up_id).where(FollowUpChase.chased_on.between(STARTS_ON, COUNTED_ON))
    return FollowUpAction.id == sa.any_(sa.func.array(chased.scalar_subquery()))
