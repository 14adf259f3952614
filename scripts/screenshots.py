"""The README's screenshots, taken afresh from the demo data: `make screenshots`.

Builds a new SQLite database as `make setup` does (`flask db upgrade`, `flask seed demo`, `flask users demo-admin`),
serves it on a free port of the loopback interface, signs in as the demo administrator in Debian's Chromium and saves
each page of ``PAGES`` at 1366×800 into docs/screenshots/, as PNG optimised to stay small in the repository.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
VIEWPORT = {"width": 1366, "height": 800}


@dataclass(frozen=True)
class Shot:
    file: str  # under docs/screenshots/, as the README names it
    path: str  # the page's address
    heading: str  # a text the page must show, so a sign-in or error page is never saved
    then: str = ""  # a link on that page to follow first, for a page whose address holds a record's id


PAGES = (
    Shot("home.png", "/", "Log a courtesy call"),
    Shot("partnership.png", "/partnerships/asean-pakistan", "ASEAN–Pakistan"),
    Shot("log-a-meeting.png", "/meetings/new?partnership=asean-pakistan&type=courtesy_call", "Log a courtesy call"),
    Shot("period-report.png", "/partnerships/asean-pakistan/reports/period", "Calendar year 2025",
         then="1 January 2025 to 31 December 2025"),
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def flask(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "-m", "flask", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def serve(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen([sys.executable, "-m", "flask", "run", "--port", str(port)], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2):
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    sys.exit("The app did not answer within 60 s")


def optimise(png: Path) -> None:
    """Down to 256 colours, which text and flat colours need no more than: a third of the size or less."""
    from PIL import Image

    with Image.open(png) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(png, optimize=True)


def take(base_url: str, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    from app.auth.demo import DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD

    saved = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport=VIEWPORT)
        page.goto(f"{base_url}/sign-in")
        page.fill("input[name=email]", DEMO_ADMIN_EMAIL)
        page.fill("input[name=password]", DEMO_ADMIN_PASSWORD)
        page.locator("main button[type=submit]").click()
        page.wait_for_load_state()
        for shot in PAGES:
            response = page.goto(base_url + shot.path)
            if shot.then:
                with page.expect_navigation():
                    page.get_by_role("link", name=shot.then).click()
            if response is None or response.status != 200 or shot.heading not in page.content():
                sys.exit(f"{shot.path} did not show {shot.heading!r} (status {response and response.status})")
            target = out / shot.file
            page.screenshot(path=str(target))
            optimise(target)
            saved.append(target)
        browser.close()
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the PNG files (default docs/screenshots)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        env = {key: value for key, value in os.environ.items() if key not in {"APP_CONFIG", "FLASK_DEBUG"}}
        env.update(DATABASE_URL=f"sqlite:///{folder}/demo.sqlite", FLASK_APP="app", PYTHONPATH=str(ROOT))
        for command in (("db", "upgrade"), ("seed", "demo"), ("users", "demo-admin")):
            flask(env, *command)
        port = free_port()
        server = serve(env, port)
        try:
            for path in take(f"http://127.0.0.1:{port}", args.out):
                print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {path.stat().st_size:,} bytes")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
