"""Two people in two browsers change the same meeting: the second save shows the conflict, not an overwrite."""

from playwright.sync_api import expect

from app.extensions import db
from app.models import Meeting
from tests.browser.conftest import Site
from tests.factories import PASSWORD


def test_second_save_of_the_same_meeting_shows_the_conflict(site, live_server, browser, make):
    first = make.user(role="editor", email="officer@asean.example", name="Desk Officer")
    second = make.user(role="editor", email="colleague@asean.example", name="Colleague")
    meeting = make.meeting(make.partnership(), venue="Jakarta")
    db.session.commit()
    other_context = browser.new_context()
    other = Site(live_server, other_context.new_page())
    try:
        for who, user in ((site, first), (other, second)):
            who.page.emulate_media(reduced_motion="reduce")
            who.sign_in(user, PASSWORD)
            who.open(f"/meetings/{meeting.id}/edit")

        site.page.get_by_label("Venue").fill("Kuala Lumpur")
        site.page.get_by_role("button", name="Save meeting").last.click()
        expect(site.page.get_by_text("Meeting saved")).to_be_visible()

        other.page.get_by_label("Venue").fill("Manila")
        other.page.get_by_role("button", name="Save meeting").last.click()
        expect(other.page.get_by_role("heading", level=1)).to_contain_text("Someone else changed")
        expect(other.page.get_by_role("table")).to_contain_text("Kuala Lumpur")
        expect(other.page.get_by_role("table")).to_contain_text("Manila")
        other.check_accessibility()
        db.session.expire_all()
        assert db.session.get(Meeting, meeting.id).venue == "Kuala Lumpur"
    finally:
        other_context.close()


def test_a_form_opened_before_a_slug_change_still_reaches_the_conflict_page(site, live_server, browser, make):
    first = make.user(role="editor", email="officer@asean.example", name="Desk Officer")
    second = make.user(role="editor", email="colleague@asean.example", name="Colleague")
    make.partnership()
    db.session.commit()
    other_context = browser.new_context()
    other = Site(live_server, other_context.new_page())
    try:
        for who, user in ((site, first), (other, second)):
            who.sign_in(user, PASSWORD)
            who.open("/partnerships/asean-pakistan/edit")

        site.page.get_by_label("Web address").fill("asean-pk")
        site.page.get_by_role("button", name="Save partnership").click()
        expect(site.page).to_have_url(f"{live_server}/partnerships/asean-pk")

        # The browser sends the form to the old address, is sent on to the new one with the form (308), and the
        # version check there finds the first save.
        other.page.get_by_label("Notes").fill("Annual review in May")
        other.page.get_by_role("button", name="Save partnership").click()
        expect(other.page).to_have_url(f"{live_server}/partnerships/asean-pk/edit")
        expect(other.page.get_by_role("heading", level=1)).to_contain_text("Someone else changed")
        expect(other.page.get_by_role("table")).to_contain_text("asean-pk")
        expect(other.page.get_by_role("table")).to_contain_text("Annual review in May")
        other.check_accessibility()
    finally:
        other_context.close()
