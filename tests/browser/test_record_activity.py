"""In a browser: record a business forum from its action line's page, then see the line's status form suggest
"addressed" from the day the forum was completed, fill it in with one click and record it."""

from datetime import date

from playwright.sync_api import expect

from tests.browser.conftest import fill_date
from tests.factories import PASSWORD


def test_record_an_activity_from_an_action_line_and_take_the_suggested_status(site, make):
    officer = make.user(role="editor", email="officer@asean.example", name="Desk Officer")
    pakistan = make.partnership()
    plan = make.plan(pakistan)
    trade = make.area(plan, make.pillar(plan, "Economic"), code="2.1", name="Trade")
    forum_line = make.action_line(trade, code="2.1.1", text="Convene an ASEAN-Pakistan business forum")
    make.action_line(trade, code="2.1.2", text="Carry out a joint study of trade complementarities")
    make.status_update(officer, action_line=forum_line, status="being_addressed", as_of=date(2024, 6, 30))
    make.organisation(name="Government of Pakistan", short_name="GoP", kind="other", iso_code=None)
    page = site.page

    site.sign_in(officer, PASSWORD)
    site.open(f"/action-lines/{forum_line.id}")
    expect(page.get_by_text("No activity serves this action line yet.")).to_be_visible()
    page.get_by_role("link", name="Record an activity for action line 2.1.1").click()
    site.check_accessibility()

    expect(page.get_by_role("heading", level=1)).to_have_text("Record an activity")
    expect(page.get_by_label("Partnership")).to_have_value(str(pakistan.id))
    expect(page.get_by_label("2.1.1 Convene an ASEAN-Pakistan business forum")).to_be_checked()
    page.get_by_label("Dialogue").check()
    page.get_by_label("Title").fill("ASEAN-Pakistan Business Forum")
    page.get_by_label("Completed").check()
    fill_date(page, "Actual start date (optional)", "14", "5", "2025")
    fill_date(page, "Actual end date (optional)", "15", "5", "2025")
    page.get_by_label("The partner's own budget").check()
    page.get_by_label("Amount (optional)").fill("85,000")
    page.get_by_label("Currency (optional)").fill("usd")
    page.get_by_label("Implementing organisation (optional)").select_option(label="Government of Pakistan")
    page.get_by_role("button", name="Save activity").click()
    site.check_accessibility()

    expect(page.get_by_text("Activity recorded: ASEAN-Pakistan Business Forum")).to_be_visible()
    expect(page.get_by_text("85,000.00 USD")).to_be_visible()
    history = page.get_by_role("table", name="Each change of state, newest first, by the day it took effect")
    expect(history).to_contain_text("15 May 2025")
    expect(history).to_contain_text("Completed")

    page.get_by_role("link", name="2.1.1").click()
    site.check_accessibility()
    expect(page.get_by_role("link", name="ASEAN-Pakistan Business Forum")).to_be_visible()
    page.get_by_role("link", name="Record a status update").click()
    site.check_accessibility()

    suggestion = page.get_by_role("region", name="Suggested by the activities under this action line")
    expect(suggestion).to_contain_text(
        "ASEAN-Pakistan Business Forum was completed on 15 May 2025: Addressed from 15 May 2025.")
    # Nothing is chosen until the person asks for the suggestion.
    expect(page.get_by_label("Addressed", exact=True)).not_to_be_checked()
    suggestion.get_by_role("link", name="Fill in addressed from 15 May 2025 for action line 2.1.1").click()
    site.check_accessibility()
    expect(page.get_by_label("Addressed", exact=True)).to_be_checked()
    expect(page.get_by_label("Day", exact=True)).to_have_value("15")
    expect(page.get_by_label("Note", exact=True)).to_have_value(
        "ASEAN-Pakistan Business Forum was completed on 15 May 2025 (activity).")
    page.get_by_role("button", name="Save status update").click()
    site.check_accessibility()

    expect(page.get_by_text("Status recorded for action line 2.1.1")).to_be_visible()
    expect(page.get_by_role("heading", name="As of 15 May 2025 (current)")).to_be_visible()

    site.open("/activities/")
    expect(page.get_by_role("link", name="ASEAN-Pakistan Business Forum")).to_be_visible()
    # Filtered to the partnership: its plans are offered, and the page is still accessible.
    page.get_by_label("Partnership").select_option(label="ASEAN–Pakistan")
    page.get_by_role("button", name="Filter").click()
    site.check_accessibility()
    expect(page.get_by_label("Plan")).to_contain_text("Practical Cooperation Areas (2024-2028)")
