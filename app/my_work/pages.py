"""What "My work" shows the signed-in officer: the follow-ups they own, what falls due soon, this week's meetings,
the chases owed and the quiet areas of the partnerships they look after.

The number of queries does not grow with the rows: an officer may own hundreds of follow-ups and look after
partnerships with thousands. What must read them all (the counts, the order of the chases, the quiet areas) is
kept until the data changes.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import joinedload

from app.common.lists import Page, paginate
from app.common.unchanged import while_unchanged
from app.extensions import db
from app.follow_ups import services as follow_up_services
from app.follow_ups.pages import FOLLOW_UP_LIST_ORDER, LAST_CHASE_ORDER
from app.implementation.attention import Signal, quiet_areas
from app.models import FollowUpAction, FollowUpStateEntry, FollowUpStatus, Meeting, Partnership, User

#: What "due soon" means: from today to this many days ahead, both days included.
DUE_SOON_DAYS = 14
#: Rows of the shorter lists shown before "Show all".
SHORT_LIST = 50


@dataclass(frozen=True)
class Chase:
    """A follow-up the partner owes, and since when we have been waiting for it (None when not awaiting them)."""

    action: FollowUpAction
    awaiting_since: date | None


@dataclass
class MyWork:
    today: date
    follow_ups: Page[FollowUpAction]
    overdue_count: int = 0
    due_soon: list[FollowUpAction] = field(default_factory=list)
    due_soon_count: int = 0
    #: How many partnerships the officer looks after (not archived).
    looks_after: int = 0
    week: list[Meeting] = field(default_factory=list)
    chases: list[Chase] = field(default_factory=list)
    chase_count: int = 0
    quiet: list[Signal] = field(default_factory=list)

    @property
    def due_soon_until(self) -> date:
        return self.today + timedelta(days=DUE_SOON_DAYS)

    @property
    def week_starts(self) -> date:
        return self.today - timedelta(days=self.today.weekday())

    @property
    def week_ends(self) -> date:
        return self.week_starts + timedelta(days=6)


def days_overdue(action: FollowUpAction, today: date) -> int:
    """Whole days past the due date; 0 when not overdue."""
    return (today - action.due_on).days if action.due_on and action.due_on < today else 0


def _with_partnership(query: sa.Select[FollowUpAction]) -> sa.Select[FollowUpAction]:
    return query.options(
        joinedload(FollowUpAction.partnership).joinedload(Partnership.organisation),
        joinedload(FollowUpAction.partnership).joinedload(Partnership.partner),
        joinedload(FollowUpAction.meeting),
    )


def _count(query: sa.Select[FollowUpAction]) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(query.order_by(None).subquery())) or 0


def _looked_after(user: User) -> sa.ColumnElement[bool]:
    return sa.and_(Partnership.desk_officer_id == user.id, Partnership.archived_at.is_(None))


@dataclass(frozen=True)
class Figures:
    """What the page counts and the order of the chases: worked out once per change to the data, as the chases
    read every follow-up still to do of the partnerships looked after (thousands for a big one)."""

    overdue: int
    due_soon: int
    chase_ids: list[int]


def _mine(user: User) -> sa.Select[FollowUpAction]:
    return (
        sa.select(FollowUpAction)
        .join(Partnership, FollowUpAction.partnership_id == Partnership.id)
        .where(FollowUpAction.still_to_do(), FollowUpAction.owner_user_id == user.id,
               Partnership.archived_at.is_(None))
    )


def _due_soon(user: User, today: date) -> sa.Select[FollowUpAction]:
    return _mine(user).where(FollowUpAction.due_on.between(today, today + timedelta(days=DUE_SOON_DAYS)))


def _work_out_figures(user: User, today: date) -> Figures:
    chases = db.session.scalars(
        sa.select(FollowUpAction.id)
        .join(Partnership, FollowUpAction.partnership_id == Partnership.id)
        .where(_looked_after(user), FollowUpAction.still_to_do(), FollowUpAction.owner_user_id.is_(None),
               sa.or_(FollowUpAction.due_on < today, FollowUpAction.status == FollowUpStatus.AWAITING_PARTNER))
        # Most in need of a chase first: never chased, then the longest since the last chase; then by due date.
        .order_by(*LAST_CHASE_ORDER)
    ).all()
    return Figures(overdue=_count(_mine(user).where(FollowUpAction.due_on < today)),
                   due_soon=_count(_due_soon(user, today)), chase_ids=list(chases))


def build_my_work(user: User, *, all_chases: bool = False) -> MyWork:
    today = follow_up_services.today()
    # Most overdue first is earliest due first: one order serves the overdue and the rest.
    work = MyWork(today=today, follow_ups=paginate(_with_partnership(_mine(user)), FOLLOW_UP_LIST_ORDER))
    figures = while_unchanged(("my work", user.id, today), lambda: _work_out_figures(user, today))
    work.overdue_count, work.due_soon_count = figures.overdue, figures.due_soon
    work.due_soon = list(db.session.scalars(
        _with_partnership(_due_soon(user, today)).order_by(*FOLLOW_UP_LIST_ORDER).limit(SHORT_LIST)).unique())

    work.looks_after = db.session.scalar(sa.select(sa.func.count(Partnership.id)).where(_looked_after(user))) or 0
    if not work.looks_after:
        return work
    work.week = _meetings_between(user, work.week_starts, work.week_ends)
    work.chase_count = len(figures.chase_ids)
    work.chases = _chases(figures.chase_ids if all_chases else figures.chase_ids[:SHORT_LIST])
    stale_days = current_app.config.get("ATTENTION_STALE_DAYS")
    work.quiet = while_unchanged(("quiet areas", user.id, today, stale_days), lambda: quiet_areas(today, user.id))
    return work


def _meetings_between(user: User, first: date, last: date) -> list[Meeting]:
    """Meetings of the partnerships ``user`` looks after held from ``first`` to ``last``, in the order held."""
    return list(db.session.scalars(
        sa.select(Meeting)
        .join(Partnership, Meeting.partnership_id == Partnership.id)
        .where(_looked_after(user), Meeting.archived_at.is_(None), Meeting.held_on.between(first, last))
        .options(joinedload(Meeting.partnership).joinedload(Partnership.organisation),
                 joinedload(Meeting.partnership).joinedload(Partnership.partner))
        .order_by(Meeting.held_on, Meeting.starts_at.is_(None), Meeting.starts_at, Meeting.id)
    ).unique())


def _chases(ids: list[int]) -> list[Chase]:
    """The follow-ups of ``ids`` in that order, each with the day the wait for the partner began."""
    found = {action.id: action for action in db.session.scalars(
        _with_partnership(sa.select(FollowUpAction).where(FollowUpAction.id.in_(ids)))
        .options(joinedload(FollowUpAction.partner_person))).unique()}
    since = _awaiting_since([i for i, action in found.items() if action.status == FollowUpStatus.AWAITING_PARTNER])
    return [Chase(found[i], since.get(i)) for i in ids if i in found]


def _awaiting_since(ids: list[int]) -> dict[int, date]:
    """The day each follow-up's current wait for the partner began: the first of its latest run of "awaiting the
    partner" entries (a new due date while waiting adds an entry, but the wait goes on)."""
    since: dict[int, date] = {}
    entries = db.session.execute(
        sa.select(FollowUpStateEntry.follow_up_id, FollowUpStateEntry.status, FollowUpStateEntry.effective_on)
        .where(FollowUpStateEntry.follow_up_id.in_(ids))
        .order_by(FollowUpStateEntry.follow_up_id, FollowUpStateEntry.effective_on, FollowUpStateEntry.id)
    )
    for follow_up_id, status, effective_on in entries:
        if status != FollowUpStatus.AWAITING_PARTNER:
            since.pop(follow_up_id, None)
        else:
            since.setdefault(follow_up_id, effective_on)
    return since
