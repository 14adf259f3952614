"""Matters arising for the 8th ASEAN–Pakistan JSCC, from the 7th: every list worked out by hand from
``arising_scene``, the proposed agenda taken to the "Log a meeting" form and saved with the 8th, and the edge cases."""

import re
from datetime import UTC, date, datetime, timedelta

import lxml.html
import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry, FollowUpAction, Meeting, MeetingType
from tests.conftest import csrf_token
from tests.meetings.arising_scene import AGENDA, COMMITMENTS, jscc_series


@pytest.fixture
def series(make):
    return jscc_series(make)


def arising_url(meeting) -> str:
    return f"/meetings/{meeting.id}/matters-arising"


def words(element) -> str:
    return re.sub(r"\s+", " ", element.text_content()).strip()


def table(page: str, caption: str) -> list[list[str]]:
    """The body rows of the table whose caption starts with ``caption``, cell by cell, as a person reads them."""
    for found in lxml.html.fromstring(page).iter("table"):
        if words(found.find("caption")).startswith(caption):
            return [[words(cell) for cell in row] for row in found.find("tbody").iter("tr")]
    raise LookupError(caption)


def test_the_last_meeting_leads_to_matters_arising_for_the_next(signed_in, series):
    page = signed_in.get(f"/meetings/{series.seventh.id}").get_data(as_text=True)
    assert "Matters arising for the 8th JSCC" in page
    assert f'href="{arising_url(series.seventh)}"' in page
    # An earlier meeting of the series offers none, and its address leads to the latest's.
    assert "Matters arising" not in signed_in.get(f"/meetings/{series.sixth.id}").get_data(as_text=True)
    response = signed_in.get(arising_url(series.sixth))
    assert response.status_code == 302 and response.location.endswith(arising_url(series.seventh))


def test_open_follow_ups_of_earlier_meetings(signed_in, series):
    page = signed_in.get(arising_url(series.seventh)).get_data(as_text=True)
    assert "<h1 class=\"mt-1\">Matters arising for the 8th JSCC</h1>" in page
    # Not the done one of the 5th, the cancelled or archived ones of the 6th, the archived 4th's or the call's.
    assert table(page, "Still to do from JSCC meetings before the 7th") == [
        ["Send the list of training courses", "5th Joint Sectoral Cooperation Committee (JSCC)", "Anna Officer",
         "31 December 2011", "Open, overdue", "Owed by us"],
        ["Propose a customs workshop", "6th Joint Sectoral Cooperation Committee (JSCC)",
         "Mission of Pakistan to ASEAN (partner)", "30 June 2030", "In progress", "10 February 2025"],
    ]


def test_what_became_of_the_last_meetings_commitments(signed_in, series):
    page = signed_in.get(arising_url(series.seventh)).get_data(as_text=True)
    assert COMMITMENTS in page
    assert table(page, "Follow-ups agreed at the 7th JSCC") == [
        ["Circulate the draft work plan", "Anna Officer", "31 October 2024", "Done on 5 November 2024", "Owed by us"],
        ["Propose dates for the business conference", "Mission of Pakistan to ASEAN (partner)", "31 December 2024",
         "Open, overdue", "Not chased"],
        ["Share the training calendar", "Anna Officer", "31 March 2030", "Awaiting partner", "Owed by us"],
        ["Nominate focal points", "Anna Officer", "No due date", "Cancelled on 20 January 2025", "Owed by us"],
    ]


def test_status_changes_and_activities_completed_since_the_last_meeting(signed_in, series):
    page = signed_in.get(arising_url(series.seventh)).get_data(as_text=True)
    # 1.1 changed before 18 September 2024 and was only confirmed after it.
    assert table(page, "Areas and action lines of the Practical Cooperation Areas (2024-2028)") == [
        ["Area 2.1 Trade", "On track", "At risk", "1 February 2025"],
        ["Action line 2.1.1 Customs cooperation", "Being addressed", "Addressed", "10 April 2025"],
        ["Area 3.4 Education and human resource development", "No status yet", "On track", "1 March 2025"],
    ]
    # Not the course completed before the 7th, the ongoing one or the archived one.
    assert table(page, "Activities completed since 18 September 2024") == [
        ["Training programme on cyber security", "Training course", "20 May 2025"],
    ]


