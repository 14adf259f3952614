from playwright.sync_api import expect

from tests.factories import PASSWORD


def test_sign_in_reaches_the_desk_home_page(site, make):
    officer = make.user(role="editor", email="officer@asean.example", name="Desk Officer")
    site.open("/")
    expect(site.page.get_by_role("heading", name="Sign in")).to_be_visible()
    site.sign_in(officer, PASSWORD)
    expect(site.page.get_by_role("heading", level=1)).to_have_text("Partnership desk")
    expect(site.page.get_by_text("Desk Officer")).to_be_visible()
