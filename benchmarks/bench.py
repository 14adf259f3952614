"""Speed at the scale of a whole ministry: the main pages, forms and reports over real HTTP against gunicorn,
with their SQL, two floors and a peer, next to the targets.

    .venv/bin/python benchmarks/bench.py                                # SQLite, ministry scale (built once, ~20 s)
    .venv/bin/python benchmarks/bench.py --scale small --requests 20    # a quick look
    .venv/bin/python benchmarks/bench.py --database postgresql          # postgresql://postgres@127.0.0.1/bench_<scale>
    make bench                                                          # SQLite, then PostgreSQL; SCALE=10x for more

The data set is ``flask seed synthetic`` with a fixed seed and last day; the database is built once (a file in
benchmarks/data/, or a PostgreSQL database) and kept. Each run works on a fresh copy of it, dropped at the end: the
form posts really save, and would otherwise pile up on the very records measured. The app is served as in
production (APP_CONFIG production, a random SECRET_KEY, the schema check of wsgi.py) by gunicorn on a free loopback
port. One sign-in through the real form; its session cookie is then sent unchanged with every request. Each page
is warmed up, then timed with 1 client and with --clients at once, each client on its own connection.

Also: the SQL statements of each page (counted in-process with the test client), the import of a 500-line plan
structure (benchmarks/imports.py, in-process: upload and preview, then confirm; target 2 s), the health check as the
floor of the server itself, each report's SQL replayed on a raw connection as the floor of the database, and
Flask-Admin's lists of the same tables (benchmarks/peer_admin.py) as a peer. Results:
benchmarks/results/<database>-<scale>.md and .json. Exit code 1 when any answer was not the one expected (with
--strict, also when a target is missed).
"""

from __future__ import annotations

import argparse
import dataclasses
import secrets
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import create_app  # noqa: E402
from app.api_tokens.services import create_token  # noqa: E402
from app.extensions import db  # noqa: E402
from app.models import TokenScope, User  # noqa: E402
from benchmarks import database, machine, previous, results  # noqa: E402
from benchmarks.browser import sign_in  # noqa: E402
from benchmarks.imports import structure_import  # noqa: E402
from benchmarks.measure import time_page  # noqa: E402
from benchmarks.pages import Page, our_pages  # noqa: E402
from benchmarks.picks import pick  # noqa: E402
from benchmarks.server import Gunicorn  # noqa: E402
from benchmarks.statements import InProcess, WrongAnswer, replay  # noqa: E402
from benchmarks.targets import PEER_SPEEDUP, REPORT_OVER_RAW_SQL, TARGETS, page_misses  # noqa: E402

#: The reports whose own SQL is replayed as their floor.
REPLAYED = ("report", "portfolio")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--database-url", help="PostgreSQL only (default postgresql://postgres@127.0.0.1:5432/"
                        "bench_<scale>); created when missing")
    parser.add_argument("--scale", choices=["ministry", "10x", "small"], default="ministry")
    database.add_data_set_options(parser)
    parser.add_argument("--requests", type=int, default=100,
                        help="timed requests a page, with 1 client and in all with several (default 100; a "
                        "quarter for the portfolio, a tenth for Word and Excel, a twentieth for PDF; at least 3)")
    parser.add_argument("--clients", type=int, default=8, help="clients at once in the second round (default 8)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--worker-class", default="sync", help="gunicorn worker class (default sync)")
    parser.add_argument("--rebuild", action="store_true", help="build the database afresh")
    parser.add_argument("--strict", action="store_true", help="exit 1 when any target is missed")
    parser.add_argument("--output", type=Path, default=results.RESULTS, help="folder of the results")
    return parser.parse_args()


def main() -> int:
    args = arguments()
    started, load_average = machine.starting()
    data_set = database.DataSet(args.scale, args.seed, args.until)
    print(f"Database: {args.database}, {data_set.stamp}", flush=True)
    built = database.prepare(args.database, data_set, args.database_url, args.rebuild)
    url = database.working_copy(built)
    try:
        # Again on the copy: a migration added while the data set was built would stop gunicorn from starting.
        database.flask(url, "db", "upgrade")
        # Each statement counted in process is a page's own: nothing made ahead in the background meanwhile.
        app = create_app("development", SQLALCHEMY_DATABASE_URI=database.sqlalchemy_url(url), DEBUG=False,
                         REPORT_FILES_AHEAD_DIR="")
        try:
            run = benchmark(args, app, url)
            run["machine"] = machine.facts(args, started, load_average, app, data_set)
        finally:
            with app.app_context():
                db.engine.dispose()
    finally:
        database.discard(url)
    run["against_previous"] = previous.compare(run, previous.read(args.output / f"{args.database}-{args.scale}.json"))
    run["summary"] = summary(run)
    md, js = results.write(run, f"{args.database}-{args.scale}", args.output)
    print(f"\n{results.markdown(run)}\nWritten: {md}, {js.name}")
    errors = sum(page["one"]["errors"] + page["many"]["errors"] + bool(page["in_process_error"])
                 for page in run["pages"])
    errors += sum(peer["peer_errors"] for peer in run["peer"])
    errors += sum(len(measured["errors"]) for measured in run["imports"])
    return 1 if errors or (args.strict and run["summary"]["misses"]) else 0


