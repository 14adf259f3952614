"""How many actions logging a courtesy call takes, counted in a real browser on a laptop screen: a call held today with
two people already recorded, one area discussed and one follow-up, from the partnership page to the saved meeting.
Every click, every box typed into, every choice made and every key pressed is one action; at most 20 may be needed."""

from datetime import date

import sqlalchemy as sa
from playwright.sync_api import expect

from app.common.dates import long_date
from app.extensions import db
from app.models import FollowUpAction, Meeting, MeetingFormat, OutcomeDocument, ParticipantRole
from tests.factories import PASSWORD
from tests.meetings.scenes import AMBASSADOR, DSG, pakistan_desk

LAPTOP = {"width": 1366, "height": 800}
MOST_ACTIONS = 20


class Actions:
    """What the officer does, each step counted: ``acts.fill(box, "text")`` is one action, as is a click."""

    def __init__(self) -> None:
        self.count = 0

    def click(self, target) -> None:
        self.count += 1
        target.click()

    def check(self, target) -> None:
        self.count += 1
        target.check()

    def fill(self, target, text: str) -> None:
        self.count += 1
        target.fill(text)

    def select(self, target, **choice) -> None:
        self.count += 1
        target.select_option(**choice)

    def press(self, target, key: str) -> None:
        self.count += 1
        target.press(key)


def test_a_courtesy_call_takes_at_most_twenty_actions(site, make):
    officer = make.user(role="editor", email="officer@asean.example", name="Desk Officer")
    desk = pakistan_desk(make)
    page = site.page
    site.sign_in_on(LAPTOP, officer, PASSWORD)
    site.open("/partnerships/asean-pakistan")
    acts = Actions()

    acts.click(page.get_by_role("link", name="Log a courtesy call"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Log a courtesy call")
    site.check_accessibility()
    # A courtesy call has no number: the box is not shown.
    expect(page.get_by_label("Number", exact=True)).to_be_hidden()

    # Both people found by part of their name, the first match taken with Enter; each side's role is guessed.
    ours = page.get_by_role("combobox", name="Person").nth(0)
    acts.fill(ours, "astanah")
    acts.press(ours, "Enter")
    theirs = page.get_by_role("combobox", name="Person").nth(1)
    acts.fill(theirs, "rath")
    acts.press(theirs, "Enter")
    expect(theirs).to_have_value(f"H.E. Ameer Khurram Rathore – {AMBASSADOR}")

    acts.check(page.get_by_label("2.1 Trade", exact=True))
    acts.fill(page.locator("#followups-0-title"), "Share the draft work plan on customs cooperation")
    site.check_accessibility()
    acts.click(page.get_by_role("button", name="Save meeting", exact=True).last)

    expect(page.get_by_role("alert")).to_contain_text("Meeting saved: Courtesy call")
    site.check_accessibility()
    assert acts.count <= MOST_ACTIONS, acts.count
    # The meeting page shows exactly what was entered, with the guesses left as they were.
    main = page.get_by_role("main")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Courtesy call by H.E. Ameer Khurram Rathore on the {DSG}")
    for text in (long_date(date.today()), "In person", "Dato' Astanah Abdul Aziz", DSG, "H.E. Ameer Khurram Rathore",
                 AMBASSADOR, "2.1 Trade", "Share the draft work plan on customs cooperation", "Owner: Desk Officer"):
        expect(main).to_contain_text(text)
    expect(main.get_by_text("Role: Head of delegation")).to_have_count(2)
    db.session.expire_all()
    meeting = db.session.scalar(sa.select(Meeting))
    assert (meeting.held_on, meeting.format, meeting.outcome_document, meeting.number) == (
        date.today(), MeetingFormat.IN_PERSON, OutcomeDocument.NONE, None)
    assert sorted((p.person_id, p.role) for p in meeting.participants) == sorted([
        (desk.astanah.id, ParticipantRole.HEAD_OF_DELEGATION), (desk.rathore.id, ParticipantRole.HEAD_OF_DELEGATION)])
    assert [area.code for area in meeting.areas] == ["2.1"]
    assert [(a.title, a.owner_user_id, a.partner_office) for a in db.session.scalars(sa.select(FollowUpAction))] == [
        ("Share the draft work plan on customs cooperation", officer.id, None)]


def test_the_form_follows_the_type_and_the_owner_chosen(site, make):
    officer = make.user(role="editor", email="officer@asean.example", name="Desk Officer")
    pakistan_desk(make)
    page = site.page
    site.sign_in_on(LAPTOP, officer, PASSWORD)
    site.open("/meetings/new?partnership=asean-pakistan&type=courtesy_call")
    number = page.get_by_label("Number", exact=True)
    roles = page.locator("select[name$='-role']")

    # A call's type is one folded line and its outcome document and agenda are folded away; choosing a committee
    # says so in that line and unfolds them. A committee is numbered and co-chaired; a role the officer chose stays.
    expect(page.get_by_label("Agenda (optional)", exact=True)).to_be_hidden()
    roles.nth(1).select_option(label="Delegate")
    page.get_by_text("Type of meeting: Courtesy call (change)").click()
    page.get_by_label("JSCC", exact=False).first.check()
    expect(page.locator("[data-type-now]")).to_have_text("Joint Sectoral Cooperation Committee (JSCC)")
    expect(page.get_by_label("Agenda (optional)", exact=True)).to_be_visible()
    expect(number).to_be_visible()
    expect(page.locator("#number-hint")).to_contain_text("No JSCC of ASEAN–Pakistan is recorded yet")
    expect(roles.nth(0)).to_have_value("co_chair")
    expect(roles.nth(1)).to_have_value("delegate")
    site.check_accessibility()

    # A third person, on our side: a member of our delegation.
    page.get_by_role("button", name="Add another participant").click()
    page.locator("#participants-2-side").select_option(label="Our side")
    expect(roles.nth(2)).to_have_value("member")
    page.get_by_label("Courtesy call", exact=True).check()
    expect(number).to_be_hidden()
    expect(roles.nth(0)).to_have_value("head_of_delegation")

    # A follow-up owned on the partner side is no longer also ours.
    owner = page.locator("#followups-0-owner_user_id")
    expect(owner).to_have_value(str(officer.id))
    page.locator("#followups-0-partner_owner").fill("Mission of Pakistan to ASEAN")
    expect(owner).to_have_value("")
    expect(page.locator("[data-rows-status]")).to_have_text(
        "Officer responsible cleared: the follow-up is owned on the partner side")
    site.check_accessibility()
