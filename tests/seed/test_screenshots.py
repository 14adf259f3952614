"""The README's screenshots and `scripts/screenshots.py` stay in step: every picture the README shows is one the
script takes, it is in the repository and small, and each page the script opens shows the demo content it expects
to anyone signed in (here as an editor, through the test client, without a browser or files written)."""

import html
import re
from pathlib import Path

from scripts.screenshots import PAGES

ROOT = Path(__file__).resolve().parents[2]


def readme_pictures() -> dict[str, str]:
    """Each screenshot the README shows, by file name, with its alt text."""
    readme = (ROOT / "README.md").read_text()
    return {name: alt for alt, name in re.findall(r"!\[([^\]]*)\]\(docs/screenshots/([^)]+)\)", readme)}


def test_the_readme_shows_each_screenshot_the_script_takes_with_a_description():
    pictures = readme_pictures()
    assert sorted(pictures) == sorted(shot.file for shot in PAGES)
    for name, alt in pictures.items():
        assert len(alt.split()) >= 8, f"{name}: the alt text should say what the picture shows"
        picture = ROOT / "docs" / "screenshots" / name
        assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", name
        assert picture.stat().st_size < 300_000, name


def test_each_page_the_script_takes_shows_the_demo_content(demo, signed_in):
    for shot in PAGES:
        response = signed_in.get(shot.path)
        assert response.status_code == 200, shot.path
        page = response.get_data(as_text=True)
        if shot.then:
            link = re.search(rf'href="([^"]+)"[^>]*>{re.escape(shot.then)}</a>', page)
            assert link, f"{shot.path} has no link {shot.then!r}"
            response = signed_in.get(html.unescape(link.group(1)))
            assert response.status_code == 200, link.group(1)
            page = response.get_data(as_text=True)
        assert shot.heading in html.unescape(page), shot.path
