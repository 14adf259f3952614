"""How dates read in messages, on pages and in reports, in one place.

The rules in services name dates in their messages ("the meeting on 14 March 2025"), so the wording lives here
rather than with the template helpers: a service that explains a refusal must not depend on how pages are built.
"""

from datetime import date, datetime


def long_date(value: date | datetime | str | None, missing: str = "Not provided") -> str:
    """14 March 2025: the date style of official reporting, never ambiguous between day and month."""
    if value is None or value == "":
        return missing
    if isinstance(value, str):  # report figures keep dates as ISO text
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    return f"{value.day} {value:%B %Y}"


def date_time(value: datetime | str | None) -> str:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return f"{long_date(value)} {value:%H:%M}" if value else "Not provided"
