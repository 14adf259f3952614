"""The whole site as a fuzzer sees it: one record of every kind, every route's address, every form and link.

Nothing here lists forms or query parameters by hand: they are read from the pages, so a new form or filter
is fuzzed as soon as a page shows it. What must be listed is a value for each URL parameter (``url_values``);
a route with a parameter not known here fails the fuzz tests with a message saying what to add.
"""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import sqlalchemy as sa
from werkzeug.exceptions import HTTPException
from werkzeug.routing import Rule

from app.api_tokens.services import create_token
from app.auth.sessions import API_PATH
from app.calendar.services import create_feed
from app.extensions import db
from app.meetings.services import add_participant
from app.models import ApiToken, Attachment, Side
from app.reports.services import issue_period_report
from tests import factories

#: Endpoints never fetched or fuzzed: files, and downloads that are not HTML pages.
SKIPPED_ENDPOINTS = {"static", "bootstrap.static"}
#: Download formats fetched when crawling (the others build the same figures, only slower).
CRAWLED_FORMATS = ("csv",)

_accounts = itertools.count(1)


@dataclass
class World:
    """One record of every kind, and the value each URL parameter takes to reach it."""

    admin: factories.User
    url_values: dict[str, object]


def build_world() -> World:
    n = next(_accounts)
    # A fresh address per test: sign-in limits count per account.
    admin = factories.user(role="admin", email=f"fuzz-admin-{n}@asean.example", name="Fuzz Admin")
    colleague = factories.user(role="editor", email=f"fuzz-editor-{n}@asean.example", name="Fuzz Editor")
    partnership = factories.partnership()
    partner = partnership.partner
    person = factories.person("Ameer Khurram Rathore", honorific="H.E.")
    position = factories.position(person, partner, title="Ambassador of Pakistan to ASEAN",
                                  starts_on=date(2024, 1, 10))
    plan = factories.plan(partnership)
    pillar = factories.pillar(plan)
    area = factories.area(plan, pillar)
    line = factories.action_line(area, code="2.1.1")
    update = factories.status_update(admin, area=area, status="on_track")
    factories.status_update(admin, action_line=line, status="being_addressed")
    meeting = factories.meeting(partnership, areas=[area])
    participant = add_participant(meeting, side=Side.PARTNER.value, role="head_of_delegation", person=person)
    factories.follow_up(partnership, meeting=meeting, area=area, due_on=date(2024, 6, 30))
    action = factories.follow_up(partnership, title="Send the list of nominees", owner=colleague)
    activity = factories.activity(partnership, plan, [line], title="Business forum", meeting=meeting,
                                  notes="Venue to be confirmed")
    report = issue_period_report(plan, date(2024, 1, 1), date(2024, 12, 31), way_forward="Meet again in 2025",
                                 issued_by=admin)
    feed_token = create_feed(colleague)  # an address in use, so the feeds answer with a calendar
    create_token(admin, "Ministry portal", "read_write")
    minutes = b"Minutes of the 7th JSCC\n"
    attachment = Attachment(meeting=meeting, file_name="minutes.txt", media_type="text/plain", size=len(minutes),
                            sha256=hashlib.sha256(minutes).hexdigest(), content=minutes, uploaded_by=admin)
    db.session.add(attachment)
    db.session.commit()
    api_token = db.session.scalar(sa.select(ApiToken.id).where(ApiToken.user_id == admin.id))
    return World(admin=admin, url_values={
        "slug": partnership.slug,
        "partnership_id": partnership.id,
        "organisation_id": partner.id,
        "person_id": person.id,
        "position_id": position.id,
        "plan_id": plan.id,
        "pillar_id": pillar.id,
        "area_id": area.id,
        "action_line_id": line.id,
        "meeting_id": meeting.id,
        "participant_id": participant.id,
        "action_id": action.id,
        "follow_up_id": action.id,  # the API's name for the same record
        "activity_id": activity.id,
        "user_id": colleague.id,  # never the fuzzing admin: a role change would lock the fuzzer out
        "report_id": report.id,
        "format": CRAWLED_FORMATS[0],
        "token": feed_token,
        "token_id": api_token,  # the fuzzing admin's own: revoking it locks no one out
        "update_id": update.id,
        "attachment_id": attachment.id,
    })


def rules(app, method: str) -> list[Rule]:
    found = [rule for rule in app.url_map.iter_rules() if method in rule.methods]
    return sorted((rule for rule in found if rule.endpoint not in SKIPPED_ENDPOINTS and not is_api(rule)),
                  key=lambda rule: rule.rule)


def is_api(rule: Rule) -> bool:
    """The JSON API is not a page to crawl: tests/api checks it against its own description instead."""
    return rule.rule.startswith(API_PATH)


def endpoints(app, method: str) -> list[str]:
    """Endpoint names, for test ids; read when tests are collected."""
    return sorted({rule.endpoint for rule in rules(app, method)})


