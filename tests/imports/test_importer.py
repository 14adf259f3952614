"""An import is columns, a row reader, a matcher and a creator: a small one here, with a date column, shows what
the shared preview and confirmation do with each."""

from datetime import date

import pytest

from app.common.errors import DomainError
from app.imports.dates import read_date
from app.imports.preview import CHANGED_SINCE_PREVIEW, Importer, RowState, confirm_import, preview_import
from app.imports.table import Column, RowProblems, SheetRow


class MeetingDays(Importer[tuple[str, date], str]):
    """Meetings kept in a dictionary by title: enough to watch the journey without a model."""

    source = "Import of meeting days"
    columns = [Column("Title"), Column("Date")]

    def __init__(self, saved: dict[str, date]):
        self.saved = saved

    def read(self, row: SheetRow) -> tuple[str, date]:
        if not row.values["Title"]:
            raise RowProblems("Enter the title of the meeting")
        return row.values["Title"], read_date(row.values["Date"], "Date of the meeting")

    def key(self, values: tuple[str, date]) -> str:
        return values[0].casefold()

    def label(self, values: tuple[str, date]) -> str:
        return f"Meeting {self.key(values)}"

    def existing(self, keys: set[str]) -> dict[str, str]:
        return {title.casefold(): title for title in self.saved if title.casefold() in keys}

    def changes(self, record: str, values: tuple[str, date]) -> list[str]:
        return [f"Date: {self.saved[record]} → {values[1]}"] if self.saved[record] != values[1] else []

    def create(self, values: tuple[str, date]) -> None:
        if values[1].year < 2000:
            raise DomainError("held_on", "Date of the meeting must be in 2000 or later")
        self.saved[values[0]] = values[1]

    def update(self, record: str, values: tuple[str, date]) -> None:
        self.saved[record] = values[1]


def rows(*values: tuple[str, str]) -> list[SheetRow]:
    return [SheetRow(number, {"Title": title, "Date": day}) for number, (title, day) in enumerate(values, start=2)]


def test_each_row_is_new_changed_already_there_or_a_problem(app_context):
    importer = MeetingDays({"JCC": date(2025, 3, 4), "SOM": date(2025, 5, 6)})
    preview = preview_import(importer, rows(("jcc", "4 March 2025"), ("SOM", "07/05/2025"), ("PTF", "2025-09-01"),
                                            ("", "1 May 2025"), ("Retreat", "May the fourth"), ("ptf", "1.9.2025")))
    assert [(row.row.number, row.state, row.problem, row.changes) for row in preview.rows] == [
        (2, RowState.EXISTS, None, []),
        (3, RowState.CHANGES, None, ["Date: 2025-05-06 → 2025-05-07"]),
        (4, RowState.NEW, None, []),
        (5, RowState.PROBLEM, "Enter the title of the meeting", []),
        (6, RowState.PROBLEM, "Date of the meeting May the fourth must be a real date, like 4 March 2025 or "
                              "2025-03-04", []),
        (7, RowState.PROBLEM, "Meeting ptf is also in row 4 – keep one of them", []),
    ]


def test_confirming_writes_what_the_preview_said_and_nothing_when_a_row_is_refused(app_context):
    saved = {"SOM": date(2025, 5, 6)}
    good = rows(("SOM", "7 May 2025"), ("PTF", "1 September 2025"))
    previewed = preview_import(MeetingDays(saved), good).fingerprint
    with pytest.raises(DomainError) as changed:
        confirm_import(MeetingDays(saved), rows(("SOM", "8 May 2025"), ("PTF", "1 September 2025")),
                       previewed=previewed)
    assert changed.value.message == CHANGED_SINCE_PREVIEW
    confirm_import(MeetingDays(saved), good, previewed=previewed)
    assert saved == {"SOM": date(2025, 5, 7), "PTF": date(2025, 9, 1)}

    old = rows(("Retreat", "1 May 1999"))
    with pytest.raises(DomainError) as refused:
        confirm_import(MeetingDays(saved), old, previewed=preview_import(MeetingDays(saved), old).fingerprint)
    assert (refused.value.field, refused.value.message) == (
        "file", "Row 2: Date of the meeting must be in 2000 or later")
