"""The implementation matrix of the period report: under each action line, the activities of the window.

An activity is in the window when its dates (actual where known, else planned) meet it: it began by the window's
end and ended, or is still going or planned to go on, on or after its start. An activity with no date at all is in
no window. Its state is the one in force on the counting day, from its state history, so the 2024 report made in
2026 says what was true at the end of 2024. Activities planned later in a window that has not ended are listed, as
planned: a desk reporting before the year is out names what is still to come.

One statement, whatever the number of lines or activities. A document shows the latest few activities of each
line (``app.reports.lists.LINE_ACTIVITY_ROWS``), with how many there are in all; the downloads that list every
row (Excel, CSV) and an issued report hold every one.
"""

from collections import defaultdict
from datetime import date, datetime
from functools import cache
from typing import NamedTuple

import sqlalchemy as sa

from app.common.lists import AnyRows
from app.models import ActivityKind, ActivityState, ActivityStateEntry, FundingSource
from app.models.activity import activity_action_lines
from app.reports import as_recorded
from app.reports.as_recorded import RECORDED_BY
from app.reports.period_data import COUNTED_ON, ENDS_ON, LIMIT, LINE_IDS, STARTS_ON, PlainRow, ranks, run
from app.reports.period_figures import LineActivity


class LineActivities(NamedTuple):
    #: Earliest start first: every one, or the latest ``limit`` of them.
    rows: list[LineActivity]
    #: How many there are in the window in all.
    total: int


def line_activities(line_ids: list[int], starts_on: date, ends_on: date, counted_on: date, words: "ChoiceWords",
                    recorded_by: datetime | None = None, limit: int | None = None) -> dict[int, LineActivities]:
    """The activities in the window under each of ``line_ids``, by line id, with their kinds, states and sources of
    funding in ``words``; with ``limit``, only the latest that many of each line (the rows a report document shows),
    with how many there are in all either way.

    With ``recorded_by``, those recorded and not archived by then, with the state history as recorded then.
    """
    if not line_ids:
        return {}
    found: dict[int, list[LineActivity]] = defaultdict(list)
    totals: dict[int, int] = {}
    for row in run(_line_activities(recorded_by is not None, limit is not None), line_ids=line_ids,
                   starts_on=starts_on, ends_on=ends_on, counted_on=counted_on, limit=limit,
                   **as_recorded.values(recorded_by, counted_on)):
        found[row.line_id].append(_activity(row, words))
        totals[row.line_id] = row.total
    return {line_id: LineActivities(rows, totals[line_id]) for line_id, rows in found.items()}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


class ChoiceWords(NamedTuple):
    """The words of each activity kind, state and source of funding, by stored value."""

    kinds: dict[str, str]
    states: dict[str, str]
    funding: dict[str, str]

    @classmethod
    def now(cls) -> "ChoiceWords":
        """In the language of the moment (a report's figures are in English)."""
        return cls(ActivityKind.labels(), ActivityState.labels(), FundingSource.labels())


def _activity(row: PlainRow, words: ChoiceWords) -> LineActivity:
    state = ActivityState(row.state) if row.state else None
    funding = FundingSource(row.funding_source)
    return {
        "id": row.id,
        "title": row.title,
        "kind": words.kinds[ActivityKind(row.kind).value],
        "planned_starts_on": _iso(row.planned_starts_on),
        "planned_ends_on": _iso(row.planned_ends_on),
        "actual_starts_on": _iso(row.actual_starts_on),
        "actual_ends_on": _iso(row.actual_ends_on),
        "state": {"value": state.value, "label": words.states[state.value]} if state else None,
        "funding_source": {"value": funding.value, "label": words.funding[funding.value]},
        "funded_by": row.funded_by,
        # Text, not a number: the amount to the cent, as recorded, whatever reads the JSON.
        "amount": str(row.amount) if row.amount is not None else None,
        "currency": row.currency,
    }


@cache
def _line_activities(recorded: bool, cut: bool) -> AnyRows:
    activity = as_recorded.activities(recorded).c
    starts = sa.func.coalesce(activity.actual_starts_on, activity.planned_starts_on)
    ends = sa.func.coalesce(activity.actual_ends_on, activity.planned_ends_on, starts)
    line_id = activity_action_lines.c.action_line_id
    # Which activities each line shows is settled first, so that the state on the counting day is looked up only
    # for those: a busy line has many in a year.
    in_window = ranks(
        sa.select(line_id.label("line_id"), activity.id.label("activity_id"))
        .join(activity.id.table, activity_action_lines.c.activity_id == activity.id)
        .where(line_id.in_(LINE_IDS), activity.archived_at.is_(None), starts <= ENDS_ON, ends >= STARTS_ON),
        line_id, (starts, activity.id), latest=True,
    )
    entry = sa.and_(ActivityStateEntry.activity_id == activity.id, ActivityStateEntry.effective_on <= COUNTED_ON)
    if recorded:
        entry = sa.and_(entry, ActivityStateEntry.recorded_at <= RECORDED_BY)
    state_then = (
        sa.select(ActivityStateEntry.state).where(entry)
        .order_by(ActivityStateEntry.effective_on.desc(), ActivityStateEntry.id.desc()).limit(1)
        .correlate(activity.id.table).scalar_subquery()
    )
    return (
        sa.select(in_window.c.line_id, in_window.c.total, activity.id, activity.title, activity.kind,
                  activity.planned_starts_on, activity.planned_ends_on, activity.actual_starts_on,
                  activity.actual_ends_on, state_then.label("state"), activity.funding_source, activity.funded_by,
                  activity.amount, activity.currency)
        .join(activity.id.table, activity.id == in_window.c.activity_id)
        .where(*([in_window.c.rank <= LIMIT] if cut else []))
        .order_by(in_window.c.line_id, starts, activity.id)
    )
