"""Follow-ups through the API: listed with the page's filters, read with their dated history, and moved to a new
state by the "Change status" form's rules, with If-Match."""

from datetime import date

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.follow_ups import services
from app.models import AuditEntry, FollowUpAction, FollowUpStateEntry

PROBLEM = "application/problem+json"
TODAY = date(2024, 11, 20)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(services, "today", lambda: TODAY)


@pytest.fixture
def desk(make):
    """ASEAN–Pakistan's courtesy call of 25 March 2024 and three follow-ups; one for Norway."""
    pakistan = make.partnership()
    call = make.meeting(pakistan, held_on=date(2024, 3, 25))
    officer = make.user(name="Anna Officer", email="anna@asean.example")
    work_plan = make.follow_up(pakistan, "Share the draft work plan", owner=officer, due_on=date(2024, 6, 30),
                               meeting=call)
    conference = make.follow_up(pakistan, "Propose dates for the business conference", due_on=date(2024, 12, 15),
                                meeting=call, is_restricted=True, description="Before the 8th JSCC")
    done = make.follow_up(pakistan, "Send the list of scholarships", owner=officer, due_on=date(2024, 5, 1),
                          meeting=call, status="done", completed_on=date(2024, 4, 30), cancelled_on=date(2024, 4, 30))
    norway = make.partnership(make.organisation(name="Kingdom of Norway", short_name="Norway", iso_code="NO"))
    make.follow_up(norway, "Renew the fund", due_on=date(2025, 2, 1))
    return {"officer": officer, "work_plan": work_plan.id, "conference": conference.id, "done": done.id}


def test_a_page_of_follow_ups_is_read_in_the_same_number_of_queries_however_long(desk, program, make,
                                                                               count_queries):
    reader = program("viewer", "read")
    reader.get("/api/v1/follow-ups")  # its token's first use is written down once, not at each request
    with count_queries() as statements:
        assert len(reader.get("/api/v1/follow-ups?status=all&limit=200").json["items"]) == 4
    pakistan = db.session.get(FollowUpAction, desk["work_plan"]).partnership
    for number in range(6):
        make.follow_up(pakistan, f"Follow-up {number}", owner=make.user(email=f"officer{number}@asean.example"))
    with count_queries() as more:
        assert len(reader.get("/api/v1/follow-ups?status=all&limit=200").json["items"]) == 10
    assert len(more) == len(statements)


def titles(reader, query="") -> list[str]:
    return [item["title"] for item in reader.every_page(f"/api/v1/follow-ups?{query}")]


def test_the_list_takes_the_page_s_filters_and_a_due_range(desk, program):
    reader = program("viewer", "read")
    # Still to do unless asked, by id.
    assert titles(reader) == ["Share the draft work plan", None, "Renew the fund"]
    assert titles(reader, "status=all&partnership=asean-pakistan") == [
        "Share the draft work plan", None, "Send the list of scholarships"]
    assert titles(reader, "status=done") == ["Send the list of scholarships"]
    assert titles(reader, "overdue=true") == ["Share the draft work plan"]
    assert titles(reader, f"owner_user_id={desk['officer'].id}&status=all") == [
        "Share the draft work plan", "Send the list of scholarships"]
    assert titles(reader, "due_from=2024-12-01&due_to=2025-01-31&limit=1") == [None]
    assert titles(reader, "mine=true") == []
    first = reader.get("/api/v1/follow-ups").json["items"][0]
    assert {key: first[key] for key in ("owner", "owner_name", "opened_on", "due_on", "status", "is_overdue",
                                        "partner_office", "partner_person")} == {
        "owner": {"id": desk["officer"].id, "name": "Anna Officer"}, "owner_name": "Anna Officer",
        "opened_on": "2024-03-25", "due_on": "2024-06-30", "status": "open", "is_overdue": True,
        "partner_office": None, "partner_person": None}


def test_one_follow_up_reads_with_its_dated_history_and_its_restricted_notes_only_for_an_editor(desk, program):
    viewer = program("viewer", "read")
    done = viewer.get(f"/api/v1/follow-ups/{desk['done']}")
    assert done.headers["ETag"] == '"1"'
    assert [(entry["status"], entry["effective_on"], entry["due_on"]) for entry in done.json["history"]] == [
        ("done", "2024-04-30", "2024-05-01"), ("open", "2024-03-25", "2024-05-01")]
    assert done.json["meeting"]["name"] == "Courtesy call"
    conference = f"/api/v1/follow-ups/{desk['conference']}"
    hidden = viewer.get(conference).json
    assert (hidden["title"], hidden["description"], hidden["is_restricted"]) == (None, None, True)
    shown = program("editor").get(conference).json
    assert (shown["title"], shown["description"]) == ("Propose dates for the business conference",
                                                      "Before the 8th JSCC")


