"""Each user's secret feed address: made, replaced and revoked here; looked up by the feeds."""

import secrets

import sqlalchemy as sa

from app.auth.sessions import token_hash
from app.extensions import db
from app.models import CalendarFeed, User

#: Random bytes in a token (URL-safe base64 in the address): too many for any feed address to be guessed.
TOKEN_BYTES = 32


def live_feed(user: User) -> CalendarFeed | None:
    """The feed address ``user`` has in use, if any."""
    return db.session.scalar(
        sa.select(CalendarFeed).where(CalendarFeed.user_id == user.id, CalendarFeed.archived_at.is_(None)))


def create_feed(user: User) -> str:
    """Give ``user`` a new feed address, revoking the one they had; the new token, which is stored only hashed.

    The audit log records the address made (and the old one revoked) with the token as "set", never its value.
    """
    revoke_feed(user)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    db.session.add(CalendarFeed(user_id=user.id, token_hash=token_hash(token)))
    db.session.flush()
    return token


def revoke_feed(user: User) -> bool:
    """Stop ``user``'s feed address from answering; False when they had none."""
    feed = live_feed(user)
    if feed is None:
        return False
    feed.archive()
    db.session.flush()  # before a new address is added: one in use per user
    return True


def feed_reader(token: str) -> User | None:
    """The active user whose feed address in use carries ``token``; None for a revoked, unknown or
    deactivated one."""
    return db.session.scalar(
        sa.select(User).join(CalendarFeed, CalendarFeed.user_id == User.id)
        .where(CalendarFeed.token_hash == token_hash(token), CalendarFeed.archived_at.is_(None), User.is_active)
    )
