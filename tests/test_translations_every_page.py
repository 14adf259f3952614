"""Every page of the app reads in the pseudo-language of tests/test_translations.py: not only the pages a part's test
lists, but each page the app answers, read from its URL map, so a page added later is checked as soon as it exists.

One desk holds one record of every kind, each of its texts between ‹ and ›; an administrator opens every page once,
in the pseudo-language, and each page is a test of its own.
"""

import hashlib
import re
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from werkzeug.routing import Map, Rule

from app import create_app
from app.api_tokens.services import create_token
from app.auth.sessions import API_PATH
from app.extensions import babel, db
from app.meetings.services import add_participant
from app.models import ApiToken, Attachment, DigestKind, MeetingType
from app.reminders.links import unsubscribe_token
from app.reports.services import issue_period_report
from tests import factories
from tests.conftest import made_once
from tests.test_translations import in_pseudo_indonesian, pseudo_app_made, untranslated

__all__ = ["pseudo_app_made"]  # the fixture, found by pytest by its name here

TODAY = date.today()
#: Answers that are not pages: files (downloads, calendar feeds, templates), and the JSON the forms' scripts read.
#: A new one fails its test below, saying to add it here.
NOT_PAGES = {
    "static", "bootstrap.static", "health.check", "attachments.download", "arising.word",
    "calendar.desk", "calendar.mine", "calendar.partnership", "calendar.meeting",
    "meetings.template", "organisations.template", "people.template", "plans.status_template", "structure.template",
    "structure.export", "exports.period", "exports.issued", "exports.portfolio",
    "meetings.area_choices", "people.namesakes",
}
#: Blueprints kept in English on purpose: the API's documentation is read by programmers, with the API.
KEPT_IN_ENGLISH = {"api_docs"}

def pages_of(app) -> dict[str, Rule]:
    """The rule of every endpoint that answers GET with a page, by endpoint (for the tests' ids, when collected)."""
    return {rule.endpoint: rule for rule in app.url_map.iter_rules()
            if "GET" in rule.methods and rule.endpoint not in NOT_PAGES and not rule.rule.startswith(API_PATH)
            and rule.endpoint.split(".")[0] not in KEPT_IN_ENGLISH}


PAGES = sorted(pages_of(create_app("testing")))


#: What a page needs besides its URL's arguments to show what it is for, by endpoint.
QUERIES = {"audit.record": {"type": "meetings", "id": "meeting_id"}}  # a record's history: its kind and its key
#: The audit log's label of a record, written when the record was saved, in English (app/audit/labels.py).
STORED_LABEL = re.compile(r'(<span class="d-block small text-body-secondary">[^<]*</span>\s*<a [^>]*>)([^<]*)(</a>)')
#: Text made of the desk's values that cannot be written between ‹ and › (its web address, a file's type and
#: checksum, as the audit log shows them; an issued report's title, stored as issued, in English), and the number a
#: script gives each new row of a form (its template's).
UNMARKABLE = re.compile(r"^/[\w/-]*$|^asean-pakistan$|^text/plain$|^[0-9a-f]{64}$|__NUMBER__"
                        r"|^ASEAN–‹Pakistan› period report, \d+ \w+ \d{4} to \d+ \w+ \d{4}$")


def words_left(html: str) -> list[str]:
    """The texts of a page with words left untranslated (tests/test_translations.py), but for the parts kept in
    English on purpose: any element marked lang="en", the labels the audit log stored, and the unmarkable values."""
    html = STORED_LABEL.sub(lambda found: f"{found[1]}‹{found[2].replace('‹', '').replace('›', '')}›{found[3]}", html)
    return [text for text in untranslated(html, english_kept=True) if not UNMARKABLE.search(text)]


@dataclass
class Crawled:
    url: str
    status: int
    mimetype: str
    html: str


