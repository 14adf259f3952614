"""Every route and method against every role: the rule each route declares (app/auth) decides, and nothing else.

A role below a route's rule gets 403, or the sign-in page when not signed in; a role at or above it never does;
no answer is a 500. The routes are read from ``app.url_map`` and the addresses filled with real records, so a route
added later is walked too, and one whose rule cannot be resolved fails here and is refused when served.
"""

import pytest
from flask_wtf.csrf import CSRFProtect

from app import create_app
from app.api_tokens.services import create_token
from app.auth import ANONYMOUS, RULE_RANK, WRITE_METHODS, rule_for
from app.auth.sessions import API_PATH
from app.extensions import csrf, db
from tests import factories
from tests.conftest import FormFiller, csrf_token
from tests.fuzz.site import address, build_world

ROLES = ("anonymous", "inactive", "viewer", "editor", "admin")
#: Values for the file routes, which the record world does not name.
FILES = {"static": {"filename": "app.css"}, "bootstrap.static": {"filename": "css/bootstrap.min.css"}}


#: The routes that end the walker's own session, walked last in this order: after signing out everywhere the walker
#: signs in again, and signing out ends the walk.
SIGNING_OUT = ("auth.sign_out_everywhere", "auth.sign_out")


def every_route(app):
    """(rule, method) for every route, the ones that sign out last."""
    routes = [(rule, method) for rule in app.url_map.iter_rules() for method in sorted(rule.methods)]

    def walking_order(pair):
        rule, method = pair
        last = SIGNING_OUT.index(rule.endpoint) + 1 if rule.endpoint in SIGNING_OUT else 0
        return last, rule.rule, method

    return sorted(routes, key=walking_order)


def url_of(app, rule, values) -> str:
    return address(app, rule, {**values, **FILES.get(rule.endpoint, {})})


def visitor_as(app, role: str) -> FormFiller:
    """A visitor of its own, signed in with ``role``; "inactive" was an editor whose account was then deactivated.

    For the API it holds a token of its user, as wide as the role allows, instead of the session cookie."""
    visitor = FormFiller(app.test_client())
    visitor.api_headers = {}
    if role != "anonymous":
        user = factories.user(role="editor" if role == "inactive" else role, email=f"walk-{role}@asean.example")
        visitor.sign_in(user)
        visitor.user = user
        token = create_token(user, "Route walk", "read" if role == "viewer" else "read_write")
        visitor.api_headers = {"Authorization": f"Bearer {token}"}
        if role == "inactive":
            user.is_active = False
        db.session.commit()
    return visitor


def send(visitor, method: str, url: str):
    """The request a page of ours would make: a write carries a valid CSRF token, so only the rule can refuse it.
    A program calling the API sends its token, and an empty JSON body to a write (refused by its checks, if allowed
    by the rule)."""
    if url.startswith(API_PATH):
        body = {} if method in WRITE_METHODS else None
        return visitor.client.open(url, method=method, json=body, headers=visitor.api_headers)
    data = None
    if method in WRITE_METHODS:
        data = {"csrf_token": csrf_token(visitor.get("/sign-in").get_data(as_text=True))}
    return visitor.client.open(url, method=method, data=data)


def verdict(role: str, endpoint: str, rule: str, response) -> str | None:
    """What is wrong with ``response`` for ``role`` on ``endpoint`` with ``rule``; None when it is right."""
    status, location = response.status_code, response.headers.get("Location", "")
    sent_to_sign_in = status == 302 and location.startswith("/sign-in")
    if status >= 500:
        return f"{status}"
    signed_in = role not in ("anonymous", "inactive")
    if response.content_type == "application/problem+json" or response.request.path.startswith(API_PATH):
        return api_verdict(signed_in, rule == ANONYMOUS or (signed_in and RULE_RANK[role] >= RULE_RANK[rule]), status)
    if rule == ANONYMOUS or (signed_in and RULE_RANK[role] >= RULE_RANK[rule]):
        # Signing out ends on the sign-in page: that is the route doing its work, not a refusal.
        refused = status == 403 or (sent_to_sign_in and endpoint not in SIGNING_OUT)
        return f"refused ({status} {location})" if refused else None
    if not signed_in:
        return None if sent_to_sign_in else f"not sent to sign in ({status} {location})"
    return None if status == 403 else f"not refused ({status} {location})"


