"""Every visible word of the report pages goes through the translations, except the report itself: the document sent
to partners and committees, in English whatever the reader's language, inside an element marked lang="en" so that
screen readers read it as English. Opened in the pseudo-language of tests/test_translations.py, with data between ‹
and ›."""

import re
from datetime import date
from html.parser import HTMLParser

import sqlalchemy as sa

from app.extensions import db
from app.models import IssuedReport, Meeting
from tests.conftest import FormFiller
from tests.test_translations import in_pseudo_indonesian, pseudo_app, pseudo_app_made, untranslated
from tests.translations import compiled_catalogues

__all__ = ["pseudo_app", "pseudo_app_made"]  # the fixtures, found by pytest by their names here

REPORT = "/partnerships/asean-pakistan/reports/period"
YEAR_2025 = "window=year&year=2025"
#: Elements with no end tag: they open no element for the English to end in.
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


class EnglishParts(HTMLParser):
    """Where the page's elements marked lang="en" begin and end (offsets into the page)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.html = html
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", html)]
        self.spans: list[tuple[int, int]] = []
        self.depth = 0
        self.start = 0
        self.feed(html)

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        if self.depth:
            self.depth += 1
        elif ("lang", "en") in attrs:
            self.depth, self.start = 1, self.position()

    def handle_endtag(self, tag):
        if self.depth and tag not in VOID:
            self.depth -= 1
            if not self.depth:
                self.spans.append((self.start, self.html.index(">", self.position()) + 1))


def split_english(html: str) -> tuple[str, str]:
    """The page without its English parts, and those parts (minus the links into the reader's language inside
    them: lang="id" within lang="en")."""
    spans = EnglishParts(html).spans
    outside, english, last = [], [], 0
    for start, end in spans:
        outside.append(html[last:start])
        english.append(html[start:end])
        last = end
    outside.append(html[last:])
    inside = re.sub(r'<p class="d-print-none mb-1" lang="id">.*?</p>', "", "".join(english), flags=re.DOTALL)
    return "".join(outside), inside


def assert_translated_around_an_english_report(response, *, title: str | None = None) -> str:
    """Every word outside the report translated, every word of the report English; the page's HTML."""
    html = response.get_data(as_text=True)
    assert '<html lang="id">' in html
    if title:  # the name an issued report was issued under: the record's own, as it was issued, in English
        html = html.replace(title, "‹the title›")
    outside, english = split_english(html)
    assert untranslated(outside) == []
    assert "⟦" not in english
    return html


def pakistan_with_a_plan(make, officer):
    """ASEAN–‹Pakistan› with a plan, an area at risk in 2025 and a line being addressed, a meeting and a follow-up."""
    pakistan = make.partnership(make.organisation(name="‹Islamic Republic of Pakistan›", short_name="‹Pakistan›"),
                                slug="asean-pakistan")
    plan = make.plan(pakistan, title="‹Practical Cooperation Areas›")
    trade = make.area(plan, make.pillar(plan, name="‹Economic›"), code="2.1", name="‹Trade›")
    line = make.action_line(trade, code="2.1.1", text="‹Customs cooperation›")
    make.status_update(officer, area=trade, status="at_risk", as_of=date(2025, 3, 31), note="‹Slow›")
    make.status_update(officer, action_line=line, status="being_addressed", as_of=date(2025, 3, 31), note="‹Begun›")
    make.meeting(pakistan, title="‹Courtesy call on the Secretary-General›", held_on=date(2024, 3, 25))
    make.follow_up(pakistan, title="‹Share the work plan›", owner=officer, area=trade, opened_on=date(2025, 2, 1),
                   due_on=date(2025, 6, 30))
    return plan, trade, line


def remarks_of(plan, area) -> str:
    return f"/partnerships/asean-pakistan/reports/remarks/{area.id}?plan={plan.id}&{YEAR_2025}"


