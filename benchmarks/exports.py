"""Time each download of a period report on the demo data and compare with the budgets of issue 4.

    .venv/bin/flask seed demo                  # once, into the database the app is configured with
    .venv/bin/python benchmarks/exports.py     # ASEAN–Pakistan, plan 2024-2028, calendar year 2024
    .venv/bin/python benchmarks/exports.py --partnership asean-india --plan 2021-2025 --year 2023 --repeat 10

The first run of each format includes importing its libraries (matplotlib, WeasyPrint); the budget applies to
the median of the runs after it, which is what a running server sees. Every run builds the figures and draws the
charts afresh (a server reuses a chart it has drawn for the same figures; these times do not count on that).
"""

import argparse
import os
import statistics
import sys
import time
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from app import create_app  # noqa: E402
from app.exports import FORMATS, period_file  # noqa: E402
from app.exports.charts import forget_drawings  # noqa: E402
from app.extensions import db  # noqa: E402
from app.models import Partnership, Plan  # noqa: E402
from app.reports.period import build_period_report  # noqa: E402

BUDGETS = {"pdf": 2.0, "docx": 0.5, "xlsx": 0.5, "csv": 0.2}


def seconds(action) -> tuple[float, float]:
    """Wall-clock and CPU seconds: on a busy machine the first grows, the second shows the work itself."""
    forget_drawings()
    started, cpu_started = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - started, time.process_time() - cpu_started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partnership", default="asean-pakistan")
    parser.add_argument("--plan", default="2024-2028", help="the plan's label")
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs after the first (default 5)")
    args = parser.parse_args()

    app = create_app()
    with app.app_context():
        plan = db.session.scalar(
            sa.select(Plan).join(Partnership).where(Partnership.slug == args.partnership, Plan.label == args.plan)
        )
        if plan is None:
            print(f"No plan {args.plan} of {args.partnership}: load the demo data with `flask seed demo`",
                  file=sys.stderr)
            return 2
        window = max(date(args.year, 1, 1), plan.starts_on), min(date(args.year, 12, 31), plan.ends_on)

        def figures() -> dict:
            return build_period_report(plan, *window, generated_by="Benchmark", now=datetime.now())

        report = figures()
        areas = sum(len(pillar["areas"]) for pillar in report["pillars"])
        print(f"{report['title']}: {areas} areas, {len(report['meetings'])} meetings, "
              f"{len(report['open_follow_ups'])} open follow-ups")
        figure_times = [seconds(figures)[0] for _ in range(args.repeat)]
        print(f"{'figures':8} median {statistics.median(figure_times):6.3f} s")
        print(f"{'format':8} {'first':>8} {'median':>8} {'cpu':>8} {'budget':>8}  size")
        failures = 0
        for format in FORMATS:
            first, _cpu = seconds(lambda format=format: period_file(figures(), format))
            runs = [seconds(lambda format=format: period_file(figures(), format)) for _ in range(args.repeat)]
            median = statistics.median(wall for wall, _cpu in runs)
            cpu = statistics.median(cpu for _wall, cpu in runs)
            size = len(period_file(report, format).data)
            verdict = "ok" if median <= BUDGETS[format] else "OVER BUDGET"
            failures += median > BUDGETS[format]
            print(f"{format:8} {first:7.3f}s {median:7.3f}s {cpu:7.3f}s {BUDGETS[format]:7.1f}s  "
                  f"{size / 1024:6.0f} KiB  {verdict}")
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: times on a busy machine run long")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
