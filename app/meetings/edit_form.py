"""The form that changes a meeting already logged: the logging form, its participant and follow-up rows filled from
the meeting, each carrying the record it shows so that saving applies the differences."""

from wtforms import FieldList, FormField, HiddenField

from app.meetings.forms import MAX_FOLLOW_UPS, MAX_PARTICIPANTS, LogMeetingForm
from app.meetings.row_forms import FollowUpRow, ParticipantRow
from app.models import FollowUpAction, Meeting


class SavedParticipantRow(ParticipantRow):
    # A row of a meeting as saved starts with no guesses: a role or an officer left in it is something to keep.
    content_fields = ("role", *ParticipantRow.content_fields)
    #: The participant the row was filled from; blank in a row added on the form.
    participant_id = HiddenField()


class SavedFollowUpRow(FollowUpRow):
    content_fields = ("owner_user_id", *FollowUpRow.content_fields)
    #: The follow-up the row was filled from, and the version it was read at; blank in a row added on the form.
    follow_up_id = HiddenField()
    follow_up_version = HiddenField()


class ChangeMeetingForm(LogMeetingForm):
    """Everything the logging form holds. A row taken off removes its participant, or archives its follow-up."""

    participants: "FieldList[FormField[SavedParticipantRow]]" = FieldList(  # type: ignore[assignment]
        FormField(SavedParticipantRow), min_entries=1, max_entries=MAX_PARTICIPANTS)
    followups: "FieldList[FormField[SavedFollowUpRow]]" = FieldList(  # type: ignore[assignment]
        FormField(SavedFollowUpRow), min_entries=1, max_entries=MAX_FOLLOW_UPS)


def posted_id(field: HiddenField) -> int | None:
    """The record id a hidden field carries; None for a row added on the form (or an id that is not one)."""
    value = (field.data or "").strip()
    return int(value) if value.isdecimal() and len(value) <= 10 else None


def saved_rows(meeting: Meeting, follow_ups: list[FollowUpAction]) -> dict[str, list[dict[str, object]]]:
    """The rows of the form as the meeting stands: its people (a delegation attending as a whole is changed on the
    meeting page, as a row names a person) and its follow-ups in use."""
    return {
        "participants": [
            {"participant_id": str(p.id), "side": p.side.value, "role": p.role.value, "person_id": p.person_id}
            for p in meeting.participants if p.person_id is not None
        ],
        "followups": [
            {"follow_up_id": str(f.id), "follow_up_version": str(f.version), "title": f.title,
             "owner_user_id": f.owner_user_id, "due_on": f.due_on, "area_id": f.area_id,
             "is_restricted": f.is_restricted,
             # A partner-side person is shown by name; left as it is, the person stays the owner.
             "partner_owner": f.partner_office or (f.partner_person.display_name if f.partner_person else None)}
            for f in follow_ups
        ],
    }


class MeetingAsSaved:
    """What the form reads of a meeting: its own details by name, and for the two lists the ``rows`` given (the
    meeting's ``participants`` are records, not rows; WTForms prefers an object's attribute to any keyword)."""

    def __init__(self, meeting: Meeting, rows: dict[str, list[dict[str, object]]]) -> None:
        self._meeting = meeting
        self._rows = rows

    def __getattr__(self, name: str) -> object:
        if name in self._rows:
            return self._rows[name]
        return getattr(self._meeting, name)
