"""Searching from the top bar and opening a result with the keyboard alone."""

from datetime import date

from playwright.sync_api import expect

from tests.factories import PASSWORD


def tab_to(page, is_there: str, most: int = 60) -> None:
    """Press Tab until the focused element passes ``is_there`` (a JavaScript test of ``document.activeElement``)."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate(f"(element => {is_there})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached an element where {is_there}")


def test_search_from_the_top_bar_and_open_a_result_by_keyboard(site, make):
    officer = make.user(role="editor", email="officer@asean.example", name="Desk Officer")
    person = make.person("Ameer Khurram Rathore", honorific="H.E.")
    ministry = make.organisation("Ministry of Foreign Affairs of Pakistan", "MOFA Pakistan", kind="ministry")
    make.position(person, ministry, "Ambassador of Pakistan to ASEAN", date(2024, 1, 1))
    make.meeting(make.partnership(), title="Courtesy call by Ambassador Rathore")
    site.page.set_viewport_size({"width": 1280, "height": 800})
    site.open("/")
    site.sign_in(officer, PASSWORD)

    tab_to(site.page, "element.id === 'top-search'")
    site.page.keyboard.type("rathor")
    site.page.keyboard.press("Enter")
    site.page.wait_for_url("**/search?q=rathor")
    site.check_accessibility()
    expect(site.page.get_by_role("heading", level=2, name="People (1 found)")).to_be_visible()
    expect(site.page.get_by_role("heading", level=2, name="Meetings (1 found)")).to_be_visible()
    expect(site.page.locator("mark").first).to_have_text("Rathor")

    tab_to(site.page, "element.textContent.includes('H.E. Ameer Khurram Rathore')")
    site.page.keyboard.press("Enter")
    site.page.wait_for_url(f"**/people/{person.id}")
    expect(site.page.get_by_role("heading", level=1)).to_contain_text("Ameer Khurram Rathore")
    site.check_accessibility()


def test_filters_and_the_empty_result_pass_the_accessibility_checks(site, make):
    officer = make.user(role="viewer", email="viewer@asean.example", name="Desk Viewer")
    site.open("/")
    site.sign_in(officer, PASSWORD)
    site.open("/search?q=zanzibar&kind=meeting&since-day=1&since-month=13&since-year=2024")
    expect(site.page.get_by_role("heading", name="No records match “zanzibar”")).to_be_visible()
    expect(site.page.locator("#since-error")).to_contain_text("must be a real date")
    site.open("/search?q=" + "x" * 300)
    expect(site.page.locator("#q-error")).to_contain_text("Only the first 200 characters were searched")
    expect(site.page.get_by_role("link", name="Only the first 200 characters were searched")).to_be_visible()
