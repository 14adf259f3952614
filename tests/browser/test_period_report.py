"""The period report in a real browser: choose the 2025 window, read the figures, issue it, re-open it unchanged."""

from datetime import date

from playwright.sync_api import expect

from app.extensions import db
from app.models import CooperationArea
from tests.factories import PASSWORD
from tests.reports.conftest import history, history_copy  # noqa: F401  (the hand-worked fixture, made once)


def test_choose_a_year_issue_the_report_and_reopen_it_unchanged(history, site, make):  # noqa: F811
    officer = make.user(role="editor", email="officer@asean.example", name="Desk Officer")
    page = site.page
    site.sign_in(officer, PASSWORD)
    site.open("/partnerships/asean-pakistan")
    page.get_by_role("link", name="Period report").first.click()
    site.check_accessibility()

    # The choice of plan and period comes first, in view, before the downloads.
    choice = page.get_by_role("form", name="Plan and period")
    expect(choice).to_be_visible()
    assert choice.bounding_box()["y"] < page.get_by_role("heading", name="Download this report").bounding_box()["y"]
    page.get_by_label("A calendar year").check()
    page.get_by_label("Calendar year", exact=True).select_option("2025")
    page.get_by_role("button", name="Show report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("ASEAN–Pakistan period report")
    expect(page.get_by_text("1 January 2025 to 31 December 2025, against the plan")).to_be_visible()
    expect(page.get_by_text("4 of 6 (67%)").first).to_be_visible()
    site.check_accessibility()

    # Remarks on one action line, drafted before issuing, land back in the matrix.
    page.get_by_role("link", name="Write remarks on 2.1 Trade").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Remarks on 2.1 Trade")
    site.check_accessibility()
    page.get_by_label("Remarks on 2.1.1").fill("Customs talks resumed in March.")
    page.get_by_role("button", name="Save remarks").click()
    expect(page.get_by_role("link", name="Change remarks on 2.1 Trade")).to_be_visible()
    expect(page.get_by_text("Customs talks resumed in March.")).to_be_visible()

    page.get_by_role("button", name="Issue report").click()  # no way forward yet
    expect(page.locator("[data-error-summary]")).to_contain_text("Enter the way forward")
    expect(page).to_have_title("Error: Period report – ASEAN–Pakistan – Partnership tracker")
    site.check_accessibility()
    page.get_by_role("link", name="Enter the way forward").click()
    expect(page.get_by_role("textbox", name="Way forward")).to_be_focused()
    page.keyboard.type("Hold the 9th JSCC in Islamabad in 2026.")
    page.get_by_role("button", name="Issue report").click()
    expect(page.get_by_role("alert")).to_contain_text("Report issued")
    issued_url = page.url
    site.check_accessibility()

    trade = db.session.scalar(db.select(CooperationArea).filter_by(name="Trade"))
    make.status_update(officer, area=trade, status="off_track", as_of=date(2025, 12, 1), note="Talks stalled")

    site.open(issued_url.removeprefix(site.root))
    expect(page.get_by_text("Hold the 9th JSCC in Islamabad in 2026.")).to_be_visible()
    expect(page.get_by_text("Customs talks resumed in March.")).to_be_visible()
    expect(page.get_by_text("Talks stalled")).to_have_count(0)
    page.get_by_role("link", name="See the same period with today's data").click()
    expect(page.get_by_text("Talks stalled")).to_be_visible()
    site.check_accessibility()

    site.open("/partnerships/asean-pakistan")
    issued_link = page.get_by_role("link", name="ASEAN–Pakistan period report, 1 January 2025 to 31 December 2025")
    expect(issued_link).to_be_visible()
