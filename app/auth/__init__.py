"""Who may do what: one rule per route, checked in one place before any view runs.

A rule is the least access a route needs: anonymous (anyone), viewer, editor or admin, in that order.
Without a declaration the rule follows the HTTP method: reading (GET, HEAD, OPTIONS) needs a signed-in viewer,
anything that changes data (POST, PUT, PATCH, DELETE) needs an editor. A view that differs says so with
``@requires(Role.ADMIN)`` (or ``Role.EDITOR`` for a form page, ``Role.VIEWER`` for a harmless POST) or ``@public``.
``rule_for`` answers for any endpoint and method, so a test can walk every route; a method with no rule is refused.
"""

from collections.abc import Callable
from typing import TypeVar

from flask import Flask, abort, current_app, flash, redirect, request, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import AnonymousUserMixin, LoginManager, current_user
from werkzeug.wrappers import Response

from app.auth.sessions import is_api_request, signed_in_user
from app.models import Role, User
from app.models.user import ROLE_RANK

View = TypeVar("View", bound=Callable[..., object])

#: The rule of a route anyone may use, signed in or not.
ANONYMOUS = "anonymous"
#: Rules ranked from least to most access needed.
RULE_RANK = {ANONYMOUS: -1, **{role.value: rank for role, rank in ROLE_RANK.items()}}
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
#: Endpoints of extensions, not ours to decorate: the files they serve are public.
PUBLIC_ENDPOINTS = {"static", "bootstrap.static"}
#: The attribute of a view function that holds its rule.
REQUIRED_ROLE = "required_role"


def requires(role: Role) -> Callable[[View], View]:
    """Declare the least role a view needs, for every method it answers; ``enforce_rules`` checks it."""
    role = Role(role)

    def declare(view: View) -> View:
        setattr(view, REQUIRED_ROLE, role.value)  # a function's own attribute: Callable declares none
        return view

    return declare


def public(view: View) -> View:
    """Declare a view anyone may use without signing in (the sign-in page)."""
    setattr(view, REQUIRED_ROLE, ANONYMOUS)
    return view


def rule_for(app: Flask, endpoint: str, method: str) -> str | None:
    """The rule for ``method`` on ``endpoint``: "anonymous", "viewer", "editor" or "admin"; None if there is none."""
    if endpoint in PUBLIC_ENDPOINTS:
        return ANONYMOUS if method in READ_METHODS else None
    view = app.view_functions.get(endpoint)
    if view is None:
        return None
    declared = getattr(view, REQUIRED_ROLE, None)
    if isinstance(declared, str):
        return declared
    if method in READ_METHODS:
        return Role.VIEWER.value
    if method in WRITE_METHODS:
        return Role.EDITOR.value
    return None


def meets(user: User | AnonymousUserMixin, rule: str) -> bool:
    """True when ``user`` (signed in or not) may use a route with ``rule``."""
    if rule == ANONYMOUS:
        return True
    return isinstance(user, User) and user.is_authenticated and RULE_RANK[user.role.value] >= RULE_RANK[rule]


def configure_login(app: Flask, login_manager: LoginManager) -> None:
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = _l("Sign in to continue")
    login_manager.login_message_category = "info"

    login_manager.user_loader(signed_in_user)
    app.before_request(enforce_rules)


def enforce_rules() -> Response | None:
    if request.endpoint is None:
        return None  # no such page or method: routing answers 404 or 405
    if is_api_request():
        return None  # the same rules, checked against the bearer token with answers in JSON (app/api/access.py)
    rule = rule_for(current_app, request.endpoint, request.method)
    if rule is None:
        # Fail closed: a route nobody gave a rule to is served to no one.
        current_app.logger.error("No access rule for %s %s: refused", request.method, request.endpoint)
        abort(403)
    if rule == ANONYMOUS:
        return None
    if not current_user.is_authenticated:
        flash(gettext("Sign in to continue"), "info")
        back = request.full_path.rstrip("?") if request.method == "GET" else None
        return redirect(url_for("auth.sign_in", next=back))
    if not meets(current_user, rule):
        abort(403)
    return None
