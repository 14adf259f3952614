"""In a browser, from the keyboard: "Change date" on a meeting's page opens the form with the focus in the day box of
the date, and "Change format" on the format chosen; the next Tab goes on from there."""

from datetime import date

from playwright.sync_api import expect

from tests.factories import PASSWORD


def test_a_change_link_lands_on_the_field_it_changes(site, make):
    officer = make.user(role="editor", email="officer@asean.example", name="Desk Officer")
    call = make.meeting(make.partnership(), held_on=date(2024, 3, 25), format="video")
    page = site.page
    site.sign_in(officer, PASSWORD)

    site.open(f"/meetings/{call.id}")
    page.get_by_role("link", name="Change date").focus()
    page.keyboard.press("Enter")
    site.check_accessibility()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Change")
    # The form takes the focus once it has loaded: waited for, as a person would.
    day = page.locator("#held_on-day")
    expect(day).to_be_focused()
    expect(day).to_have_value("25")
    page.keyboard.press("Tab")
    expect(page.locator("#held_on-month")).to_be_focused()

    page.go_back()
    page.get_by_role("link", name="Change format").click()
    site.check_accessibility()
    video = page.locator("input[name=format][value=video]")
    expect(video).to_be_focused()
    expect(video).to_be_checked()
