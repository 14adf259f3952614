"""In a browser: paste a plan's structure, see a problem beside its row, correct it, preview, confirm; then
download the structure and upload it into a successor plan."""

from playwright.sync_api import expect

from tests.factories import PASSWORD

PASTED = """1. Political-Security Cooperation
1.1 Counter-terrorism and transnational crime
1.1.1 Hold a joint workshop on preventing and countering violent extremism online.
2. Economic Cooperation
2.1 Trade
2.1.1 Convene an ASEAN-Pakistan business forum alongside a JSCC meeting.
2.9.1 Carry out a joint study of trade complementarities.
"""


def test_paste_preview_correct_confirm_then_export_and_import_the_file(site, make, tmp_path):
    officer = make.user(role="editor", email="officer@asean.example", name="Desk Officer")
    partnership = make.partnership()
    plan = make.plan(partnership)
    successor = make.plan(partnership, label="2029-2033", state="draft")
    page = site.page

    site.sign_in(officer, PASSWORD)
    site.open(f"/plans/{plan.id}")
    page.get_by_role("link", name="Import the plan's structure").click()
    site.check_accessibility()
    box = page.get_by_label("Pillars, cooperation areas and action lines")
    box.fill(PASTED)
    page.get_by_role("button", name="Preview import").click()
    site.check_accessibility()

    # The summary takes the focus; the row's own problem is beside it; nothing can be confirmed yet.
    expect(page).to_have_title("Error: Import the plan's structure – 2024-2028 plan – Plans – Partnership tracker")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("1 row has a problem")
    expect(page.locator("#row-7")).to_contain_text("Area 2.9 is not in the text or the plan")
    expect(page.get_by_role("button", name="Confirm import")).to_have_count(0)

    box.fill(PASTED.replace("2.9.1", "2.1.2"))
    page.get_by_role("button", name="Preview import").click()
    site.check_accessibility()
    expect(page.get_by_text("7 to create, 0 already in the plan.")).to_be_visible()
    page.get_by_role("button", name="Confirm import").click()
    site.check_accessibility()
    expect(page.get_by_text("Structure imported: 7 created, 0 already there")).to_be_visible()
    expect(page.get_by_role("row", name="2.1 Trade")).to_be_visible()

    with page.expect_download() as downloading:
        page.get_by_role("link", name="Download the pillars, areas and action lines (XLSX)").click()
    exported = tmp_path / "structure.xlsx"
    downloading.value.save_as(exported)

    site.open(f"/plans/{successor.id}/import/file")
    page.get_by_label("Spreadsheet file").set_input_files(exported)
    page.get_by_role("button", name="Preview import").click()
    site.check_accessibility()
    expect(page.get_by_text("7 to create, 0 already in the plan.")).to_be_visible()
    page.get_by_role("button", name="Confirm import").click()
    site.check_accessibility()
    expect(page.get_by_text("Structure imported: 7 created, 0 already there")).to_be_visible()
