"""Changing a meeting already logged with the one form that logs it: its details, and the differences in who
attended and what was agreed.

A participant taken off the form is removed as the meeting page removes one (``remove_participant``: the audit log
keeps who was listed). A follow-up taken off the form is archived, never deleted nor cancelled: it may already have
a state history (done, or moved on), and the project's way to take a record out of use while keeping it, restorable
from its own page, is archiving. Cancelling would say the partner side or we dropped the action, which a row
removed from the record of a meeting does not say.
"""

from collections.abc import Sequence
from datetime import date

from app.common.errors import DomainError
from app.follow_ups.details import FollowUpDetails
from app.follow_ups.services import create_follow_up, update_follow_up
from app.meetings.details import MeetingDetails
from app.meetings.naming import rename_for_participants
from app.meetings.pages import follow_ups_of
from app.meetings.services import (
    FollowUpEntry,
    ParticipantEntry,
    add_participant,
    follow_up_refusal,
    participant_refusal,
    person_of,
    remove_participant,
    update_meeting,
)
from app.models import FollowUpAction, Meeting, ParticipantRole, Partnership, Side


def _keeps(entry: ParticipantEntry) -> bool:
    """The row still names the participant it was filled from (its side or role may have changed)."""
    return entry.saved is not None and entry.person is not None and entry.person.id == entry.saved.person_id


def change_meeting_in_full(
    meeting: Meeting,
    details: MeetingDetails,
    *,
    partnership: Partnership | None = None,
    participants: Sequence[ParticipantEntry] | None = None,
    follow_ups: Sequence[FollowUpEntry] | None = None,
) -> Meeting:
    """Change ``meeting`` to what the form says: its details (as ``update_meeting``), then its people and its
    follow-ups in use. Flushes, never commits: one refusal anywhere leaves nothing behind once the caller rolls back.

    ``participants`` or ``follow_ups`` None leaves them as they are (a caller that changes only the details). A
    delegation attending as a whole is not a row of the form, and stays as it is. A refusal about a row names the
    row's field as ``participants-<row>-<field>`` or ``followups-<row>-<field>``.
    """
    if follow_ups is None:
        update_meeting(meeting, details, partnership=partnership)
    else:
        _change_with_follow_ups(meeting, details, partnership, follow_ups)
    if participants is not None:
        _apply_participants(meeting, participants)
    return meeting


def _change_with_follow_ups(meeting: Meeting, details: MeetingDetails, partnership: Partnership | None,
                            follow_ups: Sequence[FollowUpEntry]) -> None:
    _check_follow_up_versions(follow_ups)
    # Due dates moved later go first, and those moved earlier after the meeting's own date: the database checks a
    # meeting's date against its follow-ups' due dates at every step.
    later: list[tuple[int, FollowUpEntry]] = []
    rest: list[tuple[int, FollowUpEntry]] = []
    for index, entry in enumerate(follow_ups):
        moves_later = entry.saved is not None and _later(entry.due_on, entry.saved.due_on)
        (later if moves_later else rest).append((index, entry))
    _apply_follow_ups(meeting, later)
    update_meeting(meeting, details, partnership=partnership)
    kept = {entry.saved.id for entry in follow_ups if entry.saved is not None}
    for action in follow_ups_of(meeting):
        if action.id not in kept:
            action.archive()
    _apply_follow_ups(meeting, rest)


def _later(new: date | None, old: date | None) -> bool:
    return new is not None and old is not None and new > old


def _check_follow_up_versions(follow_ups: Sequence[FollowUpEntry]) -> None:
    for index, entry in enumerate(follow_ups):
        if entry.saved is not None and entry.saved_version != entry.saved.version:
            raise follow_up_refusal(DomainError("title", (
                "someone else changed this follow-up since this form was opened – open the meeting again to see "
                "it as it is now")), entry, index)


def _apply_participants(meeting: Meeting, participants: Sequence[ParticipantEntry]) -> None:
    kept = {entry.saved.id for entry in participants if entry.saved is not None and _keeps(entry)}
    for participant in list(meeting.participants):
        if participant.person_id is not None and participant.id not in kept:
            remove_participant(participant)
    for index, entry in enumerate(participants):
        try:
            if entry.saved is not None and _keeps(entry):
                entry.saved.side, entry.saved.role = Side(entry.side), ParticipantRole(entry.role)
            else:
                add_participant(meeting, side=entry.side, role=entry.role, person=person_of(entry, meeting.held_on))
        except DomainError as error:
            raise participant_refusal(error, entry, index) from error
    # Who leads a side follows the roles: a new role may rename a call.
    rename_for_participants(meeting)


def _apply_follow_ups(meeting: Meeting, follow_ups: Sequence[tuple[int, FollowUpEntry]]) -> None:
    for index, entry in follow_ups:
        try:
            if entry.saved is None:
                create_follow_up(meeting.partnership, _details(meeting, entry, None))
            elif (details := _details(meeting, entry, entry.saved)) != _details_now(entry.saved):
                update_follow_up(entry.saved, details)
        except DomainError as error:
            raise follow_up_refusal(error, entry, index) from error


def _details(meeting: Meeting, entry: FollowUpEntry, saved: FollowUpAction | None) -> FollowUpDetails:
    partner_person = None
    partner_office = entry.partner_office or None
    if saved is not None and saved.partner_person is not None and partner_office == saved.partner_person.display_name:
        # The row shows a partner-side person by name: left so, the person stays the owner.
        partner_person, partner_office = saved.partner_person, None
    return FollowUpDetails(
        title=entry.title, description=saved.description if saved else None, meeting=meeting, area=entry.area,
        owner_user=entry.owner_user, partner_person=partner_person, partner_office=partner_office,
        due_on=entry.due_on, is_restricted=entry.is_restricted,
    )


def _details_now(action: FollowUpAction) -> FollowUpDetails:
    return FollowUpDetails(
        title=action.title, description=action.description, meeting=action.meeting, area=action.area,
        owner_user=action.owner_user, partner_person=action.partner_person, partner_office=action.partner_office,
        due_on=action.due_on, is_restricted=action.is_restricted,
    )
