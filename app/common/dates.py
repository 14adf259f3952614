"""How dates read in messages, on pages and in reports, in one place.

The rules in services name dates in their messages ("the meeting on 14 March 2025"), so the wording lives here
rather than with the template helpers: a service that explains a refusal must not depend on how pages are built.

``long_date`` and ``date_time`` are English whoever asks: what they write is stored (the search index), sent (report
files) or part of a message still in English. Pages read dates through ``page_date`` and ``page_date_time`` (the
templates' ``long_date`` and ``date_time`` filters), in the language of the page; so do reminder e-mails, in their
reader's.
"""

from datetime import date, datetime

from flask_babel import format_date, gettext
from flask_babel import lazy_gettext as _l

from app.languages import DEFAULT_LANGUAGE, page_language


def as_date(value: date | datetime | str) -> date | datetime:
    """Report figures keep dates as ISO text."""
    if isinstance(value, str):
        return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    return value


#: The months in English, by number: named here, not by strftime, whose names follow the process's C locale and
#: which a report's hundreds of dates would each call.
MONTHS = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def long_date(value: date | datetime | str | None, missing: str = "Not provided") -> str:
    """14 March 2025: the date style of official reporting, never ambiguous between day and month."""
    if value is None or value == "":
        return missing
    value = as_date(value)
    return f"{value.day} {MONTHS[value.month]} {value.year}"


def date_time(value: datetime | str | None) -> str:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return f"{long_date(value)} {value:%H:%M}" if value else "Not provided"


def page_date(value: date | datetime | str | None, missing: str | None = None) -> str:
    """``long_date`` in the page's language: "14 Maret 2025" in Bahasa Indonesia. ``missing``: already translated."""
    if value is None or value == "":
        return missing if missing is not None else gettext("Not provided")
    if page_language() == DEFAULT_LANGUAGE:
        return long_date(value)
    return format_date(as_date(value), "d MMMM y", rebase=False)  # as written, like long_date


def page_date_time(value: datetime | str | None) -> str:
    if not value:
        return gettext("Not provided")
    value = datetime.fromisoformat(value) if isinstance(value, str) else value
    return f"{page_date(value)} {value:%H:%M}"


#: The days of the week as pages name them, Monday first as ``date.weekday`` counts.
WEEKDAYS = (_l("Monday"), _l("Tuesday"), _l("Wednesday"), _l("Thursday"), _l("Friday"), _l("Saturday"), _l("Sunday"))


def page_weekday(value: date | datetime) -> str:
    """The day of the week of ``value`` in the page's language."""
    return str(WEEKDAYS[value.weekday()])
