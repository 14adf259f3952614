"""Response headers, sign-in limits, the proxy in front, and the checks before serving in production.

Headers are a dozen fixed lines in an ``after_request`` hook rather than Flask-Talisman: the policy is the same
for every page (no nonces, no per-view variants), HTTPS redirects belong to the TLS proxy in front, and one more
dependency would buy nothing here that a reader cannot see at a glance.
"""

import hashlib
from pathlib import Path

from flask import Flask, g, render_template, request, session
from flask_limiter import Limiter, RateLimitExceeded
from werkzeug.middleware.proxy_fix import ProxyFix

#: Everything from this site only; no inline script, no <style> elements, nothing may frame the pages.
#: style-src-attr allows style *attributes*: the report charts are matplotlib SVG drawn inline, whose colours and
#: fonts are style attributes. An attribute can neither run script nor fetch anything.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",  # Bootstrap's form controls draw their arrows and ticks as data: SVG
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate it
    "Referrer-Policy": "same-origin",  # no address of ours, with its ids and search terms, leaves the site
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}


class StartupRefused(RuntimeError):
    """The app must not serve with these settings; the message says what to do."""


def register(app: Flask) -> None:
    trust_proxies(app)
    add_headers(app)
    limit_sign_in(app)


def trust_proxies(app: Flask) -> None:
    """Behind N proxies, take the visitor's address and scheme from the headers the nearest N of them set.

    Without it every visitor has the proxy's address, and one person's failed sign-ins would lock out the desk.
    """
    count = app.config["TRUSTED_PROXIES"]
    if count:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)


def add_headers(app: Flask) -> None:
    hsts_seconds = app.config["HSTS_SECONDS"]

    @app.after_request
    def security_headers(response):
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if hsts_seconds:
            response.headers.setdefault("Strict-Transport-Security", f"max-age={hsts_seconds}")
        # Pages of desk records stay out of shared and back-button caches; static files keep their own rules. The
        # session says who is signed in without reading the user again (a save's commit has expired them).
        if "Cache-Control" not in response.headers and session.get("_user_id"):
            response.headers["Cache-Control"] = "no-store"
        return response


# Sign-in limits ---------------------------------------------------------------------------------------------------

def address_key() -> str:
    return "address:" + (request.remote_addr or "unknown")


def account_key() -> str:
    """The account being signed in to, hashed: limit storage (Redis) never holds an email address."""
    email = (request.form.get("email") or "").strip().lower()
    return "account:" + hashlib.sha256(email.encode()).hexdigest()


def failed_sign_in(_response) -> bool:
    return bool(g.get("sign_in_failed"))


def limit_sign_in(app: Flask) -> None:
    """Count failed sign-ins per account and per address; past either limit, sign-in waits out the window.

    A limiter per app (not one module-level instance) so that each app created in a process keeps the storage
    its own settings name. Only failures count: the check runs before the view, the count after it.
    """
    limiter = Limiter(key_func=address_key, app=app)
    minutes = app.config["SIGN_IN_WINDOW_MINUTES"]
    limits = [
        (f"{app.config['SIGN_IN_ATTEMPTS_PER_ACCOUNT']} per {minutes} minutes", account_key),
        (f"{app.config['SIGN_IN_ATTEMPTS_PER_ADDRESS']} per {minutes} minutes", address_key),
    ]
    view = app.view_functions["auth.sign_in"]
    for limit, key in limits:
        view = limiter.limit(limit, key_func=key, methods=["POST"], deduct_when=failed_sign_in,
                             error_message="Too many sign-in attempts")(view)
    app.view_functions["auth.sign_in"] = view

    @app.errorhandler(RateLimitExceeded)
    def too_many_attempts(_error):
        advice = f"Wait {minutes} minutes and try again."
        page = render_template("errors/error.html", code=429, title="Too many sign-in attempts", advice=advice)
        return page, 429, {"Retry-After": str(minutes * 60)}


def reset_limits(app: Flask) -> None:
    """Forget every count (tests start each from nothing)."""
    for limiter in app.extensions.get("limiter", ()):
        limiter.reset()


# Production checks ------------------------------------------------------------------------------------------------

def check_database_is_current(app: Flask) -> None:
    """Refuse to serve a database whose schema is older (or newer) than this code's migrations."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from app.extensions import db

    directory = Path(app.extensions["migrate"].directory)
    if not directory.is_absolute():
        directory = Path(app.root_path).parent / directory
    script = ScriptDirectory(str(directory))
    heads = set(script.get_heads())
    with app.app_context(), db.engine.connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
    if current == heads:
        return
    known = {revision.revision for revision in script.walk_revisions()}
    unknown = current - known
    if unknown:
        raise StartupRefused(
            f"The database is at revision {', '.join(sorted(unknown))}, which this version of the app does not know: "
            "deploy the version that upgraded it, or restore a backup taken before."
        )
    raise StartupRefused(
        f"The database schema is behind (at {', '.join(sorted(current)) or 'no revision'}, this version needs "
        f"{', '.join(sorted(heads))}): run `flask db upgrade` with the same settings, then start again."
    )


def check_ready_to_serve(app: Flask) -> None:
    """What the serving entry point (wsgi.py) checks before answering anyone.

    Not in ``create_app``: ``flask db upgrade``, the cure for an old schema, must be able to create the app.
    """
    if app.config["REFUSE_OUTDATED_SCHEMA"]:
        check_database_is_current(app)
