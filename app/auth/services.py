import sqlalchemy as sa

from app.extensions import db
from app.models import User, utcnow


def authenticate(email: str, password: str) -> User | None:
    """The active user with this email and password, or None; records the sign-in time."""
    user = db.session.scalar(sa.select(User).where(User.email == email.strip().lower()))
    if user is None or not user.is_active or not user.check_password(password):
        return None
    # A sign-in is not a change to the record: stamped without counting a new version, so an administrator
    # changing this user at the same time is not shown a conflict with nothing in it.
    db.session.execute(sa.update(User).where(User.id == user.id).values(last_signed_in_at=utcnow()))
    return user
