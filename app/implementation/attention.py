"""Attention signals: the areas and plans a desk should look at before someone asks.

- an area with no status update (of it or its action lines) and no meeting for ``ATTENTION_STALE_DAYS``;
- an area with overdue follow-ups;
- an in-force plan ending within ``ATTENTION_PLAN_ENDING_DAYS`` with action lines not yet addressed.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext, ngettext
from sqlalchemy.orm import aliased, joinedload

from app.common.dates import page_date
from app.extensions import db
from app.implementation.statuses import current_statuses
from app.models import (
    IN_FORCE_STATES,
    OPEN_STATUSES,
    ActionLine,
    ActionLineStatus,
    CooperationArea,
    FollowUpAction,
    Meeting,
    Organisation,
    Partnership,
    Plan,
    StatusUpdate,
    meeting_areas,
)
from app.models.partnership import partnership_name


@dataclass(frozen=True)
class Signal:
    kind: str  # "stale", "overdue", "plan_ending"
    partnership: str
    subject: str
    endpoint: str
    key: dict[str, int]
    #: Overdue follow-ups of the area, or action lines of the plan not yet addressed.
    count: int = 0
    #: The quiet area's last update or meeting (None: never), or the day the plan ends.
    day: date | None = None

    @property
    def message(self) -> str:
        """What the signal says, in the reader's language: signals are kept from one request to the next."""
        if self.kind == "stale":
            if self.day is None:
                return gettext("No status update or meeting ever")
            return gettext("No status update or meeting since %(day)s", day=page_date(self.day))
        if self.kind == "overdue":
            return ngettext("%(num)s overdue follow-up", "%(num)s overdue follow-ups", self.count)
        return ngettext("Ends on %(day)s with %(num)s action line not yet addressed",
                        "Ends on %(day)s with %(num)s action lines not yet addressed", self.count,
                        day=page_date(self.day))


def signal_headings() -> dict[str, str]:
    """Each kind of signal and the heading its group has, in the order the home page shows them."""
    stale_days = int(current_app.config.get("ATTENTION_STALE_DAYS", 180))
    return {
        "overdue": gettext("Areas with overdue follow-ups"),
        "plan_ending": gettext("Plans ending soon with action lines not yet addressed"),
        "stale": ngettext("Areas with no update or meeting for %(num)s day",
                          "Areas with no update or meeting for %(num)s days", stale_days),
    }


def _live_areas() -> sa.Select[int, str, date, str, str]:
    """Areas of in-force plans of partnerships still in use, as plain rows: ids, names and what a signal says."""
    ours = aliased(Organisation)
    partner = aliased(Organisation)
    return (
        sa.select(CooperationArea.id, CooperationArea.name, Plan.starts_on.label("plan_starts_on"),
                  ours.short_name.label("ours"), partner.short_name.label("partner"))
        .join(Plan, CooperationArea.plan_id == Plan.id)
        .join(Partnership, Plan.partnership_id == Partnership.id)
        .join(ours, Partnership.organisation_id == ours.id)
        .join(partner, Partnership.partner_id == partner.id)
        .where(
            CooperationArea.archived_at.is_(None),
            Plan.archived_at.is_(None),
            Plan.state.in_(IN_FORCE_STATES),
            Partnership.archived_at.is_(None),
        )
    )


def _latest_by_area(query: sa.Select[int | None, date | None]) -> dict[int, date]:
    # Grouped by the ids asked for, so no area id is None; a day is None where an area has nothing to date it.
    return {area_id: day for area_id, day in db.session.execute(query) if area_id is not None and day is not None}


def _last_activity(ids: list[int], today: date) -> dict[int, date]:
    """The latest day each area had a status update (of it or of one of its action lines) or a meeting that
    discussed it, up to ``today``; areas with none are left out."""
    updated = _latest_by_area(
        sa.select(StatusUpdate.area_id, sa.func.max(StatusUpdate.as_of))
        .where(StatusUpdate.area_id.in_(ids)).group_by(StatusUpdate.area_id)
    )
    line_updated = _latest_by_area(
        sa.select(ActionLine.area_id, sa.func.max(StatusUpdate.as_of))
        .join(StatusUpdate, StatusUpdate.action_line_id == ActionLine.id)
        .where(ActionLine.area_id.in_(ids)).group_by(ActionLine.area_id)
    )
    discussed = _latest_by_area(
        sa.select(meeting_areas.c.area_id, sa.func.max(Meeting.held_on))
        .join(Meeting, Meeting.id == meeting_areas.c.meeting_id)
        .where(meeting_areas.c.area_id.in_(ids), Meeting.archived_at.is_(None), Meeting.held_on <= today)
        .group_by(meeting_areas.c.area_id)
    )
    last: dict[int, date] = {}
    for latest in (updated, line_updated, discussed):
        for area_id, day in latest.items():
            last[area_id] = max(day, last.get(area_id, day))
    return last


