from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import Model
from app.models.base import Choice, Timestamped, choice_column
from app.models.follow_up import FollowUpAction
from app.models.user import User


class ChaseChannel(Choice):
    NOTE_VERBALE = "note_verbale"
    EMAIL = "email"
    CALL = "call"
    MEETING = "meeting"


class FollowUpChase(Timestamped, Model):
    """One reminder sent to the partner about a follow-up they owe: when, and by what channel.

    Only ever added to, like the state history: a chase made is a fact of the record. The follow-up keeps the date of
    its latest chase (``FollowUpAction.last_chased_on``) for the lists that sort by it.
    """

    __tablename__ = "follow_up_chases"
    __table_args__ = (
        # A follow-up's chases newest first, and its latest one, read from the index alone.
        sa.Index("ix_follow_up_chases_follow_up_chased", "follow_up_id", "chased_on", "id", "channel"),
        # A report's chases of the window found by their dates, then each follow-up by its key: found through the
        # partnership, every follow-up it ever had was read for the few chased in the window.
        sa.Index("ix_follow_up_chases_chased", "chased_on", "follow_up_id", "id", "channel"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    follow_up_id: Mapped[int] = mapped_column(sa.ForeignKey("follow_up_actions.id", ondelete="RESTRICT"))
    chased_on: Mapped[date] = mapped_column(sa.Date)
    channel: Mapped[ChaseChannel] = mapped_column(choice_column(ChaseChannel, "chase_channel"))
    #: Seen by editors and admins only while the follow-up is restricted, like its other notes.
    note: Mapped[str | None] = mapped_column(sa.Text)
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="RESTRICT"), index=True)

    follow_up: Mapped[FollowUpAction] = relationship()
    recorded_by: Mapped[User | None] = relationship()

    @property
    def is_restricted(self) -> bool:
        """As restricted as its follow-up: its note can say as much as the follow-up's own."""
        return self.follow_up.is_restricted
