"""Meetings of a partnership: logging them, numbering committee meetings, participants and areas discussed."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time
from typing import NamedTuple

import sqlalchemy as sa
from sqlalchemy.orm import aliased, joinedload, selectinload

from app.common.errors import DomainError
from app.common.unchanged import while_unchanged
from app.extensions import db
from app.follow_ups.services import create_follow_up
from app.meetings.date_rules import check_areas, check_dates, check_new_date
from app.models import (
    CooperationArea,
    FollowUpAction,
    Meeting,
    MeetingFormat,
    MeetingParticipant,
    MeetingType,
    Organisation,
    OutcomeDocument,
    ParticipantRole,
    Partnership,
    Person,
    Pillar,
    Plan,
    Position,
    Side,
    User,
    ordinal,
)
from app.models.partnership import partnership_name
from app.models.person import person_name
from app.people.services import add_position, create_person

#: The largest id a 32-bit integer key holds; a larger one in an address can only be "not found".
MAX_ID = 2**31 - 1

def abbreviation(type: MeetingType) -> str:
    """How the desk names a committee in a sentence: "JSCC"; other types by their label."""
    return type.value.upper() if type.is_committee else type.label


def committee_name(partnership: Partnership, type: MeetingType, number: int) -> str:
    return f"{ordinal(number)} {abbreviation(type)} for {partnership.name}"


def _numbers_in_use(partnership: Partnership, type: MeetingType) -> set[int]:
    # Archived meetings keep their number: the unique constraint still holds it.
    return set(db.session.scalars(
        sa.select(Meeting.number).where(
            Meeting.partnership_id == partnership.id, Meeting.type == type, Meeting.number.is_not(None)
        )
    ))


def suggest_number(partnership: Partnership, type: MeetingType | str) -> int | None:
    """The next number of a committee meeting: one more than the highest recorded; None for other types."""
    type = MeetingType(type)
    if not type.is_committee:
        return None
    return max(_numbers_in_use(partnership, type), default=0) + 1


def missing_numbers(meeting: Meeting) -> list[int]:
    """Numbers below this committee meeting's that have no record: the gaps worth pointing out."""
    if not meeting.type.is_committee or not meeting.number:
        return []
    return sorted(set(range(1, meeting.number)) - _numbers_in_use(meeting.partnership, meeting.type))


