"""Restricted notes on the pages: a viewer never reads them anywhere, an editor reads them with a "Restricted" tag.

One desk is set up with a restricted meeting, a restricted follow-up from it, and restricted status notes on an
area and an action line, each next to an open record of the same kind, then every page that shows them is read.
"""

import re
from dataclasses import dataclass
from datetime import date

import pytest

from app.extensions import db
from app.models import MeetingType

SECRET_SUMMARY = "Minister hinted at a visa waiver deal"
SECRET_ASKS = "Quiet support for the candidature"
SECRET_COMMITMENTS = "Back-channel talks before the JSCC"
SECRET_ACTION = "Sound out the minister on the visa waiver"
SECRET_DESCRIPTION = "Through the private office of the ambassador"
SECRET_AREA_NOTE = "Minister privately doubts the budget"
SECRET_LINE_NOTE = "Partner may withdraw funding"
SECRETS = (SECRET_SUMMARY, SECRET_ASKS, SECRET_COMMITMENTS, SECRET_ACTION, SECRET_DESCRIPTION, SECRET_AREA_NOTE,
           SECRET_LINE_NOTE)

OPEN_SUMMARY = "Customs pilot reviewed"
OPEN_ACTION = "Share the draft work plan"
OPEN_AREA_NOTE = "Customs pilot running"

#: What a viewer reads in their place (worked out from the wording agreed for the desk).
NOTE_PLACEHOLDER = "Restricted note: visible to editors and admins"
ACTION_PLACEHOLDER = "Restricted follow-up action"
RESTRICTED_TAG = re.compile(r'<span class="badge app-tag[^"]*">Restricted</span>')


@dataclass
class Desk:
    plan_id: int
    area_id: int
    line_id: int
    meeting_id: int
    open_meeting_id: int
    action_id: int


def set_up_desk(make, owner) -> Desk:
    partnership = make.partnership(slug="asean-pakistan")
    plan = make.plan(partnership)
    trade = make.area(plan, make.pillar(plan), code="2.1", name="Trade")
    line = make.action_line(trade, code="2.1.1", text="Customs cooperation")
    call = make.meeting(partnership, held_on=date(2024, 3, 25), summary=SECRET_SUMMARY, asks=SECRET_ASKS,
                        commitments=SECRET_COMMITMENTS, is_restricted=True, areas=[trade])
    jscc = make.meeting(partnership, type=MeetingType.JSCC, number=7, held_on=date(2024, 9, 18), summary=OPEN_SUMMARY)
    action = make.follow_up(partnership, title=SECRET_ACTION, description=SECRET_DESCRIPTION, meeting=call,
                            area=trade, owner=owner, partner_office=None, due_on=date(2024, 6, 30), is_restricted=True)
    make.follow_up(partnership, title=OPEN_ACTION, meeting=call, area=trade, owner=owner, partner_office=None,
                   due_on=date(2024, 7, 31))
    make.status_update(owner, area=trade, status="on_track", as_of=date(2024, 4, 1), note=OPEN_AREA_NOTE)
    make.status_update(owner, area=trade, status="at_risk", as_of=date(2024, 5, 1), note=SECRET_AREA_NOTE,
                       is_restricted=True)
    make.status_update(owner, action_line=line, status="being_addressed", as_of=date(2024, 5, 2),
                       note=SECRET_LINE_NOTE, is_restricted=True)
    db.session.commit()
    return Desk(plan.id, trade.id, line.id, call.id, jscc.id, action.id)


def sign_in_at_the_desk(visitor, make, role: str):
    """Signed in as ``role``, owning the follow-ups (so they are on the home page's "yours" list)."""
    user = make.user(role=role, email=f"{role}@asean.example", name=f"{role.title()} User")
    desk = set_up_desk(make, user)
    visitor.sign_in(user)
    visitor.role, visitor.desk = role, desk
    return visitor


@pytest.fixture(params=["viewer", "editor", "admin"])
def reader(request, visitor, make):
    return sign_in_at_the_desk(visitor, make, request.param)


@pytest.fixture(params=["editor", "admin"])
def editor(request, visitor, make):
    return sign_in_at_the_desk(visitor, make, request.param)


@pytest.fixture
def viewer(visitor, make):
    return sign_in_at_the_desk(visitor, make, "viewer")


#: Each page: its address, then how many times a viewer reads each placeholder there and how many "Restricted"
#: tags an editor sees, counted by hand from what the page lists.
PAGES = {
    # Summary, asks and commitments (3 notes); the follow-up among the meeting's follow-ups.
    "meeting": (lambda d: f"/meetings/{d.meeting_id}", 3, 1, 4),
    # Title in the page title, breadcrumbs, heading and summary list (4); the description (1 note).
    # Tags: beside the status and on the description.
    "follow-up": (lambda d: f"/follow-ups/{d.action_id}", 1, 4, 2),
    "follow-up list": (lambda d: "/follow-ups/?status=all", 0, 1, 1),
    "partnership": (lambda d: "/partnerships/asean-pakistan", 0, 1, 1),
    # The area's status history (1 note) and its follow-ups.
    "area": (lambda d: f"/areas/{d.area_id}", 1, 1, 2),
    "action line": (lambda d: f"/action-lines/{d.line_id}", 1, 0, 1),
    # The plan shows statuses, never notes or follow-up titles.
    "plan": (lambda d: f"/plans/{d.plan_id}", 0, 0, 0),
    # "Your open follow-ups" and "Overdue": the restricted one is on both.
    "home": (lambda d: "/", 0, 2, 2),
}


