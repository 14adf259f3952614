"""What a meeting record says, passed as one value from the form (or the demo files) to the rules that save it."""

from dataclasses import dataclass
from datetime import date, time

from app.models import CooperationArea, MeetingFormat, MeetingType, OutcomeDocument


@dataclass(frozen=True)
class MeetingDetails:
    """A meeting's own details: everything but its partnership, participants and follow-ups.

    ``is_restricted`` None leaves a meeting's restriction as it is: a caller that does not know about it never
    lifts it (a new meeting is then not restricted).
    """

    type: MeetingType | str
    held_on: date | None
    number: int | None = None
    title: str | None = None
    starts_at: time | None = None
    ends_on: date | None = None
    venue: str | None = None
    format: MeetingFormat | str = MeetingFormat.IN_PERSON
    summary: str | None = None
    asks: str | None = None
    commitments: str | None = None
    agenda: str | None = None
    outcome_document: OutcomeDocument | str = OutcomeDocument.NONE
    outcome_reference: str | None = None
    areas: tuple[CooperationArea, ...] = ()
    is_restricted: bool | None = None
