"""`make run` sets everything up on a fresh checkout: environment, database, demo data, demo admin.

Runs the real Makefile in a temporary copy of the project (serving is left out). It builds a virtual
environment, so it runs once, in the SQLite pass of `make test`.
"""

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(bool(os.environ.get("TEST_DATABASE_URL")), reason="set-up is checked once, in the SQLite pass"),
]


def project_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )
    return [name for name in listed.stdout.splitlines() if (ROOT / name).is_file()]


def test_make_setup_on_a_fresh_copy_is_complete_and_idempotent(tmp_path):
    checkout = tmp_path / "tracker"
    for name in project_files():
        target = checkout / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "VIRTUAL_ENV"}}
    env["PYTHON"] = sys.executable

    first = subprocess.run(["make", "setup"], cwd=checkout, env=env, capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stdout[-2000:] + first.stderr[-2000:]
    assert "sign in as admin@tracker.example with the password demo-admin-password" in first.stdout

    database = checkout / "instance" / "tracker.sqlite"
    with sqlite3.connect(database) as connection:
        call = connection.execute(
            "SELECT count(*) FROM meetings m JOIN partnerships p ON p.id = m.partnership_id "
            "WHERE p.slug = 'asean-pakistan' AND m.type = 'courtesy_call' AND m.held_on = '2024-03-25'"
        ).fetchone()[0]
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        counts_before = {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    assert call == 1

    second = subprocess.run(["make", "setup"], cwd=checkout, env=env, capture_output=True, text=True, timeout=600)
    assert second.returncode == 0, second.stderr[-2000:]
    with sqlite3.connect(database) as connection:
        counts_after = {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    assert counts_after == counts_before
