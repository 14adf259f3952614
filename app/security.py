"""Response headers, the proxy in front, and the checks before serving in production.

Headers are a dozen fixed lines in an ``after_request`` hook rather than Flask-Talisman: the policy is the same
for every page (no nonces, no per-view variants), HTTPS redirects belong to the TLS proxy in front, and one more
dependency would buy nothing here that a reader cannot see at a glance.
"""

from pathlib import Path

from flask import Flask, Response, session
from werkzeug.middleware.proxy_fix import ProxyFix

from app.auth.limits import limit_feeds, limit_sign_in
from app.calendar.routes import FEED_ENDPOINTS

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
    limiter = limit_sign_in(app)
    limit_feeds(app, limiter, FEED_ENDPOINTS)


def trust_proxies(app: Flask) -> None:
    """Behind N proxies, take the visitor's address and scheme from the headers the nearest N of them set.

    Without it every visitor has the proxy's address, and one person's failed sign-ins would lock out the desk.
    """
    count = app.config["TRUSTED_PROXIES"]
    if count:
        # Flask's documented way to wrap the app in WSGI middleware; typeshed reads wsgi_app as a method only.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)  # type: ignore[method-assign]


def add_headers(app: Flask) -> None:
    hsts_seconds = app.config["HSTS_SECONDS"]

    @app.after_request
    def security_headers(response: Response) -> Response:
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if hsts_seconds:
            response.headers.setdefault("Strict-Transport-Security", f"max-age={hsts_seconds}")
        # Pages of desk records stay out of shared and back-button caches; static files keep their own rules. The
        # session says who is signed in without reading the user again (a save's commit has expired them).
        if "Cache-Control" not in response.headers and session.get("_user_id"):
            response.headers["Cache-Control"] = "no-store"
        return response


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
    if app.config["PRODUCTION"]:
        check_no_demo_account(app)


def check_no_demo_account(app: Flask) -> None:
    """Refuse to serve while the demo administrator's published password still signs someone in."""
    from app.auth.demo import demo_password_in_use

    with app.app_context():
        email = demo_password_in_use()
    if email:
        raise StartupRefused(
            f"The account {email} still has the demo password, which is published: give it a new password "
            f"(`flask users set-password --email {email}`), then start again."
        )