def benchmark(args, app, url: str) -> dict:
    # The forms record today at the latest: a status update may not be dated in the future.
    post_day = min(args.until, date.today())
    picks = pick(app, args.until)
    if not picks.plan_starts_on <= post_day:
        sys.exit(f"The plan in force on {args.until} starts after today: choose an earlier --until")
    pages = our_pages(picks, args.until, post_day)
    api_token = read_only_token(app)
    logs = {server: database.DATA / "logs" / f"{args.database}-{args.scale}-{server}.log" for server in ("app", "peer")}
    env = database.production_env(url)

    print(f"Serving the app with gunicorn ({args.workers} {args.worker_class} workers)", flush=True)
    timings = {}
    with Gunicorn("wsgi:app", env, workers=args.workers, worker_class=args.worker_class, probe="/health",
                  log=logs["app"]) as server:
        session = dataclasses.replace(sign_in(server.port, database.ADMIN_EMAIL, database.ADMIN_PASSWORD),
                                      api_token=api_token)
        for page in pages:
            timings[page.path] = measure(server.port, session, page, args)

    print("Counting SQL statements in-process; replaying the reports' SQL", flush=True)
    in_process = InProcess(app, database.ADMIN_EMAIL, database.ADMIN_PASSWORD, api_token)
    statements = {page.path: captured(in_process, page) for page in pages}
    floors = [raw_sql_floor(app, page, statements[page.path], timings[page.path][0]) for page in pages
              if page.kind in REPLAYED]
    # Last of the in-process measurements: it adds 3,000 action lines to the plan the pages above show.
    print("Importing a 500-line plan structure in-process", flush=True)
    imports = [structure_import(in_process, picks.plan_id)]

    peer_pages = peer_pairs(picks)
    print("Serving the Flask-Admin peer", flush=True)
    with Gunicorn("benchmarks.peer_admin:application", env, workers=args.workers, worker_class=args.worker_class,
                  probe="/admin/", log=logs["peer"]) as peer:
        peer_timings = {ours: measure(peer.port, None, page, args) for ours, page in peer_pages}

    return {
        "settings": {"requests": args.requests, "clients": args.clients, "workers": args.workers,
                     "worker_class": args.worker_class, "log": str(logs["app"].relative_to(database.ROOT))},
        "picks": dataclasses.asdict(picks),
        "pages": [page_result(page, *timings[page.path], statements[page.path]) for page in pages
                  if page.kind != "floor"],
        "floors": {"health": health_floor(pages, timings), "raw_sql": floors},
        "peer": [peer_result(ours, page, timings[ours][0], *peer_timings[ours]) for ours, page in peer_pages],
        "imports": imports,
    }


def read_only_token(app) -> str:
    """A read-only personal access token of the benchmark's administrator, made as the account page makes one."""
    with app.app_context():
        admin = db.session.scalar(db.select(User).where(User.email == database.ADMIN_EMAIL))
        token = create_token(admin, f"Benchmark {secrets.token_hex(4)}", TokenScope.READ)
        db.session.commit()
    return token


def measure(port: int, session, page: Page, args) -> tuple[dict, dict]:
    # One request per worker, at once, so each is warm: a worker loads some libraries (the PDF maker, the charts)
    # the first time it uses them.
    time_page(port, session, page, requests=args.workers, clients=args.workers)
    count = page.requests(args.requests)
    one = time_page(port, session, page, requests=count, clients=1).as_dict()
    many = time_page(port, session, page, requests=max(count, args.clients), clients=args.clients).as_dict()
    print(f"  {page.name:55} median {results.duration(one['median_s']):>9}  p95 {results.duration(one['p95_s']):>9}"
          f"  p95 at {args.clients} {results.duration(many['p95_s']):>9}  errors {one['errors'] + many['errors']}",
          flush=True)
    return one, many


