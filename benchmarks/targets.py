"""The targets of "Fast at the scale of a whole ministry", and the verdict of each figure against them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    #: p95 seconds with one client, and with several at once (None: no target).
    one: float | None
    many: float | None


TARGETS = {
    "floor": Target(None, None),
    "list": Target(0.020, 0.075),  # list and detail pages
    "home": Target(0.050, 0.200),
    "post": Target(0.020, 0.060),
    "report": Target(0.100, None),  # the period report page
    "pdf": Target(1.0, None),  # the period report with its implementation matrix
    "office": Target(0.5, None),  # Word and Excel
    "on the click": Target(None, None),  # a document made when asked, nothing made ahead: for the record
    "portfolio": Target(0.300, None),
    "api": Target(0.020, None),  # the API's lists, first page with a token: at one client
    "search": Target(0.050, None),  # the results page of a search from the top bar: at one client
}
#: A report may take at most this many times the raw SQL it needs.
REPORT_OVER_RAW_SQL = 3.0
#: A page at ten times the data may take at most this many times its time at ministry scale (benchmarks/growth.py).
GROWTH_AT_10X = 1.3
#: Our list pages must be at least this many times faster than the Flask-Admin list of the same rows.
PEER_SPEEDUP = 5.0


def page_misses(kind: str, one: dict, many: dict) -> list[str]:
    """What a page misses: "p95 at 1 client", "p95 at 8 clients", "errors"; empty when it passes."""
    target = TARGETS[kind]
    misses = []
    for limit, timing in ((target.one, one), (target.many, many)):
        # With no answer as expected there is no time to judge: the errors say it.
        if limit is not None and timing["p95_s"] is not None and timing["p95_s"] > limit:
            misses.append(f"p95 at {timing['clients']} client{'s' if timing['clients'] > 1 else ''}")
    if one["errors"] or many["errors"]:
        misses.append("errors")
    return misses
