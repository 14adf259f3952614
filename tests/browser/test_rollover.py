"""In a browser: roll a plan over, leaving out one action line by its box inside its area's group, with the error
summary first when the codes are not chosen; the carried area links back to where it came from."""

from datetime import date

from playwright.sync_api import expect

from tests.browser.conftest import fill_date
from tests.factories import PASSWORD


def test_roll_a_plan_over_leaving_out_a_line(site, make):
    officer = make.user(role="editor", email="officer@asean.example", name="Desk Officer")
    partnership = make.partnership()
    plan = make.plan(partnership, label="2019-2023", starts_on=date(2019, 1, 1), ends_on=date(2023, 12, 31))
    trade = make.area(plan, make.pillar(plan, "Economic"), code="2.1", name="Trade")
    make.action_line(trade, code="2.1.1", text="Convene a business forum")
    make.action_line(trade, code="2.1.2", text="Study trade complementarities")
    page = site.page

    site.sign_in(officer, PASSWORD)
    site.open(f"/plans/{plan.id}")
    page.get_by_role("link", name="Add a successor plan").click()
    site.check_accessibility()
    page.get_by_label("Practical cooperation areas", exact=True).check()
    page.get_by_label("Title", exact=True).fill("Practical Cooperation Areas (2024-2028)")
    page.get_by_label("Label", exact=True).fill("2024-2028")
    fill_date(page, "End date", "31", "12", "2028")
    page.get_by_label("Draft", exact=True).check()
    page.get_by_role("group", name="Area 2.1 Trade").get_by_label("Leave out action line 2.1.2").check()
    page.get_by_role("button", name="Save plan").click()
    site.check_accessibility()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Select whether to keep the codes or number them again")
    expect(page.get_by_label("Leave out action line 2.1.2")).to_be_checked()  # what was chosen is kept
    page.get_by_label("Number again in order: 1, 1.1, 1.1.1").check()
    page.get_by_role("button", name="Save plan").click()
    site.check_accessibility()
    expect(page.get_by_text("Successor plan added: Practical Cooperation Areas (2024-2028)")).to_be_visible()

    page.get_by_role("link", name="1.1 Trade").first.click()
    site.check_accessibility()
    expect(page.get_by_text("Carried from 2.1 Trade in Practical Cooperation Areas (2019-2023)")).to_be_visible()
    expect(page.get_by_text("Study trade complementarities")).to_have_count(0)
