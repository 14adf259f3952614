from datetime import datetime

import sqlalchemy as sa
from flask import current_app, has_app_context
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from app.extensions import Model
from app.languages import LANGUAGES
from app.models.base import Choice, Timestamped, Versioned, choice_column


class Role(Choice):
    VIEWER = "viewer"
    EDITOR = "editor"
    ADMIN = "admin"


ROLE_RANK = {Role.VIEWER: 0, Role.EDITOR: 1, Role.ADMIN: 2}


class User(UserMixin, Timestamped, Versioned, Model):
    __tablename__ = "users"
    __table_args__ = (
        sa.CheckConstraint(f"language IN ({', '.join(repr(code) for code in LANGUAGES)})", name="known_language"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stored lower-cased, so sign-in is case-insensitive and one address cannot be registered twice.
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    password_hash: Mapped[str] = mapped_column(sa.String(256))
    role: Mapped[Role] = mapped_column(choice_column(Role, "role"), default=Role.VIEWER)
    is_active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    last_signed_in_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    #: The interface's language (a code of ``LANGUAGES``); NULL: the one the browser prefers.
    language: Mapped[str | None] = mapped_column(sa.String(8))

    def set_password(self, password: str) -> None:
        method = current_app.config["PASSWORD_HASH_METHOD"] if has_app_context() else "scrypt"
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def can(self, role: Role) -> bool:
        """True when this user's role is at least ``role`` (admin > editor > viewer)."""
        return ROLE_RANK[self.role] >= ROLE_RANK[role]

    def __repr__(self) -> str:
        return f"<User {self.email}>"


class SessionEnd(Choice):
    SIGNED_OUT = "signed_out"
    PASSWORD_CHANGED = "password_changed"
    DEACTIVATED = "deactivated"
    SIGNED_OUT_EVERYWHERE = "signed_out_everywhere"


class UserSession(Model):
    """One sign-in, from the moment the password was accepted until it was ended.

    The browser's cookie carries a random token; only its SHA-256 is stored here, so a copy of the database signs no
    one in. A cookie is honoured only while its row is not ended (see app/auth/sessions.py): signing out, a new
    password, deactivation and "sign out everywhere" end rows, and every server sees that at once.
    """

    __tablename__ = "user_sessions"
    __table_args__ = (
        # An ended session says why; a running one has no reason.
        sa.CheckConstraint("(ended_at IS NULL) = (ended_because IS NULL)", name="ended_with_reason"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="RESTRICT"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    started_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))
    ended_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    ended_because: Mapped[SessionEnd | None] = mapped_column(choice_column(SessionEnd, "session_end"))
