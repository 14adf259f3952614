"""The period report of a plan: what happened in a window, and where each area stood at its start and end.

Statuses are computed from the append-only history as of the window's edges, so the 2024 report generated in
2026 shows the statuses of 31 December 2024. The report is a plain dictionary of JSON values: the live page,
an issued (frozen) copy and every export read the same figures.
"""

from collections import Counter, defaultdict
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from app.areas.services import current_statuses
from app.extensions import db
from app.implementation.coverage import Coverage, plan_coverage
from app.models import (
    ActionLineStatus,
    AreaStatus,
    CooperationArea,
    FollowUpAction,
    FollowUpStatus,
    IssuedReport,
    Meeting,
    MeetingParticipant,
    MeetingType,
    PartnershipEvent,
    Pillar,
    Plan,
    StatusUpdate,
)
from app.templating import long_date


def _status(update: StatusUpdate | None, vocabulary) -> dict | None:
    if update is None:
        return None
    choice = vocabulary(update.status)
    return {"value": choice.value, "label": choice.label}


def _follow_up_state(action: FollowUpAction, ends_on: date) -> str:
    """The state of a follow-up at the window's end: done only if completed by then."""
    if action.completed_on and action.completed_on <= ends_on:
        return "done"
    if action.status is FollowUpStatus.CANCELLED:
        return "cancelled"
    if action.due_on and action.due_on < ends_on:
        return "overdue"
    return "open"


STATE_LABELS = {"done": "Done", "cancelled": "Cancelled", "overdue": "Overdue", "open": "Open"}


RESTRICTED_NOTE = "Restricted note"


def _shown(text, restricted: bool, include_restricted: bool):
    """``text`` as a report may carry it: hidden when restricted unless its producer chose to include it."""
    return RESTRICTED_NOTE if restricted and not include_restricted else text


def _follow_up(action: FollowUpAction, ends_on: date, include_restricted: bool = False) -> dict:
    state = _follow_up_state(action, ends_on)
    return {
        "id": action.id,
        "title": _shown(action.title, action.is_restricted, include_restricted),
        "owner": action.owner_name,
        "opened_on": action.opened_on.isoformat(),
        "due_on": action.due_on.isoformat() if action.due_on else None,
        "completed_on": action.completed_on.isoformat() if action.completed_on and state == "done" else None,
        "state": state,
        "state_label": STATE_LABELS[state],
        "meeting": action.meeting.name if action.meeting else None,
        "area_id": action.area_id,
    }


def _meeting(meeting: Meeting) -> dict:
    return {
        "id": meeting.id,
        "name": meeting.name,
        "type": meeting.type.value,
        "type_label": meeting.type.label,
        "held_on": meeting.held_on.isoformat(),
        "venue": meeting.venue,
        "areas": [area.name for area in meeting.areas],
        "participants": len(meeting.participants),
    }


def _partnership_standing(partnership_id: int, ends_on: date) -> dict:
    event = db.session.scalar(
        sa.select(PartnershipEvent)
        .where(PartnershipEvent.partnership_id == partnership_id, PartnershipEvent.occurred_on <= ends_on)
        .order_by(PartnershipEvent.occurred_on.desc(), PartnershipEvent.id.desc())
        .limit(1)
    )
    return {
        "status": event.status.label if event else None,
        "level": event.level.label if event and event.level else None,
        "since": event.occurred_on.isoformat() if event else None,
    }


def _changes_since(previous: IssuedReport | None, areas: list[dict], coverage_end: dict) -> dict:
    """What moved between the last issued report of this plan and this one."""
    if previous is None:
        return {"previous": None, "items": []}
    before = {
        area["id"]: area for pillar in previous.figures.get("pillars", []) for area in pillar.get("areas", [])
    }
    items = []
    for area in areas:
        old = before.get(area["id"])
        then = "Not in the last report" if old is None else ((old.get("status_end") or {}).get("label") or "No status")
        now = (area["status_end"] or {}).get("label") or "No status"
        if then != now:
            items.append({"subject": area["name"], "before": then, "after": now})
    old_coverage = Coverage(**previous.figures["coverage"]["end"])
    new_coverage = Coverage(**coverage_end)
    if old_coverage != new_coverage:
        items.insert(0, {"subject": "Action lines being addressed or addressed",
                         "before": old_coverage.text, "after": new_coverage.text})
    return {
        "previous": {
            "id": previous.id,
            "title": previous.title,
            "issued_on": previous.issued_at.date().isoformat(),
            "window_ends_on": previous.window_ends_on.isoformat(),
        },
        "items": items,
    }


