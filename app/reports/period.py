"""The period report of a plan: what happened in a window, and where each area stood at its start and end.

Statuses and follow-ups are computed from their append-only histories as of the window's edges, so the 2024
report generated in 2026 shows the statuses of 31 December 2024; a window that has not ended is counted as of
today (``counting_day``). The report is a plain dictionary of JSON values, typed in ``period_figures``: the live
page, an issued (frozen) copy and every export read the same figures.
"""

from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from app.common.counting import counting_day
from app.common.dates import long_date
from app.extensions import db
from app.follow_ups import services as follow_up_services
from app.implementation.coverage import Coverage
from app.languages import written_in_english
from app.models import (
    AreaStatus,
    IssuedReport,
    MeetingType,
    PartnershipEvent,
    Pillar,
    Plan,
)
from app.models.meeting import name_of_row
from app.reports import follow_up_data
from app.reports import period_data as data
from app.reports.attachment_data import attachment_annex
from app.reports.chase_data import chased_follow_ups
from app.reports.drafts import written_for
from app.reports.issued_figures import figures_of
from app.reports.lists import AREA_LIST_ROWS, LINE_ACTIVITY_ROWS, REPORT_LIST_ROWS
from app.reports.matrix import ChoiceWords, line_activities
from app.reports.period_figures import (
    AreaFigures,
    ChangeSinceLast,
    ChangesSinceLast,
    Choice,
    CoverageFigures,
    PartnershipStanding,
    PeriodFigures,
    PillarFigures,
)
from app.reports.period_rows import (
    RESTRICTED_NOTE,
    change_figures,
    count_figures,
    follow_up_figures,
    line_status_figures,
    meeting_figures,
    ranked_total,
    status_figures,
)
from app.reports.side_by_side import start


def _partnership_standing(partnership_id: int, ends_on: date, recorded_by: datetime | None) -> PartnershipStanding:
    latest = (
        sa.select(PartnershipEvent)
        .where(PartnershipEvent.partnership_id == partnership_id, PartnershipEvent.occurred_on <= ends_on)
        .order_by(PartnershipEvent.occurred_on.desc(), PartnershipEvent.id.desc())
        .limit(1)
    )
    if recorded_by is not None:
        latest = latest.where(PartnershipEvent.created_at <= recorded_by)
    event = db.session.scalar(latest)
    return {
        "status": event.status.label if event else None,
        "level": event.level.label if event and event.level else None,
        "since": event.occurred_on.isoformat() if event else None,
    }


def _changes_since(previous: IssuedReport | None, areas: list[AreaFigures],
                   coverage_end: CoverageFigures) -> ChangesSinceLast:
    """What moved between the last issued report of this plan and this one."""
    if previous is None:
        return {"previous": None, "items": []}
    issued = figures_of(previous)
    before = {area["id"]: area for pillar in issued["pillars"] for area in pillar["areas"]}
    items: list[ChangeSinceLast] = []
    for area in areas:
        old = before.get(area["id"])
        then = "Not in the last report" if old is None else _status_label(old["status_end"])
        now = _status_label(area["status_end"])
        if then != now:
            items.append({"subject": area["name"], "before": then, "after": now})
    old_coverage = Coverage(**issued["coverage"]["end"])
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


