"""What a cooperation area, an action line and a status update of either say, passed as one value from the form
(or the demo files) to the rules that save them."""

from dataclasses import dataclass
from datetime import date

from app.models import ActionLine, CooperationArea, Pillar


@dataclass(frozen=True)
class AreaDetails:
    """A cooperation area's own details, under one of its plan's pillars. No ``position`` puts a new area last
    and keeps an existing one in its place."""

    pillar: Pillar | None
    code: str
    name: str
    focal_point: str | None = None
    description: str | None = None
    position: int | None = None
    #: The area of the superseded plan a rollover carries this one from.
    carried_from: CooperationArea | None = None


@dataclass(frozen=True)
class ActionLineDetails:
    """An action line's numbered text. No ``position`` puts a new line last and keeps an existing one in its place."""

    code: str
    text: str
    position: int | None = None
    #: The action line of the superseded plan a rollover carries this one from.
    carried_from: ActionLine | None = None


@dataclass(frozen=True)
class StatusDetails:
    """What a status update says of an area or an action line (which one, and the update it corrects if any, are
    given beside it). ``status`` is a value of the subject's own vocabulary; None is refused with a message beside
    the status, as a form with nothing chosen is. ``is_restricted`` keeps the note to editors and admins."""

    status: str | None
    note: str
    as_of: date
    progress: int | None = None
    is_restricted: bool = False
