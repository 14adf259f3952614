import sqlalchemy as sa

from app.extensions import db
from app.models import User, utcnow


def authenticate(email: str, password: str) -> User | None:
    """The active user with this email and password, or None; records the sign-in time."""
    user = db.session.scalar(sa.select(User).where(User.email == email.strip().lower()))
    if user is None or not user.is_active or not user.check_password(password):
        return None
    user.last_signed_in_at = utcnow()
    return user
