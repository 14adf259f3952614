import re
from datetime import date

from playwright.sync_api import expect

from tests.factories import PASSWORD
from tests.reminders.conftest import PUBLIC_URL, inbox, send  # noqa: F401  (fixtures)


def test_an_officer_chooses_daily_e_mails_then_stops_them_from_the_link_in_one(site, make, inbox, send):  # noqa: F811
    officer = make.user(role="editor", email="officer@asean.example", name="Siti Rahman")
    pakistan = make.partnership()
    make.follow_up(pakistan, "Send the list of nominees", owner=officer, due_on=date(2025, 3, 10))
    site.sign_in(officer, PASSWORD)
    site.open("/account")
    site.page.get_by_role("link", name="Choose your reminder e-mails").click()
    expect(site.page.get_by_role("heading", level=1)).to_have_text("Reminder e-mails")
    site.check_accessibility()

    site.page.get_by_label("Every day").check()
    site.page.get_by_label("Days ahead").fill("90")
    site.page.get_by_role("button", name="Save reminder e-mails").click()
    expect(site.page.locator("[data-error-summary]")).to_contain_text("Days ahead must be between 1 and 60")
    expect(site.page.get_by_label("Days ahead")).to_have_value("90")
    site.check_accessibility()
    site.page.get_by_label("Days ahead").fill("14")
    site.page.get_by_role("button", name="Save reminder e-mails").click()
    expect(site.page.get_by_role("alert")).to_contain_text("Your reminder e-mails have been changed")
    expect(site.page.get_by_label("Every day")).to_be_checked()
    site.check_accessibility()

    assert send("--date", "2025-03-18").exit_code == 0  # a Tuesday: only a daily e-mail comes
    (mail,) = inbox.to("officer@asean.example")
    address = re.fullmatch(r"<(.+)>", mail["List-Unsubscribe"]).group(1)
    site.open(address.replace(PUBLIC_URL, ""))
    expect(site.page.get_by_role("heading", level=1)).to_have_text("Stop the e-mail of your follow-ups?")
    site.page.get_by_role("button", name="Stop these e-mails").click()
    expect(site.page.get_by_role("heading", level=1)).to_have_text("You will no longer get the e-mail of your "
                                                                    "follow-ups")
    site.check_accessibility()
    site.open("/account/reminders")
    expect(site.page.get_by_label("Never")).to_be_checked()
    expect(site.page.get_by_label("Days ahead")).to_have_value("14")
