"""This run against the previous one kept in benchmarks/results/: which pages got slower than the machine did.

Two runs on a shared machine differ as a whole (another job, a warmer cache). The health check (no database, no
template) measures that drift in each run, so a page's change is read against the health check's change over the
same two runs; what is left beyond ``ALLOWED`` counts as the page getting slower.
"""

from __future__ import annotations

import json
from pathlib import Path

#: How much more than the health check a page's median may grow before it counts as slower: the spread seen
#: between runs of one unchanged commit on this machine kind.
ALLOWED = 0.15


def read(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def compare(run: dict, previous: dict | None) -> dict | None:
    """{"commit", "health": (before, now), "pages": [{name, before, now, change, verdict}]} or None."""
    if not previous:
        return None
    before_health = previous["floors"]["health"]["median_s"]
    now_health = run["floors"]["health"]["median_s"]
    drift = now_health / before_health if before_health and now_health else 1.0
    earlier = {page["name"]: page["one"]["median_s"] for page in previous.get("pages", [])}
    pages = []
    for page in run["pages"]:
        before, now = earlier.get(page["name"]), page["one"]["median_s"]
        if not before or not now:
            continue
        change = now / before / drift - 1
        pages.append({"name": page["name"], "before": before, "now": now, "change": change,
                      "verdict": "slower" if change > ALLOWED else "same or faster"})
    return {"commit": previous.get("machine", {}).get("commit"), "health": (before_health, now_health),
            "pages": pages}
