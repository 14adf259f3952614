from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import Model
from app.models.base import Choice, choice_column, utcnow
from app.models.user import User


class AuditAction(Choice):
    CREATE = "create"
    UPDATE = "update"
    ARCHIVE = "archive"
    RESTORE = "restore"

    @property
    def label(self) -> str:
        return {"create": gettext("Created"), "update": gettext("Changed"), "archive": gettext("Archived"),
                "restore": gettext("Restored")}[self.value]


class AuditEntry(Model):
    """One saved change to one record: who, when, what, and each field before and after. Only ever added to."""

    __tablename__ = "audit_entries"
    __table_args__ = (
        sa.Index("ix_audit_entries_record", "record_type", "record_id", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, index=True)
    #: NULL for changes made outside a signed-in request (the demo loader, a command).
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="RESTRICT"), index=True)
    action: Mapped[AuditAction] = mapped_column(choice_column(AuditAction, "audit_action"))
    #: The table of the record: "meetings", "follow_up_actions", ...
    record_type: Mapped[str] = mapped_column(sa.String(60))
    record_id: Mapped[int] = mapped_column()
    #: How the record read after the change, for lists: "7th JSCC", "Trade".
    record_label: Mapped[str] = mapped_column(sa.String(300))
    #: {field: [before, after]} as JSON values.
    changes: Mapped[dict[str, list[Any]]] = mapped_column(sa.JSON, default=dict)
    #: Where the change came from when it was not a form of the record itself: "Import of the plan's structure".
    source: Mapped[str | None] = mapped_column(sa.String(200))

    user: Mapped[User | None] = relationship()
