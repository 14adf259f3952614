"""What a partnership says, passed as one value from the form (or the demo files) to the rules that save it."""

from dataclasses import dataclass

from app.models import Organisation, User


@dataclass(frozen=True)
class PartnershipDetails:
    """The two sides of a partnership, its address and who looks after it; an empty ``slug`` is made from the sides'
    short names."""

    organisation: Organisation | None
    partner: Organisation | None
    slug: str | None
    notes: str | None = None
    desk_officer: User | None = None
