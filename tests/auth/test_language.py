"""The language of the pages: the one the signed-in person chose on their account page, else the one their browser
prefers among English and Bahasa Indonesia, else English. Through real requests, with CSRF on."""

import re

import pytest

from app.extensions import db
from app.models import User
from tests.conftest import sign_in_the_officer
from tests.exports.conftest import docx_text

#: What Chromium sends when set to Indonesian, and when set to French with English second.
INDONESIAN_BROWSER = "id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7"
FRENCH_BROWSER = "fr-FR,fr;q=0.9,en;q=0.8"


def language_of(page: str) -> str:
    return re.search(r'<html lang="([a-z]+)">', page).group(1)


@pytest.fixture
def in_indonesia(visitor):
    """A visitor whose browser prefers Bahasa Indonesia."""
    visitor.client.environ_base["HTTP_ACCEPT_LANGUAGE"] = INDONESIAN_BROWSER
    return visitor


@pytest.mark.parametrize(("preference", "language", "heading", "label"), [
    (INDONESIAN_BROWSER, "id", "<h1 class=\"mt-2 mb-4\">Masuk</h1>", "Alamat email"),
    ("en-GB,en;q=0.9,id;q=0.8", "en", "<h1 class=\"mt-2 mb-4\">Sign in</h1>", "Email address"),
    # Neither language asked for: English, as before there was a choice.
    (FRENCH_BROWSER.replace(",en;q=0.8", ""), "en", "<h1 class=\"mt-2 mb-4\">Sign in</h1>", "Email address"),
    (None, "en", "<h1 class=\"mt-2 mb-4\">Sign in</h1>", "Email address"),
])
def test_before_signing_in_the_pages_are_in_the_language_the_browser_prefers(visitor, preference, language, heading,
                                                                               label):
    headers = {"Accept-Language": preference} if preference else {}
    response = visitor.get("/sign-in", headers=headers)
    assert "Accept-Language" in response.vary  # a shared cache keeps the page once per preference
    page = response.get_data(as_text=True)
    assert language_of(page) == language
    assert heading in page and label in page


def test_a_person_who_chose_no_language_reads_the_one_their_browser_prefers(in_indonesia, make):
    sign_in_the_officer(in_indonesia, make)
    home = in_indonesia.get("/").get_data(as_text=True)
    assert language_of(home) == "id"
    assert "<title>Beranda – Pemantau kemitraan</title>" in home
    assert ">Keluar</button>" in home


def test_the_language_chosen_on_the_account_page_wins_over_the_browser_until_given_back_to_it(in_indonesia, make, app):
    officer = sign_in_the_officer(in_indonesia, make)
    account = in_indonesia.get("/account").get_data(as_text=True)
    # The three choices, the browser's preference chosen while nothing else has been.
    assert re.search(r'value="browser"\s+checked>\s*<label [^>]*>Sesuai pilihan peramban saya</label>', account)
    # Each language named in its own, marked as such for screen readers.
    assert 'lang="en">English</label>' in account and 'lang="id">Bahasa Indonesia</label>' in account

    chosen = in_indonesia.submit("/account/language", {"language": "en"}, page="/account").get_data(as_text=True)
    assert language_of(chosen) == "en"
    assert "The pages are now shown in the language you chose" in chosen
    assert re.search(r'value="en"\s+checked>', chosen)
    assert language_of(in_indonesia.get("/").get_data(as_text=True)) == "en"
    with app.app_context():
        assert db.session.get(User, officer.user.id).language == "en"

    given_back = in_indonesia.submit("/account/language", {"language": "browser"}, page="/account")
    page = given_back.get_data(as_text=True)
    assert language_of(page) == "id"
    assert "Halaman kini ditampilkan dalam bahasa yang Anda pilih" in page
    with app.app_context():
        assert db.session.get(User, officer.user.id).language is None


def test_a_language_the_pages_are_not_in_is_refused_beside_the_field_and_nothing_changes(visitor, make, app):
    officer = sign_in_the_officer(visitor, make)
    visitor.submit("/account/language", {"language": "id"}, page="/account")
    refused = visitor.submit("/account/language", {"language": "fr"}, page="/account")
    assert refused.status_code == 200
    page = refused.get_data(as_text=True)
    assert "<title>Kesalahan: Akun Anda – Pemantau kemitraan</title>" in page
    assert 'href="#language-0">Pilih bahasa yang Anda inginkan, atau Sesuai pilihan peramban saya</a>' in page
    assert 'id="language-error"' in page
    with app.app_context():
        assert db.session.get(User, officer.user.id).language == "id"


def test_the_language_is_saved_only_through_the_form_with_its_token(visitor, make, app):
    officer = sign_in_the_officer(visitor, make)
    refused = visitor.client.post("/account/language", data={"language": "id"})
    assert refused.status_code == 400
    with app.app_context():
        assert db.session.get(User, officer.user.id).language is None


def test_report_pages_read_in_bahasa_indonesia_around_the_report_which_stays_in_english_as_its_files(in_indonesia,
                                                                                                       make):
    sign_in_the_officer(in_indonesia, make)
    in_indonesia.submit("/account/language", {"language": "id"}, page="/account")
    portfolio = in_indonesia.get("/reports/portfolio").get_data(as_text=True)
    assert language_of(portfolio) == "id"
    assert ">Keluar</button>" in portfolio and ">Tampilkan portofolio</button>" in portfolio
    # The portfolio itself is what its files hold and partners read: English, and marked so for screen readers.
    assert '<div lang="en"><article class="app-report">' in portfolio
    assert '<h2 id="portfolio-heatmap" class="h3">Cooperation areas and their status</h2>' in portfolio
    download = in_indonesia.get("/reports/portfolio/docx?as_of-day=31&as_of-month=12&as_of-year=2025")
    assert download.status_code == 200
    assert "Partnership portfolio as of 31 December 2025" in docx_text(download.data)
