"""Dates as desks write them in a spreadsheet: every spelling of 4 March 2025 reads as that day, numbers day first."""

from datetime import date

import pytest

from app.imports.dates import NotADate, read_date


@pytest.mark.parametrize("text", [
    "2025-03-04", "2025-3-4", "2025-03-04 00:00:00",  # ISO, and an Excel date cell as the reader gives it
    "4 March 2025", "4 Mar 2025", "4 mar. 2025", "04 MARCH 2025", "4th March 2025", "4-Mar-2025",
    "March 4, 2025", "Mar 4 2025", "march 4th, 2025",
    "04/03/2025", "4/3/2025", "4.3.2025", "04.03.2025", "4-3-2025", "  4  March  2025 ",
])
def test_every_spelling_of_4_march_2025(text):
    assert read_date(text, "Date of the meeting") == date(2025, 3, 4)


def test_numbers_only_are_read_day_first():
    assert read_date("12/01/2025", "Date") == date(2025, 1, 12)
    assert read_date("1/12/2025", "Date") == date(2025, 12, 1)


@pytest.mark.parametrize(("text", "message"), [
    ("next Tuesday", "Date of the meeting next Tuesday must be a real date, like 4 March 2025 or 2025-03-04"),
    ("31/02/2025", "Date of the meeting 31/02/2025 must be a real date, like 4 March 2025 or 2025-03-04"),
    ("03/13/2025", "Date of the meeting 03/13/2025 must be a real date, like 4 March 2025 or 2025-03-04"),
    ("4 Marc 2025", "Date of the meeting 4 Marc 2025 must be a real date, like 4 March 2025 or 2025-03-04"),
    ("4/3/25", "Date of the meeting 4/3/25 must be a real date, like 4 March 2025 or 2025-03-04"),
    ("45720", "Date of the meeting 45720 must be a real date, like 4 March 2025 or 2025-03-04"),
    ("4 March 0225", "Year of the date of the meeting must be between 1900 and 2100"),
])
def test_anything_else_is_refused_with_a_message_naming_it(text, message):
    with pytest.raises(NotADate) as refused:
        read_date(text, "Date of the meeting")
    assert str(refused.value) == message
