"""An issued report checked against the data: every figure counted again, from the data as it stood when the report
was issued. A desk stands behind the figures it sent: months later they must come out the same, whatever has been
archived, corrected, backdated or moved since; where one does not, the check says which and by how much."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from app.models import IssuedReport
from app.models.base import in_utc
from app.reports.period import build_period_report
from app.reports.period_figures import PeriodFigures

#: What a report says about its own making and about the plan and the partnership as they are described now (titles,
#: states): not figures of the window, so not compared.
NOT_FIGURES = frozenset({"title", "plan", "generated_at", "generated_by", "every_row", "way_forward", "issued",
                         "include_restricted", "name", "slug"})


@dataclass(frozen=True)
class Difference:
    #: Where in the report: "follow_up_counts › open_at_end", "pillars 1 › areas 2 › status_end".
    where: str
    issued: object
    again: object


def counted_again(issued: IssuedReport) -> PeriodFigures:
    """The figures of ``issued`` counted from the data as it stood at its moment of issue, as of the same day."""
    figures = issued.figures
    counted_on = figures.get("window", {}).get("counted_on")
    return build_period_report(
        issued.plan, issued.window_starts_on, issued.window_ends_on, generated_by=figures.get("generated_by", ""),
        now=issued.issued_at, include_restricted=bool(figures.get("include_restricted")),
        today=date.fromisoformat(counted_on) if counted_on else issued.window_ends_on,
        recorded_by=in_utc(issued.issued_at),
    )


def differences(issued: IssuedReport) -> list[Difference]:
    """Each figure of ``issued`` that the data as it stood then no longer gives; empty when every one agrees.

    A figure the report did not have when it was issued (one added to reports since) is not asked for.
    """
    # The figures as stored, not brought up to today's shape: a figure the report did not have is not asked for.
    return list(_compare(issued.figures, counted_again(issued), ""))


def _compare(issued: object, again: object, where: str) -> Iterator[Difference]:
    if isinstance(issued, dict) and isinstance(again, dict):
        for key, value in issued.items():
            if key not in NOT_FIGURES:
                yield from _compare(value, again.get(key), f"{where} › {key}" if where else key)
    elif isinstance(issued, list) and isinstance(again, list):
        for number, (one, other) in enumerate(zip(issued, again, strict=False), start=1):
            yield from _compare(one, other, f"{where} {number}")
        if len(issued) != len(again):
            yield Difference(f"{where} (rows)", len(issued), len(again))
    elif issued != again:
        yield Difference(where, issued, again)
