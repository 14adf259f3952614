"""Meetings through the API: logged with participants and follow-ups by the "Log a meeting" form's rules, read
back, changed with If-Match, and refused with the form's own messages pointing into the body."""

from datetime import date

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry, FollowUpAction, Meeting, MeetingParticipant, Person, Position
from tests.meetings.scenes import AMBASSADOR, DSG, pakistan_desk

PROBLEM = "application/problem+json"


@pytest.fixture
def desk(make):
    return pakistan_desk(make)


def the_call(desk, **changes) -> dict:
    """The 25 March 2024 courtesy call: the DSG and the ambassador, two areas and two follow-ups."""
    return {
        "partnership_id": desk.partnership.id, "type": "courtesy_call", "held_on": "2024-03-25",
        "starts_at": "10:30", "venue": "ASEAN Secretariat, Jakarta", "area_ids": [desk.trade, desk.education],
        "summary": "Practical Cooperation Areas (2024-2028)", "is_restricted": True,
        "participants": [
            {"side": "ours", "role": "head_of_delegation", "person_id": desk.astanah.id},
            {"side": "partner", "role": "head_of_delegation", "person_id": desk.rathore.id},
        ],
        "follow_ups": [
            {"title": "Propose dates for the business conference", "partner_office": "Mission of Pakistan to ASEAN",
             "due_on": "2024-09-30"},
            {"title": "Share the draft work plan", "owner_user_id": desk.colleague.id, "due_on": "2024-06-30",
             "area_id": desk.trade},
        ],
        **changes,
    }


def counts() -> tuple[int, ...]:
    db.session.expire_all()
    return tuple(db.session.scalar(sa.select(sa.func.count()).select_from(model))
                 for model in (Meeting, MeetingParticipant, FollowUpAction, Person, Position))


def errors(response) -> list[tuple[str, str]]:
    assert (response.status_code, response.content_type) == (422, PROBLEM), response.get_data(as_text=True)
    return [(error["pointer"], error["detail"]) for error in response.json["errors"]]


def test_a_meeting_logged_with_two_participants_and_two_follow_ups_reads_back_as_sent(desk, program, signed_in):
    editor = program("editor")
    created = editor.post("/api/v1/meetings", json=the_call(desk))
    assert created.status_code == 201, created.get_data(as_text=True)
    meeting_id = created.json["id"]
    assert created.headers["Location"] == f"/api/v1/meetings/{meeting_id}"
    assert created.headers["ETag"] == '"1"'

    read = editor.get(f"/api/v1/meetings/{meeting_id}")
    assert read.headers["ETag"] == '"1"'
    meeting = read.json
    assert meeting == created.json
    assert {key: meeting[key] for key in ("name", "type", "number", "held_on", "starts_at", "ends_on", "venue",
                                          "format", "outcome_document", "summary", "is_restricted", "version")} == {
        # No title: named after who called on whom.
        "name": f"Courtesy call by H.E. Ameer Khurram Rathore on the {DSG}", "type": "courtesy_call", "number": None,
        "held_on": "2024-03-25",
        "starts_at": "10:30:00", "ends_on": None, "venue": "ASEAN Secretariat, Jakarta", "format": "in_person",
        "outcome_document": "none", "summary": "Practical Cooperation Areas (2024-2028)", "is_restricted": True,
        "version": 1}
    assert meeting["partnership"] == {"id": desk.partnership.id, "name": "ASEAN–Pakistan", "slug": "asean-pakistan"}
    assert [(area["code"], area["name"]) for area in meeting["areas"]] == [
        ("2.1", "Trade"), ("3.4", "Education and human resource development")]
    # Our side first; each with the post held on 25 March 2024 (the ambassador's since 10 January 2024).
    assert [(p["side"], p["role"], p["person"]["name"], p["post"]["title"], p["delegation"])
            for p in meeting["participants"]] == [
        ("ours", "head_of_delegation", "Dato' Astanah Abdul Aziz", DSG, None),
        ("partner", "head_of_delegation", "H.E. Ameer Khurram Rathore", AMBASSADOR, None)]
    # Earliest due first.
    assert [(f["title"], f["status"], f["due_on"], f["owner_name"]) for f in meeting["follow_ups"]] == [
        ("Share the draft work plan", "open", "2024-06-30", "Anna Officer"),
        ("Propose dates for the business conference", "open", "2024-09-30", "Mission of Pakistan to ASEAN (partner)")]
    assert counts() == (1, 2, 2, 2, 3)

    page = signed_in.get(f"/meetings/{meeting_id}").get_data(as_text=True)
    for shown in ("Ameer Khurram Rathore", AMBASSADOR, "Share the draft work plan", "Education and human resource"):
        assert shown in page


