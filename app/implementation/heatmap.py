"""The home page heatmap: each active partnership's current plan, one coloured cell per cooperation area.

Plans name and number their areas differently, so each partnership gets its own row of cells (in plan order)
rather than a shared grid that would be mostly empty.
"""

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from app.areas.services import current_statuses
from app.extensions import db
from app.models import IN_FORCE_STATES, CooperationArea, Partnership, Pillar, Plan, StatusUpdate


@dataclass
class HeatmapRow:
    partnership: Partnership
    plan: Plan
    #: The plan's live areas in plan order, each with its current status update (None: none recorded).
    cells: list[tuple[CooperationArea, StatusUpdate | None]] = field(default_factory=list)


def current_plans(today: date) -> list[Plan]:
    """Each active partnership's plan in force today (or its latest in-force plan when none covers today)."""
    plans = db.session.scalars(
        sa.select(Plan)
        .join(Partnership, Plan.partnership_id == Partnership.id)
        .where(Plan.archived_at.is_(None), Partnership.archived_at.is_(None), Plan.state.in_(IN_FORCE_STATES))
        .options(joinedload(Plan.partnership).joinedload(Partnership.organisation),
                 joinedload(Plan.partnership).joinedload(Partnership.partner))
        .order_by(Plan.starts_on)
    ).unique().all()
    chosen: dict[int, Plan] = {}
    for plan in plans:  # later starts win; a plan covering today beats one that does not
        best = chosen.get(plan.partnership_id)
        if best is None or plan.covers(today) or not best.covers(today):
            chosen[plan.partnership_id] = plan
    return sorted(chosen.values(), key=lambda plan: plan.partnership.name)


def build_heatmap(plans: list[Plan]) -> list[HeatmapRow]:
    """The rows for these plans (a page of ``current_plans``): a ministry's whole heatmap is thousands of cells."""
    areas = db.session.scalars(
        sa.select(CooperationArea)
        .join(Pillar, CooperationArea.pillar_id == Pillar.id)
        .where(CooperationArea.plan_id.in_([plan.id for plan in plans]), CooperationArea.archived_at.is_(None))
        .order_by(Pillar.position, Pillar.id, CooperationArea.position, CooperationArea.code)
    ).all()
    statuses = current_statuses(area_ids=[area.id for area in areas])
    rows = {plan.id: HeatmapRow(plan.partnership, plan) for plan in plans}
    for area in areas:
        rows[area.plan_id].cells.append((area, statuses.get(area.id)))
    return list(rows.values())
