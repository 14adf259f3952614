"""An issued report checked against the data: every figure counted again, from the data as it stood when the report
was issued. A desk stands behind the figures it sent: months later they must come out the same, whatever has been
archived, corrected, backdated or moved since; where one does not, the check says which and by how much."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from app.models import IssuedReport, MeetingType
from app.models.base import in_utc
from app.reports.period import build_period_report
from app.reports.period_figures import PeriodFigures

#: What a report says about its own making and about the plan and the partnership as they are described now (titles,
#: states), and the annex of files attached to its records: not figures of the window, so not compared.
NOT_FIGURES = frozenset({"title", "plan", "generated_at", "generated_by", "every_row", "way_forward", "remarks",
                         "issued", "include_restricted", "name", "slug", "attachments"})


@dataclass(frozen=True)
class Difference:
    #: Where in the report: "follow_up_counts › open_at_end", "pillars 1 › areas 2 › status_end".
    where: str
    issued: object
    again: object


def counted_again(issued: IssuedReport) -> PeriodFigures:
    """The figures of ``issued`` counted from the data as it stood at its moment of issue, as of the same day."""
    figures = issued.figures
    counted_on = figures.get("window", {}).get("counted_on")
    return build_period_report(
        issued.plan, issued.window_starts_on, issued.window_ends_on, generated_by=figures.get("generated_by", ""),
        now=issued.issued_at, include_restricted=bool(figures.get("include_restricted")),
        today=date.fromisoformat(counted_on) if counted_on else issued.window_ends_on,
        recorded_by=in_utc(issued.issued_at),
    )


def differences(issued: IssuedReport) -> list[Difference]:
    """Each figure of ``issued`` that the data as it stood then no longer gives; empty when every one agrees.

    A figure the report did not have when it was issued (one added to reports since) is not asked for.
    """
    # The figures as stored, not brought up to today's shape: a figure the report did not have is not asked for.
    return list(_compare(issued.figures, counted_again(issued), ""))


#: How the report's parts are called where the check names a figure, in the reader's language (the check's page is
#: theirs; the figures' own words are the report's, in English).
PLACES = {
    "partnership": _l("Partnership"), "status": _l("Status"), "level": _l("Level"), "since": _l("Since"),
    "window": _l("Period"), "counted_on": _l("Counted as of"), "has_ended": _l("Period ended"),
    "coverage": _l("Action lines being addressed or addressed"), "start": _l("At the start"), "end": _l("At the end"),
    "coverage_start": _l("Action lines, at the start"), "coverage_end": _l("Action lines, at the end"),
    "total": _l("Total"), "addressed": _l("Addressed"), "being_addressed": _l("Being addressed"),
    "meetings_by_type": _l("Meetings by type"), "meetings_by_month": _l("Meetings by month"), "count": _l("Count"),
    "follow_up_counts": _l("Follow-up actions"), "opened": _l("Opened"), "completed": _l("Completed"),
    "cancelled": _l("Cancelled"),
    "open_at_end": _l("Open at the end"), "overdue_at_end": _l("Overdue at the end"),
    "activities": _l("Activities"), "pillars": _l("Pillars"), "areas": _l("Areas"), "action_lines": _l("Action lines"),
    "status_start": _l("Status at the start"), "status_end": _l("Status at the end"),
    "changes": _l("Status changes"), "changes_total": _l("Status changes in all"),
    "meetings": _l("Meetings held"), "meetings_total": _l("Meetings held in all"),
    "follow_ups": _l("Follow-ups"), "follow_ups_total": _l("Follow-ups in all"),
    "open_follow_ups": _l("Open follow-ups"), "open_follow_ups_total": _l("Open follow-ups in all"),
    "changes_since_last": _l("Changes since the last report"), "previous": _l("Last report"), "items": _l("Changes"),
}
#: What tells the rows of a list apart, in the order looked for, and the words that name a row.
ROW_KEYS = ("id", "type", "month", "code", "subject")
ROW_NAMES = ("name", "title", "label", "code", "month", "subject")
#: Whether a row is in the report as issued and as counted again: the check's words, not the report's.
LISTED, NOT_LISTED = _l("listed"), _l("not listed")


def _place(where: str, key: str) -> str:
    words = PLACES.get(key, key.replace("_", " ").capitalize())
    return f"{where} › {words}" if where else str(words)


def _row_key(row: object) -> object:
    if isinstance(row, dict):
        for key in ROW_KEYS:
            if key in row:
                return row[key]
    return None


def _row_name(row: object) -> str:
    if isinstance(row, dict):
        if row.keys() == {"type", "label", "count"}:  # a count of meetings by type: the type, in the reader's words
            return MeetingType(row["type"]).label
        for key in ROW_NAMES:
            if row.get(key):
                return str(row[key])
    return str(row)


def _compare(issued: object, again: object, where: str) -> Iterator[Difference]:
    if isinstance(issued, dict) and isinstance(again, dict):
        for key, value in issued.items():
            if key not in NOT_FIGURES:
                yield from _compare(value, again.get(key), _place(where, key))
    elif isinstance(issued, list) and isinstance(again, list):
        yield from _compare_rows(issued, again, where)
    elif issued != again:
        yield Difference(where, issued, again)


def _compare_rows(issued: list[object], again: list[object], where: str) -> Iterator[Difference]:
    """Rows matched by what identifies them (a record's id, a meeting type, a month), so one row gone is one
    difference, not a shift of every row after it; rows with nothing to match on, by position."""
    keys = [_row_key(row) for row in issued]
    if None in keys or len(set(keys)) != len(keys):
        for number, (one, other) in enumerate(zip(issued, again, strict=False), start=1):
            yield from _compare(one, other, f"{where} {number}")
        if len(issued) != len(again):
            yield Difference(gettext("%(where)s, rows", where=where), len(issued), len(again))
        return
    counted = {_row_key(row): row for row in again}
    for key, row in zip(keys, issued, strict=True):
        if key in counted:
            yield from _compare(row, counted.pop(key), f"{where} › {_row_name(row)}")
        else:
            yield Difference(f"{where} › {_row_name(row)}", LISTED, NOT_LISTED)
    for row in counted.values():
        yield Difference(f"{where} › {_row_name(row)}", NOT_LISTED, LISTED)
