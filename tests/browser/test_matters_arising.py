"""Preparing the 8th ASEAN–Pakistan JSCC in a real browser: from the 7th's page to its matters arising, the proposed
agenda edited, the 8th logged with it, and the agenda on the 8th's page."""

import sqlalchemy as sa
from playwright.sync_api import expect

from app.extensions import db
from app.models import Meeting
from tests.factories import PASSWORD
from tests.meetings.arising_scene import AGENDA, jscc_series


def test_prepare_and_log_the_next_jscc_with_its_agenda(site, make):
    officer = make.user(role="editor", email="officer@asean.example", name="Desk Officer")
    series = jscc_series(make)
    page = site.page
    # Without transitions axe reads a button's settled colours, not a blend halfway through a hover.
    page.emulate_media(reduced_motion="reduce")
    site.sign_in(officer, PASSWORD)

    site.open(f"/meetings/{series.seventh.id}")
    page.get_by_role("link", name="Prepare the next meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Matters arising for the 8th JSCC")
    site.check_accessibility()
    expect(page.get_by_role("table", name="Still to do from JSCC meetings before the 7th")
           .get_by_role("row")).to_have_count(3)  # the header and two follow-ups

    agenda = page.get_by_label("Agenda", exact=True)
    expect(agenda).to_have_value(AGENDA)
    edited = AGENDA.replace("6. Way forward", "6. Way forward\n   6.1. Business Opportunities Conference")
    agenda.fill(edited)
    page.get_by_role("button", name="Log the next meeting with this agenda").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Log a meeting")
    site.check_accessibility()
    expect(page.get_by_label("Number", exact=True)).to_have_value("8")
    expect(page.get_by_label("Joint Sectoral Cooperation Committee (JSCC)", exact=True)).to_be_checked()
    expect(page.get_by_label("Agenda (optional)", exact=True)).to_have_value(edited)
    page.locator("#held_on-day").fill("15")
    page.locator("#held_on-month").fill("9")
    page.locator("#held_on-year").fill("2025")
    page.get_by_label("In person", exact=True).check()
    page.get_by_label("None", exact=True).check()
    page.get_by_role("button", name="Save meeting", exact=True).last.click()

    expect(page.get_by_role("heading", level=1)).to_have_text("8th Joint Sectoral Cooperation Committee (JSCC)")
    site.check_accessibility()
    expect(page.locator("#agenda")).to_have_text(edited)
    db.session.expire_all()
    assert db.session.scalar(sa.select(Meeting.agenda).where(Meeting.number == 8)) == edited
    # The 8th is now the latest of the series: it leads to the matters arising for the 9th.
    next_one = page.get_by_role("link", name="Prepare the next meeting")
    expect(next_one).to_contain_text("Matters arising for the 9th JSCC")
