"""The long lists of a period report (status changes, meetings, follow-ups): how many rows the documents show of
each, and how many there are in all."""

from typing import Any, Generic, Literal, NamedTuple, TypeVar, cast, overload

from app.reports.period_figures import (
    ActionLineFigures,
    AreaFigures,
    AreaMeeting,
    FollowUpFigures,
    LineActivity,
    MeetingFigures,
    PeriodFigures,
    StatusChange,
)

#: The most rows of one list the report's documents (page, PDF, Word) show: each area's latest status changes and
#: meetings and its follow-ups due first, the period's latest meetings and the open follow-ups due first. A
#: committee reads a few pages, not every record of a busy partnership (the busiest one's PDF is some fifteen
#: pages). Counts stay exact, each document says how many more there are, and the Excel and CSV downloads list
#: every status change, meeting and open follow-up.
AREA_LIST_ROWS = 5
REPORT_LIST_ROWS = 25
#: The most activities of one action line the documents list in the implementation matrix, the latest of the
#: window: a busy partnership's line gathers many a year, and each is a row of a table the PDF lays out.
LINE_ACTIVITY_ROWS = 5
#: Lists whose latest rows are kept (status changes, meetings); the others keep the earliest due.
LATEST_KEPT = frozenset({"changes", "meetings"})
#: The long lists of a report (``meetings``, ``open_follow_ups``) and of each of its areas (``changes``,
#: ``meetings``, ``follow_ups``), each with its total beside it as ``<list>_total``.
ListName = Literal["changes", "meetings", "follow_ups", "open_follow_ups"]


Row = TypeVar("Row")


class ShownRows(NamedTuple, Generic[Row]):
    rows: list[Row]
    #: How many rows the list has in all, and how many of them the document leaves out.
    total: int
    more: int


def list_total(container: PeriodFigures | AreaFigures, key: ListName) -> int:
    """How many rows the list ``key`` of a report (or of one of its areas) has in all, shown or not."""
    # The one reading by a key made at run time: ``key`` is one of the lists both shapes declare with its total.
    total: int = cast(dict[str, Any], container)[f"{key}_total"]
    return total


@overload
def shown_rows(container: AreaFigures, key: Literal["changes"]) -> ShownRows[StatusChange]: ...
@overload
def shown_rows(container: AreaFigures, key: Literal["meetings"]) -> ShownRows[AreaMeeting]: ...
@overload
def shown_rows(container: AreaFigures, key: Literal["follow_ups"]) -> ShownRows[FollowUpFigures]: ...
@overload
def shown_rows(container: PeriodFigures, key: Literal["meetings"]) -> ShownRows[MeetingFigures]: ...
@overload
def shown_rows(container: PeriodFigures, key: Literal["open_follow_ups"]) -> ShownRows[FollowUpFigures]: ...


def shown_rows(container: PeriodFigures | AreaFigures, key: ListName) -> ShownRows[Any]:
    """The rows of the list ``key`` of a report, or of one of its areas, that the documents show.

    The same cut whether the figures hold every row (an issued report) or only these (a live page).
    """
    limit = REPORT_LIST_ROWS if "pillars" in container else AREA_LIST_ROWS
    rows: list[Any] = cast(dict[str, Any], container)[key]
    rows = rows[-limit:] if key in LATEST_KEPT else rows[:limit]
    total = list_total(container, key)
    return ShownRows(rows, total, total - len(rows))


def shown_activities(line: ActionLineFigures) -> ShownRows[LineActivity]:
    """The activities of an action line that the documents list: the latest ``LINE_ACTIVITY_ROWS`` of the window,
    earliest first, the same whether the figures hold every one (an issued report) or only these (a live page)."""
    rows = line["activities"][-LINE_ACTIVITY_ROWS:]
    return ShownRows(rows, line["activities_total"], line["activities_total"] - len(rows))
