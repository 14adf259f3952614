"""The ambassador typed as someone new on the meeting form, in a real browser: the form offers him as already
recorded while his name is typed, and "Use this person", pressed with the keyboard, makes the row him."""

import sqlalchemy as sa
from playwright.sync_api import expect

from app.extensions import db
from app.models import Meeting, Person
from tests.browser.conftest import fill_date
from tests.factories import PASSWORD
from tests.meetings.scenes import AMBASSADOR, DSG, pakistan_desk


def test_a_name_typed_as_new_offers_the_person_recorded_and_the_keyboard_takes_him(site, make):
    officer = make.user(role="editor", email="officer@asean.example", name="Desk Officer")
    desk = pakistan_desk(make)
    page, keys = site.page, site.page.keyboard
    page.emulate_media(reduced_motion="reduce")
    site.sign_in(officer, PASSWORD)

    site.open("/meetings/new?partnership=asean-pakistan&type=courtesy_call")
    fill_date(page, "Date of the meeting", "25", "3", "2024")
    page.get_by_label("In person", exact=True).check()
    page.get_by_label("None", exact=True).check()
    first, second = page.locator("[data-rows=participants] > [data-row]").all()
    first.get_by_label("Role", exact=True).select_option(label="Head of delegation")
    first.get_by_role("combobox", name="Person").press_sequentially("astanah")
    page.get_by_role("option", name=f"Dato' Astanah Abdul Aziz – {DSG}").click()

    second.get_by_label("Role", exact=True).select_option(label="Head of delegation")
    second.locator("summary").focus()
    keys.press("Enter")  # opens "Or add someone not recorded yet"
    name = second.get_by_label("Full name", exact=True)
    name.focus()
    keys.type("H.E. Ameer Khurram RATHORE")
    offer = second.locator("[data-namesake-offer]")
    expect(offer).to_contain_text(f"Already recorded: H.E. Ameer Khurram Rathore, {AMBASSADOR}, Pakistan")
    expect(page.locator("[data-rows-status]")).to_contain_text(
        f"Already recorded: H.E. Ameer Khurram Rathore, {AMBASSADOR}, Pakistan")
    site.check_accessibility()  # with the offer shown

    keys.press("Tab")
    use = second.get_by_role("button", name="Use this person")
    expect(use).to_be_focused()
    keys.press("Enter")

    person = second.get_by_role("combobox", name="Person")
    expect(person).to_be_focused()
    expect(person).to_have_value(f"H.E. Ameer Khurram Rathore – {AMBASSADOR}")
    expect(page.locator("#participants-1-person_id-select")).to_have_value(str(desk.rathore.id))
    expect(second.locator("[data-post-text]")).to_have_text(f"Post on 25 March 2024: {AMBASSADOR}")
    expect(page.locator("[data-rows-status]")).to_have_text(
        "Participant 2 is now H.E. Ameer Khurram Rathore, already recorded")
    expect(second.get_by_label("Role", exact=True)).to_have_value("head_of_delegation")
    expect(second.get_by_label("Side", exact=True)).to_have_value("partner")
    expect(page.locator("#participants-1-full_name")).to_have_value("")
    expect(offer).to_be_empty()
    site.check_accessibility()

    page.get_by_role("button", name="Save meeting", exact=True).last.click()
    expect(page.get_by_role("alert")).to_contain_text("Meeting saved: Courtesy call")
    site.check_accessibility()
    db.session.expire_all()
    meeting = db.session.scalar(sa.select(Meeting))
    assert {(p.person_id, p.side.value, p.role.value) for p in meeting.participants} == {
        (desk.astanah.id, "ours", "head_of_delegation"), (desk.rathore.id, "partner", "head_of_delegation")}
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Person)) == 2


def test_without_taking_the_offer_the_save_asks_which_person_it_is(site, make):
    officer = make.user(role="editor", email="officer@asean.example", name="Desk Officer")
    desk = pakistan_desk(make)
    page = site.page
    page.emulate_media(reduced_motion="reduce")
    site.sign_in(officer, PASSWORD)

    site.open("/meetings/new?partnership=asean-pakistan&type=courtesy_call")
    fill_date(page, "Date of the meeting", "25", "3", "2024")
    page.get_by_label("In person", exact=True).check()
    page.get_by_label("None", exact=True).check()
    second = page.locator("[data-rows=participants] > [data-row]").nth(1)
    second.get_by_label("Role", exact=True).select_option(label="Member")
    second.locator("summary").click()
    second.get_by_label("Full name", exact=True).fill("Ameer Khurram Rathore")
    page.get_by_role("button", name="Save meeting", exact=True).last.click()

    message = (f"H.E. Ameer Khurram Rathore is already recorded ({AMBASSADOR}, Pakistan) – choose them for "
               "participant 2, or confirm this is a different person")
    expect(page.get_by_role("alert")).to_contain_text(message)
    site.check_accessibility()
    page.get_by_role("link", name=message).click()
    expect(page.locator("#participants-1-full_name")).to_be_focused()
    page.get_by_label(f"Use H.E. Ameer Khurram Rathore, {AMBASSADOR}, Pakistan").check()
    page.get_by_role("button", name="Save meeting", exact=True).last.click()
    expect(page.get_by_role("alert")).to_contain_text("Meeting saved: Courtesy call")
    db.session.expire_all()
    meeting = db.session.scalar(sa.select(Meeting))
    assert [p.person_id for p in meeting.participants] == [desk.rathore.id]
