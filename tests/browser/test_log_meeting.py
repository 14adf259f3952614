"""Logging the 25 March 2024 courtesy call in one form, in a real browser: on a phone with JavaScript rows and the
type-to-find person picker, and once more with the keyboard alone."""

from datetime import date

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from app.common.dates import long_date
from app.extensions import db
from app.models import FollowUpAction, Meeting
from tests.factories import PASSWORD
from tests.meetings.scenes import AMBASSADOR, DSG, pakistan_desk

PHONE = {"width": 360, "height": 740}


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def saved() -> tuple[Meeting, list[FollowUpAction]]:
    db.session.expire_all()
    meeting = db.session.scalar(sa.select(Meeting))
    return meeting, list(db.session.scalars(sa.select(FollowUpAction).order_by(FollowUpAction.id)))


def test_log_a_courtesy_call_on_a_phone(site, make):
    officer = make.user(role="editor", email="officer@asean.example", name="Desk Officer")
    desk = pakistan_desk(make)
    page = site.page
    site.sign_in_on(PHONE, officer, PASSWORD)

    site.open("/partnerships/asean-pakistan")
    page.get_by_role("link", name="Log a courtesy call").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log a courtesy call")
    expect(page.get_by_label("Partnership", exact=True)).to_have_value(str(desk.partnership.id))
    expect(page.get_by_label("Courtesy call", exact=True)).to_be_checked()
    site.check_accessibility()
    assert no_sideways_scroll(page)

    page.locator("#held_on-day").fill("25")
    page.locator("#held_on-month").fill("3")
    page.locator("#held_on-year").fill("2024")
    page.get_by_label("Venue (optional)", exact=True).fill("ASEAN Secretariat, Jakarta")
    page.get_by_label("In person", exact=True).check()

    # Participant 1, our side: the DSG. Participant 2, theirs: the ambassador, found by typing part of his name.
    first, second = page.locator("[data-rows=participants] > [data-row]").all()
    expect(first.get_by_label("Side", exact=True)).to_have_value("ours")
    first.get_by_label("Role", exact=True).select_option(label="Head of delegation")
    chooser = first.get_by_role("combobox", name="Person")
    chooser.press_sequentially("astanah")
    page.get_by_role("option", name=f"Dato' Astanah Abdul Aziz – {DSG}").click()
    expect(page.locator("#participants-0-person_id-select")).to_have_value(str(desk.astanah.id))
    # Clearing the box clears the choice: the hidden list must not keep the earlier person.
    chooser.fill("")
    expect(page.locator("#participants-0-person_id-select")).to_have_value("")
    chooser.press_sequentially("abdul az")
    page.get_by_role("option", name=f"Dato' Astanah Abdul Aziz – {DSG}").click()
    expect(second.get_by_label("Side", exact=True)).to_have_value("partner")
    second.get_by_label("Role", exact=True).select_option(label="Head of delegation")
    person = second.get_by_role("combobox", name="Person")
    person.press_sequentially("rath")
    expect(person).to_have_attribute("aria-expanded", "true")
    site.check_accessibility()  # with the list of matches open
    page.get_by_role("option", name=f"H.E. Ameer Khurram Rathore – {AMBASSADOR}").click()
    expect(person).to_have_value(f"H.E. Ameer Khurram Rathore – {AMBASSADOR}")
    expect(second.locator("[data-post-text]")).to_have_text(f"Post on 25 March 2024: {AMBASSADOR}")

    page.get_by_label("2.1 Trade", exact=True).check()
    page.get_by_label("3.4 Education and human resource development", exact=True).check()
    page.get_by_label("Summary (optional)", exact=True).fill("Implementation of the Practical Cooperation Areas.")
    page.get_by_label("Commitments (optional)", exact=True).fill("ASEAN to circulate the draft work plan.")
    page.get_by_label("None", exact=True).check()

    # Two follow-ups: the first row is on the page, the second comes from "Add another follow-up".
    followups = page.locator("[data-rows=followups] > [data-row]")
    row = followups.nth(0)
    row.get_by_label("Title", exact=True).fill("Share the draft work plan on customs cooperation")
    row.get_by_label("Officer responsible", exact=True).select_option(label="Desk Officer")
    row.get_by_label("Day", exact=True).fill("30")
    row.get_by_label("Month", exact=True).fill("6")
    row.get_by_label("Year", exact=True).fill("2024")
    page.get_by_role("button", name="Add another follow-up").click()
    expect(followups).to_have_count(2)
    expect(page.locator("#followups-1-title")).to_be_focused()
    expect(page.locator("[data-rows-status]")).to_have_text("Follow-up 2 added")
    row = followups.nth(1)
    expect(row.locator("legend").first).to_have_text("Follow-up 2")
    row.get_by_label("Title", exact=True).fill("Name a focal point for education")
    row.get_by_label("Or the owner on the partner side", exact=True).fill("Mission of Pakistan to ASEAN")
    row.get_by_label("Day", exact=True).fill("1")  # before the meeting: the server says so
    row.get_by_label("Month", exact=True).fill("3")
    row.get_by_label("Year", exact=True).fill("2024")
    row.get_by_label("Cooperation area (optional)", exact=True).select_option(
        label="3.4 Education and human resource development")
    # A third row added by mistake and removed again.
    page.get_by_role("button", name="Add another follow-up").click()
    expect(followups).to_have_count(3)
    page.get_by_role("button", name="Remove follow-up 3").click()
    expect(followups).to_have_count(2)
    expect(page.locator("[data-rows-status]")).to_have_text("Follow-up 3 removed")
    expect(page.get_by_role("button", name="Add another follow-up")).to_be_focused()
    assert no_sideways_scroll(page)
    site.check_accessibility()  # with the row the script added

    page.get_by_role("button", name="Save meeting", exact=True).last.click()
    message = "Due date for follow-up 2 must be the same as or after 25 March 2024, the date of the meeting"
    expect(page.get_by_role("alert")).to_contain_text(message)
    expect(page).to_have_title("Error: Log a courtesy call – Meetings – Partnership tracker")
    assert saved() == (None, [])
    site.check_accessibility()
    assert no_sideways_scroll(page)
    # Everything typed is back, the JavaScript rows included; the summary's link leads to the day of row 2.
    expect(page.locator("#participants-1-person_id")).to_have_value(f"H.E. Ameer Khurram Rathore – {AMBASSADOR}")
    expect(page.locator("#followups-1-title")).to_have_value("Name a focal point for education")
    page.get_by_role("link", name=message).click()
    expect(page.locator("#followups-1-due_on-day")).to_be_focused()
    page.locator("#followups-1-due_on-day").fill("15")
    page.locator("#followups-1-due_on-month").fill("7")
    page.get_by_role("button", name="Save meeting", exact=True).last.click()

    expect(page.get_by_role("alert")).to_contain_text("Meeting saved: Courtesy call")
    site.check_accessibility()
    assert no_sideways_scroll(page)
    for text in ("Dato' Astanah Abdul Aziz", DSG, "H.E. Ameer Khurram Rathore", AMBASSADOR,
                 "Share the draft work plan on customs cooperation", "Name a focal point for education",
                 "Mission of Pakistan to ASEAN", "2.1 Trade"):
        expect(page.get_by_role("main")).to_contain_text(text)
    meeting, actions = saved()
    assert (meeting.held_on, len(meeting.participants), len(meeting.areas)) == (date(2024, 3, 25), 2, 2)
    assert [(a.title, a.due_on, a.opened_on) for a in actions] == [
        ("Share the draft work plan on customs cooperation", date(2024, 6, 30), date(2024, 3, 25)),
        ("Name a focal point for education", date(2024, 7, 15), date(2024, 3, 25)),
    ]

    # Each follow-up leads back to the meeting.
    page.get_by_role("link", name="Name a focal point for education").click()
    page.get_by_role("link", name="Courtesy call").click()
    # No title was given: the call is named after who called on whom.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Courtesy call by H.E. Ameer Khurram Rathore on the {DSG}")