def api_verdict(signed_in: bool, allowed: bool, status: int) -> str | None:
    """The API answers a refusal with 401 (no token it accepts) or 403, never with the sign-in page."""
    if allowed:
        return f"refused ({status})" if status in (401, 403) else None
    expected = 403 if signed_in else 401
    return None if status == expected else f"not refused with {expected} ({status})"


def test_every_route_and_method_has_a_rule(app):
    missing = [
        f"{method} {rule.rule} ({rule.endpoint})"
        for rule, method in every_route(app) if rule_for(app, rule.endpoint, method) is None
    ]
    assert missing == []


def test_the_rules_that_differ_from_the_default(app):
    rules = {
        (endpoint, method): rule_for(app, endpoint, method)
        for endpoint, method in [
            ("auth.sign_in", "GET"), ("auth.sign_in", "POST"), ("static", "GET"), ("bootstrap.static", "GET"),
            ("auth.sign_out", "POST"), ("partnerships.index", "GET"), ("meetings.detail", "HEAD"),
            ("meetings.create", "GET"), ("meetings.create", "POST"), ("partnerships.archive", "POST"),
            ("users.index", "GET"), ("users.edit", "POST"), ("audit.index", "GET"),
            ("calendar.mine", "GET"), ("calendar.desk", "GET"), ("calendar.partnership", "GET"),
            ("calendar.meeting", "GET"), ("calendar.address", "GET"), ("calendar.address", "POST"),
            ("calendar.revoke", "POST"), ("structure.import_text", "GET"), ("structure.import_file", "POST"),
            ("structure.export", "GET"), ("people.import_file", "GET"), ("people.template", "GET"),
            ("plans.import_status", "GET"), ("plans.status_template", "GET"), ("meetings.import_file", "GET"),
            ("meetings.template", "GET"), ("reminders.settings", "GET"), ("reminders.settings", "POST"),
            ("reminders.unsubscribe", "GET"), ("reminders.unsubscribe", "POST"),
        ]
    }
    assert rules == {
        ("auth.sign_in", "GET"): "anonymous", ("auth.sign_in", "POST"): "anonymous",
        ("static", "GET"): "anonymous", ("bootstrap.static", "GET"): "anonymous",
        ("auth.sign_out", "POST"): "viewer", ("partnerships.index", "GET"): "viewer",
        ("meetings.detail", "HEAD"): "viewer",
        ("meetings.create", "GET"): "editor", ("meetings.create", "POST"): "editor",
        ("partnerships.archive", "POST"): "editor",
        ("users.index", "GET"): "admin", ("users.edit", "POST"): "admin", ("audit.index", "GET"): "admin",
        # Read by calendar apps, which sign in to nothing: the secret address is the key (tests/calendar).
        ("calendar.mine", "GET"): "anonymous", ("calendar.desk", "GET"): "anonymous",
        ("calendar.partnership", "GET"): "anonymous",
        ("calendar.meeting", "GET"): "viewer",
        # Each user's own feed address, whatever their role.
        ("calendar.address", "GET"): "viewer", ("calendar.address", "POST"): "viewer",
        ("calendar.revoke", "POST"): "viewer",
        # Importing a plan's structure creates pillars, areas and action lines, as their forms do.
        ("structure.import_text", "GET"): "editor", ("structure.import_file", "POST"): "editor",
        ("structure.export", "GET"): "viewer",
        # Importing people, status history or meetings creates records, as their forms do; a template is empty.
        ("people.import_file", "GET"): "editor", ("people.template", "GET"): "viewer",
        ("plans.import_status", "GET"): "editor", ("plans.status_template", "GET"): "viewer",
        ("meetings.import_file", "GET"): "editor", ("meetings.template", "GET"): "viewer",
        # Each user's own reminder e-mails, whatever their role; and the link in one, which signs in to nothing: the
        # signature in its address is the key (tests/reminders).
        ("reminders.settings", "GET"): "viewer", ("reminders.settings", "POST"): "viewer",
        ("reminders.unsubscribe", "GET"): "anonymous", ("reminders.unsubscribe", "POST"): "anonymous",
    }


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_each_route_allows_it(app, app_context, role):
    values = build_world().url_values
    visitor = visitor_as(app, role)
    problems, walked = [], 0
    for rule, method in every_route(app):
        access = rule_for(app, rule.endpoint, method)
        url = url_of(app, rule, values)
        problem = verdict(role, rule.endpoint, access, send(visitor, method, url))
        walked += 1
        if (rule.endpoint, method) == (SIGNING_OUT[0], "POST") and role in ("viewer", "editor", "admin"):
            visitor.sign_in(visitor.user)
        if problem:
            problems.append(f"{role} {method} {url} ({rule.endpoint}, needs {access}): {problem}")
    assert problems == []
    assert walked >= 200  # the whole map was walked, HEAD and OPTIONS included
    assert visitor.get("/").status_code == 302  # signed out by the last route, or never signed in


