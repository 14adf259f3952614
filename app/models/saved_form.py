"""Forms already saved, by the one-time token each form page carries, so a second post of it saves nothing."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import Model
from app.models.base import utcnow


class SavedForm(Model):
    """One row per form saved with a token, written in the transaction that saved it.

    The token is the primary key: of two posts of the same form at the same moment, the second to write its row is
    refused by the database, however the two requests interleave, and is answered as a repeat.
    """

    __tablename__ = "saved_forms"
    __table_args__ = (sa.Index("ix_saved_forms_user_id_saved_at", "user_id", "saved_at"),)

    #: The random token of the form page (``secrets.token_urlsafe``), unguessable and never reused.
    token: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    saved_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    #: Where what the form saved can be seen: the page a repeat of the form is sent to.
    shows: Mapped[str] = mapped_column(sa.String(500))
