"""A signed-in session: started by a correct password, ended by signing out, a new password, deactivation or an
administrator's "sign out everywhere", and by time (idle for ``SESSION_IDLE_MINUTES``, or ``SESSION_MAX_DAYS``
after signing in).

The browser's signed cookie holds the user's id, a random token and when it was last used. The cookie alone no
longer signs anyone in: its token must name a ``UserSession`` row that has not ended, which every worker and host
reads from the same database. Reading the user and checking the row is one statement per request, the one that
read the user before.
"""

import hashlib
import secrets
import time
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app, g, has_request_context, request, session
from flask_login import login_user, logout_user

from app.extensions import db
from app.models import SessionEnd, User, UserSession, utcnow

TOKEN_KEY = "session_token"
SEEN_KEY = "seen_at"
#: How stale the "last used" time in the cookie may get before it is written again: a page a minute keeps a
#: session alive without sending a new cookie with every response.
SEEN_RESOLUTION_SECONDS = 60
#: Where a request keeps the id of the user it acts for, once it knows: what the audit log records as "who".
ACTING_USER_KEY = "acting_user_id"
#: Where the JSON API is served: a request there is signed in by its bearer token only (app/api/access.py).
API_PATH = "/api/"


def is_api_request() -> bool:
    return has_request_context() and request.path.startswith(API_PATH)


def acting_user_id() -> int | None:
    """The user this request acts for, once it has read who is signed in; None outside a request (the demo
    loader, a command) and for no one signed in."""
    acting: int | None = g.get(ACTING_USER_KEY) if has_request_context() else None
    return acting


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(user: User) -> None:
    """Sign ``user`` in to this browser with a new session; nothing set in the cookie before carries over."""
    session.clear()
    token = secrets.token_urlsafe(32)
    db.session.add(UserSession(user_id=user.id, token_hash=token_hash(token), started_at=utcnow()))
    login_user(user)
    setattr(g, ACTING_USER_KEY, user.id)
    session[TOKEN_KEY] = token
    session[SEEN_KEY] = int(time.time())


def end_this_session() -> None:
    """Sign out: this browser's session ends here and on every server."""
    token = session.get(TOKEN_KEY)
    if token:
        db.session.execute(
            sa.update(UserSession)
            .where(UserSession.token_hash == token_hash(token), UserSession.ended_at.is_(None))
            .values(ended_at=utcnow(), ended_because=SessionEnd.SIGNED_OUT)
        )
    logout_user()
    session.clear()


def end_sessions_of(user: User, reason: SessionEnd) -> int:
    """End every running session of ``user``, on every browser; the number ended."""
    result = db.session.execute(
        sa.update(UserSession)
        .where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
        .values(ended_at=utcnow(), ended_because=reason)
    )
    return result.rowcount  # type: ignore[attr-defined, no-any-return]  # an UPDATE's result is a CursorResult


def running_sessions(user: User) -> int:
    """How many browsers ``user`` is signed in on now (sessions not ended and not past their longest life)."""
    running = db.session.scalar(
        sa.select(sa.func.count()).select_from(UserSession)
        .where(UserSession.user_id == user.id, UserSession.ended_at.is_(None), UserSession.started_at > oldest_start())
    )
    return running or 0


def oldest_start() -> datetime:
    return utcnow() - timedelta(days=current_app.config["SESSION_MAX_DAYS"])


def signed_in_user(user_id: str) -> User | None:
    """Flask-Login's user loader: the active user whose running session this cookie names, or None.

    Keeps the cookie's "last used" time fresh; past the idle limit the cookie signs no one in.
    """
    if is_api_request():
        return None  # a cookie a browser sends along must not let another site call the API as its user
    token = session.get(TOKEN_KEY)
    seen = session.get(SEEN_KEY)
    if not (user_id.isdigit() and isinstance(token, str) and isinstance(seen, int)):
        return None
    now = int(time.time())
    if now - seen > current_app.config["SESSION_IDLE_MINUTES"] * 60:
        return None
    user = db.session.scalar(
        sa.select(User)
        .join(UserSession, UserSession.user_id == User.id)
        .where(
            User.id == int(user_id),
            User.is_active,
            UserSession.token_hash == token_hash(token),
            UserSession.ended_at.is_(None),
            UserSession.started_at > oldest_start(),
        )
    )
    if user is not None:
        setattr(g, ACTING_USER_KEY, user.id)
        if now - seen >= SEEN_RESOLUTION_SECONDS:
            session[SEEN_KEY] = now
    return user
