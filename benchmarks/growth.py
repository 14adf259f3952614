"""Growth with the data: every page, form and report at ministry scale and at ten times it, measured side by side.

    .venv/bin/python benchmarks/growth.py                          # SQLite, 40 rounds
    .venv/bin/python benchmarks/growth.py --database postgresql
    make bench-growth                                              # SQLite, then PostgreSQL

A virtual machine's speed drifts, here by up to half as fast again between two runs of `bench.py` minutes apart: a
page timed at ministry scale in one run and at 10x in another shows the drift as much as the data. So both data sets
are served at once, each by its own gunicorn (production settings, 2 sync workers, on a fresh copy of the database
`bench.py` builds), and each page is requested from one and then the other, in turns (ABBA order), by one client:
both sizes are measured on the same stretch of the machine, and the ratio of their medians is the page's growth.
Target: at most 1.3 times. Results: benchmarks/results/<database>-growth.md and .json.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import sys
from contextlib import ExitStack
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from benchmarks import database, machine, results  # noqa: E402
from benchmarks.browser import Browser, sign_in  # noqa: E402
from benchmarks.measure import form_with_token, time_page  # noqa: E402
from benchmarks.pages import answered_as_expected, our_pages  # noqa: E402
from benchmarks.picks import pick  # noqa: E402
from benchmarks.server import Gunicorn  # noqa: E402
from benchmarks.targets import GROWTH_AT_10X  # noqa: E402

SCALES = ("ministry", "10x")
WORKERS = 2


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    database.add_data_set_options(parser)
    parser.add_argument("--rounds", type=int, default=40,
                        help="requests a page at each size (fewer for reports and files; default 40)")
    parser.add_argument("--output", type=Path, default=results.RESULTS, help="folder of the results")
    return parser.parse_args()


def main() -> int:
    args = arguments()
    started, load_average = machine.starting()
    post_day = min(args.until, date.today())
    with ExitStack() as stack:
        servers, pages = {}, {}
        for scale in SCALES:
            data_set = database.DataSet(scale, args.seed, args.until)
            print(f"Database: {args.database}, {data_set.stamp}", flush=True)
            url = database.working_copy(database.prepare(args.database, data_set, None, False))
            stack.callback(database.discard, url)
            database.flask(url, "db", "upgrade")
            pages[scale] = pages_of(url, args.until, post_day)
            servers[scale] = stack.enter_context(Gunicorn(
                "wsgi:app", database.production_env(url), workers=WORKERS, worker_class="sync", probe="/health",
                log=database.DATA / "logs" / f"{args.database}-growth-{scale}.log"))
        print(f"Serving both with gunicorn ({WORKERS} sync workers each); pages in turns", flush=True)
        rows = side_by_side(servers, pages, args.rounds)
    run = {
        "machine": {"started": started.isoformat(timespec="seconds"), "database": args.database,
                    "cores": os.cpu_count(), "cpu": machine.cpu_model(), "load_average": load_average,
                    "commit": machine.commit(), "seed": args.seed, "until": args.until.isoformat()},
        "settings": {"rounds": args.rounds, "workers": WORKERS, "target": GROWTH_AT_10X},
        "pages": rows,
    }
    md, js = results.write(run, f"{args.database}-growth", args.output, render=markdown)
    print(f"\n{markdown(run)}\nWritten: {md}, {js.name}")
    return 1 if any(row["errors"] for row in rows) else 0


def pages_of(url: str, until: date, post_day: date) -> list:
    """The benchmark's pages on this data set (the records picked differ from one size to the other)."""
    app = create_app("development", SQLALCHEMY_DATABASE_URI=database.sqlalchemy_url(url), DEBUG=False)
    try:
        return our_pages(pick(app, until), until, post_day)
    finally:
        with app.app_context():
            db.engine.dispose()


