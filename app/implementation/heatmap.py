"""The home page heatmap: each active partnership's current plan, one coloured cell per cooperation area.

Plans name and number their areas differently, so each partnership gets its own row of cells (in plan order)
rather than a shared grid that would be mostly empty.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple, Protocol

import sqlalchemy as sa
from sqlalchemy.orm import aliased, joinedload

from app.extensions import db
from app.implementation.statuses import current_area_status_values
from app.models import IN_FORCE_STATES, AreaStatus, CooperationArea, Organisation, Partnership, Pillar, Plan
from app.models.partnership import partnership_name


class HeatmapCell(NamedTuple):
    area_id: int
    name: str
    #: None: no status recorded yet.
    status: AreaStatus | None


@dataclass
class HeatmapRow:
    partnership: Partnership
    plan: Plan
    #: The plan's live areas in plan order, each with its current status.
    cells: list[HeatmapCell] = field(default_factory=list)


def current_plans(today: date) -> list[int]:
    """The id of each active partnership's plan in force today (or its latest in-force plan when none covers
    today), by partnership name. Read as plain columns: the page loads only the plans of the rows it shows."""
    organisation, partner = aliased(Organisation), aliased(Organisation)
    plans = db.session.execute(
        sa.select(Plan.id, Plan.partnership_id, Plan.starts_on, Plan.ends_on, organisation.short_name,
                  partner.short_name.label("partner_short_name"))
        .join(Partnership, Plan.partnership_id == Partnership.id)
        .join(organisation, Partnership.organisation_id == organisation.id)
        .join(partner, Partnership.partner_id == partner.id)
        .where(Plan.archived_at.is_(None), Partnership.archived_at.is_(None), Plan.state.in_(IN_FORCE_STATES))
        .order_by(Plan.starts_on)
    ).all()
    chosen: dict[int, sa.Row[int, int, date, date, str, str]] = {}
    for plan in plans:  # later starts win; a plan covering today beats one that does not
        best = chosen.get(plan.partnership_id)
        if best is None or covers(plan, today) or not covers(best, today):
            chosen[plan.partnership_id] = plan
    return [plan.id for plan in sorted(
        chosen.values(), key=lambda plan: partnership_name(plan.short_name, plan.partner_short_name))]


class PlanDates(Protocol):
    """A plan's period, as a row of ``current_plans`` or a ``Plan`` holds it."""

    @property
    def starts_on(self) -> date: ...

    @property
    def ends_on(self) -> date: ...


def covers(plan: PlanDates, day: date) -> bool:
    return plan.starts_on <= day <= plan.ends_on


def build_heatmap(plan_ids: list[int]) -> list[HeatmapRow]:
    """The rows for these plans (a page of ``current_plans``): a ministry's whole heatmap is thousands of cells."""
    loaded = {plan.id: plan for plan in db.session.scalars(
        sa.select(Plan).where(Plan.id.in_(plan_ids))
        .options(joinedload(Plan.partnership).joinedload(Partnership.organisation),
                 joinedload(Plan.partnership).joinedload(Partnership.partner))
    )}
    plans = [loaded[plan_id] for plan_id in plan_ids]
    areas = db.session.execute(
        sa.select(CooperationArea.id, CooperationArea.name, CooperationArea.plan_id)
        .join(Pillar, CooperationArea.pillar_id == Pillar.id)
        .where(CooperationArea.plan_id.in_(plan_ids), CooperationArea.archived_at.is_(None))
        .order_by(Pillar.position, Pillar.id, CooperationArea.position, CooperationArea.code)
    ).all()
    statuses = current_area_status_values(area.id for area in areas)
    rows = {plan.id: HeatmapRow(plan.partnership, plan) for plan in plans}
    for area in areas:
        rows[area.plan_id].cells.append(HeatmapCell(area.id, area.name, statuses.get(area.id)))
    return list(rows.values())
