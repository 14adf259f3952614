"""In a browser: record a backdated status for an area, then update two action lines at once after a meeting."""

from playwright.sync_api import expect

from tests.browser.conftest import fill_date
from tests.factories import PASSWORD


def fits_the_width(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_record_a_backdated_area_status_and_update_action_lines(site, make):
    officer = make.user(role="editor", email="officer@asean.example", name="Desk Officer")
    plan = make.plan(make.partnership())
    economic = make.pillar(plan, "Economic")
    trade = make.area(plan, economic, code="2.1", name="Trade")
    make.action_line(trade, code="2.1.1", text="Customs cooperation")
    make.action_line(trade, code="2.1.2", text="Trade facilitation")
    page = site.page

    site.sign_in(officer, PASSWORD)
    site.open(f"/plans/{plan.id}")
    expect(page.get_by_text("0 out of 2 (0%) action lines are being addressed")).to_be_visible()

    page.get_by_role("link", name="Update status of 2.1 Trade").click()
    site.check_accessibility()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a status update for 2.1 Trade")
    page.get_by_label("On track").check()
    page.get_by_label("Progress").fill("40")
    page.get_by_label("Note", exact=True).fill("Trade workshop held in Jakarta")
    fill_date(page, "Date of the status update", "15", "5", "2025")
    page.get_by_role("button", name="Save status update").click()
    site.check_accessibility()

    expect(page.get_by_text("Status recorded for 2.1 Trade")).to_be_visible()
    timeline = page.get_by_role("list", name="Status updates of 2.1 Trade, newest first")
    expect(timeline).to_contain_text("As of 15 May 2025")
    expect(timeline).to_contain_text("Trade workshop held in Jakarta")
    expect(timeline).to_contain_text("backdated")

    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="2024-2028 plan").click()
    site.check_accessibility()
    row = page.get_by_role("row", name="2.1 Trade")
    expect(row.get_by_role("cell").filter(has_text="On track")).to_have_count(1)
    expect(row).to_contain_text("15 May 2025 by Desk Officer")

    page.get_by_role("link", name="Update action lines").click()
    site.check_accessibility()
    fill_date(page, "Date of the status updates", "20", "5", "2025")
    page.get_by_label("New status for action line 2.1.1").select_option("addressed")
    page.get_by_label("Note for action line 2.1.1").fill("Agreed at the 8th JSCC")
    page.get_by_label("New status for action line 2.1.2").select_option("being_addressed")
    page.get_by_label("Note for action line 2.1.2").fill("Working group set up")
    page.get_by_role("button", name="Save status updates").click()
    site.check_accessibility()

    expect(page.get_by_text("2 action lines updated")).to_be_visible()
    expect(page.get_by_text(
        "2 out of 2 (100%) action lines are being addressed or have been addressed; addressed only: 1 of 2 (50%)"
    )).to_be_visible()

    # At a phone's width the area cards stack and nothing needs sideways scrolling.
    page.set_viewport_size({"width": 360, "height": 740})
    site.check_accessibility()
    assert fits_the_width(page)
    page.get_by_role("link", name="2.1 Trade", exact=True).click()
    site.check_accessibility()
    assert fits_the_width(page)