# The figures hold the words the report's document shows (statuses, meeting types): in English, whoever asks, as
# the document is; an issued report's figures are checked against these counted again.
@written_in_english
def build_period_report(plan: Plan, starts_on: date, ends_on: date, *, generated_by: str, now: datetime,
                        include_restricted: bool = False, bounded: bool = False, today: date | None = None,
                        recorded_by: datetime | None = None) -> PeriodFigures:
    """Every figure of the period report of ``plan`` for the window ``starts_on``..``ends_on`` (both included).

    Restricted notes and follow-up titles read "Restricted note" unless ``include_restricted``; counts and
    statuses stay as they are.

    With ``bounded``, each long list holds only the rows the report's documents show (see ``shown_rows``);
    without it, every row the Excel and CSV downloads list, as they and an issued report need. Each area's
    meetings and follow-ups are only ever shown cut (the downloads count them), so they always are. Either way
    each list's exact length is beside it (``<list>_total``), and every count is the same.

    Everything is counted as of the counting day: the window's end, or ``today`` (default: the app's today) while
    the window has not ended, so nothing is counted that has not happened yet and no follow-up is overdue before
    its due date.

    With ``recorded_by``, every figure is counted from the data as it stood at that moment (see ``as_recorded``):
    what an issued report is reproduced from.

    Runs a fixed number of queries whatever the number of areas, meetings or follow-ups.
    """
    partnership = plan.partnership
    day_before = starts_on - timedelta(days=1)
    today = today or follow_up_services.today()
    counted_on = counting_day(ends_on, today)
    changes_limit, report_limit = (AREA_LIST_ROWS, REPORT_LIST_ROWS) if bounded else (None, None)
    # The partnership's figures wait for nothing: begun first, beside all that follows (see ``side_by_side``).
    follow_up_counts_later = start(follow_up_data.follow_up_counts, partnership.id, starts_on, day_before, counted_on,
                                   recorded_by)
    open_follow_ups_later = start(follow_up_data.open_follow_ups, partnership.id, counted_on, report_limit,
                                  recorded_by)
    meetings_later = start(data.meetings_held, partnership.id, starts_on, counted_on, report_limit, recorded_by)
    meeting_counts_later = start(data.meeting_counts, partnership.id, starts_on, counted_on, recorded_by)
    chases_later = start(follow_up_data.chases_in_window, partnership.id, starts_on, counted_on,
                         db.session.get_bind().dialect.name, recorded_by)
    pillars = db.session.execute(
        sa.select(Pillar.id, Pillar.name).where(Pillar.plan_id == plan.id).order_by(Pillar.position, Pillar.id)
    ).all()
    # Every figure as of a day counts what was in use that day: a line archived since still counts then.
    start_day = counting_day(day_before, today)
    counted_areas = data.live_areas(plan.id, start_day, counted_on, recorded_by)
    counted_lines = data.live_action_lines([area.id for area in counted_areas], start_day, counted_on, recorded_by)
    areas = [area for area in counted_areas if area.at_end]
    area_ids = [area.id for area in areas]
    shown = set(area_ids)
    lines = [line for line in counted_lines if line.at_end and line.area_id in shown]
    lines_of = defaultdict(list)
    for line in lines:
        lines_of[line.area_id].append(line)
    # The lists of each area, beside the statuses and activities worked out here.
    changes_later = start(data.status_changes, area_ids, [line.id for line in lines], starts_on, counted_on,
                          changes_limit, recorded_by)
    area_meetings_later = start(data.meetings_by_area, area_ids, partnership.id, starts_on, counted_on,
                                AREA_LIST_ROWS, recorded_by)
    area_follow_ups_later = start(follow_up_data.follow_ups_by_area, area_ids, partnership.id, starts_on, day_before,
                                  counted_on, AREA_LIST_ROWS, recorded_by)
    activities_later = start(line_activities, [line.id for line in lines], starts_on, ends_on, counted_on,
                             ChoiceWords.now(), recorded_by, LINE_ACTIVITY_ROWS if bounded else None)
    statuses = data.statuses_at_edges(area_ids, [line.id for line in counted_lines], start_day, counted_on,
                                      recorded_by)
    # What the desk drafted for the window: words, not figures, so read as they stand now whatever ``recorded_by``.
    written = written_for(plan.id, starts_on, ends_on)

    activities = activities_later.result()
    changes = changes_later.result()
    meetings, meeting_areas = meetings_later.result()
    area_meetings = area_meetings_later.result()
    area_follow_ups = area_follow_ups_later.result()
    open_follow_ups = open_follow_ups_later.result()
    follow_up_counts = follow_up_counts_later.result()
    by_type, by_month = Counter[MeetingType](), Counter[str]()
    for kind, year, month, count in meeting_counts_later.result():
        by_type[kind] += count
        by_month[f"{int(year):04d}-{int(month):02d}"] += count

    coverage: dict[str, dict[str, Any]] = {}
    for edge in ("start", "end"):
        line_status = statuses["line", edge]
        areas_then = {area.id for area in counted_areas if data.in_use_at(area, edge)}
        in_use = defaultdict(list)
        for line in counted_lines:
            if data.in_use_at(line, edge) and line.area_id in areas_then:
                in_use[line.area_id].append(line_status.get(line.id))
        area_coverage = {area.id: Coverage.of(in_use[area.id]) for area in counted_areas}
        coverage[edge] = {
            "areas": area_coverage,
            "pillars": {pillar.id: sum((area_coverage[a.id] for a in counted_areas if a.pillar_id == pillar.id),
                                       Coverage())
                        for pillar in pillars},
            "plan": sum(area_coverage.values(), Coverage()),
        }

    area_rows: dict[int, AreaFigures] = {}
    for area in areas:
        area_rows[area.id] = {
            "id": area.id,
            "code": area.code,
            "name": area.name,
            "focal_point": area.focal_point,
            "status_start": status_figures(statuses["area", "start"].get(area.id), AreaStatus),
            "status_end": status_figures(statuses["area", "end"].get(area.id), AreaStatus),
            "coverage_start": coverage_figures(coverage["start"]["areas"][area.id]),
            "coverage_end": coverage_figures(coverage["end"]["areas"][area.id]),
            "action_lines": [
                {
                    "code": line.code,
                    "text": line.text,
                    "status_start": line_status_figures(statuses["line", "start"].get(line.id)),
                    "status_end": line_status_figures(statuses["line", "end"].get(line.id)),
                    "activities": activities[line.id].rows if line.id in activities else [],
                    "activities_total": activities[line.id].total if line.id in activities else 0,
                    **written.line(line.id),
                }
                for line in lines_of[area.id]
            ],
            "changes": [change_figures(row, include_restricted) for row in changes.get(area.id, [])],
            "changes_total": ranked_total(changes.get(area.id, [])),
            "meetings": [{"id": row.id, "name": name_of_row(row),
                          "held_on": row.held_on.isoformat()} for row in area_meetings.get(area.id, [])],
            "meetings_total": ranked_total(area_meetings.get(area.id, [])),
            "follow_ups": [follow_up_figures(row, counted_on, include_restricted)
                           for row in area_follow_ups.get(area.id, [])],
            "follow_ups_total": ranked_total(area_follow_ups.get(area.id, [])),
            **written.area(area.id),
        }
    pillar_rows: list[PillarFigures] = [
        {
            "id": pillar.id,
            "name": pillar.name,
            "coverage_start": coverage_figures(coverage["start"]["pillars"][pillar.id]),
            "coverage_end": coverage_figures(coverage["end"]["pillars"][pillar.id]),
            "areas": [area_rows[a.id] for a in areas if a.pillar_id == pillar.id],
        }
        for pillar in pillars
    ]
    pillar_rows = [row for row in pillar_rows if row["areas"]]

    # The last report of the plan issued before this one: before the moment it is counted as of, if it is.
    previous = db.session.scalar(
        sa.select(IssuedReport)
        .where(IssuedReport.plan_id == plan.id,
               *([IssuedReport.issued_at < recorded_by] if recorded_by is not None else []))
        .order_by(IssuedReport.issued_at.desc(), IssuedReport.id.desc())
        .limit(1)
    )
    coverage_end = coverage_figures(coverage["end"]["plan"])
    chased = chased_follow_ups(chases_later.result(), include_restricted=include_restricted,
                               restricted_title=RESTRICTED_NOTE)
    return {
        "title": f"{partnership.name} period report, {long_date(starts_on)} to {long_date(ends_on)}",
        "partnership": {"name": partnership.name, "slug": partnership.slug,
                        **_partnership_standing(partnership.id, counted_on, recorded_by)},
        "plan": {
            "id": plan.id, "title": plan.title, "label": plan.label, "kind": plan.kind.label,
            "starts_on": plan.starts_on.isoformat(), "ends_on": plan.ends_on.isoformat(), "state": plan.state.label,
        },
        "window": {"starts_on": starts_on.isoformat(), "ends_on": ends_on.isoformat(),
                   "name": window_name(plan, starts_on, ends_on), "counted_on": counted_on.isoformat(),
                   "has_ended": counted_on == ends_on},
        "generated_at": now.isoformat(timespec="minutes"),
        "generated_by": generated_by,
        "every_row": not bounded,
        "coverage": {"start": coverage_figures(coverage["start"]["plan"]), "end": coverage_end},
        "meetings_by_type": [
            {"type": kind.value, "label": kind.label, "count": by_type[kind]} for kind in MeetingType if by_type[kind]
        ],
        "meetings_by_month": [{"month": month, "count": by_month[month]} for month in sorted(by_month)],
        "follow_up_counts": count_figures(follow_up_counts),
        "pillars": pillar_rows,
        "meetings": [meeting_figures(row, meeting_areas.get(row.id, [])) for row in meetings],
        "meetings_total": sum(by_type.values()),
        "open_follow_ups": [follow_up_figures(row, counted_on, include_restricted) for row in open_follow_ups],
        "open_follow_ups_total": follow_up_counts["open_at_end"],
        "changes_since_last": _changes_since(previous, list(area_rows.values()), coverage_end),
        "way_forward": "",
        "matrix": True,
        "include_restricted": include_restricted,
        "issued": None,
        "attachments": attachment_annex(plan.id, partnership.id, starts_on, counted_on,
                                        include_restricted=include_restricted, recorded_by=recorded_by),
        "chased_follow_ups": chased,
        "chases_total": sum(follow_up["count"] for follow_up in chased),
    }


def coverage_figures(coverage: Coverage) -> CoverageFigures:
    return {"total": coverage.total, "addressed": coverage.addressed, "being_addressed": coverage.being_addressed}


def _status_label(status: Choice | None) -> str:
    return status["label"] if status else "No status"


def window_name(plan: Plan, starts_on: date, ends_on: date) -> str:
    if (starts_on, ends_on) == (plan.starts_on, plan.ends_on):
        return "Whole plan"
    if starts_on == date(starts_on.year, 1, 1) and ends_on == date(starts_on.year, 12, 31):
        return f"Calendar year {starts_on.year}"
    # The dates themselves follow the name wherever it is shown.
    return "Chosen dates"


def default_window(plan: Plan, today: date) -> tuple[date, date]:
    """The plan's start to today, or to the plan's end once it is over."""
    return plan.starts_on, min(max(today, plan.starts_on), plan.ends_on)

