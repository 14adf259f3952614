"""Every main page on the demo data fits a phone's screen (360×740), tables read as one card per row; at a laptop's
1366×800 the report's title is one line and the plan page is short enough to take in."""

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from app.extensions import db
from app.models import FollowUpAction, Meeting, Partnership, Plan
from tests.factories import PASSWORD
from tests.seed.conftest import demo, demo_load  # noqa: F401  (the demo data, loaded once a run)

#: The demo's ASEAN–Pakistan plan for 2024-2028: three pillars, fourteen cooperation areas (seed/demo).
PLAN_LABEL = "2024-2028"

#: Boxes that scroll sideways inside the page, wider than their box: a table the phone layout did not stack.
OVERFLOWING_BOXES = """[...document.querySelectorAll('main .table-responsive, main table')]
  .filter(box => box.scrollWidth > box.clientWidth + 1 && !box.closest('.app-heatmap, .app-no-stack'))
  .map(box => box.className)"""


def demo_plan() -> Plan:
    return db.session.scalar(sa.select(Plan).join(Partnership).where(
        Partnership.slug == "asean-pakistan", Plan.label == PLAN_LABEL))


@pytest.fixture
def desk(demo, site, make, request):  # noqa: F811
    """The demo signed in as an administrator, who sees every page (the audit log too), in English unless the test
    asks for another language of the pages (``indirect``)."""
    admin = make.user(role="admin", email="phone@asean.example", name="Desk Lead",
                      language=getattr(request, "param", None))
    site.sign_in(admin, PASSWORD)
    return site


def main_pages() -> list[str]:
    plan = demo_plan()
    meeting = db.session.scalar(sa.select(Meeting).where(Meeting.partnership_id == plan.partnership_id)
                                .order_by(Meeting.held_on.desc()).limit(1))
    follow_up = db.session.scalar(sa.select(FollowUpAction).order_by(FollowUpAction.id).limit(1))
    report = f"/partnerships/asean-pakistan/reports/period?plan={plan.id}&window=year&year=2025"
    return [
        "/", "/partnerships/", "/partnerships/asean-pakistan", f"/plans/{plan.id}", f"/areas/{plan.areas[0].id}",
        "/meetings/", f"/meetings/{meeting.id}", "/meetings/new?partnership=asean-pakistan&type=courtesy_call",
        "/follow-ups/", f"/follow-ups/{follow_up.id}", report, "/reports/portfolio", "/search?q=trade", "/my-work",
        "/activities/", "/people/", "/organisations/", "/admin/audit", "/partnerships/?archived=1",
        f"/plans/{plan.id}/archive",
    ]


def wider_than_a_phone(desk, *, checked: bool = False) -> dict[str, tuple[int, list[str]]]:
    """Each main page wider than the phone's 360 px, with its boxes that scroll sideways; ``checked``: each page
    passes the accessibility checks too."""
    page = desk.page
    page.set_viewport_size({"width": 360, "height": 740})
    too_wide = {}
    for path in main_pages():
        response = page.goto(desk.root + path)
        assert response.status == 200, path
        width = page.evaluate("document.documentElement.scrollWidth")
        boxes = page.evaluate(OVERFLOWING_BOXES)
        if width > 360 or boxes:
            too_wide[path] = (width, boxes)
        if checked:
            desk.check_accessibility()
    return too_wide


def test_no_main_page_is_wider_than_a_phone(desk):
    assert wider_than_a_phone(desk) == {}

    # The plan's table as cards: each cell with its heading beside it, the table still a table to a screen reader.
    page = desk.page
    page.goto(desk.root + f"/plans/{demo_plan().id}")
    trade = page.get_by_role("row", name="2.1 Trade")
    expect(trade.get_by_role("cell").first).to_have_attribute("data-label", "Status")
    expect(page.get_by_role("columnheader", name="Last update")).to_have_count(1)
    desk.check_accessibility()

    page.goto(desk.root + "/follow-ups/")
    expect(page.locator("td[data-label='Due']").first).to_be_visible()
    desk.check_accessibility()


@pytest.mark.parametrize("desk", ["id"], indirect=True)
def test_in_bahasa_indonesia_no_main_page_is_wider_than_a_phone_and_each_passes_the_checks(desk):
    """Indonesian words run longer than English ones ("Tindak lanjut terbuka yang menjadi tanggung jawab Anda")."""
    assert wider_than_a_phone(desk, checked=True) == {}
    desk.page.goto(desk.root + f"/plans/{demo_plan().id}")
    expect(desk.page.locator("html")).to_have_attribute("lang", "id")
    expect(desk.page.get_by_role("columnheader", name="Pembaruan terakhir")).to_have_count(1)


def line_count(page, selector: str) -> float:
    return page.evaluate(f"""(() => {{ const e = document.querySelector({selector!r});
        return e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight); }})()""")


def test_at_a_laptops_width_the_report_title_is_one_line_and_the_plan_page_is_short(desk):
    page = desk.page
    page.set_viewport_size({"width": 1366, "height": 800})
    plan = demo_plan()
    page.goto(desk.root + f"/partnerships/asean-pakistan/reports/period?plan={plan.id}&window=year&year=2025")
    expect(page.get_by_role("heading", level=1)).to_have_text("ASEAN–Pakistan period report")
    assert line_count(page, "h1") == pytest.approx(1, abs=0.05)
    page.goto(desk.root + "/reports/portfolio")
    assert line_count(page, "h1") == pytest.approx(1, abs=0.05)

    # As cards, two to a row, the demo plan's 14 areas made a page of 4,722 px; as a table of one line an area, with
    # three pillar rows, they take under 900 px.
    page.goto(desk.root + f"/plans/{plan.id}")
    assert page.get_by_role("row").filter(has=page.locator("[data-label='Area']")).count() == 14
    assert page.evaluate("document.querySelector('.app-area-table').getBoundingClientRect().height") < 900
    assert page.evaluate("document.documentElement.scrollHeight") < 2_500
