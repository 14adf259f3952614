"""Every response carries the security headers; no page needs inline script to work."""

import re
from pathlib import Path

import pytest

from app.security import HEADERS

APP = Path(__file__).resolve().parents[2] / "app"
#: Templates rendered into files rather than served to a browser: the frame of every PDF, and a report saved to open
#: from disk.
OFF_LINE = {"exports/pdf_base.html", "reports/standalone.html"}
#: E-mails, never served: mail programs read styles only inline.
E_MAILS = "reminders/mail/"


def policy(response) -> dict[str, list[str]]:
    directives = (part.split() for part in response.headers["Content-Security-Policy"].split(";"))
    return {name: values for name, *values in directives}


def assert_secured(response):
    for name, value in HEADERS.items():
        assert response.headers.get(name) == value, name
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]  # no inline script, no eval
    assert csp["style-src"] == ["'self'"]  # no <style> elements
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] in ("same-origin", "no-referrer", "strict-origin-when-cross-origin")


def test_pages_redirects_errors_and_files_all_carry_the_headers(visitor, as_role):
    responses = [
        visitor.get("/sign-in"),
        visitor.get("/people/"),  # redirect to sign-in
        visitor.get("/no-such-page"),
        visitor.client.post("/sign-in", data={}),  # no CSRF token: 400
        visitor.get("/static/app.css"),
        visitor.get("/static/app.js"),
    ]
    viewer = as_role("viewer")
    responses += [viewer.get("/"), viewer.get("/users/"), viewer.get("/people/99999")]
    assert [response.status_code for response in responses] == [200, 302, 404, 400, 200, 200, 200, 403, 404]
    for response in responses:
        assert_secured(response)


def test_signed_in_pages_are_not_stored_by_browsers_or_proxies(visitor, as_role):
    assert "no-store" not in visitor.get("/sign-in").headers.get("Cache-Control", "")
    assert "no-store" not in visitor.get("/static/app.css").headers.get("Cache-Control", "")
    viewer = as_role("viewer")
    assert viewer.get("/").headers["Cache-Control"] == "no-store"
    assert viewer.get("/people/").headers["Cache-Control"] == "no-store"


def test_no_strict_transport_security_outside_production(visitor):
    assert "Strict-Transport-Security" not in visitor.get("/sign-in").headers


def test_session_cookie_is_http_only_and_same_site_lax(visitor, app):
    cookie = visitor.get("/sign-in").headers["Set-Cookie"]
    parts = {part.strip() for part in cookie.split(";")}
    assert {"HttpOnly", "SameSite=Lax", "Path=/"} <= parts
    assert "Secure" not in parts  # testing and development run over plain HTTP; production: test_production.py
    assert app.config["REMEMBER_COOKIE_HTTPONLY"] and app.config["REMEMBER_COOKIE_SAMESITE"] == "Lax"


def templates():
    return sorted(path.relative_to(APP / "templates").as_posix() for path in (APP / "templates").rglob("*.html"))


@pytest.mark.parametrize("name", [name for name in templates()
                                  if name not in OFF_LINE and not name.startswith(E_MAILS)])
def test_templates_have_no_inline_script_or_style(name):
    text = (APP / "templates" / name).read_text()
    # A <script> may load a file, or carry data (type="application/json", never run); never code.
    for tag, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", text, flags=re.S | re.I):
        assert "src=" in tag or 'type="application/json"' in tag, f"inline script in {name}: {tag} {body[:80]}"
        assert not body.strip() or 'type="application/json"' in tag, f"a script with both src and code in {name}"
    assert not re.search(r"<style\b", text, flags=re.I), f"<style> element in {name}"
    assert not re.search(r"\sstyle\s*=", text, flags=re.I), f"style attribute in {name}"
    assert not re.search(r"\son[a-z]+\s*=", text, flags=re.I), f"event handler attribute in {name}"
    assert "javascript:" not in text.lower(), f"javascript: URL in {name}"


@pytest.mark.parametrize("path", sorted((APP / "static").glob("*.js")), ids=lambda path: path.name)
def test_scripts_need_nothing_the_policy_forbids(path):
    code = path.read_text()
    for forbidden in (r"\beval\s*\(", r"new\s+Function\s*\(", r"set(Timeout|Interval)\s*\(\s*['\"`]",
                      r"\son[a-z]+\s*=\s*['\"]", r"setAttribute\(\s*['\"](style|on[a-z]+)['\"]", r"javascript:"):
        assert not re.search(forbidden, code), f"{path.name} uses {forbidden}"
