"""In a browser: upload the people of a spreadsheet, see the row whose organisation is unknown, correct the file,
confirm, and find the person with both posts."""

from playwright.sync_api import expect

from tests.factories import PASSWORD
from tests.imports.files import xlsx

HEADINGS = ["Full name", "Honorific", "Email address", "Organisation", "Title of the post", "Start date", "End date"]


def test_upload_people_see_a_problem_beside_its_row_correct_it_and_confirm(site, make, tmp_path):
    officer = make.user(role="editor", email="officer@asean.example", name="Desk Officer")
    make.organisation(name="Islamic Republic of Pakistan", short_name="Pakistan", iso_code="PK")
    rows = [HEADINGS,
            ["Ameer Khurram Rathore", "H.E.", "", "Pakistan", "Ambassador of Pakistan to ASEAN", "15 January 2024", ""],
            ["Ameer Khurram Rathore", "", "", "Pakistan", "Secretary for Asia-Pacific", "1.5.2021", "14/01/2024"],
            ["Siti Rahman", "", "", "Ministry of Nowhere", "Desk officer", "2024-01-01", ""]]
    wrong, right = tmp_path / "people.xlsx", tmp_path / "people-corrected.xlsx"
    wrong.write_bytes(xlsx(rows))
    right.write_bytes(xlsx(rows[:3]))
    page = site.page

    site.sign_in(officer, PASSWORD)
    site.open("/people/")
    page.get_by_role("link", name="Import people").click()
    site.check_accessibility()
    page.get_by_label("Spreadsheet file").set_input_files(wrong)
    page.get_by_role("button", name="Preview import").click()
    site.check_accessibility()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.locator("#row-4")).to_contain_text("Ministry of Nowhere")
    expect(page.get_by_role("button", name="Confirm import")).to_have_count(0)

    page.get_by_label("Spreadsheet file").set_input_files(right)
    page.get_by_role("button", name="Preview import").click()
    site.check_accessibility()
    page.get_by_role("button", name="Confirm import").click()
    site.check_accessibility()
    expect(page.get_by_text("Import saved: 2 created, 0 changed, 0 already there")).to_be_visible()
    site.open("/people/")
    page.get_by_role("link", name="Ameer Khurram Rathore").click()
    site.check_accessibility()
    expect(page.get_by_role("rowheader", name="Ambassador of Pakistan to ASEAN")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Secretary for Asia-Pacific")).to_be_visible()
