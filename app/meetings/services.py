"""Meetings of a partnership: the rules for logging and changing them, their participants and areas discussed.

What the meeting pages and forms read lives in ``pages``, ``choices`` and ``numbering``."""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext, ngettext

from app.common.errors import DomainError
from app.extensions import db
from app.follow_ups.details import FollowUpDetails
from app.follow_ups.services import create_follow_up
from app.meetings.date_rules import check_areas, check_dates, check_new_date
from app.meetings.details import MeetingDetails
from app.meetings.naming import name_meeting, rename_for_participants
from app.meetings.numbering import abbreviation, numbered
from app.meetings.revisions import record_text_revisions, texts_of
from app.models import (
    Activity,
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
    Position,
    Side,
    User,
)
from app.people.details import PersonDetails, PositionDetails
from app.people.services import add_position, create_person


def _check_number(meeting: Meeting | None, partnership: Partnership, type: MeetingType, number: int | None) -> None:
    if not type.is_committee:
        if number is not None:
            raise DomainError("number", gettext(
                "Only JCC, JSCC and DPC meetings have a number – leave the number blank"))
        return
    if number is None:
        raise DomainError("number", gettext("Enter the number of the %(committee)s", committee=abbreviation(type)))
    if number < 1:
        raise DomainError("number", gettext("Number must be 1 or more"))
    taken = sa.select(Meeting.id).where(
        Meeting.partnership_id == partnership.id, Meeting.type == type, Meeting.number == number
    )
    if meeting is not None and meeting.id is not None:
        taken = taken.where(Meeting.id != meeting.id)
    if db.session.scalar(taken.limit(1)):
        raise DomainError("number", gettext("There is already a %(meeting)s for %(partnership)s",
                                            meeting=numbered(number, type), partnership=partnership.name))


def _apply(meeting: Meeting, partnership: Partnership, details: MeetingDetails, *, flush: bool = True) -> Meeting:
    type = MeetingType(details.type)
    held_on = details.held_on
    areas = list(dict.fromkeys(details.areas))
    check_dates(type, held_on, details.ends_on)
    _check_number(meeting, partnership, type, details.number)
    check_new_date(meeting, held_on, areas)
    check_areas(partnership, held_on, areas)
    date_changed = meeting.held_on != held_on
    texts_before = texts_of(meeting)
    _untick_areas_first(meeting, partnership, held_on, areas)
    meeting.partnership = partnership
    meeting.type = type
    meeting.number = details.number
    meeting.title = details.title
    meeting.held_on = held_on
    meeting.starts_at = details.starts_at
    meeting.ends_on = details.ends_on
    meeting.venue = details.venue
    meeting.format = MeetingFormat(details.format)
    meeting.summary = details.summary
    meeting.asks = details.asks
    meeting.commitments = details.commitments
    meeting.agenda = details.agenda
    meeting.outcome_document = OutcomeDocument(details.outcome_document)
    meeting.outcome_reference = details.outcome_reference
    meeting.areas = areas
    if details.is_restricted is not None:
        meeting.is_restricted = bool(details.is_restricted)
    db.session.add(meeting)
    record_text_revisions(meeting, texts_before)
    if date_changed:
        # A participant is recorded with the post held on the meeting date, so a new date means a new look-up.
        for participant in meeting.participants:
            if participant.person is not None:
                participant.position = _position_on(participant.person, held_on)
    name_meeting(meeting)
    if flush:
        db.session.flush()
    return meeting


def _untick_areas_first(meeting: Meeting, partnership: Partnership, held_on: date | None,
                        areas: list[CooperationArea]) -> None:
    """Drop the areas a recorded meeting no longer discusses, on their own, when one of them does not fit its new
    date or partnership.

    The database checks a meeting's new date and partnership against the areas it discusses as the meeting's row
    changes, and the ORM writes that row before the list of areas: such an area would still be there to refuse the
    change. Only then is it a flush of its own (and an entry of its own in the meeting's history): every other save
    stays one flush. Areas kept were checked by the rules above; areas added are checked as they go in.
    """
    if meeting.id is None:
        return
    unticked = [area for area in meeting.areas if area not in areas]
    if any(area.plan.partnership_id != partnership.id or (held_on and not area.plan.covers(held_on))
           for area in unticked):
        meeting.areas = [area for area in meeting.areas if area in areas]
        db.session.flush()


