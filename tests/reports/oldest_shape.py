"""A report issued in the oldest shape of the figures, written by hand as the code of November 2026 wrote it
(``git show 749223a:app/reports/period.py``): every row of every list and no totals beside them, no
``every_row`` or ``meetings_by_month``, no counting day in the window, no cancellations counted, no
``include_restricted``. Stored as a migrated row is: ``figures_version`` 1.

The 2024 report of ASEAN–Pakistan, issued on 15 January 2025: one area, Trade, with three action lines (one being
addressed at the start; one addressed and one being addressed at the end), two status changes, two meetings
(a courtesy call on 25 March, the 7th JSCC on 10 August) and two follow-ups (one done, one overdue at the end).
"""

from datetime import UTC, date, datetime

from app.extensions import db
from app.models import IssuedReport

#: The document as issued: what its page shows, and what its PDF prints (with its one chart drawn again).
BODY = (
    '<article class="app-report"><h2>About this report</h2>'
    "<p>Statuses are those recorded as of 31 December 2024.</p>"
    '<div class="app-report-charts"><figure class="app-chart"><figcaption>Meetings held per quarter</figcaption>'
    '<div class="app-chart-graphic" data-chart="meetings"><svg role="img"></svg></div></figure></div>'
    "<p>Trade talks resumed after the courtesy call, as issued in January 2025.</p></article>"
)


def coverage(total, addressed, being_addressed):
    return {"total": total, "addressed": addressed, "being_addressed": being_addressed}


def line(code, start, end):
    labels = {"not_yet_addressed": "Not yet addressed", "being_addressed": "Being addressed", "addressed": "Addressed"}
    return {"code": code, "text": f"Action line {code}", "status_start": {"value": start, "label": labels[start]},
            "status_end": {"value": end, "label": labels[end]}}


def follow_up(id, title, due_on, state, completed_on=None):
    return {"id": id, "title": title, "owner": "Desk Officer", "opened_on": "2024-03-25", "due_on": due_on,
            "completed_on": completed_on, "state": state, "state_label": state.capitalize(),
            "meeting": "Courtesy call", "area_id": 11}


def oldest_figures(plan_id: int) -> dict:
    start, end = coverage(3, 0, 1), coverage(3, 1, 1)
    done = follow_up(501, "Share the draft work plan", "2024-06-30", "done", completed_on="2024-06-01")
    overdue = follow_up(502, "Sign the trade memorandum", "2024-11-30", "overdue")
    return {
        "title": "ASEAN–Pakistan period report, 1 January 2024 to 31 December 2024",
        "partnership": {"name": "ASEAN–Pakistan", "slug": "asean-pakistan", "status": "Sectoral dialogue partner",
                        "level": None, "since": "1993-07-23"},
        "plan": {"id": plan_id, "title": "Practical Cooperation Areas (2024-2028)", "label": "2024-2028",
                 "kind": "Practical Cooperation Areas", "starts_on": "2024-01-01", "ends_on": "2028-12-31",
                 "state": "In force"},
        "window": {"starts_on": "2024-01-01", "ends_on": "2024-12-31", "name": "Calendar year 2024"},
        "generated_at": "2025-01-15T10:00",
        "generated_by": "Desk Officer",
        "coverage": {"start": start, "end": end},
        "meetings_by_type": [{"type": "courtesy_call", "label": "Courtesy call", "count": 1},
                             {"type": "jscc", "label": "Joint Sectoral Cooperation Committee (JSCC)", "count": 1}],
        "follow_up_counts": {"opened": 2, "completed": 1, "open_at_end": 1, "overdue_at_end": 1},
        "pillars": [{"id": 7, "name": "Economic", "coverage_start": start, "coverage_end": end, "areas": [{
            "id": 11, "code": "2.1", "name": "Trade", "focal_point": "Trade desk",
            "status_start": None, "status_end": {"value": "on_track", "label": "On track"},
            "coverage_start": start, "coverage_end": end,
            "action_lines": [line("2.1.1", "being_addressed", "addressed"),
                             line("2.1.2", "not_yet_addressed", "being_addressed"),
                             line("2.1.3", "not_yet_addressed", "not_yet_addressed")],
            "changes": [
                {"as_of": "2024-05-01", "subject": "Area", "status": "on_track", "status_label": "On track",
                 "progress": 40, "note": "Work plan agreed", "author": "Aisyah Rahman"},
                {"as_of": "2024-09-30", "subject": "Action line 2.1.1", "status": "addressed",
                 "status_label": "Addressed", "progress": None, "note": "Customs seminar held",
                 "author": "Aisyah Rahman"},
            ],
            "meetings": [{"id": 21, "name": "Courtesy call", "held_on": "2024-03-25"},
                         {"id": 22, "name": "7th JSCC", "held_on": "2024-08-10"}],
            "follow_ups": [done, overdue],
        }]}],
        "meetings": [
            {"id": 21, "name": "Courtesy call", "type": "courtesy_call", "type_label": "Courtesy call",
             "held_on": "2024-03-25", "venue": "ASEAN Secretariat", "areas": ["Trade"], "participants": 4},
            {"id": 22, "name": "7th JSCC", "type": "jscc", "type_label": "Joint Sectoral Cooperation Committee (JSCC)",
             "held_on": "2024-08-10", "venue": None, "areas": ["Trade"], "participants": 12},
        ],
        "open_follow_ups": [overdue],
        "changes_since_last": {"previous": None, "items": []},
        "way_forward": "Hold the 8th JSCC in 2025.",
        "issued": {"at": "2025-01-15T10:00", "by": "Desk Officer"},
    }


def store_oldest(make, issued_by) -> IssuedReport:
    """The report above, stored as a row issued before versions were recorded is after the upgrade."""
    partnership = make.partnership()
    plan = make.plan(partnership)
    figures = oldest_figures(plan.id)
    report = IssuedReport(partnership_id=partnership.id, plan_id=plan.id, window_starts_on=date(2024, 1, 1),
                          window_ends_on=date(2024, 12, 31), title=figures["title"],
                          way_forward=figures["way_forward"], figures=figures, figures_version=1, html=BODY,
                          issued_at=datetime(2025, 1, 15, 10, 0, tzinfo=UTC), issued_by=issued_by)
    db.session.add(report)
    db.session.commit()
    return report