@pytest.mark.parametrize("name", PAGES)
def test_each_page_hides_restricted_text_from_viewers_and_tags_it_for_editors(reader, name):
    url, notes, actions, tags = PAGES[name]
    response = reader.get(url(reader.desk))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    if reader.role == "viewer":
        for secret in SECRETS:
            assert secret not in page, f"{secret!r} shown to a viewer on the {name} page"
        assert page.count(NOTE_PLACEHOLDER) == notes
        assert page.count(ACTION_PLACEHOLDER) == actions
        assert not RESTRICTED_TAG.search(page)
    else:
        assert NOTE_PLACEHOLDER not in page and ACTION_PLACEHOLDER not in page
        assert len(RESTRICTED_TAG.findall(page)) == tags


def test_what_an_editor_reads_on_each_page(editor):
    reader, desk = editor, editor.desk
    meeting = reader.get(f"/meetings/{desk.meeting_id}").get_data(as_text=True)
    for text in (SECRET_SUMMARY, SECRET_ASKS, SECRET_COMMITMENTS, SECRET_ACTION, OPEN_ACTION):
        assert text in meeting
    follow_up = reader.get(f"/follow-ups/{desk.action_id}").get_data(as_text=True)
    assert f"<h1 class=\"mt-1\">{SECRET_ACTION}</h1>" in follow_up and SECRET_DESCRIPTION in follow_up
    assert SECRET_AREA_NOTE in reader.get(f"/areas/{desk.area_id}").get_data(as_text=True)
    assert SECRET_LINE_NOTE in reader.get(f"/action-lines/{desk.line_id}").get_data(as_text=True)
    assert SECRET_ACTION in reader.get("/").get_data(as_text=True)


def test_a_viewer_still_reads_what_is_not_restricted(viewer):
    reader, desk = viewer, viewer.desk
    meeting = reader.get(f"/meetings/{desk.meeting_id}").get_data(as_text=True)
    # The meeting itself, its date and its open follow-up stay in view; only its notes are hidden.
    assert "<h1 class=\"mt-1\">Courtesy call</h1>" in meeting and "25 March 2024" in meeting
    assert OPEN_ACTION in meeting
    assert OPEN_SUMMARY in reader.get(f"/meetings/{desk.open_meeting_id}").get_data(as_text=True)
    area = reader.get(f"/areas/{desk.area_id}").get_data(as_text=True)
    assert OPEN_AREA_NOTE in area
    # The restricted update is still the current status: its status is not restricted, only its note.
    assert "At risk" in area
    # Both follow-ups are counted, the restricted one included.
    assert "2 follow-ups, earliest due first" in reader.get("/follow-ups/?status=all").get_data(as_text=True)
    assert "2 open" in area


def test_the_meeting_search_does_not_look_in_restricted_summaries_for_viewers(reader):
    found = reader.get("/meetings/?q=visa+waiver").get_data(as_text=True)
    if reader.role == "viewer":
        assert "No meetings match" in found
    else:
        assert "1 meeting, newest first" in found and f'href="/meetings/{reader.desk.meeting_id}"' in found
    # An open summary is found by everyone.
    open_found = reader.get("/meetings/?q=customs+pilot").get_data(as_text=True)
    assert "1 meeting, newest first" in open_found and f'href="/meetings/{reader.desk.open_meeting_id}"' in open_found


def test_the_history_of_a_restricted_meeting_hides_its_notes_from_viewers(reader):
    page = reader.get(f"/history?type=meetings&id={reader.desk.meeting_id}").get_data(as_text=True)
    shown = SECRET_SUMMARY in page
    assert shown is (reader.role != "viewer")


def test_restricted_follow_ups_add_no_queries_to_the_list(as_role, make, count_queries):
    viewer = as_role("viewer")
    partnership = make.partnership(slug="asean-pakistan")
    make.follow_up(partnership, title="First", is_restricted=True)
    with count_queries() as one:
        assert viewer.get("/follow-ups/").status_code == 200
    for n in range(5):
        make.follow_up(partnership, title=f"Restricted {n}", is_restricted=True)
    db.session.expire_all()
    with count_queries() as six:
        page = viewer.get("/follow-ups/").get_data(as_text=True)
    assert page.count(ACTION_PLACEHOLDER) == 6
    assert len(six) == len(one)