def desk_with_one_of_everything(make, admin) -> dict[str, object]:
    """One record of every kind, every text between ‹ and ›; the value of each argument of a page's URL."""
    # The secretariat, named as data: the factories' ASEAN otherwise, whose long name is English.
    make.organisation(name="‹Association of Southeast Asian Nations›", short_name="ASEAN",
                      kind="regional_organisation", iso_code="")
    # A ministry has no ISO code (two capitals, which could not be told apart from a word).
    partner = make.organisation(name="‹Islamic Republic of Pakistan›", short_name="‹Pakistan›", kind="ministry")
    partnership = make.partnership(partner, slug="asean-pakistan")
    colleague = make.user(role="editor", email="‹colleague@asean.example›", name="‹Siti Rahman›")
    person = make.person(full_name="‹Ameer Rathore›", honorific="‹H.E.›")
    position = make.position(person, partner, title="‹Ambassador›", starts_on=TODAY - timedelta(days=900))
    earlier = make.plan(partnership, label="2019-2023", title="‹Plan of Action 2019›", state="superseded",
                        starts_on=TODAY - timedelta(days=2000), ends_on=TODAY - timedelta(days=900))
    plan = make.plan(partnership, label="2024-2028", title="‹Practical Cooperation Areas›", supersedes=earlier,
                     starts_on=TODAY - timedelta(days=800), ends_on=TODAY + timedelta(days=700))
    pillar = make.pillar(plan, name="‹Economic›")
    area = make.area(plan, pillar, code="2.1", name="‹Trade›", focal_point="‹Trade Division›",
                     description="‹Customs and standards›")
    line = make.action_line(area, code="2.1.1", text="‹Customs cooperation›")
    update = make.status_update(admin, area=area, status="at_risk", progress=30, note="‹Slow›",
                                as_of=TODAY - timedelta(days=60))
    make.status_update(admin, action_line=line, status="being_addressed", note="‹Started›",
                       as_of=TODAY - timedelta(days=30))
    meeting = make.meeting(partnership, type=MeetingType.JSCC, number=7, held_on=TODAY - timedelta(days=30),
                           title="‹Seventh JSCC›", venue="‹Jakarta›", summary="‹Talks›", asks="‹Visas›",
                           commitments="‹Training›", agenda="‹1. Opening›", areas=[area])
    participant = add_participant(meeting, side="partner", role="head_of_delegation", person=person)
    add_participant(meeting, side="other", role="observer", organisation=partner)
    action = make.follow_up(partnership, title="‹Share the work plan›", meeting=meeting, area=area, owner=colleague,
                            due_on=TODAY - timedelta(days=5))
    make.follow_up(partnership, title="‹Confirm the venue›", partner_office="‹Mission of Pakistan›",
                   due_on=TODAY + timedelta(days=10), is_restricted=True)
    activity = make.activity(partnership, plan, [line], title="‹Business forum›", meeting=meeting,
                             notes="‹Venue to be confirmed›")
    minutes = b"Minutes of the 7th JSCC\n"
    attachment = Attachment(meeting=meeting, file_name="‹minutes.txt›", media_type="text/plain", size=len(minutes),
                            sha256=hashlib.sha256(minutes).hexdigest(), content=minutes, uploaded_by=admin)
    db.session.add(attachment)
    report = issue_period_report(plan, TODAY - timedelta(days=365), TODAY, way_forward="‹Meet again›",
                                 issued_by=admin)
    create_token(admin, "‹Ministry portal›", "read_write")
    db.session.commit()
    return {
        "slug": partnership.slug,
        "organisation_id": partner.id,
        "person_id": person.id,
        "position_id": position.id,
        "plan_id": plan.id,
        "pillar_id": pillar.id,
        "area_id": area.id,
        "action_line_id": line.id,
        "update_id": update.id,
        "meeting_id": meeting.id,
        "participant_id": participant.id,
        "action_id": action.id,
        "activity_id": activity.id,
        "attachment_id": attachment.id,
        "report_id": report.id,
        "user_id": colleague.id,
        "token_id": db.session.scalar(sa.select(ApiToken.id).where(ApiToken.user_id == admin.id)),
    }


