"""How a period report says as of which day it counts, the same words on the page and in every download.

A report counts as of its window's end, or as of the day it was made while the window had not ended
(``counting_day``). Reports issued before this was recorded counted as of the window's end, and read so
(``issued_figures.from_version_1``).
"""

from datetime import date

from app.common.dates import long_date
from app.reports.period_figures import PeriodFigures


def counted_on(report: PeriodFigures) -> str:
    """The day (ISO text) the report's figures are counted as of."""
    return report["window"]["counted_on"]


def has_ended(report: PeriodFigures) -> bool:
    return report["window"]["has_ended"]


def not_ended_note(report: PeriodFigures) -> str | None:
    """"The period has not ended: figures are as of 6 December 2026." for a window counted before its end."""
    if has_ended(report):
        return None
    return f"The period has not ended: figures are as of {long_date(date.fromisoformat(counted_on(report)))}."


def counting_note(report: PeriodFigures) -> str:
    """The sentence under a report's header that says which day its statuses and figures are those of."""
    counted, starts_on = (date.fromisoformat(report["window"][edge]) for edge in ("counted_on", "starts_on"))
    note = (f"Statuses are those recorded as of {long_date(counted)}; “at start” means as of the day "
            f"before {long_date(starts_on)}.")
    ended = not_ended_note(report)
    return f"{ended} {note}" if ended else note


def at_end(report: PeriodFigures) -> str:
    """"at the end" of an ended period; "on 6 December 2026" of one that has not ended, counted as of that day."""
    return "at the end" if has_ended(report) else f"on {long_date(date.fromisoformat(counted_on(report)))}"
