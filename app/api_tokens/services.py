"""Each user's API tokens: made (shown once, stored hashed), revoked, and listed."""

import secrets
from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext
from sqlalchemy.orm import joinedload

from app.auth.sessions import token_hash
from app.common.errors import DomainError
from app.extensions import db
from app.models import ApiToken, Role, TokenScope, User, utcnow
from app.models.api_token import TOKEN_NAME_MAX

#: What every token starts with: a token pasted into a log, a chat or a repository is recognisable as ours, and
#: secret scanners can be told to look for it.
TOKEN_PREFIX = "pct_"
#: Random bytes in a token, as URL-safe base64 after the prefix: too many for one to be guessed.
TOKEN_BYTES = 32
#: The newest first, as the lists show them.
NEWEST_FIRST = (ApiToken.created_at.desc(), ApiToken.id.desc())


def today() -> date:
    """The day in UTC: expiry dates are read against the same clock as the API's requests."""
    return utcnow().date()


def live_tokens(user: User) -> Sequence[ApiToken]:
    """``user``'s tokens not revoked, newest first (expired ones too: their user sees them and revokes them)."""
    return db.session.scalars(
        sa.select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.archived_at.is_(None)).order_by(*NEWEST_FIRST)
    ).all()


def every_live_token() -> sa.Select[ApiToken]:
    """Every user's tokens not revoked, with their users, for the administrators' list."""
    return sa.select(ApiToken).where(ApiToken.archived_at.is_(None)).options(joinedload(ApiToken.user))


def live_token(user: User, token_id: int) -> ApiToken | None:
    """``user``'s token ``token_id`` if it is not revoked."""
    return db.session.scalar(sa.select(ApiToken).where(
        ApiToken.id == token_id, ApiToken.user_id == user.id, ApiToken.archived_at.is_(None)))


def create_token(user: User, name: str, scope: TokenScope | str, expires: date | None = None) -> str:
    """Give ``user`` a new token called ``name``; the token itself, which is stored only hashed (shown once).

    A viewer may hold only read-only tokens: their role lets a token write nothing, and a token that says it may
    write would mislead whoever set up the program. The audit log records the token as "set", never its value.
    """
    name = " ".join(name.split())
    scope = TokenScope(scope)
    if not name:
        raise DomainError("name", gettext("Enter a name for the token"))
    if len(name) > TOKEN_NAME_MAX:
        raise DomainError("name", gettext("%(what)s must be %(limit)s characters or less", what=gettext("Name"),
                                              limit=f"{TOKEN_NAME_MAX:,}"))
    if scope is TokenScope.READ_WRITE and not user.can(Role.EDITOR):
        raise DomainError("scope", gettext("Viewers can only have read-only tokens – select Read only"))
    if expires is not None and expires < today():
        raise DomainError("expires_on", gettext("Expiry date must be today or in the future"))
    if db.session.scalar(sa.select(ApiToken.id).where(
            ApiToken.user_id == user.id, ApiToken.archived_at.is_(None),
            sa.func.lower(ApiToken.name) == name.lower())):
        raise DomainError("name", gettext("You already have a token called %(name)s – enter a different name",
                                          name=name))
    token = TOKEN_PREFIX + secrets.token_urlsafe(TOKEN_BYTES)
    db.session.add(ApiToken(user_id=user.id, name=name, scope=scope, token_hash=token_hash(token), expires_on=expires))
    db.session.flush()
    return token


def revoke_token(user: User, token_id: int) -> ApiToken | None:
    """Stop ``user``'s token ``token_id`` from answering, for good; None when they have no such token in use."""
    token = live_token(user, token_id)
    if token is None:
        return None
    token.archive()
    db.session.flush()
    return token