def tab_to(page, selector: str, limit: int = 250) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def test_log_a_courtesy_call_with_the_keyboard_alone(site, make):
    officer = make.user(role="editor", email="officer@asean.example", name="Desk Officer")
    pakistan_desk(make)
    page, keys = site.page, site.page.keyboard
    page.emulate_media(reduced_motion="reduce")

    page.goto(site.root + "/sign-in")
    tab_to(page, "#email")
    keys.type(officer.email)
    keys.press("Tab")
    keys.type(PASSWORD)
    keys.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Partnership desk")

    tab_to(page, "a[href$='/meetings/new?type=courtesy_call']")
    keys.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log a courtesy call")
    # The heading shows while the page is still being read; its scripts listen for the choice only once loaded.
    page.wait_for_load_state()
    tab_to(page, "#partnership_id")
    keys.type("ASEAN")
    # The areas of the partnership's plan covering the date (today, until changed) appear without sending the form.
    expect(page.locator("#area_ids-hint")).to_have_text("Areas of Practical Cooperation Areas (2024-2028), "
                                                         f"the plan covering {long_date(date.today())}")
    tab_to(page, "#held_on-day")
    keys.type("25")
    keys.press("Tab")
    keys.type("mar")
    keys.press("Tab")
    keys.type("2024")
    tab_to(page, "#format-0")
    keys.press("Space")

    tab_to(page, "#participants-0-role")
    keys.type("Head")
    keys.press("Tab")
    keys.type("Astanah")
    keys.press("Enter")  # takes the match shown first, and does not send the form
    tab_to(page, "#participants-1-role")
    keys.type("Head")
    keys.press("Tab")
    keys.type("khurram")
    keys.press("Enter")
    expect(page.locator("#participants-1-person_id")).to_have_value(f"H.E. Ameer Khurram Rathore – {AMBASSADOR}")
    expect(page.locator("[data-rows=participants] [data-post-text]").nth(1)).to_have_text(
        f"Post on 25 March 2024: {AMBASSADOR}")

    # The areas follow the date typed: wait for them before ticking one, or a list drawn again would drop the tick.
    expect(page.locator("#area_ids-hint")).to_have_text("Areas of Practical Cooperation Areas (2024-2028), "
                                                         "the plan covering 25 March 2024")
    tab_to(page, "#area_ids-0")
    keys.press("Space")
    expect(page.locator("#area_ids-0")).to_be_checked()

    tab_to(page, "#followups-0-title")
    keys.type("Share the draft work plan on customs cooperation")
    keys.press("Tab")
    keys.type("Desk")
    tab_to(page, "#followups-add")
    keys.press("Enter")
    expect(page.locator("#followups-1-title")).to_be_focused()
    keys.type("Name a focal point for education")
    tab_to(page, "#followups-1-partner_owner")
    keys.type("Mission of Pakistan to ASEAN")
    keys.press("Enter")  # Enter in a text box saves, never adds or removes a row

    expect(page.get_by_role("alert")).to_contain_text("Meeting saved: Courtesy call")
    site.check_accessibility()
    meeting, actions = saved()
    people = sorted((p.person.full_name, p.role.value, p.position.title) for p in meeting.participants)
    assert people == [("Ameer Khurram Rathore", "head_of_delegation", AMBASSADOR),
                      ("Astanah Abdul Aziz", "head_of_delegation", DSG)]
    assert [area.code for area in meeting.areas] == ["2.1"]
    assert [(a.title, a.owner_user_id, a.partner_office) for a in actions] == [
        ("Share the draft work plan on customs cooperation", officer.id, None),
        ("Name a focal point for education", None, "Mission of Pakistan to ASEAN"),
    ]


