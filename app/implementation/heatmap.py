"""The home page heatmap: active partnerships x the cooperation areas of their current plan."""

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
    #: Area (or None where the plan has no area of that name) for each column, in column order.
    cells: list[tuple[CooperationArea | None, StatusUpdate | None]] = field(default_factory=list)


@dataclass
class Heatmap:
    columns: list[str]
    rows: list[HeatmapRow]


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


def build_heatmap(today: date) -> Heatmap:
    plans = current_plans(today)
    row_of = {plan.id: index for index, plan in enumerate(plans)}
    areas = sorted(
        db.session.execute(
            sa.select(CooperationArea, Pillar.position)
            .join(Pillar, CooperationArea.pillar_id == Pillar.id)
            .where(CooperationArea.plan_id.in_(row_of), CooperationArea.archived_at.is_(None))
        ).all(),
        key=lambda row: (row_of[row[0].plan_id], row[1], row[0].position, row[0].code),
    )
    areas = [area for area, _ in areas]
    statuses = current_statuses(area_ids=[a.id for a in areas])
    # Columns are area names, so "Trade" lines up across partnerships whatever each plan numbers it; they come
    # in the order the first partnership (by name) to have each area lists it.
    columns: list[str] = []
    for area in areas:
        if area.name.casefold() not in {c.casefold() for c in columns}:
            columns.append(area.name)
    by_plan: dict[int, dict[str, CooperationArea]] = {}
    for area in areas:
        by_plan.setdefault(area.plan_id, {})[area.name.casefold()] = area
    rows = []
    for plan in plans:
        named = by_plan.get(plan.id, {})
        cells = []
        for column in columns:
            area = named.get(column.casefold())
            cells.append((area, statuses.get(area.id) if area else None))
        rows.append(HeatmapRow(plan.partnership, plan, cells))
    return Heatmap(columns=columns, rows=rows)
