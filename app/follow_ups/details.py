"""What a follow-up says, passed as one value from the form (or a meeting's rows, or the demo files) to the rules
that save it."""

from dataclasses import dataclass
from datetime import date

from app.models import CooperationArea, Meeting, Person, User


@dataclass(frozen=True)
class FollowUpDetails:
    """What is to be done, by whom, by when: everything but its partnership and its status.

    ``is_restricted`` None leaves a follow-up's restriction as it is: a caller that does not know about it never
    lifts it (a new follow-up is then not restricted).
    """

    title: str
    description: str | None = None
    meeting: Meeting | None = None
    area: CooperationArea | None = None
    owner_user: User | None = None
    partner_person: Person | None = None
    partner_office: str | None = None
    due_on: date | None = None
    is_restricted: bool | None = None
