"""What a person's record says, passed as one value from the form (or the demo files) to the rules that save it."""

from dataclasses import dataclass


@dataclass(frozen=True)
class PersonDetails:
    """Someone the desk meets, as typed: stray spaces are trimmed and an email kept in lower case when saved."""

    full_name: str
    honorific: str | None = None
    email: str | None = None
    notes: str | None = None