def _ordinal_runs(numbers: list[int]) -> str:
    """[1, 2, 3, 6] -> "1st to 3rd and 6th"."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [
        f"{ordinal(run[0])} to {ordinal(run[-1])}" if len(run) > 2 else " and ".join(ordinal(n) for n in run)
        for run in runs
    ]
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def gap_notice(meeting: Meeting) -> str | None:
    """ "There is no record of the 6th JSCC": numbering has real gaps, so this informs and never blocks."""
    missing = missing_numbers(meeting)
    if not missing:
        return None
    return f"There is no record of the {_ordinal_runs(missing)} {abbreviation(meeting.type)}"


@dataclass
class AreaGroup:
    pillar: Pillar
    areas: list[CooperationArea]


def areas_by_pillar(plan: Plan | None, keep: Iterable[CooperationArea] = ()) -> list[AreaGroup]:
    """The plan's areas in use, grouped by pillar in plan order; ``keep`` adds the ones already chosen, archived or
    of another plan (once the date moves out of theirs), so that a refusal names them rather than drop them."""
    kept = {area.id for area in keep}
    if plan is None and not kept:
        return []
    offered = CooperationArea.id.in_(kept)
    if plan is not None:
        offered = sa.or_(offered, sa.and_(CooperationArea.plan_id == plan.id, CooperationArea.archived_at.is_(None)))
    areas = db.session.scalars(
        sa.select(CooperationArea)
        .join(CooperationArea.pillar)
        .where(offered)
        .options(joinedload(CooperationArea.pillar))
        .order_by(Pillar.position, Pillar.id, CooperationArea.position, CooperationArea.code)
    ).all()
    groups: list[AreaGroup] = []
    for area in areas:
        if not groups or groups[-1].pillar.id != area.pillar_id:
            groups.append(AreaGroup(area.pillar, []))
        groups[-1].areas.append(area)
    return groups


def _check_number(meeting: Meeting | None, partnership: Partnership, type: MeetingType, number: int | None) -> None:
    if not type.is_committee:
        if number is not None:
            raise DomainError("number", "Only JCC, JSCC and DPC meetings have a number – leave the number blank")
        return
    if number is None:
        raise DomainError("number", f"Enter the number of the {abbreviation(type)}")
    if number < 1:
        raise DomainError("number", "Number must be 1 or more")
    taken = sa.select(Meeting.id).where(
        Meeting.partnership_id == partnership.id, Meeting.type == type, Meeting.number == number
    )
    if meeting is not None and meeting.id is not None:
        taken = taken.where(Meeting.id != meeting.id)
    if db.session.scalar(taken.limit(1)):
        raise DomainError("number", f"There is already a {committee_name(partnership, type, number)}")


def _apply(
    meeting: Meeting,
    partnership: Partnership,
    *,
    type,
    held_on: date | None,
    number: int | None,
    title: str | None,
    starts_at: time | None,
    ends_on: date | None,
    venue: str | None,
    format,
    summary: str | None,
    asks: str | None,
    commitments: str | None,
    outcome_document,
    outcome_reference: str | None,
    areas: Iterable[CooperationArea],
    is_restricted: bool | None,
    flush: bool = True,
) -> Meeting:
    type = MeetingType(type)
    areas = list(dict.fromkeys(areas))
    check_dates(type, held_on, ends_on)
    _check_number(meeting, partnership, type, number)
    check_new_date(meeting, held_on, areas)
    check_areas(partnership, held_on, areas)
    date_changed = meeting.held_on != held_on
    meeting.partnership = partnership
    meeting.type = type
    meeting.number = number
    meeting.title = title
    meeting.held_on = held_on
    meeting.starts_at = starts_at
    meeting.ends_on = ends_on
    meeting.venue = venue
    meeting.format = MeetingFormat(format)
    meeting.summary = summary
    meeting.asks = asks
    meeting.commitments = commitments
    meeting.outcome_document = OutcomeDocument(outcome_document)
    meeting.outcome_reference = outcome_reference
    meeting.areas = areas
    if is_restricted is not None:
        meeting.is_restricted = bool(is_restricted)
    db.session.add(meeting)
    if date_changed:
        # A participant is recorded with the post held on the meeting date, so a new date means a new look-up.
        for participant in meeting.participants:
            if participant.person is not None:
                participant.position = _position_on(participant.person, held_on)
    if flush:
        db.session.flush()
    return meeting


def log_meeting(
    partnership: Partnership,
    *,
    type,
    held_on: date | None,
    number: int | None = None,
    title: str | None = None,
    starts_at: time | None = None,
    ends_on: date | None = None,
    venue: str | None = None,
    format="in_person",
    summary: str | None = None,
    asks: str | None = None,
    commitments: str | None = None,
    outcome_document="none",
    outcome_reference: str | None = None,
    areas: Iterable[CooperationArea] = (),
    is_restricted: bool = False,
    flush: bool = True,
) -> Meeting:
    """Record a meeting of ``partnership``; flushes (unless the caller will, for a whole form), never commits.

    Committee meetings (JCC, JSCC, DPC) need a number not used before for the partnership; their date may be
    unknown. Areas discussed must belong to the plan covering the meeting date. ``is_restricted`` keeps the
    summary, asks and commitments to editors and admins, and out of reports unless included.
    """
    return _apply(
        Meeting(), partnership, type=type, held_on=held_on, number=number, title=title, starts_at=starts_at,
        ends_on=ends_on, venue=venue, format=format, summary=summary, asks=asks, commitments=commitments,
        outcome_document=outcome_document, outcome_reference=outcome_reference, areas=areas,
        is_restricted=is_restricted, flush=flush,
    )


def update_meeting(
    meeting: Meeting,
    *,
    partnership: Partnership | None = None,
    type,
    held_on: date | None,
    number: int | None = None,
    title: str | None = None,
    starts_at: time | None = None,
    ends_on: date | None = None,
    venue: str | None = None,
    format="in_person",
    summary: str | None = None,
    asks: str | None = None,
    commitments: str | None = None,
    outcome_document="none",
    outcome_reference: str | None = None,
    areas: Iterable[CooperationArea] = (),
    is_restricted: bool | None = None,
) -> Meeting:
    """Change a meeting with the same rules as ``log_meeting``; a new date re-reads participants' posts.

    ``is_restricted`` None leaves the restriction as it is: a caller that does not know about it never lifts it.
    """
    partnership = partnership or meeting.partnership
    if partnership.id != meeting.partnership_id:
        follow_ups = db.session.scalar(
            sa.select(sa.func.count(FollowUpAction.id)).where(FollowUpAction.meeting_id == meeting.id)
        )
        if follow_ups:
            raise DomainError(
                "partnership_id",
                f"This meeting has {follow_ups} follow-up{'s' if follow_ups != 1 else ''} for "
                f"{meeting.partnership.name} – it cannot move to another partnership",
            )
    return _apply(
        meeting, partnership, type=type, held_on=held_on, number=number, title=title, starts_at=starts_at,
        ends_on=ends_on, venue=venue, format=format, summary=summary, asks=asks, commitments=commitments,
        outcome_document=outcome_document, outcome_reference=outcome_reference, areas=areas,
        is_restricted=is_restricted,
    )


def _position_on(person: Person, day: date | None):
    # With no date there is no telling which post the person held, so none is recorded.
    return person.position_on(day) if day else None


def add_participant(
    meeting: Meeting,
    *,
    side,
    role,
    person: Person | None = None,
    organisation: Organisation | None = None,
    flush: bool = True,
) -> MeetingParticipant:
    """Add a person (with the post they held on the meeting date) or a whole delegation; flushes (unless the
    caller will, for a whole form)."""
    if person is None and organisation is None:
        raise DomainError("person_id", "Select the person who attended, or the delegation")
    if person is not None and organisation is not None:
        raise DomainError("person_id", "Select a person or a delegation, not both")
    for existing in meeting.participants:
        if person is not None and existing.person_id == person.id:
            raise DomainError("person_id", f"{person.display_name} is already listed for this meeting")
        if organisation is not None and existing.person_id is None and existing.organisation_id == organisation.id:
            raise DomainError(
                "organisation_id", f"The {organisation.short_name} delegation is already listed for this meeting"
            )
    participant = MeetingParticipant(
        meeting=meeting,
        side=Side(side),
        role=ParticipantRole(role),
        person=person,
        organisation=organisation,
        position=_position_on(person, meeting.held_on) if person else None,
    )
    db.session.add(participant)
    if flush:
        db.session.flush()
    return participant


class PartnershipOption(NamedTuple):
    id: int
    slug: str
    name: str


def partnership_options(keep: Partnership | None = None) -> list[PartnershipOption]:
    """Partnerships in use, by name; ``keep`` stays offered even when archived (editing an old record). Every list
    filter and form offers them, so they are kept until the data changes."""
    options = while_unchanged("partnership options", _partnerships_in_use)
    if keep is not None and all(option.id != keep.id for option in options):
        options = sorted([*options, PartnershipOption(keep.id, keep.slug, keep.name)], key=_by_name)
    return options


def _partnerships_in_use() -> list[PartnershipOption]:
    ours, partner = aliased(Organisation), aliased(Organisation)
    rows = db.session.execute(
        sa.select(Partnership.id, Partnership.slug, ours.short_name, partner.short_name.label("partner_short_name"))
        .join(ours, Partnership.organisation_id == ours.id).join(partner, Partnership.partner_id == partner.id)
        .where(Partnership.archived_at.is_(None))
    )
    return sorted((PartnershipOption(row.id, row.slug, partnership_name(row.short_name, row.partner_short_name))
                   for row in rows), key=_by_name)


def _by_name(option: PartnershipOption) -> str:
    return option.name.lower()


def chosen_partnership(chosen_id: int | None, keep: Partnership | None = None) -> Partnership | None:
    """The partnership chosen on a form, if the form may offer it: in use, or ``keep``."""
    if chosen_id is None:
        return None
    # With both sides: the saved record's name, in its audit entry, is made of theirs.
    partnership = db.session.get(Partnership, chosen_id, options=[
        joinedload(Partnership.organisation, innerjoin=True), joinedload(Partnership.partner, innerjoin=True)])
    if partnership is None or (partnership.archived_at is not None and partnership is not keep):
        return None
    return partnership


#: A post as the meeting form needs it: (starts on, ends on, title); None where a date is not known.
Post = tuple[date | None, date | None, str]


def post_held_on(posts: Iterable[Post], day: date) -> str | None:
    """The title of the post held on ``day``; the most recently started one if posts overlap."""
    held = [post for post in posts if (post[0] is None or post[0] <= day) and (post[1] is None or day <= post[1])]
    return max(held, key=lambda post: post[0] or date.min)[2] if held else None


@dataclass(frozen=True)
class PersonOption:
    """A person as a select offers them: the label names the post held today, so two people of the same name can
    be told apart; ``posts`` lets the meeting form name the post held on the meeting's date."""

    id: int
    label: str
    posts: list[Post]


