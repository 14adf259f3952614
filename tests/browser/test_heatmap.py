"""The home page heatmap in a browser: accessible, its columns lined up across partnerships, and scrolling inside its
own region on a phone rather than widening the page."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

TODAY = date.today()
THEMES = ("Security", "Trade, investment and finance", "Education", "Culture and people-to-people", "Other")


def desk_with_plans(make):
    officer = make.user(role="editor", email="officer@asean.example", name="Desk Officer")
    for name, statuses in (("Pakistan", ("on_track", "at_risk", "not_started")),
                           ("Norway", ("off_track", None, "completed"))):
        partnership = make.partnership(make.organisation(name=f"Kingdom of {name}", short_name=name))
        plan = make.plan(partnership, starts_on=TODAY - timedelta(days=200), ends_on=TODAY + timedelta(days=1000))
        for n, (area_name, status) in enumerate(zip(("Counter-terrorism", "Trade", "Culture"), statuses, strict=True)):
            area = make.area(plan, code=f"1.{n}", name=area_name)
            if status:
                make.status_update(officer, area=area, status=status, as_of=TODAY - timedelta(days=5))
    india = make.partnership(make.organisation(name="Republic of India", short_name="India"))
    make.plan(india, label="2021-2025", starts_on=date(2021, 1, 1), ends_on=date(2025, 12, 31), state="expired")
    return officer


def cell_lefts(page, partnership):
    """The left edge of each theme cell in the partnership's row, in column order."""
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=partnership))
    return [round(box["x"]) for box in (cell.bounding_box() for cell in row.get_by_role("cell").all())]


@pytest.mark.parametrize("viewport", [{"width": 1366, "height": 800}, {"width": 360, "height": 740}])
def test_the_heatmap_lines_partnerships_up_by_theme(site, make, viewport):
    site.page.set_viewport_size(viewport)
    site.sign_in(desk_with_plans(make), PASSWORD)  # lands on the home page; axe finds nothing there
    page = site.page
    table = page.get_by_role("table", name="Implementation status by theme")
    for theme in THEMES:
        expect(table.get_by_role("columnheader", name=theme)).to_be_visible()
    expect(table.get_by_role("row", name="ASEAN–India")).to_contain_text(
        "No plan in force – last plan ended 31 December 2025")
    norway = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name="ASEAN–Norway"))
    expect(norway.get_by_role("link", name="Off track 1 area")).to_be_visible()
    expect(norway.get_by_role("link", name="No status 1 area")).to_be_visible()

    pakistan, norway_lefts = cell_lefts(page, "ASEAN–Pakistan"), cell_lefts(page, "ASEAN–Norway")
    assert len(pakistan) == len(THEMES) + 6  # eleven theme columns in all
    assert pakistan == norway_lefts

    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    region = page.get_by_role("region", name="Implementation status by theme")
    if viewport["width"] == 360:  # the grid is wider than a phone: it scrolls in its region, by keyboard too
        assert region.evaluate("el => el.scrollWidth > el.clientWidth")
        region.focus()
        for _ in range(20):  # arrow keys scroll smoothly: give the region a moment to move
            page.keyboard.press("ArrowRight")
            if region.evaluate("el => el.scrollLeft") > 0:
                break
        else:
            raise AssertionError("the heatmap's region did not scroll with the arrow key")
        site.check_accessibility()
