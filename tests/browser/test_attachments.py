from playwright.sync_api import expect

from tests.attachments import samples
from tests.factories import PASSWORD

#: Enough presses of Tab to cross the menu and the meeting's page to its file field, and no more.
MOST_TABS = 120


def tab_to(page, element_id: str) -> None:
    for _ in range(MOST_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
    raise AssertionError(f"Tab never reached #{element_id}")


def test_an_officer_attaches_minutes_to_a_meeting_by_keyboard_alone(site, make):
    officer = make.user(role="editor", email="officer@asean.example", name="Siti Rahman")
    meeting = make.meeting(make.partnership(), title="Courtesy call on the Secretary-General")
    site.sign_in(officer, PASSWORD)
    site.open(f"/meetings/{meeting.id}")
    expect(site.page.get_by_role("heading", name="Attachments")).to_be_visible()
    expect(site.page.get_by_text("You can also drop files onto this area")).to_be_visible()

    tab_to(site.page, "files")
    site.page.locator(":focus").set_input_files([
        {"name": "บันทึก.pdf", "mimeType": "application/pdf", "buffer": samples.pdf()},
        {"name": "group photo.png", "mimeType": "image/png", "buffer": samples.png()},
    ])
    site.page.keyboard.press("Tab")
    site.page.keyboard.type("Signed by both sides")
    site.page.keyboard.press("Tab")
    expect(site.page.locator(":focus")).to_have_text("Attach files")
    site.page.keyboard.press("Enter")

    expect(site.page.get_by_text("2 files attached to Courtesy call on the Secretary-General")).to_be_visible()
    site.check_accessibility()
    table = site.page.get_by_role("table", name="2 files attached to this meeting")
    expect(table.get_by_role("row", name="บันทึก.pdf")).to_contain_text("Signed by both sides")
    expect(table.get_by_role("row", name="group photo.png")).to_contain_text("PNG image")
    with site.page.expect_download() as download:
        table.get_by_role("link", name="บันทึก.pdf", exact=True).click()
    assert download.value.suggested_filename == "บันทึก.pdf"


def test_a_refused_file_is_said_beside_the_field_and_in_the_summary(site, make):
    officer = make.user(role="editor", email="officer@asean.example", name="Siti Rahman")
    meeting = make.meeting(make.partnership(), title="Courtesy call on the Secretary-General")
    site.sign_in(officer, PASSWORD)
    site.open(f"/meetings/{meeting.id}")
    site.page.get_by_label("Files to attach").set_input_files(
        [{"name": "minutes.pdf", "mimeType": "application/pdf", "buffer": samples.ELF}])
    site.page.get_by_role("button", name="Attach files").click()
    message = "minutes.pdf is a program, not a document: only documents and images can be attached"
    expect(site.page.get_by_role("heading", level=1)).to_have_text(
        "Attach files to Courtesy call on the Secretary-General")
    expect(site.page.locator("#files-error")).to_contain_text(message)
    site.check_accessibility()
