"""Dates in a spreadsheet, in the spellings desks use: 2025-03-04, 4 March 2025, 4 Mar 2025, March 4, 2025,
04/03/2025, 4.3.2025, 4-3-2025, and Excel's own date cells (read as 2025-03-04).

Numbers only, the day comes first (04/03/2025 is 4 March), as everywhere outside the United States: the templates'
hints say so. Month names and their abbreviations are the date boxes' own (``MONTH_NAMES``); years are four
figures, within the date boxes' range.
"""

import re
from datetime import date

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from app.common.forms import MONTH_NAMES, DateInputField
from app.imports.table import RowProblems

#: Month names are read in English only (``MONTH_NAMES``), in every language of the page: the hint says so.
HINT = _l("Dates like 4 March 2025, 2025-03-04 or 04/03/2025 (day first)")
ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
DAY_MONTH_NAME = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[\s\-/]+([a-z]+)\.?,?[\s\-/]+(\d{4})$")
MONTH_NAME_DAY = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")


class NotADate(RowProblems):
    """A cell that is not a date in any spelling the import reads; the message names the column and the text. A
    row reader lets it through: it is then the row's problem in the preview."""


def _parts(text: str) -> tuple[str, str, str] | None:
    """(year, month, day) as written, the month as a number."""
    if found := ISO.match(text):
        return found.group(1), found.group(2), found.group(3)
    if found := DAY_FIRST.match(text):
        return found.group(3), found.group(2), found.group(1)
    if found := DAY_MONTH_NAME.match(text):
        day, month, year = found.groups()
    elif found := MONTH_NAME_DAY.match(text):
        month, day, year = found.groups()
    else:
        return None
    number = MONTH_NAMES.get(month)
    return (year, str(number), day) if number else None


def read_date(text: str, what: str) -> date:
    """The date ``text`` spells, or ``NotADate`` saying that the ``what`` ("Date of the meeting", in the reader's
    language) cannot be read."""
    cleaned = " ".join(text.split()).lower()
    parts = _parts(cleaned)
    problem = gettext("%(what)s %(text)s must be a real date, like 4 March 2025 or 2025-03-04", what=what, text=text)
    if parts is None:
        raise NotADate(problem)
    year, month, day = (int(part) for part in parts)
    if not DateInputField.EARLIEST_YEAR <= year <= DateInputField.LATEST_YEAR:
        raise NotADate(gettext("Year of the %(what)s must be between %(earliest)s and %(latest)s", what=what.lower(),
                               earliest=DateInputField.EARLIEST_YEAR, latest=DateInputField.LATEST_YEAR))
    try:
        return date(year, month, day)
    except ValueError:
        raise NotADate(problem) from None
