import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD


def test_sign_in_reaches_the_desk_home_page(site, make):
    officer = make.user(role="editor", email="officer@asean.example", name="Desk Officer")
    site.open("/")
    expect(site.page.get_by_role("heading", name="Sign in")).to_be_visible()
    site.sign_in(officer, PASSWORD)
    expect(site.page.get_by_role("heading", level=1)).to_have_text("Partnership desk")
    expect(site.page.get_by_text("Desk Officer")).to_be_visible()


@pytest.mark.parametrize("width", [1200, 1280])
def test_an_administrators_menu_stays_on_the_page_at_laptop_widths(site, make, width):
    # From 1200 px the menu is laid out in a row; an administrator's has the most links, and a long name beside them.
    admin = make.user(role="admin", email="head@asean.example", name="Head of the Partnership Desk")
    site.page.set_viewport_size({"width": width, "height": 700})
    site.open("/")
    site.sign_in(admin, PASSWORD)
    sign_out = site.page.get_by_role("button", name="Sign out")
    expect(sign_out).to_be_visible()
    box = sign_out.bounding_box()
    assert box["x"] + box["width"] <= width
    assert site.page.evaluate("document.documentElement.scrollWidth") <= width
