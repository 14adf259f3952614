"""How the matrix words an activity's dates and funding, and a line's activities left out, the same on the page,
in the PDF and in Word."""

from app.common.dates import long_date
from app.common.numbers import amount_text
from app.reports.lists import ShownRows
from app.reports.period_figures import LineActivity


def span(starts_on: str | None, ends_on: str | None) -> str:
    """1 March 2025, or 1 March 2025 to 14 March 2025."""
    if ends_on and ends_on != starts_on:
        return f"{long_date(starts_on)} to {long_date(ends_on)}"
    return long_date(starts_on)


def activity_dates(activity: LineActivity) -> str:
    """When it was held, with when it was planned beside it unless the same; or when it is planned, while it has not
    begun."""
    planned = span(activity["planned_starts_on"], activity["planned_ends_on"])
    if not activity["actual_starts_on"]:
        return f"Planned {planned}"
    held = span(activity["actual_starts_on"], activity["actual_ends_on"])
    if not activity["planned_starts_on"]:
        return f"Held {held}"
    return f"Held {held}, as planned" if held == planned else f"Held {held} (planned {planned})"


def activity_funding(activity: LineActivity) -> str:
    """Funded by: Government of Pakistan, 15,000.00 USD (the fund or funder by name, else where the money came from)."""
    funded = f"Funded by: {activity['funded_by'] or activity['funding_source']['label']}"
    if activity["amount"] is not None:
        funded += f", {amount_text(activity['amount'], activity['currency'])}"
    return funded


def activities_left_out(shown: ShownRows[LineActivity]) -> str:
    """What a document says above a line's activities when it lists only the latest; "" when it lists them all."""
    if not shown.more:
        return ""
    return (f"{shown.total} in the period; the latest {len(shown.rows)} are listed, the Excel and CSV downloads list "
            f"every one.")
