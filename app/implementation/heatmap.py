"""The home page heatmap: one row per active partnership, one column per theme (see ``themes``).

Each cell holds the areas of the partnership's plan in force under that theme and shows the worst of their statuses,
so partnerships compare column by column. A partnership with no plan in force keeps its row and says so, with the
date its last plan ended, rather than dropping out of sight.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import NamedTuple, Protocol

import sqlalchemy as sa
from flask_babel import ngettext
from sqlalchemy.orm import aliased, joinedload

from app.extensions import db
from app.implementation.statuses import current_area_status_values
from app.implementation.themes import COLUMNS, Theme, theme_of, worst_status
from app.models import IN_FORCE_STATES, AreaStatus, CooperationArea, Organisation, Partnership, Pillar, Plan, PlanState
from app.models.partnership import partnership_name


class HeatmapEntry(NamedTuple):
    """A row of the heatmap before it is loaded: which plan it shows, or why it shows none."""

    partnership_id: int
    #: The plan in force today; None when there is none.
    plan_id: int | None
    #: With no plan in force: the day the latest plan that has ended ended (None: none has).
    last_ended_on: date | None = None


class AreaOfTheme(NamedTuple):
    area_id: int
    status: AreaStatus | None


@dataclass(frozen=True)
class ThemeCell:
    """The areas of one plan under one theme, shown by the worst of their statuses."""

    #: In plan order.
    areas: tuple[AreaOfTheme, ...]

    @cached_property
    def status(self) -> AreaStatus | None:
        return worst_status(area.status for area in self.areas)

    @cached_property
    def at_worst(self) -> int:
        return sum(area.status == self.status for area in self.areas)

    @property
    def first_at_worst(self) -> int:
        """The area the cell leads to: the first one in the worst state."""
        return next(area.area_id for area in self.areas if area.status == self.status)

    @property
    def count_text(self) -> str:
        total = len(self.areas)
        if self.at_worst == total:
            return ngettext("%(num)s area", "%(num)s areas", total)
        return ngettext("%(part)s of %(num)s area", "%(part)s of %(num)s areas", total, part=self.at_worst)


@dataclass
class HeatmapRow:
    partnership: Partnership
    plan: Plan | None
    #: One per column of ``COLUMNS``; None where the plan has no area under that theme.
    cells: list[ThemeCell | None] = field(default_factory=list)
    last_ended_on: date | None = None

    @property
    def has_areas(self) -> bool:
        return any(self.cells)


class PlanDates(Protocol):
    """A plan's period, as a row of a query or a ``Plan`` holds it."""

    @property
    def starts_on(self) -> date: ...

    @property
    def ends_on(self) -> date: ...


def covers(plan: PlanDates, day: date) -> bool:
    return plan.starts_on <= day <= plan.ends_on


def heatmap_entries(today: date) -> list[HeatmapEntry]:
    """Every active partnership by name, each with its plan in force today (the latest starting, should two be), or
    with the day its last plan ended. Read as plain columns: the page loads only the rows it shows."""
    partner = aliased(Organisation)
    partnerships = db.session.execute(
        sa.select(Partnership.id, Organisation.short_name, partner.short_name.label("partner_short_name"))
        .join(Organisation, Partnership.organisation_id == Organisation.id)
        .join(partner, Partnership.partner_id == partner.id)
        .where(Partnership.archived_at.is_(None))
    ).all()
    plans = db.session.execute(
        sa.select(Plan.id, Plan.partnership_id, Plan.state, Plan.starts_on, Plan.ends_on)
        .where(Plan.archived_at.is_(None), Plan.state != PlanState.DRAFT)
        .order_by(Plan.starts_on, Plan.id)
    ).all()
    in_force: dict[int, int] = {}
    last_ended: dict[int, date] = {}
    for plan in plans:  # by start: a later plan in force replaces an earlier one
        if plan.state in IN_FORCE_STATES and covers(plan, today):
            in_force[plan.partnership_id] = plan.id
        elif plan.ends_on < today:
            last_ended[plan.partnership_id] = max(plan.ends_on, last_ended.get(plan.partnership_id, plan.ends_on))
    ordered = sorted(partnerships, key=lambda row: partnership_name(row.short_name, row.partner_short_name))
    return [HeatmapEntry(row.id, in_force[row.id]) if row.id in in_force
            else HeatmapEntry(row.id, None, last_ended.get(row.id)) for row in ordered]


def build_heatmap(entries: list[HeatmapEntry]) -> list[HeatmapRow]:
    """The rows for these entries (a page of ``heatmap_entries``), in three queries however many there are: a
    ministry's whole heatmap is thousands of areas."""
    partnerships = {partnership.id: partnership for partnership in db.session.scalars(
        sa.select(Partnership).where(Partnership.id.in_([entry.partnership_id for entry in entries]))
        .options(joinedload(Partnership.organisation), joinedload(Partnership.partner))
    )}
    plan_ids = [entry.plan_id for entry in entries if entry.plan_id is not None]
    plans = {plan.id: plan for plan in db.session.scalars(sa.select(Plan).where(Plan.id.in_(plan_ids)))}
    areas = db.session.execute(
        sa.select(CooperationArea.id, CooperationArea.name, CooperationArea.plan_id)
        .join(Pillar, CooperationArea.pillar_id == Pillar.id)
        .where(CooperationArea.plan_id.in_(plan_ids), CooperationArea.archived_at.is_(None))
        .order_by(Pillar.position, Pillar.id, CooperationArea.position, CooperationArea.code)
    ).all()
    statuses = current_area_status_values(area.id for area in areas)
    by_theme: dict[tuple[int, Theme], list[AreaOfTheme]] = defaultdict(list)
    for area in areas:
        by_theme[area.plan_id, theme_of(area.name)].append(AreaOfTheme(area.id, statuses.get(area.id)))
    rows = []
    for entry in entries:
        plan = plans.get(entry.plan_id) if entry.plan_id is not None else None
        cells = [ThemeCell(tuple(by_theme[plan.id, theme])) if (plan and (plan.id, theme) in by_theme) else None
                 for theme in COLUMNS]
        rows.append(HeatmapRow(partnerships[entry.partnership_id], plan, cells, entry.last_ended_on))
    return rows
