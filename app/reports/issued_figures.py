"""An issued report's figures as every download reads them: in today's shape, whatever version they were issued in.

The stored JSON is never rewritten (it is what was issued); each older version is brought up one step at a time
when it is read, filling in only what the code of its day did not record, from what it did. Nothing is counted
again from today's data, so every download shows the figures the report was issued with.
"""

from collections import Counter
from collections.abc import Callable
from typing import Any, cast

from app.models import IssuedReport
from app.reports.period_figures import FIGURES_VERSION, PeriodFigures

#: The lists that carry their total beside them (``<list>_total``) in a report and in each of its areas.
REPORT_LISTS = ("meetings", "open_follow_ups")
AREA_LISTS = ("changes", "meetings", "follow_ups")


def figures_of(issued: IssuedReport) -> PeriodFigures:
    """The figures of ``issued`` in the current shape (``PeriodFigures``)."""
    return current_figures(issued.figures, issued.figures_version)


def current_figures(stored: dict[str, Any], version: int) -> PeriodFigures:
    """``stored`` figures of ``version`` brought up to ``FIGURES_VERSION``; ``stored`` itself is left as it is."""
    if not 1 <= version <= FIGURES_VERSION:
        raise ValueError(f"Figures of version {version} cannot be read: this code knows versions 1 to "
                         f"{FIGURES_VERSION}")
    figures = stored
    for step in STEPS[version - 1:]:
        figures = step(figures)
    return cast(PeriodFigures, figures)


def from_version_1(old: dict[str, Any]) -> dict[str, Any]:
    """Version 1 is every report issued before versions were recorded, in the shapes of their day:

    - before lists were cut (November 2026), every row and no ``<list>_total``, ``every_row`` or
      ``meetings_by_month``: each list's length is its total, and meetings per month are counted from the list;
    - before the counting day (December 2026), no ``window.counted_on`` or ``has_ended``: those reports counted
      as of the window's end;
    - before cancellations were counted, no ``follow_up_counts.cancelled``: it stays unknown (None), never 0;
    - ``include_restricted`` only where it was true.
    """
    figures = dict(old)
    window = figures["window"] = dict(old["window"])
    window.setdefault("counted_on", window["ends_on"])
    window.setdefault("has_ended", window["counted_on"] == window["ends_on"])
    figures.setdefault("every_row", True)
    figures.setdefault("meetings_by_month", _meetings_by_month(old["meetings"]))
    for key in REPORT_LISTS:
        figures.setdefault(f"{key}_total", len(old[key]))
    figures["follow_up_counts"] = {"cancelled": None, **old["follow_up_counts"]}
    figures.setdefault("include_restricted", False)
    figures.setdefault("issued", None)
    figures["pillars"] = [
        {**pillar, "areas": [{**{f"{key}_total": len(area[key]) for key in AREA_LISTS}, **area}
                             for area in pillar["areas"]]}
        for pillar in old["pillars"]
    ]
    return figures


def _meetings_by_month(meetings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Meetings held per month ({"month": "2025-03", "count": 2}), counted from a list of every meeting."""
    return [{"month": month, "count": count}
            for month, count in sorted(Counter(meeting["held_on"][:7] for meeting in meetings).items())]


def from_version_2(old: dict[str, Any]) -> dict[str, Any]:
    """Version 2 had no implementation matrix: it says so (``matrix``), and its lines and areas carry no
    activities or remarks, so every document shows the action lines as they were issued."""
    remarks = {"remarks": "", "way_forward": ""}
    return {
        **old,
        "matrix": False,
        "pillars": [
            {**pillar, "areas": [{**area, **remarks,
                                  "action_lines": [{**line, "activities": [], **remarks}
                                                   for line in area["action_lines"]]}
                                 for area in pillar["areas"]]}
            for pillar in old["pillars"]
        ],
    }


def from_version_3(old: dict[str, Any]) -> dict[str, Any]:
    """Version 3 listed every activity of each line in the window: their number is the length of the list."""
    return {
        **old,
        "pillars": [
            {**pillar, "areas": [{**area, "action_lines": [{**line, "activities_total": len(line["activities"])}
                                                           for line in area["action_lines"]]}
                                 for area in pillar["areas"]]}
            for pillar in old["pillars"]
        ],
    }


def from_version_4(old: dict[str, Any]) -> dict[str, Any]:
    """Version 4 had no annex of attachments: it lists none."""
    return {**old, "attachments": []}


def from_version_5(old: dict[str, Any]) -> dict[str, Any]:
    """Version 5 did not report chases of the partner: it lists none, and their number stays unknown (None), never
    0."""
    return {**old, "chased_follow_ups": [], "chases_total": None}


#: The step from each version to the next, in order: STEPS[0] takes version 1 to 2.
STEPS: list[Callable[[dict[str, Any]], dict[str, Any]]] = [from_version_1, from_version_2, from_version_3,
                                                           from_version_4, from_version_5]
assert len(STEPS) == FIGURES_VERSION - 1, "each version of the figures needs a step up from the one before"