def log_meeting(partnership: Partnership, details: MeetingDetails, *, flush: bool = True) -> Meeting:
    """Record a meeting of ``partnership``; flushes (unless the caller will, for a whole form), never commits.

    Committee meetings (JCC, JSCC, DPC) need a number not used before for the partnership; their date may be
    unknown. Areas discussed must belong to the plan covering the meeting date. ``details.is_restricted`` keeps
    the summary, asks and commitments to editors and admins, and out of reports unless included.
    """
    return _apply(Meeting(), partnership, replace(details, is_restricted=bool(details.is_restricted)), flush=flush)


def update_meeting(meeting: Meeting, details: MeetingDetails, *, partnership: Partnership | None = None) -> Meeting:
    """Change a meeting with the same rules as ``log_meeting``; a new date re-reads participants' posts.

    ``details.is_restricted`` None leaves the restriction as it is: a caller that does not know about it never
    lifts it.
    """
    partnership = partnership or meeting.partnership
    if partnership.id != meeting.partnership_id:
        for model in (FollowUpAction, Activity):
            count = db.session.scalar(sa.select(sa.func.count(model.id)).where(model.meeting_id == meeting.id))
            if count:
                raise DomainError("partnership_id", (ngettext(
                    "This meeting has %(num)s follow-up for %(partnership)s – it cannot move to another partnership",
                    "This meeting has %(num)s follow-ups for %(partnership)s – it cannot move to another partnership",
                    count, partnership=meeting.partnership.name) if model is FollowUpAction else ngettext(
                    "This meeting has %(num)s activity agreed for %(partnership)s – it cannot move to another "
                    "partnership",
                    "This meeting has %(num)s activities agreed for %(partnership)s – it cannot move to another "
                    "partnership", count, partnership=meeting.partnership.name)))
    return _apply(meeting, partnership, details)


def _position_on(person: Person, day: date | None) -> Position | None:
    # With no date there is no telling which post the person held, so none is recorded.
    return person.position_on(day) if day else None


