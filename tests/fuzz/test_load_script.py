"""scripts/load.py fills in the real forms the way its officers do under load: each of its writes, made through the
test client instead of gunicorn, must succeed and leave exactly one row carrying its marker."""

import re
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import FollowUpAction, Meeting, StatusUpdate

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from loadtest.browser import Failure, form_on, options_of  # noqa: E402
from loadtest.database import Desk  # noqa: E402
from loadtest.officers import Officer, Tally  # noqa: E402


class ClientBrowser:
    """The script's Browser, over the Flask test client."""

    def __init__(self, client):
        self.client = client

    def page(self, path: str) -> str:
        response = self.client.get(path)
        assert response.status_code == 200, path
        return response.get_data(as_text=True)

    def submit(self, path: str, fields: dict, expect: str) -> str:
        response = self.client.post(path, data=fields)
        location = response.headers.get("Location", "")
        if response.status_code in (302, 303) and re.search(expect, location):
            return location
        raise Failure(f"HTTP {response.status_code}: {response.get_data(as_text=True)[:3000]}")


@pytest.fixture
def officer(signed_in, make):
    partnership = make.partnership()
    plan = make.plan(partnership, starts_on=date(2024, 1, 1), ends_on=date(2099, 12, 31))
    area = make.area(plan)
    desk = Desk(officers=[signed_in.user.email], partnerships=[partnership.slug], areas=[area.id])
    person = Officer(1, signed_in.user.email, desk, "loadtest", port=0, deadline=time.monotonic() + 60,
                          tally=Tally(), seed=1)
    person.browser = ClientBrowser(signed_in.client)
    return person


@pytest.mark.parametrize(("kind", "model", "column"), [
    ("meeting", Meeting, Meeting.title),
    ("follow-up", FollowUpAction, FollowUpAction.title),
    ("status", StatusUpdate, StatusUpdate.note),
])
def test_each_write_of_the_load_script_is_accepted(officer, kind, model, column):
    officer.write(kind)

    assert officer.tally.succeeded[kind] == 1 and not officer.tally.errors
    [marker] = officer.tally.successes
    assert db.session.scalar(sa.select(sa.func.count()).select_from(model).where(column == marker)) == 1


def test_the_form_reader_sends_what_a_browser_would():
    page = """
      <form method="post" action="/sign-out"><input name="csrf_token" value="t0"></form>
      <form method="post" action="">
        <input name="csrf_token" type="hidden" value="t1">
        <input name="title" value="Courtesy call">
        <input name="type" type="radio" value="jscc">
        <input name="type" type="radio" value="courtesy_call" checked>
        <input name="area_ids" type="checkbox" value="3" checked>
        <input name="area_ids" type="checkbox" value="4" checked>
        <select name="partnership_id">
          <option value="">Choose</option><option value="7" selected>ASEAN–Pakistan</option>
        </select>
        <select name="format">
          <option value="in_person">In person</option><option value="hybrid">Hybrid</option>
        </select>
        <textarea name="summary">
Agreed to meet again</textarea>
        <button name="action" value="refresh">Show the areas</button>
      </form>"""
    assert form_on(page, "/meetings/new") == {
        "csrf_token": "t1", "title": "Courtesy call", "type": "courtesy_call", "area_ids": ["3", "4"],
        "partnership_id": "7", "format": "in_person", "summary": "Agreed to meet again",
    }
    assert options_of(page, "type") == ["jscc", "courtesy_call"]


@pytest.mark.parametrize("script", ["load.py", "kill.py"])
def test_the_scripts_start_as_the_readme_says(script):
    # kill.py runs the load of load.py: both must find every part of the load test when run from the checkout.
    root = Path(__file__).resolve().parents[2]
    shown = subprocess.run([sys.executable, f"scripts/{script}", "--help"], cwd=root, capture_output=True, text=True,
                           check=False)
    assert shown.returncode == 0, shown.stderr
    assert "--seconds SECONDS" in shown.stdout and "--database-url DATABASE_URL" in shown.stdout
