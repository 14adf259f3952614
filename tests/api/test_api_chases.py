"""A follow-up's chases of the partner through the API: listed with it, newest first, read only."""

from datetime import date

import pytest

from app.extensions import db
from app.follow_ups import services
from app.follow_ups.chases import record_chase
from app.models import FollowUpAction
from tests.api.test_api_follow_ups import TODAY, desk  # noqa: F401  (the fixture)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(services, "today", lambda: TODAY)


def test_a_follow_up_lists_its_chases_newest_first_with_restricted_notes_hidden(desk, program):  # noqa: F811
    conference = db.session.get(FollowUpAction, desk["conference"])
    record_chase(conference, date(2024, 4, 10), "note_verbale", "Asked for three dates")
    record_chase(conference, date(2024, 9, 2), "call")
    db.session.commit()
    editor = program("editor", "read")
    answer = editor.get(f"/api/v1/follow-ups/{desk['conference']}").json
    assert answer["last_chased_on"] == "2024-09-02"
    assert [(c["chased_on"], c["channel"], c["note"]) for c in answer["chases"]] == [
        ("2024-09-02", "call", None), ("2024-04-10", "note_verbale", "Asked for three dates")]
    assert answer["chases"][0]["recorded_by"] is None  # recorded outside a request
    # The follow-up is restricted: a viewer reads the chases without their notes.
    viewer = program("viewer", "read")
    assert [c["note"] for c in viewer.get(f"/api/v1/follow-ups/{desk['conference']}").json["chases"]] == [None, None]
    listed = {item["id"]: item["last_chased_on"] for item in viewer.every_page("/api/v1/follow-ups")}
    assert listed[desk["conference"]] == "2024-09-02" and listed[desk["work_plan"]] is None


def test_chases_cannot_be_written_through_the_api(desk, program):  # noqa: F811
    writer = program("editor", "read_write")
    response = writer.post(f"/api/v1/follow-ups/{desk['conference']}/chases", json={"chased_on": "2024-09-02"})
    assert response.status_code in (404, 405)
