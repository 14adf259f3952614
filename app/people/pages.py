"""What the people pages read: the people list, a person's page with their posts and meetings.

Nothing here changes a record; the rules that do live in ``app.people.services``."""

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from app.extensions import db
from app.models import Meeting, MeetingParticipant, Organisation, Partnership, Person, Position


def active_organisations() -> list[Organisation]:
    """Organisations a post can be at: those in use, by name."""
    return list(
        db.session.scalars(
            sa.select(Organisation).where(Organisation.archived_at.is_(None)).order_by(Organisation.name)
        )
    )


#: The people list's order: by name.
PEOPLE_ORDER = (Person.full_name.asc(), Person.id.asc())


def people_query(
    *, term: str | None = None, organisation_id: int | None = None, include_archived: bool = False
) -> sa.Select[Person]:
    """People for the list: by name, optionally only those who have held a post at one organisation."""
    query = (
        sa.select(Person)
        .options(selectinload(Person.positions).joinedload(Position.organisation))
    )
    if term:
        pattern = f"%{term}%"
        query = query.where(sa.or_(Person.full_name.ilike(pattern), Person.honorific.ilike(pattern)))
    if organisation_id is not None:
        query = query.where(
            Person.positions.any(Position.organisation_id == organisation_id)
        )
    if not include_archived:
        query = query.where(Person.archived_at.is_(None))
    return query


def load_person(person_id: int) -> Person:
    """The person with their posts and the organisation of each, or a 404."""
    person: Person = db.first_or_404(
        sa.select(Person)
        .where(Person.id == person_id)
        .options(selectinload(Person.positions).joinedload(Position.organisation))
    )
    return person


@dataclass
class PersonPage:
    person: Person
    positions: list[Position]
    #: Meetings attended, latest first, each with the post recorded for that day.
    attended: list[MeetingParticipant] = field(default_factory=list)
    today: date = field(default_factory=date.today)

    def is_current(self, position: Position) -> bool:
        return position.is_held_on(self.today)


def _position_order(position: Position) -> tuple[bool, date, bool, date, int]:
    # Latest first; a post with no start date is assumed older than any dated one.
    return (
        position.starts_on is not None,
        position.starts_on or date.min,
        position.ends_on is None,
        position.ends_on or date.min,
        position.id,
    )


def build_person_page(person_id: int, today: date | None = None) -> PersonPage:
    person = load_person(person_id)
    attended = list(
        db.session.scalars(
            sa.select(MeetingParticipant)
            .join(MeetingParticipant.meeting)
            .where(MeetingParticipant.person_id == person.id, Meeting.archived_at.is_(None))
            .options(
                joinedload(MeetingParticipant.meeting).joinedload(Meeting.partnership).joinedload(
                    Partnership.organisation
                ),
                joinedload(MeetingParticipant.meeting).joinedload(Meeting.partnership).joinedload(Partnership.partner),
                joinedload(MeetingParticipant.position).joinedload(Position.organisation),
            )
            .order_by(*Meeting.newest_first())
        )
    )
    return PersonPage(
        person=person,
        positions=sorted(person.positions, key=_position_order, reverse=True),
        attended=attended,
        today=today or date.today(),
    )
