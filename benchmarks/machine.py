"""What a run's figures depend on besides the code: the machine, its load, the database and the data set."""

import os
import platform
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from app.extensions import db
from benchmarks.database import ROOT


def starting() -> tuple[datetime, str]:
    """When a run starts, and the machine's load average then (a busy machine measures slower)."""
    return datetime.now().astimezone(), ", ".join(f"{n:.2f}" for n in os.getloadavg())


def facts(args, started: datetime, load_average: str, app, data_set) -> dict:
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            version = f"SQLite {sqlite3.sqlite_version}"
        else:
            with db.engine.connect() as connection:
                version = connection.scalar(sa.text("SHOW server_version"))
                version = f"PostgreSQL {version}"
    return {
        "started": started.isoformat(timespec="seconds"), "database": args.database, "database_version": version,
        "scale": args.scale, "data_set": data_set.stamp, "cores": os.cpu_count(), "cpu": cpu_model(),
        "load_average": load_average, "python": platform.python_version(), "commit": commit(),
    }


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def commit() -> str:
    def git(*arguments: str) -> str:
        return subprocess.run(["git", *arguments], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    # The results of earlier runs are not code: a run just before this one leaves them changed.
    changed = git("status", "--porcelain", "--untracked-files=no", "--", ".", ":(exclude)benchmarks/results")
    return f"{head} with uncommitted changes" if changed else head
