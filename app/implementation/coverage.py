"""Coverage, as ASEAN reports it: (addressed + being addressed) / all action lines.

"N out of M (P%) action lines are being addressed or have been addressed", with "addressed only" beside it.
An action line with no status update yet counts as not yet addressed; discontinued lines stay in the count. A
figure as of a day counts the lines in use that day (``as_of.counted_on``): archiving later does not change it.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache

import sqlalchemy as sa
from flask_babel import gettext

from app.common.lists import AnyRows
from app.common.numbers import percent
from app.extensions import db
from app.implementation.as_of import counted_before, counted_on, end_of
from app.implementation.statuses import latest_update, latest_update_ids
from app.models import ActionLine, ActionLineStatus, CooperationArea, StatusUpdate


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
        return gettext("%(covered)s of %(total)s (%(percent)s%%)", covered=self.covered, total=self.total,
                       percent=self.percent)

    @property
    def addressed_text(self) -> str:
        return gettext("%(covered)s of %(total)s (%(percent)s%%)", covered=self.addressed, total=self.total,
                       percent=self.addressed_percent)

    @property
    def headline(self) -> str:
        """The sentence ASEAN reports open with, "addressed only" beside it."""
        return gettext(
            "%(covered)s out of %(total)s (%(percent)s%%) action lines are being addressed or have been addressed; "
            "addressed only: %(addressed)s", covered=self.covered, total=self.total, percent=self.percent,
            addressed=self.addressed_text)

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

    def as_dict(self) -> dict[str, int]:
        return {"total": self.total, "addressed": self.addressed, "being_addressed": self.being_addressed}


@dataclass
class PlanCoverage:
    plan: Coverage
    pillars: dict[int, Coverage]
    areas: dict[int, Coverage]
    #: Each action line's status value on the date asked for (None: no update yet).
    lines: dict[int, str | None]


@dataclass
class CoverageTotals:
    """Coverage of a plan per area, per pillar and in total, without the status of each line."""

    plan: Coverage
    pillars: dict[int, Coverage]
    areas: dict[int, Coverage]


def coverage_totals(plan_id: int, as_of: date | None = None, *, area_id: int | None = None) -> CoverageTotals:
    """The same counts as ``plan_coverage``, added up by the database: one query, one row per area (only the area
    ``area_id`` when given).

    For pages that show the figures but not each line, so the rows fetched do not grow with the lines.
    """
    values = {"plan_id": plan_id, "as_of": as_of, "moment": end_of(as_of) if as_of else None, "area_id": area_id}
    rows = db.session.execute(_totals_statement(as_of is not None, area_id is not None), values).all()
    areas = {area_id: Coverage(total, addressed, being) for area_id, _, total, addressed, being in rows}
    pillars: dict[int, Coverage] = {}
    for area_id, pillar_id, *_ in rows:
        pillars[pillar_id] = pillars.get(pillar_id, Coverage()) + areas[area_id]
    return CoverageTotals(plan=sum(areas.values(), Coverage()), pillars=pillars, areas=areas)


@cache
def _totals_statement(dated: bool, one_area: bool) -> AnyRows:
    # Built once per kind, with named parameters: composing the archive look-ups on every visit cost more than
    # running them.
    plan_id = sa.bindparam("plan_id", type_=sa.Integer())
    as_of = sa.bindparam("as_of", type_=sa.Date()) if dated else None
    moment = sa.bindparam("moment", type_=sa.DateTime(timezone=True)) if dated else None
    plan_lines = (
        sa.select(ActionLine.id)
        .join(CooperationArea, ActionLine.area_id == CooperationArea.id)
        .where(CooperationArea.plan_id == plan_id)
    )
    latest = sa.select(StatusUpdate.action_line_id, StatusUpdate.status).where(
        StatusUpdate.id.in_(latest_update_ids(StatusUpdate.action_line_id, plan_lines, as_of))
    ).subquery()

    def lines_with(status: ActionLineStatus) -> sa.Function[int]:
        return sa.func.count(sa.case((latest.c.status == status.value, ActionLine.id)))

    return (
        sa.select(
            CooperationArea.id,
            CooperationArea.pillar_id,
            sa.func.count(ActionLine.id),
            lines_with(ActionLineStatus.ADDRESSED),
            lines_with(ActionLineStatus.BEING_ADDRESSED),
        )
        .join(CooperationArea, ActionLine.area_id == CooperationArea.id)
        .outerjoin(latest, latest.c.action_line_id == ActionLine.id)
        .where(CooperationArea.plan_id == plan_id, *counted_before(moment),
               *([CooperationArea.id == sa.bindparam("area_id", type_=sa.Integer())] if one_area else []))
        .group_by(CooperationArea.id, CooperationArea.pillar_id)
    )


def plan_coverage(plan_id: int, as_of: date | None = None) -> PlanCoverage:
    """Coverage of a plan's action lines in use on a date (default: now), per area, per pillar and in total."""
    # Each line's status value read beside it, in the same statement: the figures need no more of its update.
    rows = db.session.execute(
        sa.select(ActionLine.id, CooperationArea.id, CooperationArea.pillar_id,
                  latest_update(StatusUpdate.status, StatusUpdate.action_line_id, as_of))
        .join(CooperationArea, ActionLine.area_id == CooperationArea.id)
        .where(CooperationArea.plan_id == plan_id, *counted_on(as_of))
    ).all()
    # None for a line with no update (by then): the scalar subquery finds no row.
    lines: dict[int, str | None] = {line_id: status for line_id, _, _, status in rows}
    areas: dict[int, list[str | None]] = {}
    pillars: dict[int, list[str | None]] = {}
    for line_id, area_id, pillar_id, _ in rows:
        areas.setdefault(area_id, []).append(lines[line_id])
        pillars.setdefault(pillar_id, []).append(lines[line_id])
    return PlanCoverage(
        plan=Coverage.of(lines.values()),
        pillars={key: Coverage.of(values) for key, values in pillars.items()},
        areas={key: Coverage.of(values) for key, values in areas.items()},
        lines=lines,
    )