@pytest.fixture(scope="module")
def crawled(app, pseudo_app_made) -> dict[str, Crawled | str]:
    """Every page as an administrator reads it in the pseudo-language, by endpoint; or why it could not be opened.
    Made once for the module (see ``made_once``): the pages only read the desk."""
    with pseudo_app_made.app_context():
        loaded = babel.domain_instance.cache  # as the ``pseudo_app`` fixture: catalogues forgotten before and after
    loaded.clear()
    found: dict[str, Crawled | str] = {}
    try:
        with made_once(app):
            admin = in_pseudo_indonesian(pseudo_app_made, factories, role="admin")
            values = desk_with_one_of_everything(factories, admin.user)
            with pseudo_app_made.app_context():  # signed with the key of the app that reads it
                # The link in a reminder e-mail (the calendar feeds, which take a token too, are files).
                values["token"] = unsubscribe_token(values["user_id"], DigestKind.PERSONAL)
            for endpoint, rule in pages_of(pseudo_app_made).items():
                try:
                    found[endpoint] = crawl(pseudo_app_made, admin, rule, values)
                except Exception as error:  # noqa: BLE001  # the page's own test fails, not every page's
                    found[endpoint] = f"{rule.rule} failed: {error!r}"
    finally:
        loaded.clear()
    return found


def crawl(app, admin, rule: Rule, values: dict) -> Crawled | str:
    missing = sorted(set(rule.arguments) - set(values))
    if missing:
        return (f"{rule.rule} takes {', '.join(missing)}: map it to a record in desk_with_one_of_everything() in "
                "tests/test_translations_every_page.py, so the page is checked")
    with app.test_request_context():
        from flask import url_for

        query = {name: values.get(value, value) for name, value in QUERIES.get(rule.endpoint, {}).items()}
        url = url_for(rule.endpoint, **{name: values[name] for name in rule.arguments}, **query)
    response = admin.get(url, follow_redirects=True)
    return Crawled(url, response.status_code, response.mimetype, response.get_data(as_text=True))


@pytest.mark.parametrize("endpoint", PAGES)
def test_every_word_of_every_page_is_translated(crawled, endpoint):
    page = crawled[endpoint]
    assert not isinstance(page, str), page
    assert page.mimetype == "text/html", (
        f"{page.url} answers {page.mimetype}: if it is a file, add {endpoint} to NOT_PAGES")
    assert page.status == 200, f"{page.url} answered {page.status}: give it what it needs in QUERIES"
    assert '<html lang="id">' in page.html, f"{page.url} is in English whatever the reader's language"
    assert words_left(page.html) == [], page.url


def test_a_page_whose_address_takes_a_value_nobody_mapped_fails_saying_to_map_it():
    rule = Rule("/visits/<int:visit_id>", endpoint="visits.detail")
    Map([rule])  # which reads the rule's arguments
    assert crawl(None, None, rule, {"meeting_id": 1}) == (
        "/visits/<int:visit_id> takes visit_id: map it to a record in desk_with_one_of_everything() in "
        "tests/test_translations_every_page.py, so the page is checked")


def test_the_pages_are_opened_on_the_desk_they_show(crawled):
    """The check above is as wide as what the pages show: each of these shows records of the desk."""
    shown = {"meetings.detail": ["‹Ameer Rathore›", "‹minutes.txt›", "‹Share the work plan›", "‹Trade›"],
             "partnerships.detail": ["‹Practical Cooperation Areas›", "‹Seventh JSCC›", "‹Share the work plan›"],
             "activities.detail": ["‹Business forum›", "‹Customs cooperation›"],
             "audit.record": ["‹Jakarta›"], "users.edit": ["‹Siti Rahman›"], "api_tokens.every": ["‹Ministry portal›"]}
    for endpoint, texts in shown.items():
        assert [text for text in texts if text not in crawled[endpoint].html] == [], endpoint
