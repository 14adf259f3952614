"""Thai, Urdu (with ہ and ے), Chinese and emoji in the PDFs: every character drawn with a font that has it, never an
empty box, the fonts embedded, and the text read back as it was typed.

Word and Excel files are checked the same way once LibreOffice has laid them out (test_libreoffice.py).
"""

import io
import logging
import re

import pytest
from pypdf import PdfReader

from tests.exports.conftest import YEAR_2025, fetch, pdf_pages, period_url
from tests.exports.glyphs import SCRIPTS, drawn_with, glyphs_missing

#: The font of the PDF's style sheet each script is drawn with (emoji: the system's fallback, Noto Color Emoji).
FONT_OF_SCRIPT = {"Thai": "Noto-Sans-Thai", "Urdu": "Noto-Naskh-Arabic", "Chinese": "Noto-Sans-CJK-SC",
                  "Emoji": "Noto-Color-Emoji"}


def letters(text: str) -> str:
    # pypdf moves the space at the edge of a right-to-left run ("تعاونarea"): compare without spaces.
    return re.sub(r"\s", "", text)


@pytest.fixture
def weasyprint_log(caplog, monkeypatch):
    """What WeasyPrint logs, which includes a warning for each box it draws. Alembic's logging set-up, run by any
    test that migrates a database, turns off every logger there is by then: this one is turned on again."""
    monkeypatch.setattr(logging.getLogger("weasyprint"), "disabled", False)
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        yield caplog


def boxes_logged(log) -> list[str]:
    return [record.getMessage() for record in log.records if ".notdef" in record.getMessage()]


def assert_every_script_drawn(data: bytes, log) -> None:
    """``log``: ``weasyprint_log``."""
    assert boxes_logged(log) == []
    text = letters("\n".join(pdf_pages(data)))
    for script, sample in SCRIPTS.items():
        assert letters(sample) in text, script
    assert glyphs_missing(data) == []
    drawn = drawn_with(data)
    for script, font in FONT_OF_SCRIPT.items():
        assert set(letters(SCRIPTS[script])) <= drawn[font], script
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert {"/FontFile2", "/FontFile3"} & set(descriptor), f"{font['/BaseFont']} is not embedded"


def test_the_period_report_pdf_draws_every_script(signed_in, every_script, script_fonts, weasyprint_log):
    data = fetch(signed_in, period_url(every_script, "pdf", slug="asean-thailand", **YEAR_2025)).data
    assert_every_script_drawn(data, weasyprint_log)
    text = "\n".join(pdf_pages(data))
    for typed in ("ความร่วมมือ note", "中国东盟合作 meeting", "🤝🌏 follow-up"):
        assert typed in text  # left-to-right text reads back exactly as typed


def test_the_portfolio_pdf_draws_every_script(signed_in, every_script, script_fonts, weasyprint_log):
    data = fetch(signed_in, "/reports/portfolio/pdf?as_of-day=31&as_of-month=12&as_of-year=2025").data
    assert_every_script_drawn(data, weasyprint_log)


def test_a_box_is_found_when_a_character_has_no_font(app, script_fonts, weasyprint_log):
    """The check itself: U+0378 is no character at all, so no font has it."""
    from app.exports.pdf import html_to_pdf

    data = html_to_pdf('<html lang="en"><title>Box</title><p>Box: \u0378</p></html>')
    assert len(glyphs_missing(data)) == 1
    assert boxes_logged(weasyprint_log) == [
        '.notdef glyph rendered for Unicode string unsupported by fonts: "\u0378" (U+0378)']
