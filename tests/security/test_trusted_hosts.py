"""Production answers only to the host names it is given: a forged Host header gets 400, never a page or a link."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from app import create_app

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def tracker(tmp_path):
    return create_app("production", SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'tracker.sqlite'}",
                      SECRET_KEY=secrets.token_hex(32), TRUSTED_HOSTS=["tracker.example.org"]).test_client()


@pytest.mark.parametrize(("host", "status"), [
    ("evil.example", 400),
    ("tracker.example.org.evil.example", 400),
    ("tracker.example.org", 200),
    ("tracker.example.org:443", 200),  # the port is not part of the name
])
@pytest.mark.parametrize("path", ["/health", "/sign-in", "/partnerships/"])
def test_production_answers_only_to_its_own_host_names(tracker, host, status, path):
    response = tracker.get(path, headers={"Host": host})
    # /partnerships/ sends a visitor who is not signed in to sign in first.
    assert response.status_code == (302 if status == 200 and path == "/partnerships/" else status)
    if status == 400:
        assert response.get_data(as_text=True) == "Bad request: this server does not answer to that host name.\n"


@pytest.mark.parametrize(("value", "read"), [
    (" tracker.example.org, 127.0.0.1 ,", "['tracker.example.org', '127.0.0.1']"),
    ("", "None"),  # unset: any host, as Flask's default
])
def test_production_reads_its_host_names_from_the_environment(value, read):
    script = "import config; print(config.ProductionConfig.TRUSTED_HOSTS)"
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True,
                          env={**os.environ, "TRUSTED_HOSTS": value})
    assert done.stdout.strip() == read
