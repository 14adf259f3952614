"""Changing the 25 March 2024 courtesy call in a real browser with the one form that logged it: the ambassador taken
off, a follow-up added, the summary rewritten; then the history of the summary compared word by word."""

from datetime import date

import sqlalchemy as sa
from playwright.sync_api import expect

from app.extensions import db
from app.meetings.services import add_participant
from app.models import FollowUpAction, Meeting, MeetingText, MeetingTextRevision
from tests.factories import PASSWORD
from tests.meetings.scenes import DSG, pakistan_desk


def test_change_the_call_and_compare_two_versions_of_its_summary(site, make):
    officer = make.user(role="editor", email="officer@asean.example", name="Desk Officer")
    desk = pakistan_desk(make)
    meeting = make.meeting(desk.partnership, held_on=date(2024, 3, 25), summary="The ambassador raised trade.")
    db.session.add(MeetingTextRevision(meeting=meeting, field=MeetingText.SUMMARY, text=meeting.summary))
    add_participant(meeting, side="ours", role="head_of_delegation", person=desk.astanah)
    add_participant(meeting, side="partner", role="head_of_delegation", person=desk.rathore)
    make.follow_up(desk.partnership, meeting=meeting, due_on=date(2024, 6, 30))
    db.session.commit()
    page = site.page
    page.emulate_media(reduced_motion="reduce")
    site.sign_in(officer, PASSWORD)

    site.open(f"/meetings/{meeting.id}/edit")
    rows = page.locator("[data-rows=participants] > [data-row]")
    expect(rows).to_have_count(2)
    page.get_by_role("button", name="Remove participant 2").click()
    expect(rows).to_have_count(1)
    page.get_by_role("button", name="Add another follow-up").click()
    new = page.locator("[data-rows=followups] > [data-row]").nth(1)
    new.get_by_label("Title", exact=True).fill("Send the list of scholarships")
    new.get_by_label("Or the owner on the partner side", exact=True).fill("Mission of Pakistan to ASEAN")
    page.get_by_label("Summary (optional)", exact=True).fill("The ambassador raised trade and investment.")
    site.check_accessibility()
    page.get_by_role("button", name="Save meeting").last.click()
    expect(page.get_by_text(f"Meeting saved: Courtesy call on the {DSG}")).to_be_visible()

    db.session.expire_all()
    saved = db.session.get_one(Meeting, meeting.id)
    assert [p.person_id for p in saved.participants] == [desk.astanah.id]
    assert db.session.scalars(sa.select(FollowUpAction.title).order_by(FollowUpAction.id)).all() == [
        "Share the draft work plan", "Send the list of scholarships"]

    page.get_by_role("link", name="History of the summary, asks and commitments").click()
    site.check_accessibility()
    expect(page.get_by_text("2 versions of the summary, oldest first")).to_be_visible()
    page.get_by_role("button", name="Show what changed in the summary").click()
    expect(page.get_by_role("heading", name="Summary: version 1 compared with version 2")).to_be_visible()
    expect(page.locator(".app-diff del")).to_have_text("[removed: trade.]")
    expect(page.locator(".app-diff ins")).to_have_text("[added: trade and investment.]")
    site.check_accessibility()