def test_the_api_writes_are_audited_under_the_token_s_user(desk, program):
    editor = program("editor")
    meeting_id = editor.post("/api/v1/meetings", json=the_call(desk)).json["id"]
    assert editor.patch(f"/api/v1/meetings/{meeting_id}", json={"title": "Courtesy call on the DSG"},
                        headers={"If-Match": '"1"'}).status_code == 200
    entries = db.session.execute(sa.select(AuditEntry.record_type, AuditEntry.action, AuditEntry.user_id)
                                 .where(AuditEntry.record_type.in_(("meetings", "follow_up_actions")))
                                 .order_by(AuditEntry.id)).all()
    assert entries == [("meetings", "create", editor.user.id), ("follow_up_actions", "create", editor.user.id),
                       ("follow_up_actions", "create", editor.user.id), ("meetings", "update", editor.user.id)]


def test_a_person_met_for_the_first_time_is_recorded_with_the_post_given(desk, program):
    call = the_call(desk, follow_ups=[], participants=[
        {"side": "ours", "role": "co_chair", "full_name": "Kao Kim Hourn", "honorific": "Dr",
         "post_title": "Secretary-General of ASEAN", "organisation_id": desk.asean.id}])
    created = program("editor").post("/api/v1/meetings", json=call)
    assert created.status_code == 201, created.get_data(as_text=True)
    [participant] = created.json["participants"]
    assert (participant["person"]["name"], participant["post"]["title"]) == ("Dr Kao Kim Hourn",
                                                                              "Secretary-General of ASEAN")
    position = db.session.scalar(sa.select(Position).where(Position.title == "Secretary-General of ASEAN"))
    assert (position.starts_on, position.organisation_id) == (date(2024, 3, 25), desk.asean.id)


@pytest.mark.parametrize(("changes", "expected"), [
    ({"type": "jscc"}, [("#/number", "Enter the number of the JSCC")]),
    ({"held_on": "0001-01-01"}, [("#/held_on", "Year must be between 1900 and 2100")]),
    ({"title": "x" * 301}, [("#/title", "Title must be 300 characters or less")]),
    ({"title": "Courtesy call \ud800"}, [("#/title", "Text must be valid Unicode: it holds half of a surrogate pair")]),
    ({"ends_on": "2024-03-24"}, [("#/ends_on", "End date must be the same as or after 25 March 2024, the date of the "
                                                "meeting")]),
    ({"partnership_id": 2**31 - 1, "area_ids": [], "follow_ups": []},
     [("#/partnership_id", "Select a partnership from the list")]),
    ({"area_ids": [2**31 - 1]}, [("#/area_ids", "Select areas discussed from the plan covering the date of the "
                                                "meeting")]),
])
def test_a_meeting_the_form_would_refuse_is_refused_with_its_message_and_nothing_is_saved(
        desk, program, changes, expected):
    assert errors(program("editor").post("/api/v1/meetings", json=the_call(desk, **changes))) == expected
    assert counts() == (0, 0, 0, 2, 3)


def test_a_refused_row_is_named_by_its_place_in_the_body(desk, program):
    call = the_call(desk)
    call["participants"][1] = {"side": "partner", "role": "member", "person_id": 2**31 - 1}
    call["participants"].append({"side": "other"})
    call["follow_ups"][0]["due_on"] = "2024-03-01"
    call["follow_ups"].append({"title": " "})
    assert errors(program("editor").post("/api/v1/meetings", json=call)) == [
        ("#/participants/1/person_id", "Select a person for participant 2 from the list"),
        ("#/participants/2/role", "Select the role of participant 3"),
        ("#/participants/2/person_id", "Select a person for participant 3 or enter a new person’s name"),
        ("#/follow_ups/0/due_on", "Due date for follow-up 1 must be the same as or after 25 March 2024, the date of "
                                  "the meeting"),
        ("#/follow_ups/2/title", "Enter a title for follow-up 3"),
        ("#/follow_ups/2/owner_user_id", "Select the officer responsible or name the partner-side owner for "
                                         "follow-up 3"),
    ]
    assert counts() == (0, 0, 0, 2, 3)


def test_a_number_already_used_is_the_service_s_refusal(desk, program, make):
    make.meeting(desk.partnership, type="jscc", number=7, held_on=date(2023, 9, 18))
    call = the_call(desk, type="jscc", number=7, follow_ups=[], area_ids=[])
    assert errors(program("editor").post("/api/v1/meetings", json=call)) == [
        ("#/number", "There is already a 7th JSCC for ASEAN–Pakistan")]


def test_only_an_editor_with_a_read_and_write_token_logs_a_meeting(desk, program):
    for refused in (program("viewer", "read"), program("editor", "read")):
        response = refused.post("/api/v1/meetings", json=the_call(desk))
        assert (response.status_code, response.content_type) == (403, PROBLEM)
    assert counts() == (0, 0, 0, 2, 3)


