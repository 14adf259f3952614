from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import Model
from app.models.base import choice_column, utcnow
from app.models.follow_up import FollowUpAction, FollowUpStatus
from app.models.user import User


class FollowUpStateEntry(Model):
    """One change of a follow-up's state: the status it moved to and the due date in force from ``effective_on``.

    Only ever added to, like status updates: the state on any date is the latest entry effective on or before it
    (then by id), so a report for a past window counts what held then. The follow-up's own ``status``, ``due_on``
    and ``completed_on`` repeat its latest entry, for the lists that sort and filter on them.
    """

    __tablename__ = "follow_up_state_entries"
    __table_args__ = (
        # The state of each follow-up on a date is its first entry here, newest first, read from the index alone
        # (one short seek per follow-up, whatever the length of its history).
        sa.Index("ix_follow_up_state_entries_follow_up_effective", "follow_up_id", "effective_on", "id", "status",
                 "due_on"),
        # The follow-ups whose state changed since a date (those a report's window deals with, and those that were
        # in another state on a past date than they are today).
        sa.Index("ix_follow_up_state_entries_effective_follow_up", "effective_on", "follow_up_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    follow_up_id: Mapped[int] = mapped_column(sa.ForeignKey("follow_up_actions.id", ondelete="RESTRICT"))
    status: Mapped[FollowUpStatus] = mapped_column(choice_column(FollowUpStatus, "follow_up_state_status"))
    #: The due date in force from ``effective_on``: whether a follow-up was overdue on a date depends on it.
    due_on: Mapped[date | None] = mapped_column(sa.Date)
    #: The day the change took effect; may be earlier than ``recorded_at`` (a completion recorded late).
    effective_on: Mapped[date] = mapped_column(sa.Date)
    #: When it was recorded, so that a report can later be reproduced from the data as it stood when it was issued:
    #: to the microsecond (SQLite's clock has whole seconds), like ``created_at`` on every record.
    recorded_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow,
                                                  server_default=sa.func.now())
    #: NULL when recorded outside a signed-in request (the demo loader, a command, the migration's backfill).
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="RESTRICT"), index=True)
    note: Mapped[str | None] = mapped_column(sa.Text)

    follow_up: Mapped[FollowUpAction] = relationship()
    recorded_by: Mapped[User | None] = relationship()
