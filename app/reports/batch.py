"""Which reports `flask report period --all` writes: one for each plan of each active partnership that covers the
window, and for every other active partnership the reason it gets none.

A plan counts once adopted, whatever it is now (in force, extended, expired or superseded): the 2025 report of a plan
of action for 2021-2025 is written in 2026 too. Drafts never governed anything and archived plans are gone from the
desk's view, so neither counts. With no window given, the window is each plan in force today, from its start to
today.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from app.common.dates import long_date
from app.extensions import db
from app.models import Partnership, Plan, PlanState
from app.reports.period import default_window
from app.reports.portfolio import ADOPTED_STATES


@dataclass(frozen=True)
class Planned:
    """A report to write: the plan and the part of the window it covers."""

    plan: Plan
    starts_on: date
    ends_on: date


@dataclass(frozen=True)
class Skipped:
    slug: str
    reason: str


@dataclass(frozen=True)
class Window:
    """The window asked for (``starts_on`` to ``ends_on``), or None for each plan's start to today, and how to name
    it in a reason ("2025", "1 January 2025 to 30 June 2025")."""

    starts_on: date | None
    ends_on: date | None
    name: str


def window_asked(year: int | None, starts_on: date | None, ends_on: date | None, today: date) -> Window:
    if year is not None:
        return Window(date(year, 1, 1), date(year, 12, 31), str(year))
    if starts_on is None and ends_on is None:
        return Window(None, None, f"today, {long_date(today)}")
    # As for one partnership: from each plan's start, to today (each clipped to the plan).
    first, last = starts_on or date.min, ends_on or today
    name = (f"{long_date(starts_on)} to {long_date(ends_on)}" if starts_on and ends_on
            else f"{long_date(starts_on)} to today" if starts_on else f"up to {long_date(ends_on)}")
    return Window(first, last, name)


def reports_to_write(window: Window, today: date) -> tuple[list[Planned], list[Skipped]]:
    """The reports to write, by partnership (in order of slug), and the partnerships skipped with the reason."""
    partnerships = db.session.scalars(
        sa.select(Partnership).where(Partnership.archived_at.is_(None)).order_by(Partnership.slug)
    ).all()
    plans_of: defaultdict[int, list[Plan]] = defaultdict(list)
    for plan in db.session.scalars(
        sa.select(Plan).where(Plan.archived_at.is_(None)).order_by(Plan.starts_on, Plan.id)
    ):
        plans_of[plan.partnership_id].append(plan)
    planned: list[Planned] = []
    skipped: list[Skipped] = []
    for partnership in partnerships:
        plans = plans_of[partnership.id]
        first, last = (window.starts_on, window.ends_on) if window.starts_on else (today, today)
        assert last is not None  # set together
        covering = [plan for plan in plans if plan.starts_on <= last and plan.ends_on >= first]
        adopted = [plan for plan in covering if plan.state in ADOPTED_STATES]
        for plan in adopted:
            if window.starts_on is None:
                planned.append(Planned(plan, *default_window(plan, today)))
            else:
                planned.append(Planned(plan, max(first, plan.starts_on), min(last, plan.ends_on)))
        if not adopted:
            skipped.append(Skipped(partnership.slug, reason(plans, covering, window)))
    return planned, skipped


def reason(plans: list[Plan], covering: list[Plan], window: Window) -> str:
    """Why a partnership gets no report of ``window``: it has no plan, its plan for then is still a draft, or none
    of its plans covers it."""
    if not plans:
        return "no plan recorded"
    drafts = [plan for plan in covering if plan.state is PlanState.DRAFT]
    if drafts:
        return f"its plan {drafts[0].label} for {window.name} is still a draft"
    return f"no plan covers {window.name} (its plans: {', '.join(plan.label for plan in plans)})"
