"""What a person's record and their posts say, passed as one value from the form (or the demo files, or a meeting's
new participant) to the rules that save them."""

from dataclasses import dataclass
from datetime import date

from app.models import Organisation


@dataclass(frozen=True)
class PersonDetails:
    """Someone the desk meets, as typed: stray spaces are trimmed and an email kept in lower case when saved."""

    full_name: str
    honorific: str | None = None
    email: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class PositionDetails:
    """A post someone holds: where, under what title, and from and until when (either date may not be known).

    ``organisation`` None is refused with a message beside the organisation, as a blank select is."""

    organisation: Organisation | None
    title: str
    starts_on: date | None = None
    ends_on: date | None = None
