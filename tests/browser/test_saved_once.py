"""Back after saving, then Save again: the form is saved once, and the second press lands on what it saved."""

import sqlalchemy as sa
from playwright.sync_api import expect

from app.extensions import db
from app.models import Organisation
from tests.factories import PASSWORD


def test_back_then_save_again_lands_on_the_saved_record(site, make):
    site.sign_in(make.user(role="editor", email="officer@asean.example", name="Desk Officer"), PASSWORD)
    site.open("/organisations/new")
    site.page.get_by_label("Name", exact=True).fill("Mekong Institute")
    site.page.get_by_label("Short name").fill("MI")
    site.page.get_by_label("International organisation").check()
    site.page.get_by_role("button", name="Save organisation").click()
    expect(site.page.get_by_text("Organisation added: Mekong Institute")).to_be_visible()
    saved_at = site.page.url

    # The page is reloaded from the server, which makes it a new token; the browser puts back what was typed.
    site.page.go_back()
    expect(site.page.get_by_label("Name", exact=True)).to_have_value("Mekong Institute")
    site.page.get_by_role("button", name="Save organisation").click()

    expect(site.page.get_by_text("This form was already saved: here is the organisation it added.")).to_be_visible()
    assert site.page.url == saved_at
    site.check_accessibility()
    names = db.session.scalars(sa.select(Organisation.name).where(Organisation.name == "Mekong Institute")).all()
    assert names == ["Mekong Institute"]