def person_options(keep_id: int | None = None) -> list[PersonOption]:
    """People in use, by name; ``keep_id`` stays offered even when archived (editing an old record). Read as plain
    columns: a ministry's 1,600 people as ORM objects with their posts cost a form 100 ms."""
    offered = Person.archived_at.is_(None)
    if keep_id is not None:
        offered = sa.or_(offered, Person.id == keep_id)
    posts: dict[int, list[Post]] = {}
    for person_id, starts_on, ends_on, title in db.session.execute(
        sa.select(Position.person_id, Position.starts_on, Position.ends_on, Position.title)
        .join(Person, Person.id == Position.person_id).where(offered)
    ):
        posts.setdefault(person_id, []).append((starts_on, ends_on, title))
    today = date.today()
    options = []
    for person_id, honorific, full_name in db.session.execute(
        sa.select(Person.id, Person.honorific, Person.full_name).where(offered).order_by(Person.full_name, Person.id)
    ):
        name = person_name(honorific, full_name)
        post = post_held_on(posts.get(person_id, ()), today)
        options.append(PersonOption(person_id, f"{name} – {post}" if post else name, posts.get(person_id, [])))
    return options


def people_offered(ids: Iterable[int]) -> dict[int, Person]:
    """The people chosen on a form that may be chosen (recorded, not archived), with their posts, by id."""
    wanted = set(ids)
    if not wanted:
        return {}
    # Joined, not a second query: a form names a handful of people with a few posts each.
    return {person.id: person for person in db.session.scalars(
        sa.select(Person).where(Person.id.in_(wanted), Person.archived_at.is_(None))
        .options(joinedload(Person.positions))).unique()}


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
    return f"{participant.organisation.short_name} delegation"