def add_participant(
    meeting: Meeting,
    *,
    side: Side | str,
    role: ParticipantRole | str,
    person: Person | None = None,
    organisation: Organisation | None = None,
    flush: bool = True,
) -> MeetingParticipant:
    """Add a person (with the post they held on the meeting date) or a whole delegation; flushes (unless the
    caller will, for a whole form)."""
    if person is None and organisation is None:
        raise DomainError("person_id", gettext("Select the person who attended, or the delegation"))
    if person is not None and organisation is not None:
        raise DomainError("person_id", gettext("Select a person or a delegation, not both"))
    for existing in meeting.participants:
        if person is not None and existing.person_id == person.id:
            raise DomainError("person_id", gettext("%(name)s is already listed for this meeting",
                                                   name=person.display_name))
        if organisation is not None and existing.person_id is None and existing.organisation_id == organisation.id:
            raise DomainError(
                "organisation_id", gettext("The %(organisation)s delegation is already listed for this meeting",
                                           organisation=organisation.short_name)
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
    rename_for_participants(meeting)
    if flush:
        db.session.flush()
    return participant


def remove_participant(participant: MeetingParticipant) -> None:
    """Take a wrongly added participant off a meeting; the person and their posts stay as they are."""
    meeting = participant.meeting
    if participant in meeting.participants:
        meeting.participants.remove(participant)
    db.session.delete(participant)
    rename_for_participants(meeting)
    db.session.flush()


@dataclass
class NewPerson:
    """Someone met for the first time, typed on the meeting form with the post they held that day."""

    full_name: str
    post_title: str
    organisation: Organisation | None
    honorific: str | None = None


@dataclass
class ParticipantEntry:
    side: str
    role: str
    person: Person | None = None
    new_person: NewPerson | None = None
    #: Where the row stands on the form (from 0), when blank rows were left out; else its place in the list.
    row: int | None = None
    #: The participant the row shows, on the form that changes a meeting; None for one to add.
    saved: MeetingParticipant | None = None


@dataclass
class FollowUpEntry:
    title: str
    owner_user: User | None = None
    partner_office: str | None = None
    due_on: date | None = None
    area: CooperationArea | None = None
    row: int | None = None
    is_restricted: bool = False
    #: The follow-up the row shows and the version the form read, on the form that changes a meeting.
    saved: FollowUpAction | None = None
    saved_version: int | None = None


#: Where a refusal from another service belongs on a participant row.
_PARTICIPANT_FIELDS = {"full_name": "full_name", "honorific": "honorific", "title": "post_title",
                       "organisation_id": "organisation_id"}
_FOLLOW_UP_FIELDS = {"title": "title", "due_on": "due_on", "area_id": "area_id", "owner_user_id": "owner_user_id",
                     "partner_person_id": "partner_owner", "partner_office": "partner_owner"}


def _on_row(error: DomainError, list_name: str, entry: ParticipantEntry | FollowUpEntry, index: int,
            fields: dict[str, str], default: str, noun: str) -> DomainError:
    row = entry.row if entry.row is not None else index
    field = fields.get(error.field or "", default)
    message = (gettext("Participant %(number)s: %(message)s", number=row + 1, message=error.message)
               if noun == "Participant" else
               gettext("Follow-up %(number)s: %(message)s", number=row + 1, message=error.message))
    return DomainError(f"{list_name}-{row}-{field}", message)


def log_meeting_in_full(
    partnership: Partnership,
    details: MeetingDetails,
    *,
    participants: Sequence[ParticipantEntry] = (),
    follow_ups: Sequence[FollowUpEntry] = (),
) -> Meeting:
    """Log a meeting with its participants (adding people met for the first time, with their post from the
    meeting date) and the follow-ups agreed there; flushes, never commits, so one refusal anywhere leaves
    nothing behind once the caller rolls back.

    A refusal about a row names the row's field as ``participants-<row>-<field>`` or
    ``followups-<row>-<field>``.
    """
    # One flush for the whole form at the end (a ministry's save took a third less time than with one per row);
    # every refusal is raised before it, by the services' own checks.
    with db.session.no_autoflush:
        record = _log_rows(partnership, details, participants, follow_ups)
    db.session.flush()
    return record


def _log_rows(partnership: Partnership, details: MeetingDetails, participants: Sequence[ParticipantEntry],
              follow_ups: Sequence[FollowUpEntry]) -> Meeting:
    record = log_meeting(partnership, details, flush=False)
    for index, entry in enumerate(participants):
        try:
            add_participant(record, side=entry.side, role=entry.role, person=person_of(entry, record.held_on),
                            flush=False)
        except DomainError as error:
            raise participant_refusal(error, entry, index) from error
    for index, row in enumerate(follow_ups):
        try:
            create_follow_up(partnership, FollowUpDetails(
                title=row.title, meeting=record, area=row.area, owner_user=row.owner_user,
                partner_office=row.partner_office, due_on=row.due_on, is_restricted=row.is_restricted,
            ), flush=False)
        except DomainError as error:
            raise follow_up_refusal(error, row, index) from error
    return record


def person_of(entry: ParticipantEntry, held_on: date | None) -> Person | None:
    """The person a participant row names: someone recorded, or someone new, recorded here with the post they held
    on ``held_on``."""
    if entry.person is not None or entry.new_person is None:
        return entry.person
    new = entry.new_person
    person = create_person(PersonDetails(full_name=new.full_name, honorific=new.honorific))
    add_position(person, PositionDetails(organisation=new.organisation, title=new.post_title, starts_on=held_on))
    return person


def participant_refusal(error: DomainError, entry: ParticipantEntry, index: int) -> DomainError:
    return _on_row(error, "participants", entry, index, _PARTICIPANT_FIELDS, "person_id", "Participant")


def follow_up_refusal(error: DomainError, entry: FollowUpEntry, index: int) -> DomainError:
    return _on_row(error, "followups", entry, index, _FOLLOW_UP_FIELDS, "title", "Follow-up")
