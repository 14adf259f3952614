"""`make run` sets everything up on a fresh checkout: environment, database, demo data, demo admin, and serves.

Runs the real Makefile in a temporary copy of the project (`make setup`, then the README's `make run PORT=8000` on a
free port, stopped once it answers), against the embedded SQLite file in the SQLite pass and against a fresh
PostgreSQL database (DATABASE_URL) in the PostgreSQL pass. Both lend the copy this checkout's environment: the
install itself is the first step of `make test`, which CI runs on a clean clone with no environment at all, so
installing it again here would check nothing more and take a minute.
"""

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import database_beside_the_tests, database_url
from tests.test_production_steps import free_port

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def project_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )
    return [name for name in listed.stdout.splitlines() if (ROOT / name).is_file()]


@pytest.fixture
def target_database(tmp_path):
    """Where `make setup` should put the data: the default SQLite file, or an empty PostgreSQL database."""
    url = database_url()
    if not url.startswith("postgresql"):
        yield None, f"sqlite:///{tmp_path / 'tracker' / 'instance' / 'tracker.sqlite'}"
        return
    with database_beside_the_tests("setup") as target:
        yield target, target


def row_counts(url: str) -> dict[str, int]:
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        tables = sa.inspect(connection).get_table_names()
        counts = {t: connection.execute(sa.text(f'SELECT count(*) FROM "{t}"')).scalar_one() for t in tables}
        call = connection.execute(sa.text(
            "SELECT count(*) FROM meetings m JOIN partnerships p ON p.id = m.partnership_id "
            "WHERE p.slug = 'asean-pakistan' AND m.type = 'courtesy_call' AND m.held_on = '2024-03-25'"
        )).scalar_one()
    engine.dispose()
    return {**counts, "the courtesy call": call}


def test_make_setup_on_a_fresh_copy_is_complete_and_idempotent(tmp_path, target_database):
    database_setting, database = target_database
    checkout = tmp_path / "tracker"
    for name in project_files():
        target = checkout / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "VIRTUAL_ENV"}}
    env["PYTHON"] = sys.executable
    if database_setting:
        env["DATABASE_URL"] = database_setting
    (checkout / ".venv").symlink_to(ROOT / ".venv", target_is_directory=True)

    first = subprocess.run(["make", "setup"], cwd=checkout, env=env, capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stdout[-2000:] + first.stderr[-2000:]
    assert "sign in as admin@tracker.example with the password demo-admin-password" in first.stdout
    counts = row_counts(database)
    assert counts["the courtesy call"] == 1
    assert counts["users"] >= 1 and counts["partnerships"] == 4

    # Again, as the README's `make run PORT=8000` on a free port: set up once more (changing nothing), then serve.
    port = free_port()
    command = readme_line("make run PORT=").replace("PORT=8000", f"PORT={port}")
    server = subprocess.Popen(shlex.split(command), cwd=checkout, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        assert answers(f"http://127.0.0.1:{port}/health", server), "make run never served"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output = server.communicate(timeout=30)[0]
    assert "sign in as admin@tracker.example" in output
    assert row_counts(database) == counts


def readme_line(start: str) -> str:
    """The line of a ```sh block of the README that begins with ``start``, so a change there is what is run."""
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```sh\n(.*?)```", readme, flags=re.DOTALL)
    return next(line for block in blocks for line in block.splitlines() if line.startswith(start)).split(" #")[0]


def answers(url: str, server: subprocess.Popen) -> bool:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status == 200
        except OSError:
            time.sleep(0.2)
    return False
