"""What the meeting pages read: a meeting with everything its page shows, and the meeting list.

Nothing here changes a record; the rules that do live in ``app.meetings.services``."""

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from app.extensions import db
from app.meetings.date_rules import plans_covering, preferred_plan
from app.models import (
    FollowUpAction,
    Meeting,
    MeetingParticipant,
    MeetingType,
    Partnership,
    Plan,
)

#: The largest id a 32-bit integer key holds; a larger one in an address can only be "not found".
MAX_ID = 2**31 - 1


def meeting_page(meeting_id: int) -> Meeting | None:
    """A meeting with everything its page shows, loaded in a fixed number of queries."""
    if not 0 < meeting_id <= MAX_ID:
        return None
    return db.session.scalar(
        sa.select(Meeting)
        .where(Meeting.id == meeting_id)
        .options(
            joinedload(Meeting.partnership).joinedload(Partnership.organisation),
            joinedload(Meeting.partnership).joinedload(Partnership.partner),
            selectinload(Meeting.participants).options(
                joinedload(MeetingParticipant.person),
                joinedload(MeetingParticipant.position),
                joinedload(MeetingParticipant.organisation),
            ),
            selectinload(Meeting.areas),
        )
    )


def follow_ups_of(meeting: Meeting) -> list[FollowUpAction]:
    return list(db.session.scalars(
        sa.select(FollowUpAction)
        .where(FollowUpAction.meeting_id == meeting.id, FollowUpAction.archived_at.is_(None))
        .options(joinedload(FollowUpAction.owner_user), joinedload(FollowUpAction.partner_person),
                 joinedload(FollowUpAction.area))
        .order_by(FollowUpAction.due_on.is_(None), FollowUpAction.due_on, FollowUpAction.id)
    ))


def participant_name(participant: MeetingParticipant) -> str:
    if participant.person is not None:
        return participant.person.display_name
    assert participant.organisation is not None  # not a person, so a delegation (a rule of the schema too)
    return f"{participant.organisation.short_name} delegation"


def meeting_list(
    *, partnership_slug: str | None, type: str | None, year: str, term: str | None, restricted_readable: bool,
    include_archived: bool,
) -> sa.Select[Meeting]:
    """The meeting list's query for the filters chosen, unordered: the list pages it newest first."""
    query = sa.select(Meeting).options(
        joinedload(Meeting.partnership).joinedload(Partnership.organisation),
        joinedload(Meeting.partnership).joinedload(Partnership.partner),
    )
    if partnership_slug:
        query = query.where(Meeting.partnership_id == sa.select(Partnership.id).where(
            Partnership.slug == partnership_slug[:80]).scalar_subquery())
    if MeetingType.holds(type):
        query = query.where(Meeting.type == type)
    if year.isdecimal() and 1900 <= int(year) <= 2200:
        query = query.where(Meeting.held_on.between(date(int(year), 1, 1), date(int(year), 12, 31)))
    if term:
        pattern = f"%{term}%"
        matching_types = [t.value for t in MeetingType if term.lower() in t.label.lower()]
        summary_matches: sa.ColumnElement[bool] = Meeting.summary.ilike(pattern)
        if not restricted_readable:
            # Otherwise a viewer could learn a restricted summary's words by what the search finds.
            summary_matches = sa.and_(Meeting.is_restricted.is_(False), summary_matches)
        query = query.where(sa.or_(
            Meeting.title.ilike(pattern), Meeting.named_after_participants.ilike(pattern), Meeting.venue.ilike(pattern),
            summary_matches,
            Meeting.type.in_(matching_types),
        ))
    if not include_archived:
        query = query.where(Meeting.archived_at.is_(None))
    return query


def meeting_years() -> list[int]:
    """Every year from the first meeting to the last, latest first, for the list's year filter.

    Two index lookups, where listing the years that have meetings would read every meeting."""
    first, last = db.session.execute(sa.select(
        sa.select(sa.func.min(Meeting.held_on)).scalar_subquery(),
        sa.select(sa.func.max(Meeting.held_on)).scalar_subquery(),
    )).one()
    return list(range(last.year, first.year - 1, -1)) if first and last else []


def plans_to_update(meeting: Meeting) -> list[Plan]:
    """The plans whose action lines a desk updates after ``meeting``: those covering its date whose areas it
    discussed, else the partnership's plan covering that date. None for a meeting not yet held or undated, as a
    status cannot be dated in the future.

    One statement whatever the meeting, so the page costs the same for every meeting."""
    covering = plans_covering(meeting.partnership, meeting.held_on or date.today())
    if meeting.held_on is None or meeting.held_on > date.today():
        return []
    discussed = {area.plan_id for area in meeting.areas}
    in_force = preferred_plan(covering)
    return sorted((plan for plan in covering if plan.id in discussed), key=lambda plan: plan.starts_on) or (
        [in_force] if in_force is not None else []
    )
