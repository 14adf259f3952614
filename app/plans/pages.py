"""What the plan pages read: a plan with its pillars, areas, coverage and activity.

Nothing here changes a record; the rules that do live in ``app.plans.services``."""

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from app.areas.pages import AreaActivity, area_activity
from app.areas.services import status_date_problem
from app.common.counting import counting_day
from app.extensions import db
from app.follow_ups import services as follow_up_services
from app.implementation.coverage import Coverage, coverage_totals
from app.implementation.statuses import current_statuses
from app.meetings.pages import MAX_ID
from app.models import (
    CooperationArea,
    Meeting,
    Partnership,
    Pillar,
    Plan,
    StatusUpdate,
)
from app.plans.area_sort import AreaSort, sorted_rows


@dataclass
class AreaRow:
    """One area of the plan page's table."""

    area: CooperationArea
    pillar: Pillar
    #: The status as of the day the page counts on (the latest by its as-of date), with its author.
    status: StatusUpdate | None
    #: None for an archived area, which coverage leaves out.
    coverage: Coverage | None
    activity: AreaActivity


@dataclass
class PillarRow:
    pillar: Pillar
    areas: list[AreaRow]
    coverage: Coverage


@dataclass
class PlanPage:
    plan: Plan
    pillars: list[PillarRow]
    coverage: Coverage
    archived_areas: int = 0
    #: The column the table is sorted by; None for the view by pillar, in plan order.
    sort: AreaSort | None = None
    today: date = field(default_factory=date.today)
    #: The day the statuses and coverage are counted as of: today, or the plan's end once it is over, as in the
    #: plan's whole-plan report generated the same day.
    counted_on: date = field(default_factory=date.today)

    @property
    def counted_at_end(self) -> bool:
        return self.counted_on == self.plan.ends_on

    @property
    def sorted_areas(self) -> list[AreaRow]:
        """Every area shown, in one list by the column asked for (empty in the view by pillar)."""
        if self.sort is None:
            return []
        return sorted_rows([row for pillar in self.pillars for row in pillar.areas], self.sort)


def load_plan(plan_id: int) -> Plan:
    """The plan with what every plan page shows about it, in a fixed number of queries."""
    plan: Plan = db.first_or_404(
        sa.select(Plan)
        .where(Plan.id == plan_id)
        .options(
            joinedload(Plan.partnership).joinedload(Partnership.organisation),
            joinedload(Plan.partnership).joinedload(Partnership.partner),
            joinedload(Plan.supersedes),
            joinedload(Plan.superseded_by),
            selectinload(Plan.extensions),
        )
    )
    return plan


def build_plan_page(plan_id: int, *, include_archived: bool = False, sort: AreaSort | None = None) -> PlanPage:
    """Everything the plan page shows, in a fixed number of queries whatever the number of areas, action lines,
    meetings and follow-ups: each figure is counted by the database, grouped by area."""
    plan = load_plan(plan_id)
    pillars = db.session.scalars(
        sa.select(Pillar)
        .where(Pillar.plan_id == plan.id)
        .order_by(Pillar.position, Pillar.id)
        .options(selectinload(Pillar.areas))
    ).all()
    shown = [area for pillar in pillars for area in pillar.areas if include_archived or not area.is_archived]
    ids = [area.id for area in shown]
    today = follow_up_services.today()
    counted_on = counting_day(plan.ends_on, today)
    statuses = current_statuses(area_ids=ids, as_of=counted_on)
    activity = area_activity(ids, today)
    coverage = coverage_totals(plan.id, counted_on)
    rows = []
    for pillar in pillars:
        areas = [
            AreaRow(
                area,
                pillar,
                statuses.get(area.id),
                None if area.is_archived else coverage.areas.get(area.id, Coverage()),
                activity[area.id],
            )
            for area in pillar.areas
            if include_archived or not area.is_archived
        ]
        rows.append(PillarRow(pillar, areas, coverage.pillars.get(pillar.id, Coverage())))
    return PlanPage(
        plan=plan,
        pillars=rows,
        coverage=coverage.plan,
        archived_areas=sum(1 for pillar in pillars for area in pillar.areas if area.is_archived),
        today=today,
        counted_on=counted_on,
        sort=sort,
    )


def dated_as_of(plan: Plan, asked: str | None) -> dict[str, date]:
    """The "as of" date a link to the batch form asked for (``?as_of=2025-05-20``, a meeting's date), when it is one
    a status can have; anything else is ignored and the form keeps its own default."""
    try:
        day = date.fromisoformat(asked or "") if len(asked or "") == len("2025-05-20") else None
    except ValueError:
        day = None
    if day is None:
        return {}
    return {} if status_date_problem(plan, day) else {"as_of": day}


def meeting_of_plan(plan: Plan, meeting_id: int | None) -> Meeting | None:
    """The meeting of the plan's partnership a link came from (``?meeting=<id>``), for the way back to it."""
    if meeting_id is None or not 0 < meeting_id <= MAX_ID:
        return None
    meeting = db.session.get(Meeting, meeting_id)
    return meeting if meeting is not None and meeting.partnership_id == plan.partnership_id else None
