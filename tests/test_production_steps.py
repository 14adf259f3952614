"""The README's production steps, run as written on a new database: migrate, create the first administrator, serve.

The block is read from the README itself, so a change there is what is tested. Only what names this machine is
replaced: the database (a new PostgreSQL database in the PostgreSQL pass, a new SQLite file in the SQLite pass),
Redis, the port, and where the environment is. The password that `flask users create` asks for is typed on its
standard input.
"""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import database_beside_the_tests, database_url
from tests.security.test_sign_in_limits import REDIS_URL

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "teak lantern orbit meadow"

pytestmark = pytest.mark.slow


def production_steps() -> str:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Serving in production", 1)[1]
    blocks = re.findall(r"```sh\n(.*?)```", section, flags=re.DOTALL)
    return next(block for block in blocks if "flask db upgrade" in block)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def new_database(tmp_path):
    url = database_url()
    if not url.startswith("postgresql"):
        yield f"sqlite:///{tmp_path / 'tracker.sqlite'}"
        return
    with database_beside_the_tests("production_steps") as new:
        yield new


def get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read().decode()


def test_the_readme_production_steps_work_on_a_new_database(new_database):
    port = free_port()
    script = (production_steps()
              .replace("postgresql://tracker@db.internal/tracker", new_database)
              .replace("redis://redis.internal:6379/0", REDIS_URL)
              .replace("127.0.0.1:8000", f"127.0.0.1:{port}")
              .replace(".venv/bin/", str(Path(sys.executable).parent) + "/"))
    env = {key: value for key, value in os.environ.items()
           if key not in {"DATABASE_URL", "SECRET_KEY", "FLASK_APP", "APP_CONFIG", "FLASK_DEBUG"}}
    server = subprocess.Popen(["bash", "-e", "-c", script], cwd=ROOT, env=env, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    server.stdin.write(f"{PASSWORD}\n{PASSWORD}\n")
    server.stdin.close()
    try:
        answer = None
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and server.poll() is None:
            try:
                answer = get(f"http://127.0.0.1:{port}/sign-in")
                break
            except OSError:
                time.sleep(0.1)  # soon after the server starts listening
        assert answer is not None, f"never served; exit {server.poll()}:\n" + (server.stdout.read() if
                                                                               server.poll() is not None else "")
        status, page = answer
        assert status == 200 and "<h1 class=\"mt-2 mb-4\">Sign in</h1>" in page
    finally:
        os.killpg(server.pid, 15)
        output = server.stdout.read()
        server.wait(timeout=30)
    assert "Created admin head@example.org" in output
    engine = sa.create_engine(new_database.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as connection:
        admins = connection.execute(sa.text("SELECT email, role FROM users")).all()
    engine.dispose()
    assert admins == [("head@example.org", "admin")]
