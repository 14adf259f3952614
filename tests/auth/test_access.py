"""Every page needs sign-in, and user management needs an administrator.

The tests walk ``app.url_map``, so a route added later without protection fails here.
"""

import re

import pytest
from werkzeug.routing import IntegerConverter

from app.auth.sessions import API_PATH
from tests.conftest import csrf_token

PLACEHOLDER = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")
#: The only routes of ours open to anyone: signing in, the health check a load balancer asks, the calendar feeds
#: a calendar app reads, each answered only for the secret address of an active user (tests/calendar), the API's
#: description, which says what programs may ask and holds no record, and the link in a reminder e-mail that stops
#: it, answered only for an address signed by the app (tests/reminders).
OPEN_ENDPOINTS = {"auth.sign_in", "health.check", "calendar.mine", "calendar.desk", "calendar.partnership",
                  "api_docs.openapi_json", "reminders.unsubscribe"}


def example_url(rule) -> str:
    """The rule's path with ints filled with 1 and any other argument with "x"."""

    def fill(match):
        name = match.group(1)
        return "1" if isinstance(rule._converters.get(name), IntegerConverter) else "x"

    return PLACEHOLDER.sub(fill, rule.rule)


def protected_rules(app, prefix=""):
    return sorted(
        (
            rule for rule in app.url_map.iter_rules()
            if rule.endpoint != "static" and not rule.endpoint.endswith(".static")
            and rule.endpoint not in OPEN_ENDPOINTS and rule.endpoint.startswith(prefix)
        ),
        key=lambda rule: rule.rule,
    )


def visit(client, rule):
    """GET where the rule allows it; otherwise POST with a real CSRF token, so only sign-in can stop it."""
    url = example_url(rule)
    if "GET" in rule.methods:
        return url, client.get(url)
    token = csrf_token(client.get("/sign-in").get_data(as_text=True))
    method = next(method for method in ("POST", "PUT", "PATCH", "DELETE") if method in rule.methods)
    return url, client.open(url, method=method, data={"csrf_token": token})


def test_every_page_but_sign_in_needs_a_signed_in_user(app, client):
    rules = protected_rules(app)
    endpoints = {rule.endpoint for rule in rules}
    assert {"dashboard.home", "my_work.index", "people.index", "people.detail", "people.restore", "users.index",
            "auth.sign_out", "organisations.archive"} <= endpoints
    problems = []
    for rule in rules:
        url, response = visit(client, rule)
        location = response.headers.get("Location", "")
        if url.startswith(API_PATH):
            # A program is not sent to a sign-in page: it is asked for its token (tests/api).
            if response.status_code != 401:
                problems.append(f"{rule.endpoint} {url}: {response.status_code}")
        elif response.status_code != 302 or not location.startswith("/sign-in"):
            problems.append(f"{rule.endpoint} {url}: {response.status_code} {location}")
    assert problems == []


def test_the_sign_in_page_and_static_files_are_open(client):
    assert client.get("/sign-in").status_code == 200
    assert client.get("/static/app.css").status_code == 200


def test_the_health_check_answers_anyone_without_the_database(client, count_queries):
    with count_queries() as statements:
        response = client.get("/health")
    assert (response.status_code, response.get_data(as_text=True), response.mimetype) == (200, "ok", "text/plain")
    assert statements == []


@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_only_an_administrator_reaches_user_management(as_role, app, role):
    browser = as_role(role)
    rules = protected_rules(app, prefix="users.")
    assert {rule.endpoint for rule in rules} >= {"users.index", "users.create", "users.edit"}
    for rule in rules:
        url, response = visit(browser.client, rule)
        assert response.status_code == 403, f"{rule.endpoint} {url}"


def test_an_administrator_reaches_user_management(as_role):
    admin = as_role("admin")
    assert admin.get("/users/").status_code == 200
    assert admin.get("/users/new").status_code == 200
    assert admin.get(f"/users/{admin.user.id}/edit").status_code == 200
