"""Restricted notes are searched only for editors and admins; archived records only when asked for."""

import pytest

from app.extensions import db
from tests.search.conftest import issued_report
from tests.search.helpers import page_hits


@pytest.fixture
def restricted_meeting(make, pakistan):
    return make.meeting(pakistan, title="Courtesy call on the DSG", summary="Pakistan raised the tariff ceiling",
                        is_restricted=True)


def test_a_viewer_gets_no_hit_whose_only_match_is_restricted(as_role, restricted_meeting):
    viewer = as_role("viewer")
    page = viewer.get("/search?q=tariff").get_data(as_text=True)
    assert page_hits(page) == {}
    assert "No records match “tariff”" in page


def test_a_viewer_finds_a_restricted_meeting_by_its_title_without_its_notes(as_role, restricted_meeting):
    page = as_role("viewer").get("/search?q=courtesy").get_data(as_text=True)
    assert page_hits(page) == {
        "meeting": [(f"/meetings/{restricted_meeting.id}", "<mark>Courtesy</mark> call on the DSG")]}
    assert "tariff" not in page


def test_an_editor_finds_restricted_notes_with_the_words_marked(as_role, restricted_meeting):
    page = as_role("editor").get("/search?q=tariff+ceiling").get_data(as_text=True)
    assert page_hits(page) == {"meeting": [(f"/meetings/{restricted_meeting.id}", "Courtesy call on the DSG")]}
    assert "Pakistan raised the <mark>tariff</mark> <mark>ceiling</mark>" in page


def test_a_restricted_follow_up_shows_viewers_its_placeholder_and_editors_its_title(as_role, make, pakistan):
    action = make.follow_up(pakistan, title="Send the draft tariff schedule", partner_office="Mission of Pakistan",
                            is_restricted=True)
    viewer = as_role("viewer")
    assert page_hits(viewer.get("/search?q=tariff").get_data(as_text=True)) == {}
    assert page_hits(viewer.get("/search?q=mission").get_data(as_text=True)) == {
        "follow_up": [(f"/follow-ups/{action.id}", "Restricted follow-up action")]}
    editor = as_role("editor")
    assert page_hits(editor.get("/search?q=tariff").get_data(as_text=True)) == {
        "follow_up": [(f"/follow-ups/{action.id}", "Send the draft <mark>tariff</mark> schedule")]}


def test_a_report_issued_with_restricted_notes_is_found_by_editors_only(as_role, make, pakistan):
    open_report = issued_report(make, pakistan, "Annual report 2024")
    closed_report = issued_report(make, pakistan, "Annual report 2024 with notes", include_restricted=True)
    assert page_hits(as_role("viewer").get("/search?q=annual+report").get_data(as_text=True)) == {
        "report": [(f"/reports/{open_report.id}", "<mark>Annual</mark> <mark>report</mark> 2024")]}
    assert [url for url, _ in page_hits(as_role("editor").get("/search?q=annual+report").get_data(as_text=True))[
        "report"]] == [f"/reports/{closed_report.id}", f"/reports/{open_report.id}"]


def test_archived_records_are_found_only_when_included_and_tagged_in_words(signed_in, make, pakistan):
    meeting = make.meeting(pakistan, title="Third courtesy call")
    meeting.archive()
    db.session.commit()
    page = signed_in.get("/search?q=third+courtesy").get_data(as_text=True)
    assert page_hits(page) == {}
    assert 'href="/search?q=third+courtesy&amp;archived=1">including archived records</a>' in page
    page = signed_in.get("/search?q=third+courtesy&archived=1").get_data(as_text=True)
    assert [url for url, _ in page_hits(page)["meeting"]] == [f"/meetings/{meeting.id}"]
    assert ">Archived</span>" in page