def test_the_proposed_agenda(signed_in, series):
    page = signed_in.get(arising_url(series.seventh)).get_data(as_text=True)
    textarea = lxml.html.fromstring(page).get_element_by_id("agenda")
    assert textarea.text_content().strip("\n") == AGENDA


def agenda_form(signed_in, series, agenda: str):
    """The page's "Log the next meeting with this agenda", as the browser posts it."""
    page = signed_in.get(arising_url(series.seventh)).get_data(as_text=True)
    return signed_in.client.post("/meetings/new?partnership=asean-pakistan&type=jscc", data={
        "csrf_token": csrf_token(page), "agenda": agenda, "action": "start_with_agenda"})


def the_8th(series, agenda: str) -> dict:
    return {
        "partnership_id": str(series.partnership.id), "type": "jscc", "number": "8", "title": "",
        "held_on-day": "15", "held_on-month": "9", "held_on-year": "2025", "starts_at": "",
        "ends_on-day": "", "ends_on-month": "", "ends_on-year": "", "venue": "Islamabad", "format": "in_person",
        "summary": "", "asks": "", "commitments": "", "outcome_document": "none", "outcome_reference": "",
        "agenda": agenda, "action": "save",
    }


def test_the_edited_agenda_goes_to_the_meeting_form_and_is_saved_with_the_8th(signed_in, series):
    edited = AGENDA.replace("9. Closing remarks", "9. Signing of the work plan\n10. Closing remarks")
    response = agenda_form(signed_in, series, edited)
    assert response.status_code == 200
    form = lxml.html.fromstring(response.get_data(as_text=True))
    assert form.get_element_by_id("number").get("value") == "8"
    assert form.get_element_by_id("agenda").text_content().strip("\n") == edited
    assert "There is a problem" not in response.get_data(as_text=True)  # shown to fill in, not judged
    assert db.session.scalar(sa.select(sa.func.count(Meeting.id))) == 5  # nothing saved yet

    saved = signed_in.submit("/meetings/new", the_8th(series, edited))
    assert "Meeting saved: 8th Joint Sectoral Cooperation Committee (JSCC)" in saved.get_data(as_text=True)
    eighth = db.session.scalar(sa.select(Meeting).where(Meeting.number == 8))
    assert eighth.agenda == edited
    page = signed_in.get(f"/meetings/{eighth.id}").get_data(as_text=True)
    shown = lxml.html.fromstring(page).get_element_by_id("agenda")
    assert shown.text_content() == edited


def test_an_agenda_too_long_is_refused_next_to_the_field_and_kept(signed_in, series):
    too_long = "1. " + "x" * 10_000
    response = signed_in.submit("/meetings/new", the_8th(series, too_long))
    page = response.get_data(as_text=True)
    assert "Agenda must be 10,000 characters or less" in page
    assert '<a class="alert-link" href="#agenda">Agenda must be 10,000 characters or less</a>' in page
    assert too_long in page
    assert db.session.scalar(sa.select(sa.func.count(Meeting.id))) == 5


def test_changing_a_meetings_agenda_is_audited_and_searchable(signed_in, series, make):
    seventh = series.seventh
    page = signed_in.get(f"/meetings/{seventh.id}/edit").get_data(as_text=True)
    form = lxml.html.fromstring(page)
    data = {name: value for name, value in form.forms[-1].form_values()}
    data.update({"agenda": "1. Adoption of the agenda\n2. Halal certification", "action": "save"})
    response = signed_in.client.post(f"/meetings/{seventh.id}/edit", data=data, follow_redirects=True)
    assert "Meeting saved" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Meeting, seventh.id).agenda == "1. Adoption of the agenda\n2. Halal certification"
    entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.record_type == "meetings",
                                                           AuditEntry.record_id == seventh.id)).all()[-1]
    assert entry.changes["agenda"] == [None, "1. Adoption of the agenda\n2. Halal certification"]
    results = signed_in.get("/search?q=halal").get_data(as_text=True)
    assert f'href="/meetings/{seventh.id}"' in results


def test_a_series_of_one_meeting_has_nothing_earlier(signed_in, make):
    partnership = make.partnership()
    first = make.meeting(partnership, MeetingType.DPC, date(2024, 5, 2), number=1)
    page = signed_in.get(arising_url(first)).get_data(as_text=True)
    assert "Matters arising for the 2nd DPC" in page
    assert "The 1st DPC is the first recorded meeting of this series: nothing is carried over" in page
    assert "No follow-ups were recorded for the 1st DPC." in page
    assert "has no plan in force today" in page


