"""What a cooperation area and an action line say, passed as one value from the form (or the demo files) to the
rules that save them."""

from dataclasses import dataclass

from app.models import Pillar


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


@dataclass(frozen=True)
class ActionLineDetails:
    """An action line's numbered text. No ``position`` puts a new line last and keeps an existing one in its place."""

    code: str
    text: str
    position: int | None = None