def remove_participant(participant: MeetingParticipant) -> None:
    """Take a wrongly added participant off a meeting; the person and their posts stay as they are."""
    meeting = participant.meeting
    if participant in meeting.participants:
        meeting.participants.remove(participant)
    db.session.delete(participant)
    db.session.flush()


@dataclass
class NewPerson:
    """Someone met for the first time, typed on the meeting form with the post they held that day."""

    full_name: str
    post_title: str
    organisation: Organisation
    honorific: str | None = None


@dataclass
class ParticipantEntry:
    side: str
    role: str
    person: Person | None = None
    new_person: NewPerson | None = None
    #: Where the row stands on the form (from 0), when blank rows were left out; else its place in the list.
    row: int | None = None


@dataclass
class FollowUpEntry:
    title: str
    owner_user: User | None = None
    partner_office: str | None = None
    due_on: date | None = None
    area: CooperationArea | None = None
    row: int | None = None
    is_restricted: bool = False


#: Where a refusal from another service belongs on a participant row.
_PARTICIPANT_FIELDS = {"full_name": "full_name", "honorific": "honorific", "title": "post_title",
                       "organisation_id": "organisation_id"}
_FOLLOW_UP_FIELDS = {"title": "title", "due_on": "due_on", "area_id": "area_id", "owner_user_id": "owner_user_id",
                     "partner_person_id": "partner_owner", "partner_office": "partner_owner"}


def _on_row(error: DomainError, list_name: str, entry, index: int, fields: dict[str, str], default: str,
            noun: str) -> DomainError:
    row = entry.row if entry.row is not None else index
    field = fields.get(error.field or "", default)
    return DomainError(f"{list_name}-{row}-{field}", f"{noun} {row + 1}: {error.message}")


def log_meeting_in_full(
    partnership: Partnership,
    *,
    participants: Sequence[ParticipantEntry] = (),
    follow_ups: Sequence[FollowUpEntry] = (),
    **meeting,
) -> Meeting:
    """Log a meeting with its participants (adding people met for the first time, with their post from the
    meeting date) and the follow-ups agreed there; flushes, never commits, so one refusal anywhere leaves
    nothing behind once the caller rolls back.

    ``meeting`` takes the keyword arguments of ``log_meeting``. A refusal about a row names the row's field as
    ``participants-<row>-<field>`` or ``followups-<row>-<field>``.
    """
    # One flush for the whole form at the end (a ministry's save took a third less time than with one per row);
    # every refusal is raised before it, by the services' own checks.
    with db.session.no_autoflush:
        record = _log_rows(partnership, participants, follow_ups, meeting)
    db.session.flush()
    return record


def _log_rows(partnership: Partnership, participants: Sequence[ParticipantEntry],
              follow_ups: Sequence[FollowUpEntry], meeting: dict) -> Meeting:
    record = log_meeting(partnership, **meeting, flush=False)
    for index, entry in enumerate(participants):
        try:
            person = entry.person
            if person is None and entry.new_person is not None:
                new = entry.new_person
                person = create_person(honorific=new.honorific, full_name=new.full_name)
                add_position(person, organisation=new.organisation, title=new.post_title,
                             starts_on=record.held_on, ends_on=None)
            add_participant(record, side=entry.side, role=entry.role, person=person, flush=False)
        except DomainError as error:
            raise _on_row(
                error, "participants", entry, index, _PARTICIPANT_FIELDS, "person_id", "Participant"
            ) from error
    for index, entry in enumerate(follow_ups):
        try:
            create_follow_up(partnership, title=entry.title, meeting=record, area=entry.area,
                             owner_user=entry.owner_user, partner_office=entry.partner_office, due_on=entry.due_on,
                             is_restricted=entry.is_restricted, flush=False)
        except DomainError as error:
            raise _on_row(error, "followups", entry, index, _FOLLOW_UP_FIELDS, "title", "Follow-up") from error
    return record
