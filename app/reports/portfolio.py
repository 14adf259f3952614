"""The portfolio report: every partnership side by side, as of any date.

For each partnership: its standing, the plan that covered the date, each area's status, coverage of action
lines, open and overdue follow-ups, and meetings per quarter. Like the period report it is a plain dictionary of
JSON values, so the page and every export read the same figures. A fixed number of queries, however many
partnerships there are.
"""

from collections import defaultdict
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from app.areas.services import current_statuses
from app.extensions import db
from app.implementation.coverage import Coverage
from app.models import (
    ActionLine,
    AreaStatus,
    CooperationArea,
    FollowUpAction,
    FollowUpStatus,
    Meeting,
    Partnership,
    PartnershipEvent,
    Pillar,
    Plan,
    PlanState,
)
from app.templating import long_date

#: States of a plan that governed its partnership's work in its time (drafts never did).
ADOPTED_STATES = (PlanState.ADOPTED, PlanState.IN_FORCE, PlanState.EXTENDED, PlanState.EXPIRED, PlanState.SUPERSEDED)
QUARTERS_SHOWN = 8


def quarter_of(day: date) -> str:
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


def last_quarters(as_of: date, count: int = QUARTERS_SHOWN) -> list[str]:
    year, quarter = as_of.year, (as_of.month - 1) // 3
    labels = []
    for _ in range(count):
        labels.append(f"{year} Q{quarter + 1}")
        year, quarter = (year, quarter - 1) if quarter else (year - 1, 3)
    return list(reversed(labels))


def quarter_start(label: str) -> date:
    year, quarter = label.split(" Q")
    return date(int(year), 3 * (int(quarter) - 1) + 1, 1)


def _standings(as_of: date) -> dict[int, PartnershipEvent]:
    latest = sa.func.row_number().over(
        partition_by=PartnershipEvent.partnership_id,
        order_by=(PartnershipEvent.occurred_on.desc(), PartnershipEvent.id.desc()),
    )
    ranked = (
        sa.select(PartnershipEvent.id, latest.label("rank")).where(PartnershipEvent.occurred_on <= as_of).subquery()
    )
    events = db.session.scalars(
        sa.select(PartnershipEvent).join(ranked, ranked.c.id == PartnershipEvent.id).where(ranked.c.rank == 1)
    )
    return {event.partnership_id: event for event in events}


def _plans_on(as_of: date) -> dict[int, Plan]:
    """The plan that covered ``as_of`` for each partnership (the latest-starting one if two did)."""
    plans = db.session.scalars(
        sa.select(Plan)
        .where(Plan.archived_at.is_(None), Plan.state.in_(ADOPTED_STATES),
               Plan.starts_on <= as_of, Plan.ends_on >= as_of)
        .order_by(Plan.starts_on, Plan.id)
    )
    return {plan.partnership_id: plan for plan in plans}


