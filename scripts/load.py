#!/usr/bin/env python3
"""Load test: desk officers at once logging meetings, adding follow-ups and recording statuses through the real
forms (sign in, open the form for its CSRF token, post it), against gunicorn with 4 workers on a fresh database.
Afterwards every write that got a success response is looked for in the database, and every row the run wrote
is matched with a success response.

    .venv/bin/python scripts/load.py                                  # SQLite file in a temporary folder, 180 s
    .venv/bin/python scripts/load.py --seconds 60 \\
        --database-url postgresql://postgres@127.0.0.1:5432/tracker_load   # created, and dropped first with --recreate

Everything runs on the loopback interface and stops after --seconds. Exit code 0 when there were no errors and
no lost or unacknowledged writes, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import secrets
import sys
import tempfile
import time
from pathlib import Path

from loadtest.database import fresh_database, prepare, written_rows
from loadtest.officers import Officer, Tally
from loadtest.outcome import Outcome, percentile, scan_log
from loadtest.server import ROOT, Server

sys.path.insert(0, str(ROOT))  # the app, imported when the database is prepared


def arguments(description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=180, help="how long the load runs (default 180)")
    parser.add_argument("--users", type=int, default=20, help="concurrent officers (default 20)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument("--database-url", help="a PostgreSQL database to create for the run (default: SQLite)")
    parser.add_argument("--recreate", action="store_true", help="drop the PostgreSQL database first if it exists")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the officers' choices")
    return parser


def run_load(args, *, during=None) -> tuple[Outcome, str, Server]:
    """Prepare, serve, load for ``args.seconds`` (calling ``during(server, elapsed)`` every 0.5 s), verify."""
    folder = Path(tempfile.mkdtemp(prefix="tracker-load-"))
    url = fresh_database(args.database_url, args.recreate, folder)
    print(f"Preparing {url.split('@')[-1]} in {folder} ...", flush=True)
    desk = prepare(url, args.users)
    server = Server(url, args.workers, folder / "gunicorn.log")
    server.start()
    print(f"gunicorn on 127.0.0.1:{server.port}, {args.workers} workers; {args.users} officers for "
          f"{args.seconds} s ...", flush=True)
    run = f"load{secrets.token_hex(3)}"
    tally = Tally()
    started = time.monotonic()
    deadline = started + args.seconds
    officers = [Officer(n, email, desk, run, server.port, deadline, tally, seed=args.seed * 1000 + n)
                for n, email in enumerate(desk.officers, 1)]
    try:
        for officer in officers:
            officer.start()
        while any(officer.is_alive() for officer in officers):
            time.sleep(0.5)
            if during:
                during(server, time.monotonic() - started)
        for officer in officers:
            officer.join()
    finally:
        server.stop()
    elapsed = time.monotonic() - started
    stored = written_rows(url, run)
    outcome = Outcome(
        database="PostgreSQL" if url.startswith("postgresql") else "SQLite",
        users=args.users, seconds=elapsed,
        attempted=sum(tally.attempted.values()), succeeded=sum(tally.succeeded.values()),
        errors=dict(tally.errors), reads=tally.reads,
        lost=sorted(tally.successes - set(stored)),
        unacknowledged=sorted(set(stored) - tally.successes),
        duplicated=sorted(marker for marker, rows in stored.items() if rows > 1),
        server_log=scan_log(server.log_path),
        p50_ms=percentile(tally.latencies, 0.5), p95_ms=percentile(tally.latencies, 0.95),
        extra={"rows written": sum(stored.values()), "server log file": str(server.log_path)},
    )
    return outcome, url, server


def finish(outcome: Outcome, args) -> int:
    print(outcome.report())
    if args.json:
        figures = {**outcome.__dict__, "unexpected_errors": outcome.unexpected_errors, "clean": outcome.clean}
        args.json.write_text(json.dumps(figures, indent=2, default=str))
    print("RESULT:", "clean" if outcome.clean else "PROBLEMS FOUND")
    return 0 if outcome.clean else 1


def main() -> int:
    args = arguments(__doc__).parse_args()
    outcome, _url, _server = run_load(args)
    return finish(outcome, args)


if __name__ == "__main__":
    sys.exit(main())