def side_by_side(servers: dict, pages: dict, rounds: int) -> list[dict]:
    sessions = {scale: sign_in(server.port, database.ADMIN_EMAIL, database.ADMIN_PASSWORD)
                for scale, server in servers.items()}
    browsers = {scale: Browser(server.port, sessions[scale].cookies) for scale, server in servers.items()}
    rows = []
    try:
        for index, ministry_page in enumerate(pages["ministry"]):
            for scale, server in servers.items():  # one request per worker first, as bench.py does
                time_page(server.port, sessions[scale], pages[scale][index], requests=WORKERS, clients=WORKERS)
            seconds = {scale: [] for scale in SCALES}
            errors = 0
            for turn in range(ministry_page.requests(rounds)):
                for scale in SCALES if turn % 2 == 0 else reversed(SCALES):
                    page = pages[scale][index]
                    try:
                        answer = browsers[scale].request(page.method, page.path,
                                                         form_with_token(page, sessions[scale]))
                    except (OSError, http.client.HTTPException):
                        errors += 1
                        continue
                    if answered_as_expected(page, answer.status, answer.location):
                        seconds[scale].append(answer.seconds)
                    else:
                        errors += 1
            rows.append(growth_row(ministry_page, pages["10x"][index], seconds, errors))
            print(f"  {ministry_page.name:55} {growth(rows[-1]['ratio'])}", flush=True)
    finally:
        for browser in browsers.values():
            browser.close()
    return rows


def growth_row(ministry_page, tenfold_page, seconds: dict, errors: int) -> dict:
    medians = {scale: statistics.median(times) if times else None for scale, times in seconds.items()}
    ratio = medians["10x"] / medians["ministry"] if all(medians.values()) else None
    if ministry_page.kind == "floor":
        misses = None  # the health check is shown as the floor of both servers, not judged
    elif errors:
        misses = ["errors"]
    else:
        misses = [] if ratio is not None and ratio <= GROWTH_AT_10X else [f"over {GROWTH_AT_10X}×"]
    return {"name": ministry_page.name, "name_10x": tenfold_page.name, "kind": ministry_page.kind,
            "requests": len(seconds["ministry"]), "median_ministry_s": medians["ministry"],
            "median_10x_s": medians["10x"], "ratio": ratio, "errors": errors, "misses": misses}


def growth(ratio: float | None) -> str:
    return "–" if ratio is None else f"{ratio:.2f}×"  # two decimals: 1.26 and 1.34 fall either side of the target


def markdown(run: dict) -> str:
    machine_facts, settings = run["machine"], run["settings"]
    lines = [
        f"# Growth from ministry scale to 10x: {machine_facts['database']}",
        "",
        f"{machine_facts['started']}, commit {machine_facts['commit']}. {machine_facts['cores']} cores "
        f"({machine_facts['cpu']}), load average {machine_facts['load_average']} at the start; data sets synthetic "
        f"ministry and 10x, seed {machine_facts['seed']}, until {machine_facts['until']}. Both served at once by "
        f"gunicorn ({settings['workers']} sync workers each), each page requested from one and then the other in "
        f"turns by one client, {settings['rounds']} times at each size (fewer for reports and files). Target: the "
        f"10x median at most {settings['target']}× the ministry-scale median.",
        "",
        "| page | ministry, median | 10x, median | 10x over ministry | requests each | errors | verdict |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for row in run["pages"]:
        name = row["name"] if row["name"] == row["name_10x"] else f"{row['name']} / {row['name_10x']}"
        lines.append(f"| {name} | {results.duration(row['median_ministry_s'])} | "
                     f"{results.duration(row['median_10x_s'])} | {growth(row['ratio'])} | {row['requests']} | "
                     f"{row['errors']} | {results.verdict(row['misses'])} |")
    misses = [row["name"] for row in run["pages"] if row["misses"]]
    passes = sum(1 for row in run["pages"] if row["misses"] == [])
    lines += ["", f"**{passes} pass, {len(misses)} miss**" + (": " + "; ".join(misses) if misses else "") + ".", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