def page_result(page: Page, one: dict, many: dict, statements: list | WrongAnswer) -> dict:
    target = TARGETS[page.kind]
    misses = page_misses(page.kind, one, many)
    if isinstance(statements, WrongAnswer):
        misses.append(str(statements))
    return {"name": page.name, "path": page.path, "method": page.method, "kind": page.kind, "one": one, "many": many,
            "statements": None if isinstance(statements, WrongAnswer) else len(statements),
            "in_process_error": str(statements) if isinstance(statements, WrongAnswer) else None,
            "target_one": target.one, "target_many": target.many, "misses": misses}


def health_floor(pages: list[Page], timings: dict) -> dict:
    one, many = next(timings[page.path] for page in pages if page.kind == "floor")
    return {**one, "p95_many_s": many["p95_s"], "errors_many": many["errors"]}


def captured(in_process: InProcess, page: Page) -> list | WrongAnswer:
    """The page's statements, or why there are none (the app answered otherwise than over HTTP)."""
    if page.kind == "floor":
        return []
    try:
        return in_process.statements(page)
    except WrongAnswer as problem:
        return problem


def raw_sql_floor(app, page: Page, statements: list | WrongAnswer, one: dict) -> dict:
    floor = {"report": page.name, "path": page.path, "report_median_s": one["median_s"],
             "limit": REPORT_OVER_RAW_SQL, "statements": None, "raw_sql_s": None, "ratio": None}
    if isinstance(statements, WrongAnswer) or one["median_s"] is None:
        return {**floor, "misses": ["its SQL could not be captured" if isinstance(statements, WrongAnswer)
                                    else "no answer to compare"]}
    raw = replay(app, statements, repeat=5)
    ratio = one["median_s"] / raw
    return {**floor, "statements": len(statements), "raw_sql_s": raw, "ratio": ratio,
            "misses": [] if ratio <= REPORT_OVER_RAW_SQL else [f"over {REPORT_OVER_RAW_SQL:g}× its SQL"]}


def peer_pairs(picks) -> list[tuple[str, Page]]:
    """(the path of our list, Flask-Admin's list of the same rows); Flask-Admin counts pages from 0."""
    last = picks.meetings_last_page
    return [
        ("/partnerships/", Page("Partnership list, page 1", "/admin/partnerships/", "list")),
        ("/meetings/", Page("Meeting list, page 1", "/admin/meetings/", "list")),
        (f"/meetings/?page={last}", Page(f"Meeting list, page {last} (last)", f"/admin/meetings/?page={last - 1}",
                                         "list")),
        ("/follow-ups/", Page("Follow-up list, page 1", "/admin/follow-ups/", "list")),
    ]


def peer_result(ours_path: str, page: Page, ours: dict, one: dict, many: dict) -> dict:
    speedup = one["median_s"] / ours["median_s"] if one["median_s"] and ours["median_s"] else None
    return {"list": page.name, "ours_path": ours_path, "peer_path": page.path, "ours_median_s": ours["median_s"],
            "peer_median_s": one["median_s"], "peer_p95_s": one["p95_s"], "peer_p95_many_s": many["p95_s"],
            "speedup": speedup, "ours_bytes": ours["bytes"], "peer_bytes": one["bytes"],
            "peer_errors": one["errors"] + many["errors"],
            "misses": peer_misses(speedup, ours, one, many)}


def peer_misses(speedup: float | None, ours: dict, one: dict, many: dict) -> list[str]:
    if ours["median_s"] is None:
        return ["no answer from ours"]
    if one["errors"] or many["errors"] or one["median_s"] is None:
        return ["errors from Flask-Admin"]
    return [] if speedup >= PEER_SPEEDUP else [f"under {PEER_SPEEDUP:g}× faster"]


def summary(run: dict) -> dict:
    judged = [(page["name"], page["misses"]) for page in run["pages"]]
    judged += [(f"{floor['report']} vs its SQL", floor["misses"]) for floor in run["floors"]["raw_sql"]]
    judged += [(f"{peer['list']} vs Flask-Admin", peer["misses"]) for peer in run["peer"]]
    judged += [(measured["name"], measured["misses"]) for measured in run.get("imports", [])]
    judged += [(f"{page['name']} vs the previous run", page["verdict"] == "slower")
               for page in (run.get("against_previous") or {}).get("pages", [])]
    misses = [name for name, missed in judged if missed]
    return {"passes": len(judged) - len(misses), "misses": misses}


if __name__ == "__main__":
    sys.exit(main())
