"""What a digest holds, read in a few queries and handed to the e-mail templates as plain values with their links.

A restricted follow-up is listed and counted for everyone, its title shown only to those who may read restricted
notes (``app.common.restricted``): the reader is the person the e-mail goes to. What the lines say in words (the
placeholder, the timing) is written in the language of the e-mail, so read while it is being written
(``app.reminders.sending.write``).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext, ngettext
from sqlalchemy.orm import joinedload

from app.common.restricted import PAGE_PLACEHOLDERS, for_user
from app.extensions import db
from app.models import FollowUpAction, Meeting, Partnership, User
from app.reminders.links import public_url


@dataclass(frozen=True)
class FollowUpLine:
    title: str
    partnership: str
    due_on: date
    #: Days overdue, or days until due (0: due on the digest's day).
    days: int
    is_overdue: bool
    owner: str
    url: str

    @property
    def timing(self) -> str:
        """"3 days overdue", "due today", "due in 2 days"."""
        if self.is_overdue:
            return ngettext("%(num)s day overdue", "%(num)s days overdue", self.days)
        if self.days <= 1:
            return gettext("due today") if self.days == 0 else gettext("due tomorrow")
        return gettext("due in %(num)s days", num=self.days)


@dataclass(frozen=True)
class MeetingLine:
    name: str
    partnership: str
    held_on: date
    starts_at: time | None
    venue: str | None
    url: str


@dataclass(frozen=True)
class PersonalDigest:
    day: date
    due_soon_days: int
    #: The oldest, up to REMINDERS_LIST_LIMIT of them; how many in all, and the list of them all.
    overdue: Sequence[FollowUpLine]
    overdue_count: int
    overdue_url: str
    due_soon: Sequence[FollowUpLine]
    meetings: Sequence[MeetingLine]

    @property
    def more_overdue(self) -> int:
        return self.overdue_count - len(self.overdue)

    @property
    def is_empty(self) -> bool:
        return not (self.overdue or self.due_soon or self.meetings)


@dataclass(frozen=True)
class PartnershipOverdue:
    partnership: str
    url: str
    #: The oldest, up to REMINDERS_LIST_LIMIT of them.
    follow_ups: Sequence[FollowUpLine]
    #: How many are overdue in all, and the list of them all.
    count: int
    all_url: str

    @property
    def more(self) -> int:
        return self.count - len(self.follow_ups)


@dataclass(frozen=True)
class DeskDigest:
    day: date
    partnerships: Sequence[PartnershipOverdue]

    @property
    def is_empty(self) -> bool:
        return not self.partnerships

    @property
    def overdue_count(self) -> int:
        return sum(group.count for group in self.partnerships)


_PARTNERSHIP_NAME = (joinedload(FollowUpAction.partnership).joinedload(Partnership.organisation),
                     joinedload(FollowUpAction.partnership).joinedload(Partnership.partner))


def _line(action: FollowUpAction, reader: User, day: date) -> FollowUpLine:
    assert action.due_on is not None  # only dated follow-ups are read
    overdue = action.due_on < day
    return FollowUpLine(
        title=str(for_user(reader, action.title, action, str(PAGE_PLACEHOLDERS["RESTRICTED_ACTION"]))),
        partnership=action.partnership.name, due_on=action.due_on,
        days=abs((day - action.due_on).days), is_overdue=overdue, owner=action.owner_name,
        url=public_url("follow_ups.detail", action_id=action.id),
    )


def personal_digest(user: User, day: date, due_soon_days: int) -> PersonalDigest:
    """``user``'s follow-ups still to do, overdue on ``day`` (oldest first) or due within ``due_soon_days`` of it, and
    the meetings of the partnerships they look after held the day after."""
    actions = db.session.scalars(
        sa.select(FollowUpAction).options(*_PARTNERSHIP_NAME, joinedload(FollowUpAction.owner_user))
        .where(FollowUpAction.owner_user_id == user.id, FollowUpAction.still_to_do(),
               FollowUpAction.due_on <= day + timedelta(days=due_soon_days))
        .order_by(FollowUpAction.due_on, FollowUpAction.id)
    ).all()
    tomorrow = day + timedelta(days=1)
    meetings = db.session.scalars(
        sa.select(Meeting).join(Meeting.partnership)
        .options(joinedload(Meeting.partnership).joinedload(Partnership.organisation),
                 joinedload(Meeting.partnership).joinedload(Partnership.partner))
        .where(Partnership.desk_officer_id == user.id, Partnership.archived_at.is_(None),
               Meeting.archived_at.is_(None), Meeting.held_on == tomorrow)
        .order_by(Meeting.starts_at.is_(None), Meeting.starts_at, Meeting.id)
    ).all()
    lines = [_line(action, user, day) for action in actions]
    overdue = [line for line in lines if line.is_overdue]
    return PersonalDigest(
        day=day, due_soon_days=due_soon_days,
        overdue=overdue[:current_app.config["REMINDERS_LIST_LIMIT"]], overdue_count=len(overdue),
        overdue_url=public_url("follow_ups.index", mine=1, overdue=1),
        due_soon=[line for line in lines if not line.is_overdue],
        meetings=[MeetingLine(name=meeting.name, partnership=meeting.partnership.name, held_on=tomorrow,
                              starts_at=meeting.starts_at, venue=meeting.venue,
                              url=public_url("meetings.detail", meeting_id=meeting.id)) for meeting in meetings],
    )


def desk_digest(reader: User, day: date) -> DeskDigest:
    """Every follow-up still to do and overdue on ``day``, by partnership (in name order), oldest first in each; past
    REMINDERS_LIST_LIMIT in one partnership, the oldest and a link to the list of them all, so that a desk with
    thousands overdue still gets an e-mail a person can read."""
    limit = current_app.config["REMINDERS_LIST_LIMIT"]
    actions = db.session.scalars(
        sa.select(FollowUpAction)
        .options(*_PARTNERSHIP_NAME, joinedload(FollowUpAction.owner_user),
                 joinedload(FollowUpAction.partner_person))
        .where(FollowUpAction.still_to_do(), FollowUpAction.due_on < day)
        .order_by(FollowUpAction.due_on, FollowUpAction.id)
    ).all()
    by_partnership: dict[int, list[FollowUpAction]] = {}
    for action in actions:
        by_partnership.setdefault(action.partnership_id, []).append(action)
    groups = [
        PartnershipOverdue(partnership=group[0].partnership.name,
                           url=public_url("partnerships.detail", slug=group[0].partnership.slug),
                           follow_ups=[_line(action, reader, day) for action in group[:limit]], count=len(group),
                           all_url=public_url("follow_ups.index", partnership=group[0].partnership.slug, overdue=1))
        for group in by_partnership.values()
    ]
    return DeskDigest(day=day, partnerships=sorted(groups, key=lambda group: group.partnership.casefold()))