def address(app, rule: Rule, values: dict) -> str:
    missing = [name for name in rule.arguments if name not in values]
    assert not missing, (
        f"{rule.endpoint} ({rule.rule}) takes {', '.join(missing)}: give it a value in build_world() in "
        "tests/fuzz/site.py so the fuzz tests can reach it"
    )
    with app.test_request_context():
        from flask import url_for

        return url_for(rule.endpoint, **{name: values[name] for name in rule.arguments})


def endpoint_of(app, url: str, method: str = "GET") -> str | None:
    parts = urlsplit(url)
    if parts.netloc and parts.netloc != "localhost":
        return None
    adapter = app.url_map.bind("localhost")
    try:
        endpoint, _ = adapter.match(parts.path, method=method)
    except HTTPException:
        return None
    return endpoint


@dataclass
class FormField:
    name: str
    kind: str  # text, textarea, select, radio, checkbox, hidden, submit, password, email, ...
    values: list[str] = field(default_factory=list)  # options, or the value it was shown with


@dataclass
class PageForm:
    action: str
    method: str
    fields: dict[str, FormField] = field(default_factory=dict)
    #: Addresses a script fetches with this form's fields as query parameters (``data-…-url`` attributes).
    scripted: list[str] = field(default_factory=list)

    def add(self, name: str, kind: str, value: str | None) -> None:
        entry = self.fields.setdefault(name, FormField(name, kind))
        if value is not None and value not in entry.values:
            entry.values.append(value)


class PageReader(HTMLParser):
    """The forms and links of one page."""

    def __init__(self, url: str):
        super().__init__(convert_charrefs=True)
        self.url = url
        self.forms: list[PageForm] = []
        self.links: list[str] = []
        self._form: PageForm | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            action = attrs.get("action") or self.url
            self._form = PageForm(action=action, method=(attrs.get("method") or "get").lower())
            self._form.scripted = [value for name, value in attrs.items() if name.endswith("-url") and value]
            self.forms.append(self._form)
        elif self._form is None or not attrs.get("name"):
            if tag == "option" and self._form is not None and self._select:
                self._form.add(self._select, "select", attrs.get("value", ""))
            return
        elif tag == "input":
            kind = (attrs.get("type") or "text").lower()
            value = attrs.get("value")
            if kind in ("checkbox", "radio"):
                value = value if value is not None else "on"
            self._form.add(attrs["name"], kind, value)
        elif tag == "textarea":
            self._form.add(attrs["name"], "textarea", None)
        elif tag == "select":
            self._select = attrs["name"]
            self._form.add(attrs["name"], "select", None)
        elif tag == "button":
            self._form.add(attrs["name"], "submit", attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def read_page(url: str, html: str) -> PageReader:
    reader = PageReader(url)
    reader.feed(html)
    return reader


@dataclass
class SiteMap:
    """What the crawl found: the forms that post to each endpoint, the query parameters each page takes."""

    pages: dict[str, str] = field(default_factory=dict)  # url -> endpoint, every GET address crawled
    post_forms: dict[str, list[tuple[str, PageForm]]] = field(default_factory=dict)  # endpoint -> (url, form)
    query_names: dict[str, set[str]] = field(default_factory=dict)  # endpoint -> parameter names
    query_values: dict[str, dict[str, set[str]]] = field(default_factory=dict)  # endpoint -> name -> values seen


def crawl(app, client, world: World, *, check=None) -> SiteMap:
    """GET every page once (every rule with the world's values, and each link from those pages to a page
    not yet seen), reading forms and links. ``check(url, response)`` is called for each response."""
    site = SiteMap()
    queue = [address(app, rule, world.url_values) for rule in rules(app, "GET")]
    seen_paths: set[str] = set()
    while queue:
        url = queue.pop(0)
        path = urlsplit(url).path
        if path in seen_paths:
            continue
        seen_paths.add(path)
        endpoint = endpoint_of(app, url)
        if endpoint is None:
            continue
        if endpoint.startswith("exports.") and not path.endswith(CRAWLED_FORMATS):
            continue
        response = client.get(url)
        site.pages[url] = endpoint
        if check:
            check(url, response)
        if response.mimetype != "text/html":
            continue
        page = read_page(url, response.get_data(as_text=True))
        for form in page.forms:
            if form.method == "post":
                target = endpoint_of(app, form.action, "POST")
                if target:
                    site.post_forms.setdefault(target, []).append((url, form))
                queried = form.scripted
            else:
                queried = [form.action, *form.scripted]
            for target_url in queried:
                target = endpoint_of(app, target_url)
                if target:
                    names = site.query_names.setdefault(target, set())
                    for name, entry in form.fields.items():
                        if entry.kind != "submit" and name != "csrf_token":
                            names.add(name)
                            site.query_values.setdefault(target, {}).setdefault(name, set()).update(entry.values)
        for link in page.links:
            target = endpoint_of(app, link)
            if target is None:
                continue
            query = parse_qsl(urlsplit(link).query, keep_blank_values=True)
            for name, value in query:
                site.query_names.setdefault(target, set()).add(name)
                site.query_values.setdefault(target, {}).setdefault(name, set()).add(value)
            if urlsplit(link).path not in seen_paths:
                queue.append(link)
    return site
