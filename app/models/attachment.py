"""A file kept with a record: a note verbale, a statement, minutes, a letter or a photo.

The file's bytes live in the database with it, so a backup holds them and a restore brings them back. Each
attachment belongs to exactly one meeting, status update, follow-up action or activity: one foreign key per kind
of record, exactly one of them set (a CHECK), so the schema itself ties every file to a record that exists.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import Model
from app.models.activity import Activity
from app.models.base import Archivable, utcnow
from app.models.follow_up import FollowUpAction
from app.models.meeting import Meeting
from app.models.status import StatusUpdate
from app.models.user import User

#: The column naming each kind of record an attachment may belong to.
RECORD_COLUMNS = ("meeting_id", "status_update_id", "follow_up_id", "activity_id")
Record = Meeting | StatusUpdate | FollowUpAction | Activity


def _exactly_one_record() -> str:
    return " + ".join(f"(CASE WHEN {column} IS NULL THEN 0 ELSE 1 END)" for column in RECORD_COLUMNS) + " = 1"


class Attachment(Archivable, Model):
    """A file uploaded to a record; archived, never deleted."""

    __tablename__ = "attachments"
    __table_args__ = (
        sa.CheckConstraint(_exactly_one_record(), name="one_record"),
        sa.CheckConstraint("size > 0", name="size_positive"),
        sa.CheckConstraint("trim(file_name) <> ''", name="file_name_given"),
        sa.CheckConstraint("length(sha256) = 64", name="sha256_is_hex_digest"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int | None] = mapped_column(sa.ForeignKey("meetings.id", ondelete="RESTRICT"), index=True)
    status_update_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("status_updates.id", ondelete="RESTRICT"), index=True)
    follow_up_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("follow_up_actions.id", ondelete="RESTRICT"), index=True)
    activity_id: Mapped[int | None] = mapped_column(sa.ForeignKey("activities.id", ondelete="RESTRICT"), index=True)
    #: The name the file was uploaded with, cleaned of path parts and control characters.
    file_name: Mapped[str] = mapped_column(sa.String(255))
    #: The media type read from the file's own bytes, never from its name or the browser's word for it.
    media_type: Mapped[str] = mapped_column(sa.String(100))
    #: Bytes.
    size: Mapped[int] = mapped_column()
    #: Hex SHA-256 of the bytes: the download's ETag, and proof a restored file is the one uploaded.
    sha256: Mapped[str] = mapped_column(sa.String(64))
    #: Loaded only when the file is downloaded: lists and pages read the other columns.
    content: Mapped[bytes] = mapped_column(sa.LargeBinary, deferred=True)
    description: Mapped[str | None] = mapped_column(sa.String(500))
    uploaded_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="RESTRICT"), index=True)
    uploaded_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    meeting: Mapped[Meeting | None] = relationship()
    status_update: Mapped[StatusUpdate | None] = relationship()
    follow_up: Mapped[FollowUpAction | None] = relationship()
    activity: Mapped[Activity | None] = relationship()
    uploaded_by: Mapped[User] = relationship()

    @property
    def record(self) -> Record:
        found = self.meeting or self.status_update or self.follow_up or self.activity
        assert found is not None  # the CHECK one_record holds exactly one
        return found

    @property
    def is_restricted(self) -> bool:
        """An attachment is as restricted as its record's notes: it follows the record, so it is never stale."""
        return bool(self.record.is_restricted)

    def __str__(self) -> str:
        return self.file_name
