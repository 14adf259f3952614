"""The meeting form's scripts write in the page's language: an officer who reads Bahasa Indonesia hears the rows and
the matches announced, and reads the post held on the meeting date, in Indonesian, the date with its Indonesian
month (app/common/page_words.py, app/static/words.js)."""

from playwright.sync_api import expect

from tests.factories import PASSWORD
from tests.meetings.scenes import AMBASSADOR, pakistan_desk


def test_the_meeting_form_announces_and_writes_the_post_in_indonesian(site, make):
    officer = make.user(role="editor", email="officer@asean.example", name="Desk Officer", language="id")
    pakistan_desk(make)
    page = site.page
    site.sign_in(officer, PASSWORD)
    site.open("/meetings/new?partnership=asean-pakistan&type=courtesy_call")
    expect(page.locator("html")).to_have_attribute("lang", "id")

    page.locator("#held_on-day").fill("25")
    page.locator("#held_on-month").fill("3")
    page.locator("#held_on-year").fill("2024")
    second = page.locator("[data-rows=participants] > [data-row]").nth(1)
    person = page.locator("#participants-1-person_id")  # the type-to-find box, in place of the list
    person.press_sequentially("rath")
    expect(second.locator(".app-combobox [aria-live]")).to_have_text("1 hasil tersedia")
    page.get_by_role("option", name=f"H.E. Ameer Khurram Rathore – {AMBASSADOR}").click()
    expect(second.locator("[data-post-text]")).to_have_text(f"Jabatan pada 25 Maret 2024: {AMBASSADOR}")

    page.locator("[data-add-row=followups]").click()
    expect(page.locator("[data-rows-status]")).to_have_text("Tindak lanjut 2 ditambahkan")
    site.check_accessibility()