def test_a_viewer_reads_a_restricted_meeting_without_its_notes(desk, program):
    call = the_call(desk)
    call["follow_ups"][0]["is_restricted"] = True
    meeting_id = program("editor").post("/api/v1/meetings", json=call).json["id"]
    viewer = program("viewer", "read")
    meeting = viewer.get(f"/api/v1/meetings/{meeting_id}").json
    assert (meeting["summary"], meeting["asks"], meeting["is_restricted"]) == (None, None, True)
    assert [(f["title"], f["is_restricted"]) for f in meeting["follow_ups"]] == [
        ("Share the draft work plan", False), (None, True)]
    listed = viewer.get("/api/v1/meetings").json["items"]
    assert [item["id"] for item in listed] == [meeting_id]


def test_two_programs_change_the_same_version_and_only_the_first_is_saved(desk, program):
    first, second = program("editor"), program("admin")
    meeting_id = first.post("/api/v1/meetings", json=the_call(desk)).json["id"]
    url = f"/api/v1/meetings/{meeting_id}"
    seen_first, seen_second = first.get(url).headers["ETag"], second.get(url).headers["ETag"]
    assert seen_first == seen_second == '"1"'

    changed = first.patch(url, json={"venue": "Pakistan Mission, Jakarta"}, headers={"If-Match": seen_first})
    assert (changed.status_code, changed.headers["ETag"], changed.json["version"]) == (200, '"2"', 2)
    assert changed.json["title"] is None  # what was not sent stays as it was
    late = second.patch(url, json={"venue": "Islamabad", "title": "Late"}, headers={"If-Match": seen_second})
    assert (late.status_code, late.content_type, late.headers["ETag"]) == (412, PROBLEM, '"2"')
    assert late.json["type"] == "/api-documentation#problem-changed"

    unconditional = second.patch(url, json={"venue": "Islamabad"})
    assert unconditional.status_code == 428
    now = first.get(url).json
    assert (now["venue"], now["title"], now["version"]) == ("Pakistan Mission, Jakarta", None, 2)
    assert len(now["participants"]) == 2 and len(now["follow_ups"]) == 2


def test_a_change_the_edit_form_refuses_is_refused_and_leaves_the_meeting_as_it_was(desk, program):
    editor = program("editor")
    meeting_id = editor.post("/api/v1/meetings", json=the_call(desk)).json["id"]
    url = f"/api/v1/meetings/{meeting_id}"
    # The follow-ups are due on 30 June and 30 September 2024: the meeting cannot move after either.
    moved = editor.patch(url, json={"held_on": "2024-10-01"}, headers={"If-Match": '"1"'})
    assert errors(moved) == [("#/held_on", "2 follow-ups are due before 1 October 2024: ‘Share the draft work plan’ "
                                           "(due 30 June 2024), ‘Propose dates for the business conference’ (due "
                                           "30 September 2024) – change their due dates first, or choose an earlier "
                                           "date")]
    emptied = editor.patch(url, json={"type": None}, headers={"If-Match": '"1"'})
    assert errors(emptied) == [("#/type", "Select the type of meeting")]
    assert editor.get(url).json["held_on"] == "2024-03-25"


def test_the_list_takes_the_page_s_filters_and_a_date_range(desk, program, make, count_queries):
    make.meeting(desk.partnership, type="jscc", number=7, held_on=date(2023, 9, 18), venue="Jakarta")
    make.meeting(desk.partnership, held_on=date(2024, 3, 25), title="Courtesy call by the ambassador")
    norway = make.partnership(make.organisation(name="Kingdom of Norway", short_name="Norway", iso_code="NO"))
    make.meeting(norway, held_on=date(2024, 5, 2))
    reader = program("viewer", "read")

    def names(query: str) -> list[str]:
        return [item["name"] for item in reader.every_page(f"/api/v1/meetings?{query}")]

    assert names("") == ["7th Joint Sectoral Cooperation Committee (JSCC)", "Courtesy call by the ambassador",
                         "Courtesy call"]
    assert names("partnership=asean-norway") == ["Courtesy call"]
    assert names("type=jscc") == ["7th Joint Sectoral Cooperation Committee (JSCC)"]
    assert names("year=2024&limit=1") == ["Courtesy call by the ambassador", "Courtesy call"]
    assert names("held_from=2024-03-25&held_to=2024-04-30") == ["Courtesy call by the ambassador"]
    assert names("q=ambassador") == ["Courtesy call by the ambassador"]
    with count_queries() as statements:
        assert len(reader.get("/api/v1/meetings?limit=200").json["items"]) == 3
    for _ in range(5):
        make.meeting(norway, held_on=date(2024, 6, 1))
    with count_queries() as more:
        assert len(reader.get("/api/v1/meetings?limit=200").json["items"]) == 8
    assert len(more) == len(statements)
