"""A restricted meeting and follow-up logged in a real browser, the follow-up on a row the script added; then the
meeting read by a viewer, who sees placeholders, and by its editor, who sees the text tagged "Restricted"."""

import sqlalchemy as sa
from playwright.sync_api import expect

from app.extensions import db
from app.models import FollowUpAction, Meeting
from tests.factories import PASSWORD
from tests.meetings.scenes import pakistan_desk

SECRET_SUMMARY = "Minister hinted at a visa waiver deal"
SECRET_ACTION = "Sound out the minister on the visa waiver"
MEETING_LABEL = ("Restricted: only editors and admins can see the summary, asks and commitments, and they are left "
                 "out of reports unless included")
ACTION_LABEL = ("Restricted: only editors and admins can see this follow-up action, and it is left out of reports "
                "unless included")


def test_log_a_restricted_meeting_and_read_it_as_a_viewer_and_as_an_editor(site, make):
    officer = make.user(role="editor", email="officer@asean.example", name="Desk Officer")
    reader = make.user(role="viewer", email="reader@asean.example", name="Reading Officer")
    pakistan_desk(make)
    page = site.page
    page.emulate_media(reduced_motion="reduce")
    site.sign_in(officer, PASSWORD)

    site.open("/meetings/new?partnership=asean-pakistan&type=courtesy_call")
    page.locator("#held_on-day").fill("25")
    page.locator("#held_on-month").fill("3")
    page.locator("#held_on-year").fill("2024")
    page.get_by_label("In person", exact=True).check()
    page.get_by_label("Summary (optional)", exact=True).fill(SECRET_SUMMARY)
    page.get_by_label(MEETING_LABEL, exact=True).check()
    page.get_by_label("None", exact=True).check()

    followups = page.locator("[data-rows=followups] > [data-row]")
    first = followups.nth(0)
    first.get_by_label("Title", exact=True).fill("Share the draft work plan")
    first.get_by_label("Officer responsible", exact=True).select_option(label="Desk Officer")
    page.get_by_role("button", name="Add another follow-up").click()
    expect(followups).to_have_count(2)
    second = followups.nth(1)
    second.get_by_label("Title", exact=True).fill(SECRET_ACTION)
    second.get_by_label("Or the owner on the partner side", exact=True).fill("Mission of Pakistan to ASEAN")
    second.get_by_label(ACTION_LABEL, exact=True).check()
    expect(page.locator("#followups-1-is_restricted")).to_be_checked()
    site.check_accessibility()
    page.get_by_role("button", name="Save meeting", exact=True).last.click()

    expect(page.get_by_role("alert")).to_contain_text("Meeting saved: Courtesy call")
    db.session.expire_all()
    assert db.session.scalar(sa.select(Meeting.is_restricted)) is True
    assert list(db.session.scalars(sa.select(FollowUpAction.is_restricted).order_by(FollowUpAction.id))) == [
        False, True]
    main = page.get_by_role("main")
    expect(main).to_contain_text(SECRET_SUMMARY)
    expect(main).to_contain_text(SECRET_ACTION)
    # On the summary and the follow-up; the asks and commitments were left blank, so they read "Not provided".
    expect(main.locator(".app-tag", has_text="Restricted")).to_have_count(2)
    site.check_accessibility()
    meeting_url = page.url

    page.get_by_role("button", name="Sign out").click()
    site.sign_in(reader, PASSWORD)
    page.goto(meeting_url)
    site.check_accessibility()
    main = page.get_by_role("main")
    expect(main).not_to_contain_text(SECRET_SUMMARY)
    expect(main).not_to_contain_text(SECRET_ACTION)
    # Blank or not, the viewer cannot tell: each of the three reads the same.
    expect(main.get_by_text("Restricted note: visible to editors and admins")).to_have_count(3)
    expect(main.get_by_role("link", name="Restricted follow-up action")).to_be_visible()
    expect(main).to_contain_text("Share the draft work plan")
