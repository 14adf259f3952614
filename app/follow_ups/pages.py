"""What the follow-up pages read: the follow-up list and one follow-up's page.

Nothing here changes a record; the rules that do live in ``app.follow_ups.services``."""

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from app.extensions import db
from app.follow_ups import services as follow_up_services
from app.models import (
    OPEN_STATUSES,
    CooperationArea,
    FollowUpAction,
    FollowUpStatus,
    Partnership,
    User,
)


def follow_up_list(*, status: str | None = None, partnership_slug: str | None = None, overdue: bool = False,
                   owner: User | None = None, archived: bool = False) -> sa.Select[FollowUpAction]:
    """The follow-up list's query: open ones by default, earliest due first, with what each row shows loaded."""
    query = sa.select(FollowUpAction).options(
        joinedload(FollowUpAction.partnership).joinedload(Partnership.organisation),
        joinedload(FollowUpAction.partnership).joinedload(Partnership.partner),
        joinedload(FollowUpAction.owner_user),
        joinedload(FollowUpAction.partner_person),
    )
    if FollowUpStatus.holds(status):
        query = query.where(FollowUpAction.status == status)
    elif status != "all" or overdue:
        query = query.where(FollowUpAction.still_to_do() if not archived else FollowUpAction.status.in_(OPEN_STATUSES))
    if partnership_slug:
        query = query.where(FollowUpAction.partnership_id == sa.select(Partnership.id).where(
            Partnership.slug == partnership_slug[:80]).scalar_subquery())
    if overdue:
        query = query.where(FollowUpAction.due_on < follow_up_services.today())
    if owner is not None:
        query = query.where(FollowUpAction.owner_user_id == owner.id)
    if not archived:
        query = query.where(FollowUpAction.archived_at.is_(None))
    return query


#: The follow-up list's order: earliest due first, undated last.
FOLLOW_UP_LIST_ORDER = (FollowUpAction.due_on.is_(None), FollowUpAction.due_on.asc(), FollowUpAction.id.asc())
#: The order by last chase, most in need of a chase first: those the partner owes before ours (never chased), never
#: chased first, then the oldest last chase; then in due order. Served by ``ix_follow_up_actions_to_do_by_last_chase``.
LAST_CHASE_ORDER = (FollowUpAction.owner_user_id.is_not(None), FollowUpAction.last_chased_on.is_not(None),
                    FollowUpAction.last_chased_on.asc(), *FOLLOW_UP_LIST_ORDER)
#: The list's orders as the address names them (``?sort=last-chase``); the first is the default.
LIST_ORDERS = {"due": FOLLOW_UP_LIST_ORDER, "last-chase": LAST_CHASE_ORDER}


def follow_up_page(action_id: int) -> FollowUpAction | None:
    return db.session.scalar(
        sa.select(FollowUpAction).where(FollowUpAction.id == action_id).options(
            joinedload(FollowUpAction.partnership).joinedload(Partnership.organisation),
            joinedload(FollowUpAction.partnership).joinedload(Partnership.partner),
            joinedload(FollowUpAction.meeting),
            joinedload(FollowUpAction.area),
            joinedload(FollowUpAction.owner_user),
            joinedload(FollowUpAction.partner_person),
            selectinload(FollowUpAction.carried_areas).joinedload(CooperationArea.plan),
        )
    )