def test_a_route_whose_rule_cannot_be_resolved_is_refused(tmp_path):
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'unused.sqlite'}")
    app.add_url_rule("/odd", "odd", lambda: "served", methods=["PROPFIND"])
    assert rule_for(app, "odd", "PROPFIND") is None
    assert rule_for(app, "no.such.endpoint", "GET") is None
    response = app.test_client().open("/odd", method="PROPFIND")
    assert response.status_code == 403
    assert b"served" not in response.data


def test_no_route_is_exempt_from_csrf_but_the_api_which_no_cookie_signs_in_to_and_the_unsubscribe_link(app):
    """The unsubscribe link of a reminder e-mail is posted by mail programs (RFC 8058), which hold no CSRF token:
    the signature in its address stands in for one, and all it can do is stop that e-mail."""
    assert isinstance(csrf, CSRFProtect)
    assert app.config.get("WTF_CSRF_ENABLED", True) is True
    assert app.config.get("WTF_CSRF_CHECK_DEFAULT", True) is True
    assert set(app.config.get("WTF_CSRF_METHODS", WRITE_METHODS)) >= WRITE_METHODS
    assert csrf._exempt_views == {"app.reminders.routes.unsubscribe"}
    assert {blueprint.name for blueprint in csrf._exempt_blueprints} == {"api"}


def test_every_state_changing_request_without_a_token_is_refused(app, app_context):
    """Even an administrator's write is refused without the page's CSRF token, and changes nothing."""
    values = build_world().url_values
    visitor = visitor_as(app, "admin")
    answers = {}
    for rule, method in every_route(app):
        if method in WRITE_METHODS:
            url = url_of(app, rule, values)
            answers[f"{method} {url}"] = visitor.client.open(url, method=method, data={}).status_code
    assert len(answers) >= 40
    # The API takes no cookie at all: without its bearer token, a write is not signed in (401).
    expected = {request: 401 if request.split()[1].startswith(API_PATH) else 400 for request in answers}
    assert {request: status for request, status in answers.items() if status != expected[request]} == {}
    assert visitor.get("/").status_code == 200  # still signed in: sign-out was refused too


@pytest.mark.parametrize("role", ["editor", "admin"])
def test_a_read_only_token_changes_nothing_whatever_its_users_role(app, app_context, role):
    values = build_world().url_values
    user = factories.user(role=role, email=f"reader-{role}@asean.example")
    token = create_token(user, "Dashboard", "read")
    db.session.commit()
    program = app.test_client()
    answers = {}
    for rule, method in every_route(app):
        if method in WRITE_METHODS and rule.rule.startswith(API_PATH):
            url = url_of(app, rule, values)
            response = program.open(url, method=method, json={}, headers={"Authorization": f"Bearer {token}"})
            answers[f"{method} {url}"] = (response.status_code, response.json["type"])
    assert len(answers) >= 4  # a meeting logged and changed, a follow-up's state, a status update
    assert {request: answer for request, answer in answers.items()
            if answer != (403, "/api-documentation#problem-scope")} == {}


def test_the_feed_routes_answer_by_their_token_alone_never_with_the_sign_in_page(app, app_context):
    values = build_world().url_values
    anonymous = app.test_client()
    for endpoint in ("calendar.mine", "calendar.desk", "calendar.partnership"):
        [rule] = [rule for rule in app.url_map.iter_rules() if rule.endpoint == endpoint]
        assert anonymous.get(url_of(app, rule, values)).status_code == 200
        assert anonymous.get(url_of(app, rule, {**values, "token": "x" * 43})).status_code == 404
