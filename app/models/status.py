from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import Model
from app.models.base import Choice, Timestamped
from app.models.plan import ActionLine, CooperationArea
from app.models.user import User


class AreaStatus(Choice):
    """The traffic light desks give a cooperation area."""

    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    COMPLETED = "completed"


class ActionLineStatus(Choice):
    """ASEAN's own wording for an action line."""

    NOT_YET_ADDRESSED = "not_yet_addressed"
    BEING_ADDRESSED = "being_addressed"
    ADDRESSED = "addressed"
    DISCONTINUED = "discontinued"


def _in(values: type[Choice]) -> str:
    return ", ".join(f"'{m.value}'" for m in values)


class StatusUpdate(Timestamped, Model):
    """An entry in the append-only status history of an area or an action line.

    Rows are never edited: the current status is the latest update by ``as_of`` (then by id), and the
    status on any past date is the latest update on or before it.
    """

    __tablename__ = "status_updates"
    __table_args__ = (
        sa.CheckConstraint("(area_id IS NULL) <> (action_line_id IS NULL)", name="one_subject"),
        sa.CheckConstraint(
            f"(area_id IS NOT NULL AND status IN ({_in(AreaStatus)})) OR "
            f"(action_line_id IS NOT NULL AND status IN ({_in(ActionLineStatus)}))",
            name="status_fits_subject",
        ),
        sa.CheckConstraint("progress IS NULL OR (progress BETWEEN 0 AND 100)", name="progress_is_percentage"),
        # The status of a subject on a date is its first entry here, newest first, read from the index alone: the
        # portfolio looks it up for thousands of areas and action lines at once.
        sa.Index("ix_status_updates_area_as_of", "area_id", "as_of", "id", "status"),
        sa.Index("ix_status_updates_action_line_as_of", "action_line_id", "as_of", "id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    area_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("cooperation_areas.id", ondelete="RESTRICT"), index=True
    )
    action_line_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("action_lines.id", ondelete="RESTRICT"), index=True
    )
    #: An ``AreaStatus`` or ``ActionLineStatus`` value, depending on the subject.
    status: Mapped[str] = mapped_column(sa.String(40))
    progress: Mapped[int | None] = mapped_column()
    note: Mapped[str] = mapped_column(sa.Text)
    #: The date the status describes; may be earlier than ``created_at`` (a backdated update).
    as_of: Mapped[date] = mapped_column(sa.Date, index=True)
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="RESTRICT"), index=True)
    #: The note is seen by editors and admins only, and left out of reports unless asked.
    is_restricted: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    #: The earlier update this one corrects: history is never edited, a correction is a new entry.
    corrects_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("status_updates.id", ondelete="RESTRICT"), index=True
    )

    area: Mapped[CooperationArea | None] = relationship()
    action_line: Mapped[ActionLine | None] = relationship()
    author: Mapped[User] = relationship()
    corrects: Mapped[StatusUpdate | None] = relationship(remote_side=[id])

    @property
    def status_choice(self) -> AreaStatus | ActionLineStatus:
        return AreaStatus(self.status) if self.area_id else ActionLineStatus(self.status)