def test_every_word_around_the_period_report_with_its_errors_is_translated_and_the_report_is_english(pseudo_app,
                                                                                                      make):
    editor = in_pseudo_indonesian(pseudo_app, make)
    plan, _trade, _line = pakistan_with_a_plan(make, editor.user)
    make.partnership(make.organisation(name="‹Kingdom of Norway›", short_name="‹Norway›"), slug="asean-norway")
    year = editor.get(f"{REPORT}?plan={plan.id}&{YEAR_2025}&include_restricted=1")
    pages = [
        editor.get(REPORT),  # the plan in force, from its start to today
        year,
        editor.get(f"{REPORT}?plan={plan.id}&window=plan"),
        editor.get("/partnerships/asean-norway/reports/period"),  # no plan yet
        editor.get(f"{REPORT}?plan=999999&window=dates"),  # a plan not on offer
        editor.get(f"{REPORT}?plan={plan.id}&window=year&year=1990"),
        editor.get(f"{REPORT}?plan={plan.id}&window=dates"),  # neither date
        editor.get(f"{REPORT}?plan={plan.id}&window=dates&starts_on-day=31&starts_on-month=2&starts_on-year=2025"
                   "&ends_on-day=1&ends_on-month=1"),  # not a real date, and one part missing
        editor.get(f"{REPORT}?plan={plan.id}&window=dates&starts_on-day=1&starts_on-month=6&starts_on-year=2025"
                   "&ends_on-day=1&ends_on-month=1&ends_on-year=2025"),  # ends before it starts
        editor.get(f"{REPORT}?plan={plan.id}&window=dates&starts_on-day=1&starts_on-month=1&starts_on-year=2020"
                   "&ends_on-day=1&ends_on-month=1&ends_on-year=2025"),  # starts before the plan
    ]
    for page in pages:
        assert page.status_code == 200
        assert_translated_around_an_english_report(page)
    html = year.get_data(as_text=True)
    assert "⟦Issue this report⟧" in html and "⟦Download this report⟧" in html
    # The report: English statuses and headings inside lang="en", the editor's link to the remarks in theirs.
    english = split_english(html)[1]
    assert '<h2 id="report-header" class="h3">About this report</h2>' in english
    assert ">At risk</span>" in english and "Partnership</dt>" in english
    assert '<p class="d-print-none mb-1" lang="id"><a href="' in html and ">⟦Write remarks⟧<span" in html
    no_plan = pages[3].get_data(as_text=True)
    assert "⟦%(partnership)s has no plan yet. Reports are written against a plan for a period.⟧" in no_plan.replace(
        "ASEAN–‹Norway›", "%(partnership)s")
    assert "⟦Select a year between %(first)s and %(last)s⟧" in pages[5].get_data(as_text=True).replace(
        "2024", "%(first)s").replace("2028", "%(last)s")


def test_every_word_of_issuing_a_report_and_of_the_issued_report_and_its_check_is_translated(pseudo_app, make):
    editor = in_pseudo_indonesian(pseudo_app, make)
    plan, _trade, _line = pakistan_with_a_plan(make, editor.user)
    page = f"{REPORT}?plan={plan.id}&{YEAR_2025}&include_restricted=1"
    window = {"plan": plan.id, "window": "year", "year": "2025", "include_restricted": "1"}
    refused = editor.submit("/partnerships/asean-pakistan/reports/issue", {**window, "way_forward": ""}, page=page)
    assert_translated_around_an_english_report(refused)
    assert refused.get_data(as_text=True).count("⟦Enter the way forward⟧") == 2
    issued = editor.submit("/partnerships/asean-pakistan/reports/issue",
                           {**window, "way_forward": "‹Hold the next meeting›"}, page=page)
    report = db.session.scalars(sa.select(IssuedReport)).one()
    html = assert_translated_around_an_english_report(issued, title=report.title)
    assert "⟦Report issued: %(title)s⟧" in html.replace("‹the title›", "%(title)s")
    assert "⟦This report includes restricted notes.⟧" in html
    # Issued in English from a page in the pseudo-language: the document kept is the English one, shown as kept.
    assert "⟦" not in report.html and ">At risk</span>" in report.html and report.figures["title"] == report.title
    assert f'<div lang="en">{report.html}</div>' in html

    same = editor.get(f"/reports/{report.id}/check")
    assert "⟦Every figure comes out the same⟧" in assert_translated_around_an_english_report(same,
                                                                                            title=report.title)
    # The meeting of March 2024 found to have been held in February 2025, written around the app: history does
    # not keep it, and the check names the figures it moved.
    with db.engine.begin() as connection:
        connection.execute(sa.update(Meeting.__table__).values(held_on=date(2025, 2, 3)))
    moved = assert_translated_around_an_english_report(editor.get(f"/reports/{report.id}/check"), title=report.title)
    assert "⟦4 figures no longer come out the same⟧" in moved  # the type, the month, the meeting and the count
    assert '<tr><th scope="row">⟦Meetings held in all⟧</th><td>0</td><td>1</td></tr>' in moved


