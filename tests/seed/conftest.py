"""The demo data, loaded through the services once a run and put back from a copy for each test that reads it."""

import pytest

from app.extensions import db
from seed.loader import load_demo
from tests.conftest import copy_of_the_tables, made_once, put_back


@pytest.fixture(scope="session")
def demo_load(app) -> tuple[str, dict]:
    """What ``load_demo`` says on an empty database, and a copy of every row it writes."""
    with made_once(app):
        summary = load_demo()
        db.session.commit()
        return summary, copy_of_the_tables()


@pytest.fixture
def demo(app_context, demo_load) -> str:
    """The demo data as ``load_demo`` writes it on an empty database, committed; its summary."""
    summary, rows = demo_load
    put_back(rows)
    return summary
