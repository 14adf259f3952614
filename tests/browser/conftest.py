"""Journeys in a real browser: Debian's Chromium driven by Playwright, against the app served on loopback.

Never downloads a browser. Where Chromium is missing the journeys are skipped with the command to install
it; with CI=true they fail instead.
"""

import hashlib
import json
import os
import re
import threading
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import DEFAULT_OPTIONS, Axe, AxeResults
from playwright.sync_api import Error as PlaywrightError
from werkzeug.serving import make_server

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

#: Values a page holds that differ at every load without changing what is shown: the hidden inputs of the form's
#: CSRF token and of its one-time token (a form saved once), and the nonce on each script and style.
ONE_TIME_VALUES = re.compile(r'<input[^>]*name="(?:csrf_token|form_token)"[^>]*>|nonce="[^"]*"')
#: What else a page's look depends on beside its document and the screen size.
STATE_SETTINGS = """() => {
  const path = (element) => element ? element.tagName + "#" + element.id + "." + element.className : "";
  return [matchMedia("(prefers-reduced-motion: reduce)").matches,
          Array.from(document.querySelectorAll(":hover")).map(path).join(">"), path(document.activeElement)];
}"""


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    message = f"Chromium not found at {CHROMIUM}: install it with `apt-get install -y --no-install-recommends chromium`"
    if os.environ.get("CI", "").lower() == "true":
        raise pytest.UsageError(message)
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.skip(reason=message))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def live_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def site(live_server, page):
    """The page plus helpers: ``site.open("/meetings/")``, ``site.sign_in(user)``, ``site.check_accessibility()``."""
    return Site(live_server, page)


class Site:
    axe = Axe()
    #: The states of pages (``state``) that passed axe in this run.
    passed: set[str] = set()

    def __init__(self, root: str, page):
        self.root = root
        self.page = page
        self.visited: list[str] = []

    def open(self, path: str):
        self.page.goto(self.root + path)
        self.check_accessibility()

    def sign_in(self, user, password):
        self.open("/sign-in")
        self.page.get_by_label("Email address").fill(user.email)
        self.page.get_by_label("Password").fill(password)
        self.page.get_by_role("button", name="Sign in").click()
        self.page.wait_for_load_state()
        self.check_accessibility()

    def sign_in_on(self, screen: dict[str, int], user, password):
        """Sign in on a screen of the given size, transitions off: axe then reads a button's settled colours, not a
        blend halfway through a hover."""
        self.page.set_viewport_size(screen)
        self.page.emulate_media(reduced_motion="reduce")
        self.sign_in(user, password)

    def check_accessibility(self):
        """axe-core on the page as it stands: no violations of any impact. A click just before may have started a
        navigation that is still under way (the document is gone for a moment): axe then runs again once the new
        page has loaded; an error that is not about the navigation raises the second time."""
        self.page.wait_for_load_state()
        try:
            state, results = self.checked()
        except PlaywrightError:
            self.page.wait_for_load_state()
            state, results = self.checked()
        self.visited.append(self.page.url)
        if results is not None:
            assert results.violations_count == 0, f"{self.page.url}\n{results.generate_snapshot()}"
            Site.passed.add(state)

    def checked(self) -> tuple[str, AxeResults | None]:
        """The page's state, and axe's results unless that state passed already."""
        state = self.state()
        return state, None if state in Site.passed else self.violations()

    def state(self) -> str:
        """What axe's verdict depends on: the document as it stands (each form's one-time token and each script's
        nonce left out, as they change at every load and are never shown), the screen size, the motion asked for,
        and the elements under the pointer and with the focus, whose colours may differ. The same state is not
        checked twice in a run: the sign-in page alone comes back some forty times."""
        document = ONE_TIME_VALUES.sub("", self.page.content())
        settings = self.page.evaluate(STATE_SETTINGS)
        return hashlib.sha256(f"{self.page.viewport_size} {settings} {document}".encode()).hexdigest()

    def violations(self) -> AxeResults:
        """``Axe.run`` with its default options (every rule, violations reported), handing back the violations alone:
        the passes and the rest it would also send over take a good part of the time on a long page."""
        self.page.evaluate(self.axe.axe_script)
        return AxeResults(self.page.evaluate(
            f"axe.run({json.dumps(DEFAULT_OPTIONS)}).then(results => ({{violations: results.violations}}))"))


def fill_date(page, legend: str, day: str, month: str, year: str) -> None:
    """Type a date into the three boxes of the date field whose legend is ``legend``."""
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day", exact=True).fill(day)
    group.get_by_label("Month", exact=True).fill(month)
    group.get_by_label("Year", exact=True).fill(year)
