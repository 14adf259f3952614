"""An action line's status updates through the API: its history read, and a new update recorded by the rules of
the plan's "Update action lines" form, without If-Match (updates are only ever added)."""

from datetime import date

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry, StatusUpdate

PROBLEM = "application/problem+json"


@pytest.fixture
def line(make):
    """Action line 2.1.1 of ASEAN–Pakistan's 2024-2028 plan, not yet addressed on 30 June 2024 (a restricted note)."""
    plan = make.plan(make.partnership())
    line = make.action_line(make.area(plan, code="2.1", name="Trade"), code="2.1.1")
    author = make.user(name="Anna Officer", email="anna@asean.example")
    make.status_update(author, action_line=line, status="not_yet_addressed", as_of=date(2024, 6, 30),
                       note="Waiting for the customs survey", is_restricted=True)
    return line


def test_the_history_reads_in_the_order_recorded_with_restricted_notes_only_for_an_editor(line, program):
    url = f"/api/v1/action-lines/{line.id}/status-updates"
    [viewed] = program("viewer", "read").every_page(url)
    assert {key: viewed[key] for key in ("status", "as_of", "note", "is_restricted", "progress", "corrects_id")} == {
        "status": "not_yet_addressed", "as_of": "2024-06-30", "note": None, "is_restricted": True, "progress": None,
        "corrects_id": None}
    assert viewed["author"]["name"] == "Anna Officer"
    [edited] = program("editor").every_page(url)
    assert edited["note"] == "Waiting for the customs survey"


def test_a_new_status_is_recorded_by_the_token_s_user_without_if_match(line, program):
    editor = program("editor")
    url = f"/api/v1/action-lines/{line.id}/status-updates"
    recorded = editor.post(url, json={"status": "being_addressed", "as_of": "2024-09-18",
                                      "note": "Discussed at the 7th JSCC"})
    assert recorded.status_code == 201, recorded.get_data(as_text=True)
    assert {key: recorded.json[key] for key in ("status", "as_of", "note", "is_restricted", "author")} == {
        "status": "being_addressed", "as_of": "2024-09-18", "note": "Discussed at the 7th JSCC",
        "is_restricted": False, "author": {"id": editor.user.id, "name": editor.user.name}}
    # A second program recording at the same time keeps its update too: the history only grows.
    assert program("admin").post(url, json={"status": "addressed", "as_of": "2024-09-19", "note": "Done",
                                            "is_restricted": True}).status_code == 201
    assert [(u["status"], u["as_of"]) for u in editor.every_page(url)] == [
        ("not_yet_addressed", "2024-06-30"), ("being_addressed", "2024-09-18"), ("addressed", "2024-09-19")]
    assert db.session.scalar(sa.select(AuditEntry.user_id).where(
        AuditEntry.record_type == "status_updates", AuditEntry.record_id == recorded.json["id"])) == editor.user.id


@pytest.mark.parametrize(("update", "expected"), [
    ({"status": "addressed", "as_of": "2023-12-31", "note": "Early"},
     [("#/as_of", "Date of the status updates must be between 1 January 2024 and 31 December 2028, the period of "
                  "the plan")]),
    ({"status": "addressed", "as_of": "2024-09-18"}, [("#/note", "Enter a note for action line 2.1.1")]),
    ({"as_of": "2024-09-18", "note": "No status"},
     [("#/status", "Select a new status for action line 2.1.1, or clear its note")]),
    ({"status": "addressed", "as_of": None, "note": "x" * 2001},
     [("#/as_of", "Enter the date of the status updates"),
      ("#/note", "Note for action line 2.1.1 must be 2,000 characters or less")]),
])
def test_a_status_the_form_refuses_is_refused_with_its_message(line, program, update, expected):
    response = program("editor").post(f"/api/v1/action-lines/{line.id}/status-updates", json=update)
    assert (response.status_code, response.content_type) == (422, PROBLEM)
    assert [(error["pointer"], error["detail"]) for error in response.json["errors"]] == expected
    assert db.session.scalar(sa.select(sa.func.count()).select_from(StatusUpdate)) == 1


def test_an_archived_line_is_the_service_s_refusal(line, program):
    line.archive()
    db.session.commit()
    response = program("editor").post(f"/api/v1/action-lines/{line.id}/status-updates",
                                      json={"status": "addressed", "as_of": "2024-09-18", "note": "Done"})
    assert [(error["pointer"], error["detail"]) for error in response.json["errors"]] == [
        ("#/status", "Action line 2.1.1 is archived – restore it before recording its status")]


def test_a_viewer_cannot_record_a_status_and_a_line_that_does_not_exist_is_not_found(line, program):
    viewer = program("viewer", "read")
    refused = viewer.post(f"/api/v1/action-lines/{line.id}/status-updates",
                          json={"status": "addressed", "as_of": "2024-09-18", "note": "Done"})
    assert (refused.status_code, refused.content_type) == (403, PROBLEM)
    assert viewer.get("/api/v1/action-lines/2147483647/status-updates").status_code == 404
    assert viewer.get("/api/v1/action-lines/99999999999/status-updates").status_code == 404
