from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import Model
from app.models.base import Choice, choice_column, utcnow
from app.models.meeting import Meeting
from app.models.user import User


class MeetingText(Choice):
    """The texts of a meeting whose every version is kept: named as the meeting's columns are."""

    SUMMARY = "summary"
    ASKS = "asks"
    COMMITMENTS = "commitments"


class MeetingTextRevision(Model):
    """One version of a meeting's summary, asks or commitments, as it was set: the first when the meeting was logged,
    then one each time the text changed. Only ever added to, like the audit log."""

    __tablename__ = "meeting_text_revisions"
    __table_args__ = (
        # A text's versions in order, for the meeting's history page.
        sa.Index("ix_meeting_text_revisions_meeting_field", "meeting_id", "field", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="RESTRICT"))
    field: Mapped[MeetingText] = mapped_column(choice_column(MeetingText, "meeting_text_field"))
    #: The text as set; NULL when it was cleared.
    text: Mapped[str | None] = mapped_column(sa.Text)
    #: Whether the meeting's notes were restricted when this version was written: a viewer never reads a version
    #: written while they were, even once the restriction is lifted.
    is_restricted: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    revised_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow,
                                                 server_default=sa.func.now())
    #: NULL when written outside a signed-in request (the demo loader, a command, the migration's first versions).
    revised_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="RESTRICT"), index=True)

    meeting: Mapped[Meeting] = relationship()
    revised_by: Mapped[User | None] = relationship()
