"""Every visible word of the pages around the records goes through the translations: the calendar feed pages, the
page saying a PDF cannot be made, the top bar of an admin, the words the scripts write (given to them as JSON) and
the ordinals in sentences ("the 8th JSCC", "JSCC ke-8"). Opened in the pseudo-language of tests/test_translations.py,
with data between ‹ and ›; then a few through the committed catalogue."""

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from flask import Flask

from app.common.numbers import page_ordinal
from app.common.page_words import page_words
from app.exports.pdf import INSTALL_COMMAND
from app.models import MeetingType
from tests.conftest import FormFiller
from tests.test_translations import OPEN, in_pseudo_indonesian, pseudo_app, pseudo_app_made, untranslated

__all__ = ["pseudo_app", "pseudo_app_made"]  # the fixtures, found by pytest by their names here

STATIC = Path(__file__).resolve().parent.parent / "app" / "static"
PAGE_WORDS = re.compile(r'<script type="application/json" id="page-words">(.*?)</script>', re.DOTALL)
GAP = re.compile(r'<div class="alert alert-info" role="region" aria-labelledby="gap-title">.*?</div>', re.DOTALL)


def words_of(html: str) -> dict:
    found = PAGE_WORDS.search(html)
    assert found, "the page gives its scripts no words"
    return json.loads(found.group(1))


@pytest.fixture
def no_pdf(monkeypatch):
    """A server without the libraries WeasyPrint needs, as tests/exports/test_query_arguments.py makes one."""
    monkeypatch.setattr("app.exports.routes.pdf_available", lambda: False)


def in_indonesian(visitor: FormFiller, make, role: str = "editor") -> FormFiller:
    """Signed in as an officer who reads Bahasa Indonesia, through the committed catalogue."""
    officer = make.user(role=role, email="officer@asean.example", name="Desk Officer", language="id")
    visitor.sign_in(officer)
    return visitor


def test_every_word_of_the_calendar_feed_pages_is_translated(pseudo_app, make):
    officer = in_pseudo_indonesian(pseudo_app, make)
    pages = [officer.get("/account/calendar")]  # no address yet
    made = officer.submit("/account/calendar")  # the addresses, shown once, after the flash
    pages += [made, officer.get("/account/calendar"), officer.get("/account/calendar/revoke")]
    revoked = officer.submit("/account/calendar/revoke")
    pages.append(revoked)
    for page in pages:
        assert page.status_code == 200
        assert untranslated(page.get_data(as_text=True)) == []
    html = made.get_data(as_text=True)
    assert "⟦Your calendar feed address has been made. Copy it now: it is shown only once⟧" in html
    assert "⟦Copy⟧<span class=\"visually-hidden\"> ⟦your meetings and follow-ups⟧</span>" in html
    assert "⟦Your calendar feed address has been revoked: it no longer answers⟧" in revoked.get_data(as_text=True)


def test_the_calendar_pages_read_in_indonesian_and_the_feeds_stay_in_english(visitor, make):
    officer = in_indonesian(visitor, make)
    make.meeting(make.partnership(), held_on=date.today() + timedelta(days=10))
    made = officer.submit("/account/calendar").get_data(as_text=True)
    assert '<h1 class="mt-2 mb-3">Umpan kalender</h1>' in made
    assert '<label class="form-label fw-bold" for="feed-desk">Seluruh meja</label>' in made
    feed = made.split('id="feed-desk" value="http://localhost')[1].split('"')[0]
    # Read by the officer's own browser, which prefers Bahasa Indonesia too: the file is in English all the same.
    calendar = visitor.client.get(feed, headers={"Accept-Language": "id"}).get_data(as_text=True)
    assert "DESCRIPTION:Courtesy call\\, in person." in calendar and "Kunjungan" not in calendar
    revoke = officer.get("/account/calendar/revoke").get_data(as_text=True)
    assert ">Cabut alamat</button>" in revoke


def test_every_word_of_the_page_saying_pdf_is_unavailable_is_translated(pseudo_app, make, no_pdf):
    officer = in_pseudo_indonesian(pseudo_app, make)
    page = officer.get("/reports/portfolio/pdf")
    assert page.status_code == 503
    html = page.get_data(as_text=True)
    # The command to install the libraries is typed as it is, in any language.
    assert untranslated(html.replace(INSTALL_COMMAND, "")) == []
    assert "⟦PDF is unavailable on this server⟧" in html and '<html lang="id">' in html


def test_the_page_saying_pdf_is_unavailable_reads_in_indonesian_and_in_english(visitor, make, no_pdf):
    reader = in_indonesian(visitor, make)
    html = reader.get("/reports/portfolio/pdf").get_data(as_text=True)
    assert '<h1 class="mt-3">PDF tidak tersedia di server ini</h1>' in html
    assert ">Kembali ke laporan</a>" in html
    colleague = FormFiller(visitor.client.application.test_client())
    colleague.sign_in(make.user(role="viewer", email="colleague@asean.example", language="en"))
    english = colleague.get("/reports/portfolio/pdf").get_data(as_text=True)
    assert '<h1 class="mt-3">PDF is unavailable on this server</h1>' in english and '<html lang="en">' in english


def test_every_word_of_the_top_bar_of_an_admin_is_translated(pseudo_app, make):
    admin = in_pseudo_indonesian(pseudo_app, make, role="admin")
    page = admin.get("/account").get_data(as_text=True)
    assert untranslated(page) == []
    assert '<span class="visually-hidden">⟦signed in as⟧</span>(⟦Admin⟧)' in page


