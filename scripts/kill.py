#!/usr/bin/env python3
"""Crash test: the load of scripts/load.py, with the gunicorn master and all its workers killed with SIGKILL half-way
through and started again at once. Then the database must pass its integrity check and hold every write that got
a success response.

    .venv/bin/python scripts/kill.py --seconds 60
    .venv/bin/python scripts/kill.py --seconds 60 \
        --database-url postgresql://postgres@127.0.0.1:5432/tracker_kill --recreate

Requests cut off by the kill, and those sent while the server is down, fail as they would for a person at a
browser; a write cut off after its commit is in the database without a success response ("unacknowledged"),
which is allowed. Exit code 0 when the integrity checks pass, no write with a success response is missing,
and no error other than those caused by the kill happened.
"""

from __future__ import annotations

import sqlite3
import sys
import time

from load import arguments, finish, run_load
from loadtest.server import Server

#: Errors a person sees because the server was killed: nothing the app did wrong.
KILL_ERRORS = ("server down", "connection dropped")


def sqlite_integrity(url: str) -> str:
    path = url.removeprefix("sqlite:///")
    connection = sqlite3.connect(path)
    try:
        problems = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        orphans = connection.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        connection.close()
    if problems != ["ok"]:
        return "; ".join(problems[:5])
    return f"{len(orphans)} rows point at missing rows" if orphans else "ok"


def postgres_integrity(url: str) -> str:
    """Every index agrees with its table (amcheck, where the server has it), every foreign key finds its row,
    every table can be read in full."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    problems = []
    with engine.connect() as connection:
        metadata = sa.MetaData()
        metadata.reflect(connection)
        for table in metadata.sorted_tables:
            connection.scalar(sa.select(sa.func.count()).select_from(table))
            for key in table.foreign_key_constraints:
                parent = key.referred_table.alias("parent")  # an alias: a plan's key can point at another plan
                pairs = [(parent.c[element.column.name], element.parent) for element in key.elements]
                orphans = connection.scalar(
                    sa.select(sa.func.count())
                    .select_from(table.outerjoin(parent, sa.and_(*(ours == theirs for ours, theirs in pairs))))
                    .where(sa.and_(*(theirs.is_not(None) for _ours, theirs in pairs)))
                    .where(pairs[0][0].is_(None))
                )
                if orphans:
                    problems.append(f"{orphans} rows of {table.name} point at missing {key.referred_table.name}")
        try:
            with connection.begin_nested():
                connection.execute(sa.text("CREATE EXTENSION IF NOT EXISTS amcheck"))
        except sa.exc.DBAPIError:
            problems.append("(amcheck is not available: indexes not checked)")
        else:
            indexes = connection.execute(sa.text(
                "SELECT c.relname, bt_index_check(c.oid, true) FROM pg_index i "
                "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam "
                "WHERE am.amname = 'btree' AND c.relnamespace = 'public'::regnamespace"
            )).all()
            if not indexes:
                problems.append("no index found to check")
        connection.commit()
    engine.dispose()
    real = [problem for problem in problems if not problem.startswith("(")]
    return "; ".join(problems) if real else "ok" + (f" {problems[0]}" if problems else "")


def integrity(url: str) -> str:
    return sqlite_integrity(url) if url.startswith("sqlite") else postgres_integrity(url)


def main() -> int:
    parser = arguments(__doc__)
    parser.add_argument("--kill-at", type=float, default=0.5, help="when to kill, as a share of --seconds")
    args = parser.parse_args()
    crash: dict = {}

    def kill_once(server: Server, elapsed: float) -> None:
        if crash or elapsed < args.seconds * args.kill_at:
            return
        pids = server.kill()
        crash["killed"] = f"master and {len(pids) - 1} workers at {elapsed:.0f} s (pids {pids})"
        crash["integrity after the kill"] = integrity(server.url)
        stopped = time.monotonic()
        server.start()
        crash["down for"] = f"{time.monotonic() - stopped:.1f} s"
        print(f"Killed {crash['killed']}; integrity: {crash['integrity after the kill']}; "
              f"restarted after {crash['down for']}", flush=True)

    outcome, url, _server = run_load(args, during=kill_once)
    if not crash:
        print("The run ended before the kill: use more --seconds", file=sys.stderr)
        return 1
    outcome.extra.update(crash)
    outcome.extra["integrity"] = integrity(url)
    outcome.expected_errors = KILL_ERRORS
    # A write cut off after its commit is not lost: the officer was never told it worked.
    outcome.unacknowledged_expected = True
    ok_after_kill = crash["integrity after the kill"].startswith("ok")
    if not ok_after_kill:
        outcome.extra["integrity"] = f"after the kill: {crash['integrity after the kill']}"
    return finish(outcome, args)


if __name__ == "__main__":
    sys.exit(main())
