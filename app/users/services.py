import sqlalchemy as sa

from app.common.errors import DomainError
from app.extensions import db
from app.models import Role, User

MIN_PASSWORD_LENGTH = 10


def create_user(*, email: str, name: str, role: str, password: str) -> User:
    """Add someone who can sign in; the email is stored lower-cased and must be unused."""
    email = email.strip().lower()
    if "@" not in email:
        raise DomainError("email", "Enter an email address in the correct format, like name@example.org")
    if db.session.scalar(sa.select(User.id).where(User.email == email)):
        raise DomainError("email", f"A user with the email address {email} already exists")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DomainError("password", f"Password must be {MIN_PASSWORD_LENGTH} characters or more")
    user = User(email=email, name=name.strip(), role=Role(role), is_active=True)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user
