"""Adding a plan's areas one after another in a real browser: "Save and add another area" comes back to the empty
form with the pillar still chosen and a banner naming the area added; a mistake is shown beside its field."""

from playwright.sync_api import expect

from app.extensions import db
from app.models import CooperationArea
from tests.factories import PASSWORD


def test_areas_added_one_after_another(site, make):
    officer = make.user(role="editor", email="officer@asean.example", name="Desk Officer")
    plan = make.plan(make.partnership())
    make.pillar(plan, "Political-Security", position=1)
    make.pillar(plan, "Economic", position=2)
    page = site.page
    page.emulate_media(reduced_motion="reduce")
    site.sign_in(officer, PASSWORD)
    site.open(f"/plans/{plan.id}/areas/new")

    page.get_by_label("Economic", exact=True).check()
    page.get_by_label("Area code", exact=True).fill("2.1")
    page.get_by_label("Name", exact=True).fill("Trade")
    page.get_by_role("button", name="Save and add another area").click()
    expect(page.get_by_role("alert")).to_contain_text("Cooperation area added: 2.1 Trade")
    expect(page.get_by_label("Economic", exact=True)).to_be_checked()
    expect(page.get_by_label("Area code", exact=True)).to_have_value("")
    site.check_accessibility()

    page.get_by_label("Area code", exact=True).fill("2.2")
    page.get_by_role("button", name="Save and add another area").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the name of the cooperation area")
    expect(page.get_by_label("Area code", exact=True)).to_have_value("2.2")
    site.check_accessibility()
    page.get_by_label("Name", exact=True).fill("Investment")
    page.get_by_label("Name", exact=True).press("Enter")  # Enter saves and goes to the area added
    expect(page.get_by_role("heading", level=1)).to_have_text("2.2 Investment")
    db.session.expire_all()
    assert sorted(area.code for area in db.session.scalars(db.select(CooperationArea))) == ["2.1", "2.2"]
