"""Who an API request acts for: the user of its bearer token, never the browser's session cookie.

A request to the API is signed in only by ``Authorization: Bearer <token>`` (app/api_tokens): a cookie sent along
by a browser signs no one in, so another site cannot make a signed-in browser call the API. The rule of each route
is the pages' own (``app.auth.rule_for``); a read-only token also refuses every route that changes data.
"""

from flask import current_app, g, request
from flask.typing import ResponseReturnValue
from flask_login import current_user

from app.api.problems import problem
from app.api_tokens.access import TokenAccess, bearer_token, note_use, token_access
from app.auth import ANONYMOUS, rule_for
from app.auth.sessions import ACTING_USER_KEY, is_api_request
from app.models import Role, User

#: Where a request keeps the access its token gave.
ACCESS_KEY = "api_access"
#: RFC 6750: how a client learns to send a bearer token, and that the one it sent was refused.
CHALLENGE = 'Bearer realm="api"'


def token_user(_request: object) -> User | None:
    """Flask-Login's request loader: the user of a live token on an API request, else no one."""
    raw = bearer_token() if is_api_request() else None
    access = token_access(raw) if raw else None
    if access is None:
        return None
    setattr(g, ACCESS_KEY, access)
    setattr(g, ACTING_USER_KEY, access.user.id)
    note_use(access)
    return access.user


def check_token() -> ResponseReturnValue | None:
    """Refuse an API request its token does not allow, as a problem; let the others through to their route.

    Runs after the rate limits (app/auth/limits.py), so that refused tokens count too: guessing is bounded."""
    if not is_api_request() or request.endpoint is None:
        return None  # not the API's, or no such route: the error handlers answer
    rule = rule_for(current_app, request.endpoint, request.method)
    if rule is None:
        return problem(403)
    if rule == ANONYMOUS:
        return None
    if not current_user.is_authenticated:
        given = bearer_token() is not None
        detail = ("The token is unknown, revoked or past its expiry date, or its user was deactivated."
                  if given else "Send a personal access token: Authorization: Bearer <token>.")
        challenge = CHALLENGE + (', error="invalid_token"' if given else "")
        return problem(401, detail, kind="token", headers={"WWW-Authenticate": challenge})
    access: TokenAccess = g.get(ACCESS_KEY)
    role = Role(rule)
    if access.allows(role):
        return None
    if access.user.can(role):
        return problem(403, "Make a read-and-write token on your account page to change records.", kind="scope")
    return problem(403, f"This needs the {role.label.lower()} role; your account has {access.user.role.label.lower()}.")
