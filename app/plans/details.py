"""What a plan says, passed as one value from the form (or the demo files) to the rules that save it."""

from dataclasses import dataclass
from datetime import date

from app.models import PlanKind, PlanState


@dataclass(frozen=True)
class PlanDetails:
    """A plan's own details: everything but its partnership, the plan it supersedes, its pillars and areas."""

    kind: PlanKind | str
    title: str
    label: str
    starts_on: date
    ends_on: date
    adopted_on: date | None = None
    state: PlanState | str = PlanState.DRAFT
