"""What the follow-up form offers to choose from, once a partnership is chosen: its meetings, its plans' areas,
and the officers who can own a follow-up. Nothing here changes a record."""

import sqlalchemy as sa
from flask_babel import gettext
from sqlalchemy.orm import joinedload
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # in WTForms, not in its stubs

from app.common.dates import page_date
from app.extensions import db
from app.models import CooperationArea, Meeting, Partnership, Plan, User

#: How many of a partnership's meetings the form offers, newest first: a big partnership has thousands, and a
#: follow-up of an older meeting is added from that meeting's page, which chooses it for the form.
MEETINGS_OFFERED = 100


def meetings_offered(partnership: Partnership | None, chosen_ids: set[int]) -> list[Meeting]:
    """The chosen partnership's latest meetings, and the meetings already chosen on the form; none until a
    partnership is chosen (a ministry holds tens of thousands)."""
    if partnership is None:
        return []
    of_partnership = Meeting.partnership_id == partnership.id
    latest = sa.select(Meeting.id).where(of_partnership, Meeting.archived_at.is_(None)).order_by(
        *Meeting.newest_first()).limit(MEETINGS_OFFERED)
    offered: sa.ColumnElement[bool] = Meeting.id.in_(latest.scalar_subquery())
    if chosen_ids:
        offered = sa.or_(offered, Meeting.id.in_(chosen_ids))
    return list(db.session.scalars(sa.select(Meeting).where(of_partnership, offered).order_by(*Meeting.newest_first())))


def meeting_choices(meetings: list[Meeting], none: str) -> list[SelectChoice]:
    """A meeting select's options: ``none`` first, then each meeting by name and date."""
    return [SelectChoice("", none)] + [
        SelectChoice(str(m.id), f"{m.name} – {page_date(m.held_on, gettext('date not known'))}") for m in meetings
    ]


def areas_offered(partnership: Partnership, keep: CooperationArea | None) -> list[CooperationArea]:
    """Areas in use of the partnership's plans, grouped by plan (latest first), and ``keep`` even if archived."""
    in_use = sa.and_(CooperationArea.archived_at.is_(None), Plan.archived_at.is_(None))
    return list(db.session.scalars(
        sa.select(CooperationArea).join(CooperationArea.plan).options(joinedload(CooperationArea.plan))
        .where(Plan.partnership_id == partnership.id, sa.or_(in_use, CooperationArea.id == keep.id) if keep else in_use)
        .order_by(Plan.starts_on.desc(), Plan.id, CooperationArea.position, CooperationArea.code)
    ).all())


def officers_offered(keep: User | None) -> list[User]:
    """Active officers by name, and ``keep`` (the follow-up's owner) even if no longer active."""
    active = User.is_active.is_(True)
    return list(db.session.scalars(
        sa.select(User).where(sa.or_(active, User.id == keep.id) if keep else active).order_by(User.name)
    ).all())
