"""People the desk meets and the posts they hold. A change of post is a new position, never an edit."""

from datetime import timedelta

import sqlalchemy as sa
from flask_babel import gettext

from app.common.dates import page_date
from app.common.errors import DomainError
from app.extensions import db
from app.models import Meeting, MeetingParticipant, Organisation, Person, Position
from app.people.details import PersonDetails, PositionDetails


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def _person_values(details: PersonDetails) -> dict[str, str | None]:
    full_name = _clean(details.full_name)
    if not full_name:
        raise DomainError("full_name", gettext("Enter the full name"))
    email = _clean(details.email)
    return {
        "honorific": _clean(details.honorific),
        "full_name": full_name,
        "email": email.lower() if email else None,
        "notes": _clean(details.notes),
    }


def create_person(details: PersonDetails) -> Person:
    """Add someone the desk meets; their posts are added as positions."""
    person = Person(**_person_values(details))
    db.session.add(person)
    db.session.flush()
    return person


def update_person(person: Person, details: PersonDetails) -> Person:
    for name, value in _person_values(details).items():
        setattr(person, name, value)
    db.session.flush()
    return person


def _check_position(details: PositionDetails) -> tuple[Organisation, str]:
    """The post's organisation and title (trimmed), once they and its dates are acceptable."""
    if details.organisation is None:
        raise DomainError("organisation_id", gettext("Select the organisation"))
    title = _clean(details.title)
    if not title:
        raise DomainError("title", gettext("Enter the title of the post"))
    starts_on, ends_on = details.starts_on, details.ends_on
    if starts_on and ends_on and ends_on < starts_on:
        raise DomainError("ends_on", gettext("End date must be the same as or after %(day)s, the start date",
                                             day=page_date(starts_on)))
    return details.organisation, title


def add_position(person: Person, details: PositionDetails, *, end_current: bool = False) -> Position:
    """Record a post held by ``person``.

    With ``end_current``, posts still open (no end date) end the day before the new one starts, which is how a
    move to a new job is recorded without rewriting the old one.
    """
    organisation, title = _check_position(details)
    starts_on = details.starts_on
    open_posts = [p for p in person.positions if p.ends_on is None] if end_current else []
    if open_posts:
        if starts_on is None:
            raise DomainError("starts_on", gettext(
                "Enter the start date of the new post, so the current position can end the day before"))
        for post in open_posts:
            if post.starts_on is not None and post.starts_on >= starts_on:
                raise DomainError("starts_on", gettext(
                    "Start date must be after %(day)s, when the position of %(post)s started",
                    day=page_date(post.starts_on), post=post.title))
            post.ends_on = starts_on - timedelta(days=1)
    position = Position(
        person=person, organisation=organisation, title=title, starts_on=starts_on, ends_on=details.ends_on
    )
    db.session.add(position)
    db.session.flush()
    return position


def update_position(position: Position, details: PositionDetails) -> Position:
    """Correct a post's details or record when it ended.

    Meetings record the post held that day, so the dates must still cover every meeting attended in it.
    """
    organisation, title = _check_position(details)
    starts_on, ends_on = details.starts_on, details.ends_on
    for meeting in db.session.scalars(
        sa.select(Meeting)
        .join(MeetingParticipant, MeetingParticipant.meeting_id == Meeting.id)
        .where(MeetingParticipant.position_id == position.id, Meeting.held_on.is_not(None))
        .order_by(Meeting.held_on)
    ):
        assert meeting.held_on is not None  # the query reads dated meetings only
        day = page_date(meeting.held_on)
        if starts_on and meeting.held_on < starts_on:
            raise DomainError("starts_on", gettext(
                "Start date must be the same as or before %(day)s, the date of the %(meeting)s attended in this post",
                day=day, meeting=meeting.name))
        if ends_on and meeting.held_on > ends_on:
            raise DomainError("ends_on", gettext(
                "End date must be the same as or after %(day)s, the date of the %(meeting)s attended in this post",
                day=day, meeting=meeting.name))
    position.organisation = organisation
    position.title = title
    position.starts_on = starts_on
    position.ends_on = ends_on
    db.session.flush()
    return position