def build_portfolio_report(
    as_of: date, *, status: str | None = None, level: str | None = None, pillar: str | None = None,
    generated_by: str, now: datetime,
) -> dict:
    partnerships = db.session.scalars(
        sa.select(Partnership)
        .where(Partnership.archived_at.is_(None))
        .options(joinedload(Partnership.organisation), joinedload(Partnership.partner))
    ).unique().all()
    partnerships = sorted(partnerships, key=lambda p: p.name)
    standings = _standings(as_of)
    if status:
        partnerships = [p for p in partnerships if p.id in standings and standings[p.id].status == status]
    if level:
        partnerships = [p for p in partnerships if p.id in standings and standings[p.id].level == level]
    plans = _plans_on(as_of)
    plan_ids = [plans[p.id].id for p in partnerships if p.id in plans]

    area_query = (
        sa.select(CooperationArea, Pillar.name)
        .join(Pillar, CooperationArea.pillar_id == Pillar.id)
        .where(CooperationArea.plan_id.in_(plan_ids), CooperationArea.archived_at.is_(None))
        .order_by(Pillar.position, Pillar.id, CooperationArea.position, CooperationArea.code)
    )
    if pillar:
        area_query = area_query.where(sa.func.lower(Pillar.name) == pillar.lower())
    areas = db.session.execute(area_query).all()
    area_ids = [area.id for area, _ in areas]
    area_status = current_statuses(area_ids=area_ids, as_of=as_of)
    lines = db.session.execute(
        sa.select(ActionLine.id, ActionLine.area_id).where(ActionLine.area_id.in_(area_ids),
                                                          ActionLine.archived_at.is_(None))
    ).all()
    line_status = current_statuses(line_ids=[line_id for line_id, _ in lines], as_of=as_of)
    statuses_by_area = defaultdict(list)
    for line_id, area_id in lines:
        statuses_by_area[area_id].append(line_status[line_id].status if line_id in line_status else None)

    by_plan = defaultdict(list)
    for area, pillar_name in areas:
        by_plan[area.plan_id].append((area, pillar_name))

    ids = [p.id for p in partnerships]
    follow_ups = db.session.execute(
        sa.select(FollowUpAction.partnership_id, FollowUpAction.due_on, FollowUpAction.completed_on)
        .where(
            FollowUpAction.partnership_id.in_(ids),
            FollowUpAction.archived_at.is_(None),
            FollowUpAction.opened_on <= as_of,
            FollowUpAction.status != FollowUpStatus.CANCELLED,
            sa.or_(FollowUpAction.completed_on.is_(None), FollowUpAction.completed_on > as_of),
        )
    ).all()
    open_count, overdue_count = defaultdict(int), defaultdict(int)
    for partnership_id, due_on, _completed_on in follow_ups:
        open_count[partnership_id] += 1
        if due_on and due_on < as_of:
            overdue_count[partnership_id] += 1

    quarters = last_quarters(as_of)
    held = db.session.execute(
        sa.select(Meeting.partnership_id, Meeting.held_on)
        .where(Meeting.partnership_id.in_(ids), Meeting.archived_at.is_(None),
               Meeting.held_on.between(quarter_start(quarters[0]), as_of))
    ).all()
    meetings = defaultdict(lambda: defaultdict(int))
    for partnership_id, held_on in held:
        meetings[partnership_id][quarter_of(held_on)] += 1

    rows = []
    for partnership in partnerships:
        event = standings.get(partnership.id)
        plan = plans.get(partnership.id)
        plan_areas = by_plan.get(plan.id, []) if plan else []
        coverage = sum((Coverage.of(statuses_by_area[a.id]) for a, _ in plan_areas), Coverage())
        area_rows = []
        for area, pillar_name in plan_areas:
            update = area_status.get(area.id)
            choice = AreaStatus(update.status) if update else None
            area_rows.append({
                "id": area.id, "code": area.code, "name": area.name, "pillar": pillar_name,
                "status": {"value": choice.value, "label": choice.label} if choice else None,
                "coverage": Coverage.of(statuses_by_area[area.id]).as_dict(),
            })
        rows.append({
            "name": partnership.name,
            "slug": partnership.slug,
            "status": event.status.label if event else None,
            "level": event.level.label if event and event.level else None,
            "plan": {"id": plan.id, "title": plan.title, "label": plan.label, "starts_on": plan.starts_on.isoformat(),
                     "ends_on": plan.ends_on.isoformat()} if plan else None,
            "areas": area_rows,
            "coverage": coverage.as_dict(),
            "open_follow_ups": open_count[partnership.id],
            "overdue_follow_ups": overdue_count[partnership.id],
            "meetings_by_quarter": [meetings[partnership.id][q] for q in quarters],
        })
    total = sum((Coverage(**row["coverage"]) for row in rows), Coverage())
    return {
        "title": f"Partnership portfolio as of {long_date(as_of)}",
        "as_of": as_of.isoformat(),
        "filters": {"status": status, "level": level, "pillar": pillar},
        "generated_at": now.isoformat(timespec="minutes"),
        "generated_by": generated_by,
        "quarters": quarters,
        "partnerships": rows,
        "totals": {
            "partnerships": len(rows),
            "coverage": total.as_dict(),
            "open_follow_ups": sum(row["open_follow_ups"] for row in rows),
            "overdue_follow_ups": sum(row["overdue_follow_ups"] for row in rows),
            "meetings_by_quarter": [sum(row["meetings_by_quarter"][i] for row in rows) for i in range(len(quarters))],
        },
    }


def pillar_names() -> list[str]:
    """Pillar names in use, for the filter: plans spell them alike ("Economic", "Socio-Cultural")."""
    names = db.session.scalars(sa.select(Pillar.name).distinct().order_by(Pillar.name))
    return list(names)
