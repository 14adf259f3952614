from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import Model
from app.models.base import Archivable, Timestamped, Versioned
from app.models.user import User


class CalendarFeed(Archivable, Timestamped, Versioned, Model):
    """The secret address a user's calendar app reads their feeds from, until they revoke it (archived).

    The address carries a random token; only its SHA-256 is stored, so a copy of the database gives no feed away,
    and the address is shown once, when it is made.
    """

    __tablename__ = "calendar_feeds"
    __table_args__ = (
        # One address in use per user: making a new one means revoking the old one first.
        sa.Index("uq_calendar_feeds_live_user_id", "user_id", unique=True,
                 sqlite_where=sa.text("archived_at IS NULL"), postgresql_where=sa.text("archived_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="RESTRICT"), index=True)
    #: SHA-256 of the token in the address, as hex.
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)

    user: Mapped[User] = relationship()
