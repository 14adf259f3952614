"""Each row of the period report's figures written from a row the database gave: a follow-up, a meeting, a status
change, a status. In English, as every word of the figures is (``build_period_report`` is written in English)."""

from datetime import date
from functools import cache
from typing import Any

from flask_babel import force_locale

from app.languages import DEFAULT_LANGUAGE
from app.models import ActionLineStatus, AreaStatus, FollowUpStatus, MeetingType
from app.models.meeting import meeting_name, name_of_row
from app.models.person import person_name
from app.reports.chase_data import owner_in_report
from app.reports.period_figures import (
    Choice,
    FollowUpCounts,
    FollowUpFigures,
    FollowUpState,
    MeetingFigures,
    StatusChange,
)


@cache
def report_label(choice: AreaStatus | ActionLineStatus | MeetingType) -> str:
    """A status's or a meeting type's words in the report's English, looked up once: a report names the same few on
    hundreds of rows."""
    with force_locale(DEFAULT_LANGUAGE):
        return choice.label


def status_figures(value: str | None, vocabulary: type[AreaStatus]) -> Choice | None:
    if value is None:
        return None
    choice = vocabulary(value)
    return {"value": choice.value, "label": report_label(choice)}


def follow_up_state(row: Any, counted_on: date) -> FollowUpState:
    """The state of a follow-up on the report's counting day (``row`` holds its status and due date then):
    overdue only when open and due before that day."""
    if row.status is FollowUpStatus.DONE:
        return "done"
    if row.status is FollowUpStatus.CANCELLED:
        return "cancelled"
    if row.due_on and row.due_on < counted_on:
        return "overdue"
    return "open"


STATE_LABELS: dict[FollowUpState, str] = {
    "done": "Done", "cancelled": "Cancelled", "overdue": "Overdue", "open": "Open",
}


RESTRICTED_NOTE = "Restricted note"


def shown_text(text: str, restricted: bool, include_restricted: bool) -> str:
    """``text`` as a report may carry it: hidden when restricted unless its producer chose to include it."""
    return RESTRICTED_NOTE if restricted and not include_restricted else text


def follow_up_figures(row: Any, counted_on: date, include_restricted: bool = False) -> FollowUpFigures:
    state = follow_up_state(row, counted_on)
    partner = person_name(row.honorific, row.full_name) if row.full_name else None
    return {
        "id": row.id,
        "title": shown_text(row.title, row.is_restricted, include_restricted),
        "owner": owner_in_report(row.owner_user, partner, row.partner_office),
        "opened_on": row.opened_on.isoformat(),
        "due_on": row.due_on.isoformat() if row.due_on else None,
        "completed_on": row.completed_on.isoformat() if row.completed_on and state == "done" else None,
        "state": state,
        "state_label": STATE_LABELS[state],
        "meeting": (meeting_name(row.meeting_type, row.meeting_number, row.meeting_title,
                                 row.meeting_named_after_participants) if row.meeting_type else None),
        "area_id": row.area_id,
    }


def meeting_figures(row: Any, areas: list[str]) -> MeetingFigures:
    return {
        "id": row.id,
        "name": name_of_row(row),
        "type": row.type.value,
        "type_label": report_label(row.type),
        "held_on": row.held_on.isoformat(),
        "venue": row.venue,
        "areas": areas,
        "participants": row.participants,
    }


def change_figures(row: Any, include_restricted: bool) -> StatusChange:
    vocabulary = AreaStatus if row.area_id else ActionLineStatus
    return {
        "as_of": row.as_of.isoformat(),
        "subject": "Area" if row.area_id else f"Action line {row.line_code}",
        "status": vocabulary(row.status).value,
        "status_label": report_label(vocabulary(row.status)),
        "progress": row.progress,
        "note": shown_text(row.note, row.is_restricted, include_restricted),
        "author": row.author,
    }


def ranked_total(rows: list[Any]) -> int:
    """The number of rows a ranked list had before it was cut (each row carries it)."""
    return rows[0].total if rows else 0


def count_figures(counts: dict[str, int]) -> FollowUpCounts:
    """The counts ``follow_up_data.follow_up_counts`` makes, by name."""
    return {"opened": counts["opened"], "completed": counts["completed"], "cancelled": counts["cancelled"],
            "open_at_end": counts["open_at_end"], "overdue_at_end": counts["overdue_at_end"]}


def line_status_figures(value: str | None) -> Choice:
    choice = ActionLineStatus(value) if value else ActionLineStatus.NOT_YET_ADDRESSED
    return {"value": choice.value, "label": report_label(choice)}
