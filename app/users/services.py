import sqlalchemy as sa
from flask_babel import gettext

from app.auth.passwords import WeakPassword, check_new_password
from app.auth.sessions import end_sessions_of
from app.common.errors import DomainError
from app.extensions import db
from app.languages import LANGUAGES
from app.models import Role, SessionEnd, User
from app.users.details import UserDetails


def create_user(details: UserDetails, *, email: str, password: str) -> User:
    """Add someone who signs in with ``email`` and ``password``; the email is stored lower-cased and must be
    unused."""
    email = email.strip().lower()
    if "@" not in email:
        raise DomainError("email", gettext("Enter an email address in the correct format, like name@example.org"))
    if db.session.scalar(sa.select(User.id).where(User.email == email)):
        raise DomainError("email", f"A user with the email address {email} already exists")
    name = details.name.strip()
    refuse_weak_password(password, email=email, name=name)
    user = User(email=email, name=name, role=Role(details.role), is_active=details.is_active)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def update_user(user: User, details: UserDetails, *, changed_by: User | None = None) -> User:
    """Change someone's name, role or whether they can sign in.

    ``changed_by`` is the administrator making the change: they cannot lock themselves out by removing their
    own administrator role or deactivating their own account (another administrator has to do that).
    """
    name = (details.name or "").strip()
    if not name:
        raise DomainError("name", gettext("Enter the name"))
    role, is_active = Role(details.role), details.is_active
    if changed_by is not None and changed_by.id == user.id:
        if role is not Role.ADMIN and user.role is Role.ADMIN:
            raise DomainError(
                "role", gettext("You cannot remove your own administrator role – ask another administrator to do it")
            )
        if not is_active and user.is_active:
            raise DomainError(
                "is_active", gettext("You cannot deactivate your own account – ask another administrator to do it")
            )
    user.name = name
    user.role = role
    set_user_active(user, is_active)
    db.session.flush()
    return user


def set_user_active(user: User, is_active: bool) -> User:
    """Deactivate or reactivate a user: a deactivated user cannot sign in, and every session they have ends (so
    reactivating them later does not bring an old cookie back to life)."""
    if user.is_active and not is_active:
        end_sessions_of(user, SessionEnd.DEACTIVATED)
    user.is_active = bool(is_active)
    db.session.flush()
    return user


def change_password(user: User, password: str) -> int:
    """Give ``user`` a new password; every session they had ends. The number of sessions ended."""
    refuse_weak_password(password, email=user.email, name=user.name)
    user.set_password(password)
    ended = end_sessions_of(user, SessionEnd.PASSWORD_CHANGED)
    db.session.flush()
    return ended


def refuse_weak_password(password: str, *, email: str, name: str) -> None:
    try:
        check_new_password(password, email=email, name=name)
    except WeakPassword as weak:
        raise DomainError("password", str(weak)) from None


def choose_language(user: User, language: str | None) -> None:
    """The language ``user`` reads the pages in (a code of ``LANGUAGES``), or None for their browser's preference."""
    if language is not None and language not in LANGUAGES:
        raise DomainError("language", gettext("Select the language you want, or As my browser prefers"))
    user.language = language
    db.session.flush()