def test_a_state_change_is_added_to_the_history_once_the_version_read_is_sent(desk, program):
    editor = program("editor")
    url = f"/api/v1/follow-ups/{desk['work_plan']}"
    change = {"status": "done", "changed_on": "2024-07-02", "note": "Sent by email"}
    assert editor.post(f"{url}/state-changes", json=change).status_code == 428
    done = editor.post(f"{url}/state-changes", json=change, headers={"If-Match": '"1"'})
    assert (done.status_code, done.headers["ETag"]) == (200, '"2"'), done.get_data(as_text=True)
    assert (done.json["status"], done.json["completed_on"], done.json["is_overdue"]) == ("done", "2024-07-02", False)
    assert [(e["status"], e["effective_on"], e["note"], e["recorded_by"]) for e in done.json["history"]] == [
        ("done", "2024-07-02", "Sent by email", {"id": editor.user.id, "name": editor.user.name}),
        ("open", "2024-03-25", None, None)]
    reopened = editor.post(f"{url}/state-changes", json={"status": "open", "changed_on": "2024-07-03"},
                           headers={"If-Match": '"2"'})
    assert (reopened.json["status"], reopened.json["completed_on"], reopened.headers["ETag"]) == ("open", None, '"3"')
    audit = db.session.scalars(sa.select(AuditEntry.user_id).where(
        AuditEntry.record_type == "follow_up_actions", AuditEntry.record_id == desk["work_plan"])).all()
    # Made by the test's factory (no one signed in), then changed twice through the API.
    assert audit == [None, editor.user.id, editor.user.id]


def test_a_change_sent_for_a_version_no_longer_current_saves_nothing(desk, program):
    first, second = program("editor"), program("admin")
    url = f"/api/v1/follow-ups/{desk['work_plan']}"
    version = first.get(url).headers["ETag"]
    assert second.get(url).headers["ETag"] == version == '"1"'
    assert first.post(f"{url}/state-changes", json={"status": "in_progress", "changed_on": "2024-07-01"},
                      headers={"If-Match": version}).status_code == 200
    late = second.post(f"{url}/state-changes", json={"status": "cancelled", "changed_on": "2024-07-05"},
                       headers={"If-Match": version})
    assert (late.status_code, late.content_type, late.headers["ETag"]) == (412, PROBLEM, '"2"')
    history = first.get(url).json["history"]
    assert [entry["status"] for entry in history] == ["in_progress", "open"]


@pytest.mark.parametrize(("change", "expected"), [
    ({"status": "done", "changed_on": "2024-11-21"}, [("#/changed_on", "Date of the change must be today or in the "
                                                                       "past")]),
    ({"status": "done", "changed_on": "2024-03-24"},
     [("#/changed_on", "Date of the change must be the same as or after 25 March 2024, the date of the meeting")]),
    ({"status": "done", "changed_on": "9999-12-31"}, [("#/changed_on", "Year must be between 1900 and 2100")]),
    ({"changed_on": None, "note": "x" * 2001}, [("#/status", "Select the status"),
                                                ("#/changed_on", "Enter the date of the change"),
                                                ("#/note", "Note must be 2,000 characters or less")]),
])
def test_a_state_change_the_form_refuses_is_refused_with_its_message(desk, program, change, expected):
    response = program("editor").post(f"/api/v1/follow-ups/{desk['work_plan']}/state-changes", json=change,
                                      headers={"If-Match": '"1"'})
    assert (response.status_code, response.content_type) == (422, PROBLEM)
    assert [(error["pointer"], error["detail"]) for error in response.json["errors"]] == expected
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FollowUpStateEntry).where(
        FollowUpStateEntry.follow_up_id == desk["work_plan"])) == 1


def test_a_viewer_cannot_change_a_state_and_a_follow_up_that_does_not_exist_is_not_found(desk, program):
    viewer, editor = program("viewer", "read"), program("editor")
    refused = viewer.post(f"/api/v1/follow-ups/{desk['work_plan']}/state-changes", json={"status": "done"},
                          headers={"If-Match": '"1"'})
    assert (refused.status_code, refused.content_type) == (403, PROBLEM)
    for url in ("/api/v1/follow-ups/2147483647", "/api/v1/follow-ups/99999999999"):
        assert viewer.get(url).status_code == 404
        assert editor.post(f"{url}/state-changes", json={}, headers={"If-Match": '"1"'}).status_code == 404
