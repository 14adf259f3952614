"""What an activity says, passed as one value from the form (or the demo files) to the rules that save it."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.models import ActionLine, ActivityKind, FundingSource, Meeting, Organisation, Plan


@dataclass(frozen=True)
class ActivityDetails:
    """An activity's own details: everything but its partnership and its state, which changes through its history.

    ``is_restricted`` None leaves an activity's restriction as it is: a caller that does not know about it never
    lifts it (a new activity is then not restricted).
    """

    kind: ActivityKind | str | None
    title: str
    plan: Plan | None
    action_lines: tuple[ActionLine, ...]
    funding_source: FundingSource | str | None = FundingSource.NOT_KNOWN
    planned_starts_on: date | None = None
    planned_ends_on: date | None = None
    actual_starts_on: date | None = None
    actual_ends_on: date | None = None
    funded_by: str | None = None
    amount: Decimal | None = None
    currency: str | None = None
    implementing_organisation: Organisation | None = None
    co_implementers: tuple[Organisation, ...] = ()
    participants: int | None = None
    meeting: Meeting | None = None
    notes: str | None = None
    is_restricted: bool | None = None