def test_a_courtesy_call_or_an_archived_meeting_has_no_matters_arising(signed_in, series):
    assert "Matters arising" not in signed_in.get(f"/meetings/{series.call.id}").get_data(as_text=True)
    assert signed_in.get(arising_url(series.call)).status_code == 404
    series.seventh.archived_at = datetime(2025, 2, 1, tzinfo=UTC)
    db.session.commit()
    assert signed_in.get(arising_url(series.seventh)).status_code == 404
    # The 6th is now the latest meeting; the archived 7th keeps its number, so the next is still the 8th.
    page = signed_in.get(arising_url(series.sixth)).get_data(as_text=True)
    assert "Matters arising for the 8th JSCC" in page and "3. Matters arising from the 6th JSCC" in page


def test_a_viewer_reads_the_page_without_restricted_notes_and_cannot_log_the_meeting(as_role, series):
    series.seventh.is_restricted = True
    nominate = sa.select(FollowUpAction).where(FollowUpAction.title == "Nominate focal points")
    db.session.scalar(nominate).is_restricted = True
    db.session.commit()
    viewer = as_role("viewer")
    page = viewer.get(arising_url(series.seventh)).get_data(as_text=True)
    assert COMMITMENTS not in page and "Nominate focal points" not in page
    assert "Restricted note: visible to editors and admins" in page
    assert table(page, "Follow-ups agreed at the 7th JSCC")[3][0] == "Restricted follow-up action"
    assert "Log the next meeting with this agenda" not in page
    assert "3. Matters arising from the 7th JSCC" in page  # the agenda, to read
    response = viewer.submit("/meetings/new?partnership=asean-pakistan&type=jscc",
                             {"agenda": "1. Any", "action": "start_with_agenda"}, page="/meetings/")
    assert response.status_code == 403



def test_the_partnership_page_offers_the_next_meeting_of_each_series(signed_in, series, make):
    make.meeting(series.partnership, MeetingType.DPC, date(2022, 4, 5), number=1, venue="Jakarta")
    make.meeting(series.partnership, MeetingType.DPC, date(2023, 4, 5), number=2,
                 archived_at=datetime(2024, 1, 1, tzinfo=UTC))
    page = signed_in.get("/partnerships/asean-pakistan").get_data(as_text=True)
    items = [words(item) for item in lxml.html.fromstring(page).xpath(
        '//ul[@aria-labelledby="next-meetings"]/li')]
    # The archived 2nd DPC keeps its number, so the next DPC is the 3rd; the courtesy call is no series.
    assert sorted(items) == [
        "Matters arising for the 3rd DPC, from the 1st Development Partnership Committee (DPC) (5 April 2022)",
        "Matters arising for the 8th JSCC, from the 7th Joint Sectoral Cooperation Committee (JSCC) "
        "(18 September 2024)",
    ]


def test_a_meeting_logged_ahead_of_its_date_is_the_next_not_the_last(signed_in, series, make):
    # The 8th is logged for a day to come, as "Log the next meeting with this agenda" invites: the 7th, held
    # last, is still the one whose matters arise, for the 8th, and both meetings' pages lead there.
    ahead = date.today() + timedelta(days=45)
    eighth = make.meeting(series.partnership, MeetingType.JSCC, ahead, number=8, agenda="1. Adoption of the agenda")
    page = signed_in.get(arising_url(series.seventh)).get_data(as_text=True)
    assert "<h1 class=\"mt-1\">Matters arising for the 8th JSCC</h1>" in page
    notice = words(lxml.html.fromstring(page).find_class("alert-info")[0])
    assert notice == (f"The 8th JSCC is already logged for {ahead.day} {ahead:%B %Y}. Its agenda is changed on its "
                      "own form: change the 8th JSCC.")
    assert f'href="/meetings/{eighth.id}/edit"' in page
    assert 'value="start_with_agenda"' not in page  # no second 8th to log
    for meeting in (series.seventh, eighth):
        assert "Matters arising for the 8th JSCC" in signed_in.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    response = signed_in.get(arising_url(eighth))
    assert response.status_code == 302 and response.location.endswith(arising_url(series.seventh))
    word = signed_in.get(f"{arising_url(series.seventh)}.docx")
    assert word.headers["Content-Disposition"].endswith("_matters-arising_8th-jscc.docx")