def test_every_word_of_the_remarks_pages_with_their_errors_and_messages_is_translated(pseudo_app, make):
    editor = in_pseudo_indonesian(pseudo_app, make)
    plan, trade, line = pakistan_with_a_plan(make, editor.user)
    form = remarks_of(plan, trade)
    too_long = "‹" + "x" * 2001 + "›"
    pages = [
        editor.get(form),
        editor.submit(form, {"area-remarks": too_long, "area-version": "0", f"line_{line.id}-version": "0"}),
        editor.submit(form, {"area-remarks": "‹Talks resumed›", "area-version": "0",
                             f"line_{line.id}-way_forward": "‹Sign the agreement›", f"line_{line.id}-version": "0"}),
    ]
    saved = pages[-1].get_data(as_text=True)
    assert "⟦Remarks saved: %(area)s⟧" in saved.replace("2.1 ‹Trade›", "%(area)s")
    # A page opened before those remarks were saved: theirs beside each draft changed since.
    pages.append(editor.submit(form, {"area-remarks": "‹Talks stalled›", "area-version": "0",
                                      f"line_{line.id}-version": "0"}))
    assert pages[-1].status_code == 409
    # Remarks drafted for the calendar year, read on the report of the plan's whole period: they are found there.
    pages.append(editor.get(f"{REPORT}?plan={plan.id}&window=plan"))
    for page in pages:
        assert_translated_around_an_english_report(page)
    assert "⟦Saved by someone else while you were writing⟧" in pages[3].get_data(as_text=True)
    assert "⟦Remarks have been drafted for another period of this plan: each period keeps its own.⟧" in pages[
        4].get_data(as_text=True)
    assert "⟦%(what)s must be %(limit)s characters or less⟧" in pages[1].get_data(as_text=True).replace(
        "⟦Remarks on 2.1⟧", "%(what)s").replace("2.000", "%(limit)s")


def test_every_word_around_the_portfolio_with_its_errors_is_translated(pseudo_app, make):
    viewer = in_pseudo_indonesian(pseudo_app, make, role="viewer")
    pakistan_with_a_plan(make, viewer.user)
    pages = [
        viewer.get("/reports/portfolio"),
        viewer.get("/reports/portfolio?as_of-day=31&as_of-month=12&as_of-year=2025&status=dialogue_partner"
                   "&pillar=%E2%80%B9Economic%E2%80%BA"),
        viewer.get("/reports/portfolio?as_of-day=31&as_of-month=2&as_of-year=2025&status=planet&level=moon"
                   "&pillar=nowhere"),  # every error
        viewer.get("/reports/portfolio?as_of-day=&as_of-month=&as_of-year="),  # no date
    ]
    for page in pages:
        assert page.status_code == 200
        assert_translated_around_an_english_report(page)
    html = pages[0].get_data(as_text=True)
    assert "⟦Show portfolio⟧" in html and 'aria-label="⟦Date and filters of the portfolio⟧"' in html
    assert "Cooperation areas and their status</h2>" in split_english(html)[1]
    assert "⟦Select partnership status from the list⟧" in pages[2].get_data(as_text=True)


def test_the_report_page_reads_in_indonesian_around_the_report_in_english(app, make, tmp_path):
    """Through the committed catalogue: the choice of plan and period as an Indonesian reader finds it, and the
    report below it as partners receive it."""
    from app import create_app

    indonesian = create_app("testing", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
                            BABEL_TRANSLATION_DIRECTORIES=str(compiled_catalogues(tmp_path)))
    officer = make.user(role="editor", email="officer@asean.example", name="Desk Officer", language="id")
    plan, _trade, _line = pakistan_with_a_plan(make, officer)
    visitor = FormFiller(indonesian.test_client())
    visitor.sign_in(officer)
    page = visitor.get(f"{REPORT}?plan={plan.id}&{YEAR_2025}").get_data(as_text=True)
    assert '<h2 class="h5" id="choose-heading">Rencana dan periode</h2>' in page
    assert ">Tampilkan laporan</button>" in page
    assert '<div lang="en"><article class="app-report">' in page
    assert ">At risk</span>" in split_english(page)[1]