def build_period_report(plan: Plan, starts_on: date, ends_on: date, *, generated_by: str, now: datetime,
                        include_restricted: bool = False) -> dict:
    """Every figure of the period report of ``plan`` for the window ``starts_on``..``ends_on`` (both included).

    Restricted notes and follow-up titles read "Restricted note" unless ``include_restricted``; counts and
    statuses stay as they are.

    Runs a fixed number of queries whatever the number of areas, meetings or follow-ups.
    """
    partnership = plan.partnership
    day_before = starts_on - timedelta(days=1)
    pillars = db.session.scalars(
        sa.select(Pillar).where(Pillar.plan_id == plan.id).order_by(Pillar.position, Pillar.id)
    ).all()
    areas = db.session.scalars(
        sa.select(CooperationArea)
        .where(CooperationArea.plan_id == plan.id, CooperationArea.archived_at.is_(None))
        .order_by(CooperationArea.position, CooperationArea.code)
        .options(selectinload(CooperationArea.action_lines))
    ).all()
    area_ids = [area.id for area in areas]
    lines = [line for area in areas for line in area.action_lines if not line.is_archived]
    line_area = {line.id: line.area_id for line in lines}

    area_start = current_statuses(area_ids=area_ids, as_of=day_before)
    area_end = current_statuses(area_ids=area_ids, as_of=ends_on)
    coverage_start = plan_coverage(plan.id, as_of=day_before)
    coverage_end = plan_coverage(plan.id, as_of=ends_on)

    changes = db.session.scalars(
        sa.select(StatusUpdate)
        .where(
            sa.or_(StatusUpdate.area_id.in_(area_ids), StatusUpdate.action_line_id.in_(list(line_area))),
            StatusUpdate.as_of.between(starts_on, ends_on),
        )
        .order_by(StatusUpdate.as_of, StatusUpdate.id)
        .options(joinedload(StatusUpdate.author), joinedload(StatusUpdate.action_line))
    ).all()
    changes_by_area = defaultdict(list)
    for update in changes:
        area_id = update.area_id or line_area[update.action_line_id]
        vocabulary = AreaStatus if update.area_id else ActionLineStatus
        changes_by_area[area_id].append({
            "as_of": update.as_of.isoformat(),
            "subject": "Area" if update.area_id else f"Action line {update.action_line.code}",
            "status": vocabulary(update.status).value,
            "status_label": vocabulary(update.status).label,
            "progress": update.progress,
            "note": _shown(update.note, update.is_restricted, include_restricted),
            "author": update.author.name,
        })

    meetings = db.session.scalars(
        sa.select(Meeting)
        .where(
            Meeting.partnership_id == partnership.id,
            Meeting.archived_at.is_(None),
            Meeting.held_on.between(starts_on, ends_on),
        )
        .order_by(Meeting.held_on, Meeting.id)
        .options(selectinload(Meeting.areas), selectinload(Meeting.participants).load_only(MeetingParticipant.id))
    ).all()
    meetings_by_area = defaultdict(list)
    for meeting in meetings:
        for area in meeting.areas:
            meetings_by_area[area.id].append({"id": meeting.id, "name": meeting.name,
                                              "held_on": meeting.held_on.isoformat()})

    follow_ups = db.session.scalars(
        sa.select(FollowUpAction)
        .where(
            FollowUpAction.partnership_id == partnership.id,
            FollowUpAction.archived_at.is_(None),
            FollowUpAction.opened_on <= ends_on,
        )
        .order_by(FollowUpAction.due_on.is_(None), FollowUpAction.due_on, FollowUpAction.id)
        .options(
            joinedload(FollowUpAction.meeting),
            joinedload(FollowUpAction.owner_user),
            joinedload(FollowUpAction.partner_person),
        )
    ).all()
    # Follow-ups closed before the window opened are history the reader has already had.
    relevant = [a for a in follow_ups if not (a.completed_on and a.completed_on < starts_on)]
    follow_up_rows = [_follow_up(action, ends_on, include_restricted) for action in relevant]
    follow_ups_by_area = defaultdict(list)
    for row in follow_up_rows:
        if row["area_id"]:
            follow_ups_by_area[row["area_id"]].append(row)

    area_rows = {}
    for area in areas:
        area_rows[area.id] = {
            "id": area.id,
            "code": area.code,
            "name": area.name,
            "focal_point": area.focal_point,
            "status_start": _status(area_start.get(area.id), AreaStatus),
            "status_end": _status(area_end.get(area.id), AreaStatus),
            "coverage_start": coverage_start.areas.get(area.id, Coverage()).as_dict(),
            "coverage_end": coverage_end.areas.get(area.id, Coverage()).as_dict(),
            "action_lines": [
                {
                    "code": line.code,
                    "text": line.text,
                    "status_start": _line_status(coverage_start.lines.get(line.id)),
                    "status_end": _line_status(coverage_end.lines.get(line.id)),
                }
                for line in area.action_lines if not line.is_archived
            ],
            "changes": changes_by_area.get(area.id, []),
            "meetings": meetings_by_area.get(area.id, []),
            "follow_ups": follow_ups_by_area.get(area.id, []),
        }
    pillar_rows = [
        {
            "id": pillar.id,
            "name": pillar.name,
            "coverage_start": coverage_start.pillars.get(pillar.id, Coverage()).as_dict(),
            "coverage_end": coverage_end.pillars.get(pillar.id, Coverage()).as_dict(),
            "areas": [area_rows[a.id] for a in areas if a.pillar_id == pillar.id],
        }
        for pillar in pillars
    ]
    pillar_rows = [row for row in pillar_rows if row["areas"]]

    by_type = Counter(meeting.type for meeting in meetings)
    previous = db.session.scalar(
        sa.select(IssuedReport)
        .where(IssuedReport.plan_id == plan.id)
        .order_by(IssuedReport.issued_at.desc(), IssuedReport.id.desc())
        .limit(1)
    )
    open_rows = [row for row in follow_up_rows if row["state"] in ("open", "overdue")]
    return {
        "title": f"{partnership.name} period report, {long_date(starts_on)} to {long_date(ends_on)}",
        "partnership": {"name": partnership.name, "slug": partnership.slug,
                        **_partnership_standing(partnership.id, ends_on)},
        "plan": {
            "id": plan.id, "title": plan.title, "label": plan.label, "kind": plan.kind.label,
            "starts_on": plan.starts_on.isoformat(), "ends_on": plan.ends_on.isoformat(), "state": plan.state.label,
        },
        "window": {"starts_on": starts_on.isoformat(), "ends_on": ends_on.isoformat(),
                   "name": window_name(plan, starts_on, ends_on)},
        "generated_at": now.isoformat(timespec="minutes"),
        "generated_by": generated_by,
        "coverage": {"start": coverage_start.plan.as_dict(), "end": coverage_end.plan.as_dict()},
        "meetings_by_type": [
            {"type": kind.value, "label": kind.label, "count": by_type[kind]} for kind in MeetingType if by_type[kind]
        ],
        "follow_up_counts": {
            "opened": sum(starts_on <= a.opened_on <= ends_on for a in relevant),
            "completed": sum(bool(a.completed_on and starts_on <= a.completed_on <= ends_on) for a in relevant),
            "open_at_end": len(open_rows),
            "overdue_at_end": sum(row["state"] == "overdue" for row in open_rows),
        },
        "pillars": pillar_rows,
        "meetings": [_meeting(meeting) for meeting in meetings],
        "open_follow_ups": open_rows,
        "changes_since_last": _changes_since(previous, list(area_rows.values()), coverage_end.plan.as_dict()),
        "way_forward": "",
    }


def _line_status(value: str | None) -> dict:
    choice = ActionLineStatus(value) if value else ActionLineStatus.NOT_YET_ADDRESSED
    return {"value": choice.value, "label": choice.label}


def window_name(plan: Plan, starts_on: date, ends_on: date) -> str:
    if (starts_on, ends_on) == (plan.starts_on, plan.ends_on):
        return "Whole plan"
    if starts_on == date(starts_on.year, 1, 1) and ends_on == date(starts_on.year, 12, 31):
        return f"Calendar year {starts_on.year}"
    return f"{long_date(starts_on)} to {long_date(ends_on)}"


def default_window(plan: Plan, today: date) -> tuple[date, date]:
    """The plan's start to today, or to the plan's end once it is over."""
    return plan.starts_on, min(max(today, plan.starts_on), plan.ends_on)

