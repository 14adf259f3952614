"""Every visible word of the translated pages goes through the translations, and Bahasa Indonesia has every one.

The pages are opened in a pseudo-language: the app reads, as its Indonesian, a catalogue made here from every string
the code marks (as `make translations` finds them), each translated as itself between ⟦ and ⟧. The data those pages
show is made here too, each text of it between ‹ and ›. A word on the page outside both pairs of marks was written
into a template or into the code without being marked for translation: a reader of Bahasa Indonesia would meet
English there.
"""

import re
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from babel.messages.catalog import Catalog

from app import create_app
from app.common.dates import long_date, page_date
from app.common.numbers import page_number
from app.errors import MESSAGES, render_error
from app.extensions import babel, db
from app.languages import LANGUAGES
from app.models import MeetingType
from tests import factories
from tests.conftest import FormFiller, IsolatedClient, csrf_token
from tests.translations import catalogue, compile_into, languages, marked_strings

OPEN, CLOSE = "⟦", "⟧"
#: A translated string with nothing translated inside it: taken out innermost first, as a translated reason goes
#: inside a translated message.
TRANSLATED = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
DATA = re.compile("‹[^›]*›")
#: Words a page shows as they are in every language: the languages' own names (each offered in its own language)
#: and the short name the tests' factories give the secretariat's organisation.
AS_THEY_ARE = (*LANGUAGES.values(), "ASEAN")
#: A date as the pages write one ("7 Desember 2026"): data, in the language's own month names.
DATES = re.compile(r"\b\d{1,2} [^\W\d_]+ \d{4}\b")
#: What screen readers read out besides the text.
SPOKEN_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")
#: Elements without an end tag.
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class VisibleText(HTMLParser):
    """The text of a page a person sees or hears: every text node outside scripts and styles, and the attributes
    read out. With ``english_kept``, not the text of an element marked lang="en": a part of a page kept in English
    on purpose (the body of a report, as it is issued), which a screen reader reads out in English."""

    def __init__(self, english_kept: bool = False) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.hidden = 0
        self.english_kept = english_kept
        self.english: list[str] = []  # the tags open inside the outermost element in English, itself first

    def handle_starttag(self, tag, attrs):
        if self.english or (self.english_kept and (dict(attrs).get("lang") or "").startswith("en")):
            if tag not in VOID_ELEMENTS:
                self.english.append(tag)
            return
        if tag in ("script", "style"):
            self.hidden += 1
        self.texts.extend(value for name, value in attrs if name in SPOKEN_ATTRIBUTES and value)

    def handle_endtag(self, tag):
        if self.english:
            if tag in self.english:  # an end tag left out (a </p>, an </li>) closes what it would in a browser
                del self.english[len(self.english) - 1 - self.english[::-1].index(tag):]
            return
        if tag in ("script", "style"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden and not self.english:
            self.texts.append(data)


def untranslated(html: str, english_kept: bool = False) -> list[str]:
    """Each text of the page with words left once translations, data, dates and numbers are taken out; with
    ``english_kept``, outside the elements marked lang="en" (see VisibleText)."""
    parser = VisibleText(english_kept)
    parser.feed(html)
    left = []
    for text in messages(parser.texts):
        rest = text
        while TRANSLATED.search(rest):
            rest = TRANSLATED.sub("", rest)
        rest = DATES.sub("", DATA.sub("", rest))
        for words in AS_THEY_ARE:
            rest = rest.replace(words, "")
        if re.search(r"[^\W\d_]", rest):  # a letter: punctuation, digits and spaces alone are not words
            left.append(text.strip())
    return left


def messages(texts: list[str]) -> list[str]:
    """The texts, those of one message joined: a message may hold markup (a link inside a sentence), which splits
    its text in the page, while it was marked, and is translated, as a whole."""
    joined: list[str] = []
    open_messages = 0
    for text in texts:
        if open_messages:
            joined[-1] += text
        else:
            joined.append(text)
        open_messages = max(0, open_messages + text.count(OPEN) - text.count(CLOSE))
    return joined


def test_the_check_finds_a_word_left_unmarked_and_passes_marked_words_data_dates_and_numbers():
    html = ("<title>⟦Home⟧ – ⟦Partnership tracker⟧</title><script>let english = 1;</script>"
            '<nav aria-label="Main"><a href="/">‹ASEAN–Pakistan›</a></nav>'
            "<p>⟦%(num)s areas⟧ (12) – 7 Desember 2026</p><p>⟦Easy to guess: ⟦it is a word⟧. Choose another⟧</p>"
            "<p>Plan ‹2024-2028›</p><p>⟦Do not archive it: <a href=\"/x\">⟦mark it⟧</a> instead.⟧ Or do</p>")
    assert untranslated(html) == ["Main", "Plan ‹2024-2028›", "⟦Do not archive it: ⟦mark it⟧ instead.⟧ Or do"]


def test_the_check_can_leave_out_what_is_kept_in_english_and_only_that():
    html = ('<p>⟦Issued⟧</p><div lang="en"><h2>Way forward</h2><p>Meet again<br>in <b>2025</b><p>Soon</div>'
            '<p title="Left">Below</p><section lang="en-GB"><img alt="Chart"></section><p lang="id">Kata</p>')
    assert untranslated(html, english_kept=True) == ["Left", "Below", "Kata"]
    assert untranslated(html) == ["Way forward", "Meet again", "in", "Soon", "Left", "Below", "Chart", "Kata"]


def pseudo_translations() -> Catalog:
    pseudo = Catalog(locale="id")
    for message in marked_strings():
        if not message.id:
            continue
        if isinstance(message.id, tuple):  # Bahasa Indonesia has one form for any number
            pseudo.add(message.id, (f"{OPEN}{message.id[1]}{CLOSE}",))
        else:
            pseudo.add(message.id, f"{OPEN}{message.id}{CLOSE}")
    return pseudo


@pytest.fixture(scope="module")
def pseudo_app_made(app, tmp_path_factory):
    directory = tmp_path_factory.mktemp("pseudo-translations")
    compile_into(directory, "id", pseudo_translations())
    pseudo = create_app("testing", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
                        BABEL_TRANSLATION_DIRECTORIES=str(directory))
    pseudo.test_client_class = IsolatedClient
    yield pseudo
    with pseudo.app_context():
        db.engine.dispose()


@pytest.fixture
def pseudo_app(pseudo_app_made):
    """The app on the tests' database, reading the pseudo-translations as its Bahasa Indonesia. Flask-Babel keeps the
    catalogues it has loaded once per process, by language, whichever app loaded them: forgotten before and after,
    so neither app reads the other's."""
    with pseudo_app_made.app_context():
        loaded = babel.domain_instance.cache
    loaded.clear()
    yield pseudo_app_made
    loaded.clear()


def desk_with_something_on_every_part_of_the_home_page(make, officer) -> None:
    """A partnership whose plan is in force, with an area at risk and quiet, an overdue follow-up, a meeting just held
    and one to come; one whose plan ends soon with a line not yet addressed; one whose plan has ended."""
    today = date.today()
    partner = make.organisation(name="‹Islamic Republic of Pakistan›", short_name="‹Pakistan›")
    pakistan = make.partnership(partner, slug="asean-pakistan")
    plan = make.plan(pakistan, label="2024-2028", title="‹Practical Cooperation Areas›",
                     starts_on=today - timedelta(days=800), ends_on=today + timedelta(days=700))
    pillar = make.pillar(plan, name="‹Economic›")
    trade = make.area(plan, pillar, code="2.1", name="‹Trade›")
    make.area(plan, pillar, code="2.2", name="‹Maritime›")
    make.status_update(officer, area=trade, status="at_risk", as_of=today - timedelta(days=400), note="‹Slow›")
    make.follow_up(pakistan, title="‹Share the work plan›", owner=officer, area=trade,
                   opened_on=today - timedelta(days=60), due_on=today - timedelta(days=20))
    make.follow_up(pakistan, title="‹Send the list of delegates›", owner=officer, is_restricted=True,
                   opened_on=today - timedelta(days=5), due_on=today + timedelta(days=10))
    make.follow_up(pakistan, title="‹Confirm the venue›", partner_office="‹Mission of Pakistan›",
                   opened_on=today - timedelta(days=30), due_on=today - timedelta(days=2))
    make.meeting(pakistan, title="‹Courtesy call on the Secretary-General›", held_on=today - timedelta(days=10))
    make.meeting(pakistan, type=MeetingType.JSCC, number=8, title="‹Eighth JSCC›", held_on=today + timedelta(days=30))

    india = make.partnership(make.organisation(name="‹Republic of India›", short_name="‹India›"), slug="asean-india")
    ending = make.plan(india, label="2021-2026", title="‹Plan of Action›", starts_on=today - timedelta(days=1800),
                       ends_on=today + timedelta(days=40))
    make.action_line(make.area(ending, make.pillar(ending, name="‹Political›"), code="1.1", name="‹Security›"),
                     text="‹Combat transnational crime›")

    norway = make.partnership(make.organisation(name="‹Kingdom of Norway›", short_name="‹Norway›"), slug="asean-norway")
    make.plan(norway, label="2016-2020", title="‹Practical Cooperation Areas›", starts_on=date(2016, 1, 1),
              ends_on=date(2020, 12, 31), state="expired")


def in_pseudo_indonesian(pseudo_app, make, role="editor") -> FormFiller:
    officer = make.user(role=role, email="‹officer@asean.example›", name="‹Desk Officer›", language="id")
    visitor = FormFiller(pseudo_app.test_client())
    visitor.client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "id"  # as the pages are once signed out
    visitor.sign_in(officer)
    visitor.user = officer
    return visitor


#: The pages checked, each with every part it can show: the translated slice of the app. The rest of the app joins
#: this list page by page as its strings are marked.
SIGNED_IN_PAGES = [
    "/",  # the layout (navigation, search, sign out, footer) and the home page
    "/attention?kind=overdue",
    "/attention?kind=plan_ending",
    "/attention?kind=stale",
    "/account",
    "/no-such-page",  # not found, in the layout of a signed-in person
]


@pytest.mark.parametrize("role", ["editor", "viewer"])  # an editor reads restricted titles, a viewer a placeholder
@pytest.mark.parametrize("path", SIGNED_IN_PAGES)
def test_every_word_of_the_translated_pages_is_translated(pseudo_app, make, path, role):
    visitor = in_pseudo_indonesian(pseudo_app, make, role)
    desk_with_something_on_every_part_of_the_home_page(make, visitor.user)
    page = visitor.get(path).get_data(as_text=True)
    assert 'lang="id"' in page
    assert untranslated(page) == []
    if path == "/":
        assert ("⟦Restricted follow-up action⟧" if role == "viewer" else "⟦Restricted⟧") in page


def test_every_word_of_the_sign_in_page_its_messages_and_the_signed_out_banner_is_translated(pseudo_app, make):
    browser = {"Accept-Language": "id"}
    visitor = FormFiller(pseudo_app.test_client())
    pages = [visitor.get("/sign-in", headers=browser)]
    token = csrf_token(pages[0].get_data(as_text=True))
    pages.append(visitor.client.post("/sign-in", data={"csrf_token": token}, headers=browser))  # nothing typed
    pages.append(visitor.client.post("/sign-in", headers=browser, data={
        "csrf_token": token, "email": "nobody@asean.example", "password": "not the password"}))
    pages.append(visitor.client.post("/sign-in", headers=browser, data={"email": "a@b.example"}))  # token lost
    signed_in = in_pseudo_indonesian(pseudo_app, make)
    pages.append(signed_in.submit("/sign-out", page="/account"))
    pages.append(visitor.get("/partnerships/", headers=browser, follow_redirects=True))  # "sign in to continue"
    for page in pages:
        assert untranslated(page.get_data(as_text=True)) == []
    assert "⟦You have been signed out⟧" in pages[4].get_data(as_text=True)


def test_every_word_of_the_account_page_with_its_errors_is_translated(pseudo_app, make):
    visitor = in_pseudo_indonesian(pseudo_app, make)
    wrong = visitor.submit("/account", {"current_password": "not mine", "new_password": "password123456"})
    too_short = visitor.submit("/account", {"current_password": factories.PASSWORD, "new_password": "short"})
    unknown_language = visitor.submit("/account/language", {"language": "fr"}, page="/account")
    saved = visitor.submit("/account/language", {"language": "id"}, page="/account")
    for page in (wrong, too_short, unknown_language, saved):
        assert untranslated(page.get_data(as_text=True)) == []
    assert "⟦Your current password is not correct⟧" in wrong.get_data(as_text=True)
    assert "⟦Select the language you want, or As my browser prefers⟧" in unknown_language.get_data(as_text=True)


def test_every_word_of_the_error_pages_is_translated(pseudo_app, make):
    viewer = in_pseudo_indonesian(pseudo_app, make, role="viewer")
    no_access = viewer.get("/users/")
    assert no_access.status_code == 403
    pages = [no_access.get_data(as_text=True)]
    with pseudo_app.test_request_context("/", headers={"Accept-Language": "id"}):
        pages += [render_error(code)[0] for code in MESSAGES]
    for page in pages:
        assert untranslated(page) == []


def test_indonesian_has_every_marked_string_translated_and_none_fuzzy():
    """`make translations` has added each marked string, and someone has translated it, keeping its placeholders."""
    assert languages() == ["id"]
    indonesian = catalogue("id")
    missing = [message.id for message in marked_strings() if message.id and message.id not in indonesian]
    assert missing == [], "run `make translations` and translate the new strings"
    messages = [message for message in indonesian if message.id]
    assert [message.id for message in messages if message.fuzzy] == []
    untranslated_entries = [message.id for message in messages
                            if not all(message.string if isinstance(message.string, tuple) else [message.string])]
    assert untranslated_entries == []
    assert [(message.id, errors) for message, errors in indonesian.check()] == []


def test_pages_write_dates_and_counts_as_their_language_does_and_what_is_kept_or_sent_in_english(app):
    day = date(2025, 3, 14)
    with app.test_request_context("/", headers={"Accept-Language": "id"}):
        assert (page_date(day), page_date("2026-12-07"), page_date(None)) == (
            "14 Maret 2025", "7 Desember 2026", "Tidak diisi")
        assert page_number(12345) == "12.345"  # Indonesian groups thousands with a full stop
        assert long_date(day) == "14 March 2025"  # the search index, e-mails and report files
    with app.test_request_context("/", headers={"Accept-Language": "en-GB"}):
        assert (page_date(day), page_date(None), page_number(12345)) == ("14 March 2025", "Not provided", "12,345")
    with app.app_context():  # a command
        assert (page_date(day), page_number(12345)) == ("14 March 2025", "12,345")
