"""Reading a period report's follow-up figures the way a desk officer reads the page."""

import re


def period_url(plan, starts_on, ends_on) -> str:
    dates = {"starts_on": starts_on, "ends_on": ends_on}
    query = "&".join(f"{name}-{part}={getattr(day, part)}" for name, day in dates.items()
                     for part in ("day", "month", "year"))
    return f"/partnerships/{plan.partnership.slug}/reports/period?plan={plan.id}&window=dates&{query}"


def follow_up_figures(page: str) -> dict[str, int]:
    """The rows of the report's "Follow-up actions" table: {"Open at the end": 1, ...}."""
    table = page.split("<caption class=\"caption-top\">Follow-up actions</caption>", 1)[1].split("</table>", 1)[0]
    return {label: int(number) for label, number in
            re.findall(r'<th scope="row" class="fw-normal">([^<]+)</th><td class="text-end">(\d+)</td>', table)}


def status_form(status: str, day, note: str = "") -> dict:
    return {"status": status, "changed_on-day": str(day.day), "changed_on-month": str(day.month),
            "changed_on-year": str(day.year), "note": note}


def history_rows(page: str) -> list[list[str]]:
    """The cells of the follow-up page's status history, newest first, tags and links stripped."""
    section = page.split('id="state-history"', 1)[1].split("</table>", 1)[0]
    rows = [re.findall(r"<td>(.*?)</td>", row, re.S) for row in re.findall(r"<tr>(.*?)</tr>", section, re.S)]
    return [[re.sub(r"<[^>]+>", "", cell).strip() for cell in cells] for cells in rows if cells]
