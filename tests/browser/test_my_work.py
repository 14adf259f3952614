"""My work in a browser: reached from the home page by keyboard, accessible, and readable on a phone."""

from datetime import date, timedelta

from playwright.sync_api import expect

from tests.factories import PASSWORD

TODAY = date.today()


def officer_with_work(make):
    officer = make.user(role="editor", email="officer@asean.example", name="Desk Officer")
    pakistan = make.partnership(desk_officer=officer)
    plan = make.plan(pakistan)
    make.area(plan, code="2.1", name="Trade and investment")
    make.meeting(pakistan, title="Courtesy call on the new Ambassador", held_on=TODAY)
    make.follow_up(pakistan, title="Send the draft memorandum of understanding on digital trade", owner=officer,
                   due_on=TODAY - timedelta(days=12))
    make.follow_up(pakistan, title="Confirm the delegation list", owner=officer, due_on=TODAY + timedelta(days=3))
    make.follow_up(pakistan, title="Share the list of experts for the workshop", due_on=TODAY - timedelta(days=30),
                   partner_office="Ministry of Commerce of the Islamic Republic of Pakistan")
    return officer


def test_an_officer_reaches_my_work_from_the_home_page_by_keyboard(site, make):
    site.sign_in(officer_with_work(make), PASSWORD)
    expect(site.page.get_by_role("heading", level=1)).to_have_text("Partnership desk")
    for _ in range(40):
        site.page.keyboard.press("Tab")
        focused = site.page.evaluate("[document.activeElement.textContent, document.activeElement.href || '']")
        if focused[0].strip().startswith("My work") and focused[1].endswith("/my-work"):
            break
    else:
        raise AssertionError("no link to My work could be reached with the Tab key")
    site.page.keyboard.press("Enter")
    site.page.wait_for_url("**/my-work")
    site.check_accessibility()
    expect(site.page.get_by_role("heading", level=1)).to_have_text("My work")
    expect(site.page.get_by_role("heading", name="Your open follow-ups (2)")).to_be_visible()
    expect(site.page.get_by_text("12 days overdue")).to_be_visible()
    expect(site.page.get_by_role("heading", name="Chases owed (1)")).to_be_visible()
    expect(site.page.get_by_role("heading", name="Meetings this week (1)")).to_be_visible()
    expect(site.page.get_by_role("heading", name="Areas gone quiet (1)")).to_be_visible()


def test_my_work_fits_a_phone(site, make):
    officer = officer_with_work(make)
    site.page.set_viewport_size({"width": 360, "height": 740})
    site.sign_in(officer, PASSWORD)
    site.open("/my-work")
    expect(site.page.get_by_role("heading", level=1)).to_have_text("My work")
    assert site.page.evaluate("document.documentElement.scrollWidth") <= 360
