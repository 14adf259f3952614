import secrets
from functools import cache

import sqlalchemy as sa
from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

from app.extensions import db
from app.models import User, utcnow


@cache
def stand_in_hash(method: str) -> str:
    """A hash of no one's password, made like a real user's: checked when there is no user to check against."""
    return generate_password_hash(secrets.token_hex(16), method=method)


def authenticate(email: str, password: str) -> User | None:
    """The active user with this email and password, or None; records the sign-in time.

    A password is checked in every case, against a stand-in hash when no account has this address, and before
    looking at whether the account is active: a wrong guess takes as long whether or not the address has an
    account, so the time of the answer does not tell.
    """
    user = db.session.scalar(sa.select(User).where(User.email == email.strip().lower()))
    if user is None:
        check_password_hash(stand_in_hash(current_app.config["PASSWORD_HASH_METHOD"]), password)
        return None
    if not user.check_password(password) or not user.is_active:
        return None
    # A sign-in is not a change to the record: stamped without counting a new version, so an administrator
    # changing this user at the same time is not shown a conflict with nothing in it.
    db.session.execute(sa.update(User).where(User.id == user.id).values(last_signed_in_at=utcnow()))
    return user
