from playwright.sync_api import expect

from tests.factories import PASSWORD


def test_an_officer_makes_a_feed_address_copies_it_and_revokes_it(site, make):
    officer = make.user(role="viewer", email="reader@asean.example", name="Siti Rahman")
    site.page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    site.sign_in(officer, PASSWORD)
    site.open("/account")
    site.page.get_by_role("link", name="Set up calendar feeds").click()
    expect(site.page.get_by_role("heading", level=1)).to_have_text("Calendar feeds")
    site.check_accessibility()
    site.page.get_by_role("button", name="Make a feed address").click()
    mine = site.page.get_by_label("Your meetings and follow-ups")
    address = mine.input_value()
    assert address.startswith(site.root + "/calendar/") and address.endswith("/mine.ics")
    site.check_accessibility()
    site.page.get_by_role("button", name="Copy your meetings and follow-ups").click()
    expect(site.page.locator("#feed-mine-copied")).to_have_text("Address copied")
    assert site.page.evaluate("navigator.clipboard.readText()") == address
    assert site.page.request.get(address).status == 200
    site.page.get_by_role("link", name="Revoke your feed address").click()
    site.check_accessibility()
    site.page.get_by_role("button", name="Revoke address").click()
    expect(site.page.get_by_text("You have no feed address.")).to_be_visible()
    assert site.page.request.get(address).status == 404