def _stale_signals(today: date, areas: Sequence[sa.Row[int, str, date, str, str]]) -> list[Signal]:
    """The signals of the ``areas`` (rows of ``_live_areas``) that had no update or meeting for the stale days."""
    if not areas:
        return []
    stale_days = int(current_app.config.get("ATTENTION_STALE_DAYS", 180))
    quiet_since = today - timedelta(days=stale_days)
    last_activity = _last_activity([area.id for area in areas], today)
    signals = []
    for area in areas:
        last = last_activity.get(area.id)
        # A plan that has only just started has not had time to go quiet.
        if max(last or area.plan_starts_on, area.plan_starts_on) < quiet_since:
            signals.append(Signal("stale", partnership_name(area.ours, area.partner), area.name, "areas.detail",
                                  {"area_id": area.id}, day=last))
    return signals


def quiet_areas(today: date, desk_officer_id: int) -> list[Signal]:
    """The areas gone quiet (see ``attention_signals``) of the partnerships one officer looks after, by
    partnership and area."""
    areas = db.session.execute(_live_areas().where(Partnership.desk_officer_id == desk_officer_id)).all()
    return sorted(_stale_signals(today, areas), key=lambda s: (s.partnership, s.subject))


def attention_signals(today: date) -> list[Signal]:
    # Rows, not objects: a ministry has thousands of live areas, and a signal needs only their names.
    areas = db.session.execute(_live_areas()).all()
    ids = [area.id for area in areas]
    if not ids:
        return []
    overdue = dict(
        db.session.execute(
            sa.select(FollowUpAction.area_id, sa.func.count())
            .where(
                FollowUpAction.area_id.in_(ids),
                FollowUpAction.archived_at.is_(None),
                FollowUpAction.status.in_(OPEN_STATUSES),
                FollowUpAction.due_on < today,
            )
            .group_by(FollowUpAction.area_id)
        ).all()
    )

    signals = _stale_signals(today, areas)
    for area in areas:
        if overdue.get(area.id):
            count = overdue[area.id]
            signals.append(Signal("overdue", partnership_name(area.ours, area.partner), area.name, "areas.detail",
                                  {"area_id": area.id}, count=count))
    ending_days = int(current_app.config.get("ATTENTION_PLAN_ENDING_DAYS", 183))
    signals.extend(_plans_ending(today, today + timedelta(days=ending_days)))
    order = {"overdue": 0, "plan_ending": 1, "stale": 2}
    return sorted(signals, key=lambda s: (order[s.kind], s.partnership, s.subject))


def _plans_ending(today: date, horizon: date) -> list[Signal]:
    plans = db.session.scalars(
        sa.select(Plan)
        .join(Partnership, Plan.partnership_id == Partnership.id)
        .where(
            Plan.archived_at.is_(None), Partnership.archived_at.is_(None), Plan.state.in_(IN_FORCE_STATES),
            Plan.ends_on.between(today, horizon),
        )
        .options(joinedload(Plan.partnership).joinedload(Partnership.organisation),
                 joinedload(Plan.partnership).joinedload(Partnership.partner))
    ).unique().all()
    if not plans:
        return []
    lines = db.session.execute(
        sa.select(ActionLine.id, CooperationArea.plan_id)
        .join(CooperationArea, ActionLine.area_id == CooperationArea.id)
        .where(CooperationArea.plan_id.in_([p.id for p in plans]), ActionLine.archived_at.is_(None),
               CooperationArea.archived_at.is_(None))
    ).all()
    statuses = current_statuses(line_ids=[line_id for line_id, _ in lines])
    waiting: dict[int, int] = {}
    for line_id, plan_id in lines:
        update = statuses.get(line_id)
        if update is None or update.status == ActionLineStatus.NOT_YET_ADDRESSED:
            waiting[plan_id] = waiting.get(plan_id, 0) + 1
    return [
        Signal("plan_ending", plan.partnership.name, plan.title, "plans.detail", {"plan_id": plan.id},
               count=waiting[plan.id], day=plan.ends_on)
        for plan in plans if waiting.get(plan.id)
    ]
