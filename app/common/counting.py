"""The day a figure is counted as of, the same for every page and report."""

from datetime import date


def counting_day(window_ends_on: date, today: date) -> date:
    """The window's last day, or today while the window has not ended: a figure never counts what has not
    happened yet, and a follow-up is not overdue before its due date."""
    return min(window_ends_on, today)