def test_the_top_bar_of_an_admin_names_the_role_in_indonesian(visitor, make):
    page = in_indonesian(visitor, make, role="admin").get("/account").get_data(as_text=True)
    assert '<span class="visually-hidden">masuk sebagai</span>(Administrator)' in page
    assert '>Log audit</a>' in page


def test_the_scripts_are_given_every_word_they_write_translated(pseudo_app, make):
    officer = in_pseudo_indonesian(pseudo_app, make)
    words = words_of(officer.get("/meetings/new").get_data(as_text=True))
    for english, translated in words.items():
        forms = translated.values() if isinstance(translated, dict) else [translated]
        for text in forms:
            assert text.startswith(OPEN), f"{english!r} is given to the scripts untranslated"
    assert words["Post on %(day)s: %(post)s"] == "⟦Post on %(day)s: %(post)s⟧"
    assert words["%(num)s result is available"] == {"one": "⟦%(num)s results are available⟧",
                                                     "other": "⟦%(num)s results are available⟧"}


def test_every_word_the_scripts_ask_for_is_given_under_the_words_they_ask_with(app):
    """A script's message not in the JSON would be read in English on every page: each message the scripts pass to
    ``words`` or ``countedWords``, or keep for it, is one of the JSON's keys, and each key is asked for."""
    with app.test_request_context(headers={"Accept-Language": "id"}):
        given = set(page_words())
    scripts = "\n".join(path.read_text() for path in STATIC.glob("*.js"))
    asked = set(re.findall(r'(?:words|countedWords)\(\s*"([^"]+)"', scripts))
    # The messages kept in constants: the texts with a placeholder and words besides.
    kept = {text for text in re.findall(r'"([^"]*%\(\w+\)s[^"]*)"', scripts)
            if re.search(r"[a-z]{2}", re.sub(r"%\(\w+\)s", "", text))}
    assert asked <= given, asked - given
    assert {text for text in given if text in scripts} == given, given - {text for text in given if text in scripts}
    assert {text for text in kept if not text.startswith("%(num)s results")} <= given


def test_the_meeting_form_gives_its_scripts_indonesian(visitor, make):
    reader = in_indonesian(visitor, make)
    words = words_of(reader.get("/meetings/new").get_data(as_text=True))
    assert words["Post on %(day)s: %(post)s"] == "Jabatan pada %(day)s: %(post)s"
    assert words["Participant %(number)s added"] == "Peserta %(number)s ditambahkan"
    assert words["%(num)s result is available"] == {"one": "%(num)s hasil tersedia", "other": "%(num)s hasil tersedia"}
    english = FormFiller(visitor.client.application.test_client())
    english.sign_in(make.user(role="editor", email="colleague@asean.example", language="en"))
    assert 'id="page-words"' not in english.get("/meetings/new").get_data(as_text=True)  # the scripts' own words


def test_ordinals_in_english_are_as_before(app):
    with app.test_request_context():
        assert [page_ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112)] == [
            "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st", "111th", "112th"]


def jscc_series(make, numbers: tuple[int, ...]):
    """JSCCs of ASEAN–Pakistan with these numbers, held a year apart up to a month ago; the last of them."""
    pakistan = make.partnership(make.organisation(name="‹Islamic Republic of Pakistan›", short_name="‹Pakistan›"),
                                slug="asean-pakistan")
    today = date.today()
    meetings = [make.meeting(pakistan, type=MeetingType.JSCC, number=number,
                             held_on=today - timedelta(days=30 + 365 * (len(numbers) - position)))
                for position, number in enumerate(numbers, start=1)]
    return meetings[-1]


def test_the_gap_in_the_numbering_is_translated(pseudo_app, make):
    officer = in_pseudo_indonesian(pseudo_app, make)
    last = jscc_series(make, (4, 6))
    gap = GAP.search(officer.get(f"/meetings/{last.id}").get_data(as_text=True)).group(0)
    assert untranslated(gap) == []
    # The 1st to 3rd and the 5th: each ordinal, the run and the list are messages of their own. The pseudo-language
    # is read as Bahasa Indonesia, whose ordinals have one category ("other", in English "%(num)sth").
    assert "⟦⟦There is no record of the ⟦⟦⟦1th⟧ to ⟦3th⟧⟧ and ⟦5th⟧⟧ JSCC⟧" in gap


def test_ordinals_in_sentences_are_written_the_indonesian_way(visitor, make):
    reader = in_indonesian(visitor, make)
    last = jscc_series(make, (4, 6, 7))
    detail = reader.get(f"/meetings/{last.id}").get_data(as_text=True)
    assert "Tidak ada catatan JSCC ke-1 sampai ke-3 dan ke-5." in detail
    arising = reader.get(f"/meetings/{last.id}/matters-arising").get_data(as_text=True)
    assert "Hal-hal yang timbul untuk JSCC ke-8" in arising
    assert "pertemuan JSCC sebelum yang ke-7" in arising
    english = FormFiller(visitor.client.application.test_client())
    english.sign_in(make.user(role="viewer", email="colleague@asean.example", language="en"))
    assert "There is no record of the 1st to 3rd and 5th JSCC." in english.get(f"/meetings/{last.id}").get_data(
        as_text=True)


def test_a_language_without_the_english_ordinal_categories_reads_one_pattern(app: Flask):
    with app.test_request_context(headers={"Accept-Language": "id"}):
        assert [page_ordinal(n) for n in (1, 2, 3, 8)] == ["ke-1", "ke-2", "ke-3", "ke-8"]
