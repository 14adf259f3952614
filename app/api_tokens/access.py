"""What the API asks of a token on each request: whose it is and what it may do, and noting that it was used.

The API reads the token from the ``Authorization: Bearer <token>`` header (``bearer_token``), asks
``token_access`` for the access it gives, and then ``note_use``. The role rules are the pages' own: a read-only
token reads what its user may read; a read-and-write token also changes what its user's role lets them change.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import request

from app.api_tokens.services import TOKEN_PREFIX, today
from app.auth.sessions import token_hash
from app.extensions import db
from app.models import ApiToken, Role, TokenScope, User, utcnow
from app.models.base import in_utc

#: Longer than any token made (the prefix and 43 characters); a longer one is refused before hashing.
TOKEN_MAX = 64
#: How stale a token's "last used" may get: a program calling every second writes it once a minute, not every time.
USE_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class TokenAccess:
    """A live token of an active user, as one request found it."""

    user: User
    scope: TokenScope
    token_id: int
    #: When it was last used before this request (None: never).
    last_used_at: datetime | None = None

    def allows(self, role: Role) -> bool:
        """True when a route that needs ``role`` (viewer to read, editor or admin to change) may be used with this
        token: its user has the role, and a route that changes anything also needs a read-and-write token."""
        if not self.user.can(role):
            return False
        return role is Role.VIEWER or self.scope is TokenScope.READ_WRITE


def bearer_token() -> str | None:
    """The token of this request's ``Authorization: Bearer`` header, if it has one."""
    kind, _, token = request.headers.get("Authorization", "").partition(" ")
    token = token.strip()
    return token if kind.lower() == "bearer" and token else None


def token_access(raw: str) -> TokenAccess | None:
    """The access ``raw`` gives: None unless it is a token in use, not past its expiry date, of an active user."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > TOKEN_MAX:
        return None
    found = db.session.execute(
        sa.select(ApiToken.id, ApiToken.scope, ApiToken.last_used_at, User)
        .join(User, ApiToken.user_id == User.id)
        .where(ApiToken.token_hash == token_hash(raw), ApiToken.archived_at.is_(None), User.is_active,
               sa.or_(ApiToken.expires_on.is_(None), ApiToken.expires_on >= today()))
    ).first()
    if found is None:
        return None
    token_id, scope, last_used_at, user = found
    return TokenAccess(user=user, scope=scope, token_id=token_id,
                       last_used_at=in_utc(last_used_at) if last_used_at else None)


def note_use(access: TokenAccess) -> None:
    """Record that the token was used now, at most once a minute: the API reads far more often than that.

    Written and committed at once on a connection of its own, apart from the request's transaction: a request that
    only reads cannot write (app/database.py), and the last use is kept whether or not the request saves anything.
    Call it before the request writes anything (on SQLite a second writer would wait for the first). The condition
    is in the statement too, so several servers answering the same program at once still write once a minute.
    """
    now = utcnow()
    stale = now - USE_RESOLUTION
    if access.last_used_at is not None and access.last_used_at > stale:
        return
    with db.engine.begin() as connection:
        connection.execute(
            sa.update(ApiToken)
            .where(ApiToken.id == access.token_id,
                   sa.or_(ApiToken.last_used_at.is_(None), ApiToken.last_used_at <= stale))
            .values(last_used_at=now)
        )
