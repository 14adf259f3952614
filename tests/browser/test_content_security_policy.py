"""The Content-Security-Policy in a real browser: the pages with the most script and drawing break none of it."""

from playwright.sync_api import expect

from tests import factories
from tests.fuzz.site import build_world

BLACK = "rgb(0, 0, 0)"


def test_pages_with_script_and_charts_violate_nothing(site, make):
    values = build_world().url_values
    officer = make.user(role="editor", email="officer@asean.example", name="Desk Officer")
    page = site.page
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text
            else None)

    site.sign_in(officer, factories.PASSWORD)
    for path in ["/", f"/meetings/{values['meeting_id']}", f"/plans/{values['plan_id']}",
                 f"/partnerships/{values['slug']}/reports/period", f"/reports/{values['report_id']}"]:
        site.open(path)

    # The meeting form's script runs: the person picker becomes a combobox.
    site.open(f"/meetings/new?partnership={values['slug']}")
    expect(page.get_by_role("combobox").first).to_be_visible()

    # The charts keep their colours (matplotlib's SVG carries them in style attributes).
    site.open(f"/partnerships/{values['slug']}/reports/period")
    bars = page.locator("svg.app-chart-svg [id*='patch'] path")
    assert bars.count() > 0
    fills = {bars.nth(n).evaluate("element => getComputedStyle(element).fill") for n in range(bars.count())}
    assert fills - {BLACK, "none"}, fills
    assert refused == []
