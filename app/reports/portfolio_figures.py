"""The shape of the portfolio report's figures: what ``build_portfolio_report`` makes and what the page and every
download of it read. Plain dictionaries of JSON values, typed like the period report's (see ``period_figures``).

The portfolio is never issued, so no figures of it are stored; ``FIGURES_VERSION`` names this shape all the same,
for the day one is kept.
"""

from typing import TypedDict

from app.reports.period_figures import Choice, CoverageFigures

FIGURES_VERSION = 1


class PortfolioArea(TypedDict):
    id: int
    code: str
    name: str
    pillar: str
    #: Its status on the report's date (None: none recorded by then).
    status: Choice | None
    coverage: CoverageFigures


class PortfolioPlan(TypedDict):
    id: int
    title: str
    label: str
    starts_on: str
    ends_on: str


class PortfolioRow(TypedDict):
    name: str
    slug: str
    status: str | None
    level: str | None
    #: The plan that covered the report's date (None: none did).
    plan: PortfolioPlan | None
    areas: list[PortfolioArea]
    coverage: CoverageFigures
    open_follow_ups: int
    overdue_follow_ups: int
    #: Meetings held in each of ``PortfolioFigures.quarters``, in the same order.
    meetings_by_quarter: list[int]


class PortfolioFilters(TypedDict):
    status: str | None
    level: str | None
    pillar: str | None


class PortfolioTotals(TypedDict):
    partnerships: int
    coverage: CoverageFigures
    open_follow_ups: int
    overdue_follow_ups: int
    meetings_by_quarter: list[int]


class PortfolioFigures(TypedDict):
    title: str
    #: The date the report describes, and the day its follow-ups are counted as of (today, when that is earlier).
    as_of: str
    counted_on: str
    filters: PortfolioFilters
    generated_at: str
    generated_by: str
    #: "2025 Q3", oldest first.
    quarters: list[str]
    partnerships: list[PortfolioRow]
    totals: PortfolioTotals
