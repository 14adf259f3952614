"""The portfolio report: every partnership side by side, as of any date.

For each partnership: its standing, the plan that covered the date, each area's status, coverage of action
lines, open and overdue follow-ups, and meetings per quarter. Like the period report it is a plain dictionary of
JSON values (typed in ``portfolio_figures``), so the page and every export read the same figures. A fixed number
of queries, however many partnerships there are.
"""

from collections import Counter, defaultdict
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from app.common.counting import counting_day
from app.common.dates import long_date
from app.common.lists import AnyRows
from app.extensions import db
from app.follow_ups import services as follow_up_services
from app.implementation.as_of import in_use_on
from app.implementation.coverage import Coverage
from app.languages import written_in_english
from app.models import (
    OPEN_STATUSES,
    ActionLine,
    ActionLineStatus,
    AreaStatus,
    CooperationArea,
    FollowUpAction,
    FollowUpStateEntry,
    FollowUpStatus,
    Meeting,
    Partnership,
    PartnershipEvent,
    Pillar,
    Plan,
    PlanState,
    StatusUpdate,
)
from app.reports.follow_up_data import current_or_then
from app.reports.period import coverage_figures
from app.reports.period_figures import Choice
from app.reports.portfolio_figures import PortfolioArea, PortfolioFigures, PortfolioRow

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


def _status_on(subject: sa.ColumnElement[bool], as_of: date) -> sa.ScalarSelect[str]:
    """The status value of the latest update on or before ``as_of`` of the row ``subject`` points at: one short
    index seek per row, which both databases run well however long the history."""
    return (
        sa.select(StatusUpdate.status)
        .where(subject, StatusUpdate.as_of <= as_of)
        .order_by(StatusUpdate.as_of.desc(), StatusUpdate.id.desc())
        .limit(1)
        .scalar_subquery()
    )


def _area_figures(area_ids: sa.Select[int], as_of: date) -> tuple[dict[int, str], dict[int, Coverage]]:
    """Each area's status value on ``as_of`` and the coverage of its action lines in use then, counted by the
    database."""
    statuses = db.session.execute(
        sa.select(CooperationArea.id, _status_on(StatusUpdate.area_id == CooperationArea.id, as_of))
        .where(CooperationArea.id.in_(area_ids))
    ).all()
    lines = (
        sa.select(ActionLine.area_id, _status_on(StatusUpdate.action_line_id == ActionLine.id, as_of).label("status"))
        .where(ActionLine.area_id.in_(area_ids), in_use_on(ActionLine, as_of))
        .subquery()
    )
    # Counted per status, so that each line's status is looked up once.
    counts: defaultdict[int, Counter[str | None]] = defaultdict(Counter)
    for area_id, status, count in db.session.execute(
        sa.select(lines.c.area_id, lines.c.status, sa.func.count()).group_by(lines.c.area_id, lines.c.status)
    ):
        counts[area_id][status] += count
    coverage = {
        area_id: Coverage(sum(by_status.values()), by_status[ActionLineStatus.ADDRESSED.value],
                          by_status[ActionLineStatus.BEING_ADDRESSED.value])
        for area_id, by_status in counts.items()
    }
    return {area_id: status for area_id, status in statuses if status}, coverage


def _follow_up_counts(as_of: date) -> dict[int, tuple[int, int]]:
    """(open, overdue) follow-ups of each partnership on ``as_of``, from their state histories: agreed by then and
    open then, overdue when due (as due then) before it.

    Two ranges of indexes that do not overlap: those still to do now, and those closed now whose state changed
    after ``as_of``. Each one's state then is its own when it has not changed since, else looked up in its
    history. One OR over every follow-up ever recorded would read them all.
    """
    action, entry = FollowUpAction, FollowUpStateEntry

    def states(*which: sa.ColumnElement[bool]) -> AnyRows:
        return sa.select(action.partnership_id, current_or_then(entry.status, action.status, as_of).label("status"),
                         current_or_then(entry.due_on, action.due_on, as_of).label("due_on")
                         ).where(action.opened_on <= as_of, *which)

    closed = [status.value for status in FollowUpStatus if status not in OPEN_STATUSES]
    either = sa.union_all(
        states(action.still_to_do()),
        states(action.archived_at.is_(None), action.status.in_(closed), action.state_changed_on > as_of),
    ).subquery()
    open_then = sa.select(either.c.partnership_id, either.c.due_on).where(
        either.c.status.in_([status.value for status in OPEN_STATUSES])).subquery()
    rows = db.session.execute(
        sa.select(open_then.c.partnership_id, sa.func.count(),
                  sa.func.count(sa.case((open_then.c.due_on < as_of, 1))))
        .group_by(open_then.c.partnership_id)
    ).all()
    return {partnership_id: (open_count, overdue) for partnership_id, open_count, overdue in rows}