@pytest.mark.browser_context_args(java_script_enabled=False, viewport=PHONE)
def test_without_javascript_rows_come_and_go_by_sending_the_form(site, make):
    officer = make.user(role="editor", email="officer@asean.example", name="Desk Officer")
    desk = pakistan_desk(make)
    page = site.page
    # axe-core runs as a script, so this journey is checked by what it shows, not by axe.
    page.goto(site.root + "/sign-in")
    page.get_by_label("Email address").fill(officer.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(site.root + "/meetings/new?partnership=asean-pakistan&type=courtesy_call")
    # The person picker is the plain list, each person shown with the post held today.
    page.locator("#participants-1-person_id").select_option(label=f"H.E. Ameer Khurram Rathore – {AMBASSADOR}")
    page.locator("#participants-1-role").select_option(label="Head of delegation")
    page.locator("#followups-0-title").fill("Share the draft work plan")
    page.get_by_role("button", name="Add another follow-up").click()
    expect(page.locator("#followups-1-title")).to_be_focused()
    expect(page.locator("#followups-0-title")).to_have_value("Share the draft work plan")
    expect(page.locator("#participants-1-person_id")).to_have_value(str(desk.rathore.id))
    expect(page.get_by_role("alert")).to_have_count(0)
    assert no_sideways_scroll(page)
    page.get_by_role("button", name="Remove follow-up 1").click()
    expect(page.locator("#followups-0-title")).to_have_value("")
    expect(page.locator("#followups-1-title")).to_have_count(0)
    assert saved() == (None, [])
