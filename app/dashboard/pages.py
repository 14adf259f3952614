"""What the home page shows: the signed-in officer's work first, then the desk's."""

from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from app.common.lists import Page, paginate_list
from app.common.unchanged import while_unchanged
from app.extensions import db
from app.implementation.attention import Signal
from app.implementation.heatmap import HeatmapEntry, heatmap_entries
from app.implementation.signal_cache import current_attention_signals
from app.models import FollowUpAction, Meeting, Partnership, User

RECENT_DAYS = 90
LIST_LIMIT = 10
#: Partnerships per page of the heatmap, and listed at the foot of the page (the partnership list has them all).
HEATMAP_ROWS = 25
PARTNERSHIPS_LISTED = 30


@dataclass
class Home:
    partnerships: list[Partnership] = field(default_factory=list)
    my_follow_ups: list[FollowUpAction] = field(default_factory=list)
    overdue: list[FollowUpAction] = field(default_factory=list)
    upcoming: list[Meeting] = field(default_factory=list)
    recent: list[Meeting] = field(default_factory=list)
    today: date = field(default_factory=date.today)
    partnership_count: int = 0
    #: A page of the heatmap's rows, before they are loaded (see ``heatmap_entries``).
    heatmap_pages: Page[HeatmapEntry] = field(default_factory=lambda: Page([], 0, 1, HEATMAP_ROWS))
    #: The attention signals of each kind.
    signals: dict[str, list[Signal]] = field(default_factory=dict)


def _follow_ups() -> sa.Select[FollowUpAction]:
    return (
        sa.select(FollowUpAction)
        .where(FollowUpAction.still_to_do())
        .options(
            joinedload(FollowUpAction.partnership).joinedload(Partnership.organisation),
            joinedload(FollowUpAction.partnership).joinedload(Partnership.partner),
            joinedload(FollowUpAction.owner_user),
            joinedload(FollowUpAction.partner_person),
        )
        .order_by(FollowUpAction.due_on.is_(None), FollowUpAction.due_on, FollowUpAction.id)
        .limit(LIST_LIMIT)
    )


def _meetings() -> sa.Select[Meeting]:
    return (
        sa.select(Meeting)
        .where(Meeting.archived_at.is_(None))
        .options(
            joinedload(Meeting.partnership).joinedload(Partnership.organisation),
            joinedload(Meeting.partnership).joinedload(Partnership.partner),
        )
        .limit(LIST_LIMIT)
    )


def build_home(user: User, today: date | None = None) -> Home:
    today = today or date.today()
    home = Home(today=today)
    home.partnerships = list(
        db.session.scalars(
            sa.select(Partnership)
            .where(Partnership.archived_at.is_(None))
            .options(
                joinedload(Partnership.organisation),
                joinedload(Partnership.partner),
                selectinload(Partnership.events),
            )
            .order_by(Partnership.slug)
            .limit(PARTNERSHIPS_LISTED)
        ).unique()
    )
    home.partnership_count = db.session.scalar(
        sa.select(sa.func.count(Partnership.id)).where(Partnership.archived_at.is_(None))
    ) or 0
    home.my_follow_ups = list(db.session.scalars(_follow_ups().where(FollowUpAction.owner_user_id == user.id)))
    home.overdue = list(db.session.scalars(_follow_ups().where(FollowUpAction.due_on < today)))
    home.upcoming = list(
        db.session.scalars(_meetings().where(Meeting.held_on >= today).order_by(Meeting.held_on, Meeting.id))
    )
    home.recent = list(
        db.session.scalars(
            _meetings()
            .where(Meeting.held_on < today, Meeting.held_on >= today - timedelta(days=RECENT_DAYS))
            .order_by(Meeting.held_on.desc(), Meeting.id.desc())
        )
    )
    entries = while_unchanged(("heatmap rows", today), lambda: heatmap_entries(today))
    home.heatmap_pages = paginate_list(entries, per_page=HEATMAP_ROWS)
    home.signals = current_attention_signals(today)
    return home
