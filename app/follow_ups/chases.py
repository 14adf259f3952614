"""Chases of the partner: each reminder sent about a follow-up the partner owes, recorded from the follow-up's page.

Only ever added to. The follow-up keeps the day of its latest chase (``last_chased_on``), set here in the same
transaction as the chase, so that the lists sort by it without reading the chases; ``disagreeing_last_chases``
finds any follow-up where the two part.
"""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext, ngettext
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value

from app.common.dates import page_date
from app.common.errors import DomainError
from app.extensions import db
from app.follow_ups import services
from app.follow_ups.history import acting_user_id
from app.models import ChaseChannel, FollowUpAction, FollowUpChase, FollowUpStateEntry, FollowUpStatus


def chase_refusal(action: FollowUpAction) -> str | None:
    """Why the partner cannot be chased about ``action``, or None when they can."""
    if action.owner_user_id is not None:
        return gettext("This follow-up is owed by %(owner)s, one of our officers: only a follow-up the partner owes "
                       "is chased", owner=action.owner_name)
    if action.status.is_closed:
        return gettext("This follow-up is %(status)s: a chase is recorded only while it is still to do",
                       status=action.status.label.lower())
    if action.is_archived:
        return gettext("This follow-up is archived: restore it to record a chase")
    return None


def _check_chase_date(action: FollowUpAction, chased_on: date | None) -> date:
    if chased_on is None:
        raise DomainError("chased_on", gettext("Enter the date of the chase"))
    if chased_on > services.today():
        raise DomainError("chased_on", gettext("Date of the chase must be today or in the past"))
    meeting = action.meeting
    if meeting is not None and meeting.held_on is not None and chased_on < meeting.held_on:
        raise DomainError("chased_on", gettext("Date of the chase must be the same as or after %(day)s, the date of "
                                               "the meeting", day=page_date(meeting.held_on)))
    if chased_on < action.opened_on:
        raise DomainError("chased_on", gettext("Date of the chase must be the same as or after %(day)s, the day the "
                                               "follow-up was agreed", day=page_date(action.opened_on)))
    return chased_on


def record_chase(action: FollowUpAction, chased_on: date | None, channel: ChaseChannel | str | None,
                 note: str | None = None) -> FollowUpChase:
    """Record that the partner was chased about ``action`` on ``chased_on`` by ``channel``; flushes, never commits.

    Only a follow-up the partner owes, still to do and not archived, is chased; the day is not in the future and not
    before the follow-up was agreed (nor before its meeting). The follow-up's ``last_chased_on`` moves to it when
    it is the latest.
    """
    if (refusal := chase_refusal(action)) is not None:
        raise DomainError(None, refusal)
    chased_on = _check_chase_date(action, chased_on)
    if not channel or not ChaseChannel.holds(str(channel)):
        raise DomainError("channel", gettext("Select how the partner was chased"))
    chase = FollowUpChase(follow_up=action, chased_on=chased_on, channel=ChaseChannel(channel), note=note or None,
                          recorded_by_id=acting_user_id())
    db.session.add(chase)
    db.session.flush()
    if action.last_chased_on is None or action.last_chased_on < chased_on:
        # Written past the ORM: a chase is not an edit of the follow-up, so its version (which would turn an edit
        # open in another tab into a conflict) and its audit trail stay as they are; the chase is logged itself.
        db.session.execute(sa.update(FollowUpAction).where(FollowUpAction.id == action.id)
                           .values(last_chased_on=chased_on).execution_options(synchronize_session=False))
        set_committed_value(action, "last_chased_on", chased_on)
    return chase


def chases_of(action: FollowUpAction) -> list[FollowUpChase]:
    """The follow-up's chases, newest first (by the day made, then as recorded), with who recorded each."""
    return list(db.session.scalars(
        sa.select(FollowUpChase).where(FollowUpChase.follow_up_id == action.id)
        .order_by(FollowUpChase.chased_on.desc(), FollowUpChase.id.desc())
        .options(joinedload(FollowUpChase.recorded_by))
    ))


@dataclass(frozen=True)
class Waiting:
    """What the follow-up's page says of the wait for the partner."""

    #: The day the current wait began: the first day of its latest run of "awaiting the partner" in its history,
    #: or, for one open or in progress, the day it was agreed (at its meeting, if any).
    since: date
    last_chased_on: date | None
    today: date

    @property
    def days_since_chased(self) -> int | None:
        return (self.today - self.last_chased_on).days if self.last_chased_on else None

    @property
    def chased_ago(self) -> str:
        """"today", "1 day ago", "12 days ago"."""
        days = self.days_since_chased or 0
        return gettext("today") if days == 0 else ngettext("%(num)s day ago", "%(num)s days ago", days)


def waiting_for_partner(action: FollowUpAction, history: list[FollowUpStateEntry]) -> Waiting | None:
    """The wait for the partner on ``action`` (``history`` newest first, as its page reads it); None when the
    partner owes nothing (owed by us, done or cancelled)."""
    if action.owner_user_id is not None or action.status.is_closed:
        return None
    since = action.opened_on
    if action.status == FollowUpStatus.AWAITING_PARTNER:
        for entry in history:
            if entry.status != FollowUpStatus.AWAITING_PARTNER:
                break
            since = entry.effective_on
    return Waiting(since=since, last_chased_on=action.last_chased_on, today=services.today())


def disagreeing_last_chases() -> list[int]:
    """The ids of follow-ups whose day of last chase is not the latest day of their chases (or set with none)."""
    latest = (sa.select(sa.func.max(FollowUpChase.chased_on)).where(FollowUpChase.follow_up_id == FollowUpAction.id)
              .scalar_subquery())
    return list(db.session.scalars(
        sa.select(FollowUpAction.id).where(FollowUpAction.last_chased_on.is_distinct_from(latest))
        .order_by(FollowUpAction.id)
    ))
