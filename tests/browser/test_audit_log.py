"""Correct a status update, then find the change in the area's history and in the audit log, in a real browser."""

from datetime import date

from playwright.sync_api import expect

from tests.factories import PASSWORD


def test_correct_an_update_and_find_it_in_the_history_and_the_audit_log(site, make):
    admin = make.user(role="admin", email="admin@asean.example", name="Siti Rahman")
    plan = make.plan(make.partnership())
    trade = make.area(plan, make.pillar(plan, "Economic"), code="2.1", name="Trade")
    make.status_update(admin, area=trade, status="on_track", as_of=date(2024, 6, 30), note="Workshop held",
                       progress=40)
    page = site.page
    site.sign_in(admin, PASSWORD)

    site.open(f"/areas/{trade.id}")
    page.get_by_role("link", name="Correct this update of 30 June 2024").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Correct the status update of 30 June 2024 for 2.1 Trade"
    )
    site.check_accessibility()
    expect(page.get_by_label("Note", exact=True)).to_have_value("Workshop held")
    page.get_by_label("At risk").check()
    page.get_by_label("Note", exact=True).fill("Workshop held; the follow-on is not funded")
    page.get_by_role("button", name="Save correction").click()
    expect(page.get_by_text("Corrects the update of 30 June 2024")).to_be_visible()
    site.check_accessibility()
    history = page.get_by_role("region", name="Every change, newest first")
    expect(history).to_contain_text("Created")

    site.open("/admin/audit")
    page.get_by_label("Kind of record").select_option(label="Status update")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("region", name="2 entries, newest first")).to_contain_text(
        "Corrects: On track as of 30 June 2024"
    )
    site.check_accessibility()
    page.get_by_role("link", name="At risk as of 30 June 2024").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("2.1 Trade")
