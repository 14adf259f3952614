from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import gettext
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import Model
from app.models.base import Archivable, Choice, Timestamped, Versioned, choice_column
from app.models.user import User

#: The longest name a person gives a token.
TOKEN_NAME_MAX = 100


class TokenScope(Choice):
    """What a program holding the token may do, within what its user's role allows."""

    READ = "read"
    READ_WRITE = "read_write"

    @property
    def label(self) -> str:
        return {"read": gettext("Read only"), "read_write": gettext("Read and write")}[self.value]


class ApiToken(Archivable, Timestamped, Versioned, Model):
    """A personal access token a program uses to call the API as its user, until it is revoked (archived) or expires.

    Like a calendar feed address, only the token's SHA-256 is stored and the token itself is shown once, when it is
    made. ``last_used_at`` is bookkeeping written by the API, at most once a minute, outside the audit log.
    """

    __tablename__ = "api_tokens"
    __table_args__ = (
        sa.CheckConstraint("trim(name) <> ''", name="name_given"),
        sa.CheckConstraint("length(token_hash) = 64", name="token_hash_is_sha256"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="RESTRICT"), index=True)
    #: What the user calls it, e.g. "Ministry portal".
    name: Mapped[str] = mapped_column(sa.String(TOKEN_NAME_MAX))
    scope: Mapped[TokenScope] = mapped_column(choice_column(TokenScope, "token_scope"))
    #: SHA-256 of the token, as hex.
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    #: The last day the token works; None: until revoked.
    expires_on: Mapped[date | None] = mapped_column(sa.Date)
    last_used_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))

    user: Mapped[User] = relationship()


# A user tells their tokens apart by name: no two in use share one, whatever the case (see app/models/unique_names.py).
sa.Index("uq_api_tokens_live_user_id_lower_name", ApiToken.__table__.c.user_id,
         sa.func.lower(ApiToken.__table__.c.name), unique=True,
         sqlite_where=sa.text("archived_at IS NULL"), postgresql_where=sa.text("archived_at IS NULL"))
