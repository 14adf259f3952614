"""The order of the plan page's table of areas: by pillar in plan order, or by any one column.

The figures are already on the page, so sorting never asks the database again."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from flask_babel import lazy_gettext as _l

from app.areas.pages import AreaActivity
from app.implementation.coverage import Coverage
from app.models import AreaStatus, CooperationArea, Pillar, StatusUpdate

#: Worst first when sorting up, so a desk sees the areas in trouble at the top.
STATUS_ORDER = (AreaStatus.OFF_TRACK, AreaStatus.AT_RISK, AreaStatus.NOT_STARTED, AreaStatus.ON_TRACK,
                AreaStatus.COMPLETED)


class SortableRow(Protocol):
    @property
    def area(self) -> CooperationArea: ...
    @property
    def pillar(self) -> Pillar: ...
    @property
    def status(self) -> StatusUpdate | None: ...
    @property
    def coverage(self) -> Coverage | None: ...
    @property
    def activity(self) -> AreaActivity: ...


def code_key(code: str) -> tuple[tuple[int, int, str], ...]:
    """Area codes in the order people read them: 2.9 before 2.10."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part.lower())
                 for part in re.findall(r"\d+|[^\d.\s]+", code))


def _status(row: SortableRow) -> object:
    status = row.status.status_choice if row.status else None
    return STATUS_ORDER.index(status) if status in STATUS_ORDER else None


def _coverage(row: SortableRow) -> object:
    coverage = row.coverage
    return None if coverage is None or not coverage.total else (coverage.covered / coverage.total, coverage.total)


#: Each column a visitor can sort by: its key in the address, its heading (marked for translation, read when
#: shown), and the value of a row it sorts on (None for a row with nothing to compare, which goes last whichever
#: way the column is sorted).
COLUMNS: dict[str, tuple[object, Callable[[SortableRow], object]]] = {
    "area": (_l("Area"), lambda row: (code_key(row.area.code), row.area.name.lower())),
    "pillar": (_l("Pillar"), lambda row: (row.pillar.position, row.pillar.id)),
    "status": (_l("Status"), _status),
    "coverage": (_l("Action lines"), _coverage),
    "updated": (_l("Last update"), lambda row: row.status.as_of if row.status else None),
    "meetings": (_l("Meetings"), lambda row: row.activity.meetings),
    "follow_ups": (_l("Follow-ups"), lambda row: (row.activity.open_follow_ups, row.activity.overdue_follow_ups)),
}


@dataclass(frozen=True)
class AreaSort:
    column: str
    descending: bool = False

    @property
    def direction(self) -> str:
        return "desc" if self.descending else "asc"

    @property
    def label(self) -> str:
        return str(COLUMNS[self.column][0])


def asked_sort(column: str | None, direction: str | None) -> AreaSort | None:
    """The sort an address asked for (``?sort=status&dir=desc``); None, the view by pillar, for anything else."""
    if column not in COLUMNS:
        return None
    return AreaSort(column, direction == "desc")


Row = TypeVar("Row", bound=SortableRow)


def sorted_rows(rows: list[Row], sort: AreaSort) -> list[Row]:
    """``rows`` by the column, ties in the order of the area codes; rows without a value last either way."""
    value = COLUMNS[sort.column][1]
    by_area = sorted(rows, key=COLUMNS["area"][1])  # type: ignore[arg-type]
    known = [row for row in by_area if value(row) is not None]
    unknown = [row for row in by_area if value(row) is None]
    return sorted(known, key=value, reverse=sort.descending) + unknown  # type: ignore[arg-type]
