"""Coverage, as ASEAN reports it: (addressed + being addressed) / all action lines.

"N out of M (P%) action lines are being addressed or have been addressed", with "addressed only" beside it.
An action line with no status update yet counts as not yet addressed; discontinued lines stay in the count.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from app.areas.services import current_statuses
from app.common.numbers import percent
from app.extensions import db
from app.models import ActionLine, ActionLineStatus, CooperationArea


@dataclass(frozen=True)
class Coverage:
    total: int = 0
    addressed: int = 0
    being_addressed: int = 0

    @property
    def covered(self) -> int:
        return self.addressed + self.being_addressed

    @property
    def percent(self) -> int:
        return percent(self.covered, self.total)

    @property
    def addressed_percent(self) -> int:
        return percent(self.addressed, self.total)

    @property
    def text(self) -> str:
        return f"{self.covered} of {self.total} ({self.percent}%)"

    @property
    def addressed_text(self) -> str:
        return f"{self.addressed} of {self.total} ({self.addressed_percent}%)"

    def __add__(self, other: "Coverage") -> "Coverage":
        return Coverage(
            self.total + other.total, self.addressed + other.addressed, self.being_addressed + other.being_addressed
        )

    @classmethod
    def of(cls, statuses: Iterable[str | None]) -> "Coverage":
        statuses = list(statuses)
        return cls(
            total=len(statuses),
            addressed=sum(s == ActionLineStatus.ADDRESSED for s in statuses),
            being_addressed=sum(s == ActionLineStatus.BEING_ADDRESSED for s in statuses),
        )

    def as_dict(self) -> dict:
        return {"total": self.total, "addressed": self.addressed, "being_addressed": self.being_addressed}


@dataclass
class PlanCoverage:
    plan: Coverage
    pillars: dict[int, Coverage]
    areas: dict[int, Coverage]
    #: Each action line's status value on the date asked for (None: no update yet).
    lines: dict[int, str | None]


def plan_coverage(plan_id: int, as_of: date | None = None) -> PlanCoverage:
    """Coverage of a plan's live action lines, per area, per pillar and in total, on a date (default: now)."""
    rows = db.session.execute(
        sa.select(ActionLine.id, CooperationArea.id, CooperationArea.pillar_id)
        .join(CooperationArea, ActionLine.area_id == CooperationArea.id)
        .where(
            CooperationArea.plan_id == plan_id,
            CooperationArea.archived_at.is_(None),
            ActionLine.archived_at.is_(None),
        )
    ).all()
    updates = current_statuses(line_ids=[line_id for line_id, _, _ in rows], as_of=as_of)
    lines = {line_id: (updates[line_id].status if line_id in updates else None) for line_id, _, _ in rows}
    areas: dict[int, list[str | None]] = {}
    pillars: dict[int, list[str | None]] = {}
    for line_id, area_id, pillar_id in rows:
        areas.setdefault(area_id, []).append(lines[line_id])
        pillars.setdefault(pillar_id, []).append(lines[line_id])
    return PlanCoverage(
        plan=Coverage.of(lines.values()),
        pillars={key: Coverage.of(values) for key, values in pillars.items()},
        areas={key: Coverage.of(values) for key, values in areas.items()},
        lines=lines,
    )