def _meetings_by_quarter(first_day: date, as_of: date) -> dict[int, Counter[str]]:
    year, month = sa.extract("year", Meeting.held_on), sa.extract("month", Meeting.held_on)
    rows = db.session.execute(
        sa.select(Meeting.partnership_id, year, month, sa.func.count())
        .where(Meeting.archived_at.is_(None), Meeting.held_on.between(first_day, as_of))
        .group_by(Meeting.partnership_id, year, month)
    ).all()
    meetings: defaultdict[int, Counter[str]] = defaultdict(Counter)
    for partnership_id, held_year, held_month, count in rows:
        meetings[partnership_id][quarter_of(date(int(held_year), int(held_month), 1))] += count
    return meetings


# The figures hold the words the report's document shows (statuses, meeting types): in English, whoever asks, as
# the document is; an issued report's figures are checked against these counted again.
@written_in_english
def build_portfolio_report(
    as_of: date, *, status: str | None = None, level: str | None = None, pillar: str | None = None,
    generated_by: str, now: datetime, today: date | None = None,
) -> PortfolioFigures:
    """Every partnership as of ``as_of``; its follow-ups as of the counting day (``as_of``, or today when that is
    still to come), so none is open or overdue before the day it was due or agreed."""
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

    # An area or action line archived after ``as_of`` still counts then: archiving hides it from today's pages only.
    area_filter = [CooperationArea.plan_id.in_(plan_ids), in_use_on(CooperationArea, as_of)]
    if pillar:
        area_filter.append(sa.func.lower(Pillar.name) == pillar.lower())
    areas = db.session.execute(
        sa.select(CooperationArea.id, CooperationArea.plan_id, CooperationArea.code, CooperationArea.name,
                  Pillar.name.label("pillar"))
        .join(Pillar, CooperationArea.pillar_id == Pillar.id)
        .where(*area_filter)
        .order_by(Pillar.position, Pillar.id, CooperationArea.position, CooperationArea.code)
    ).all()
    area_ids = sa.select(CooperationArea.id).join(Pillar, CooperationArea.pillar_id == Pillar.id).where(*area_filter)
    area_status, area_coverage = _area_figures(area_ids, as_of) if areas else ({}, {})

    by_plan = defaultdict(list)
    for area in areas:
        by_plan[area.plan_id].append(area)

    counted_on = counting_day(as_of, today or follow_up_services.today())
    follow_ups = _follow_up_counts(counted_on)
    quarters = last_quarters(as_of)
    meetings = _meetings_by_quarter(quarter_start(quarters[0]), as_of)

    # Each status spelt out once, not once per area: a ministry's portfolio has 3,000 areas.
    statuses: dict[str, Choice] = {choice.value: {"value": choice.value, "label": choice.label}
                                   for choice in AreaStatus}
    no_lines = Coverage()
    rows: list[PortfolioRow] = []
    for partnership in partnerships:
        event = standings.get(partnership.id)
        plan = plans.get(partnership.id)
        plan_areas = by_plan.get(plan.id, []) if plan else []
        coverage = sum((area_coverage.get(a.id, no_lines) for a in plan_areas), Coverage())
        area_rows: list[PortfolioArea] = []
        for area in plan_areas:
            value = area_status.get(area.id)
            area_rows.append({
                "id": area.id, "code": area.code, "name": area.name, "pillar": area.pillar,
                "status": statuses[value].copy() if value else None,
                "coverage": coverage_figures(area_coverage.get(area.id, no_lines)),
            })
        open_count, overdue_count = follow_ups.get(partnership.id, (0, 0))
        rows.append({
            "name": partnership.name,
            "slug": partnership.slug,
            "status": event.status.label if event else None,
            "level": event.level.label if event and event.level else None,
            "plan": {"id": plan.id, "title": plan.title, "label": plan.label, "starts_on": plan.starts_on.isoformat(),
                     "ends_on": plan.ends_on.isoformat()} if plan else None,
            "areas": area_rows,
            "coverage": coverage_figures(coverage),
            "open_follow_ups": open_count,
            "overdue_follow_ups": overdue_count,
            "meetings_by_quarter": [meetings[partnership.id][q] for q in quarters],
        })
    total = sum((Coverage(**row["coverage"]) for row in rows), Coverage())
    return {
        "title": f"Partnership portfolio as of {long_date(as_of)}",
        "as_of": as_of.isoformat(),
        "counted_on": counted_on.isoformat(),
        "filters": {"status": status, "level": level, "pillar": pillar},
        "generated_at": now.isoformat(timespec="minutes"),
        "generated_by": generated_by,
        "quarters": quarters,
        "partnerships": rows,
        "totals": {
            "partnerships": len(rows),
            "coverage": coverage_figures(total),
            "open_follow_ups": sum(row["open_follow_ups"] for row in rows),
            "overdue_follow_ups": sum(row["overdue_follow_ups"] for row in rows),
            "meetings_by_quarter": [sum(row["meetings_by_quarter"][i] for row in rows) for i in range(len(quarters))],
        },
    }


def pillar_names() -> list[str]:
    """Pillar names in use, for the filter: plans spell them alike ("Economic", "Socio-Cultural")."""
    names = db.session.scalars(sa.select(Pillar.name).distinct().order_by(Pillar.name))
    return list(names)
