from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask_babel import gettext
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import Model
from app.models.base import Archivable, Choice, Timestamped, Versioned, choice_column
from app.models.meeting import Meeting
from app.models.partnership import Partnership
from app.models.person import Person
from app.models.plan import CooperationArea
from app.models.user import User


class FollowUpStatus(Choice):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    AWAITING_PARTNER = "awaiting_partner"
    DONE = "done"
    CANCELLED = "cancelled"

    @property
    def is_closed(self) -> bool:
        return self in (FollowUpStatus.DONE, FollowUpStatus.CANCELLED)


OPEN_STATUSES = (FollowUpStatus.OPEN, FollowUpStatus.IN_PROGRESS, FollowUpStatus.AWAITING_PARTNER)
_OPEN_SQL = ", ".join(f"'{status.value}'" for status in OPEN_STATUSES)


#: The areas of later plans an open follow-up was carried into at a rollover, beside its own area: it stays one
#: follow-up, counted where it always was by its own plan's figures, and shown on the areas it was carried into.
follow_up_carried_areas = sa.Table(
    "follow_up_carried_areas",
    Model.metadata,
    sa.Column("follow_up_id", sa.ForeignKey("follow_up_actions.id", ondelete="RESTRICT"), primary_key=True),
    sa.Column("area_id", sa.ForeignKey("cooperation_areas.id", ondelete="RESTRICT"), primary_key=True, index=True),
)


class FollowUpAction(Archivable, Timestamped, Versioned, Model):
    """Something owed after a meeting (or on its own): who does what by when."""

    __tablename__ = "follow_up_actions"
    __table_args__ = (
        sa.CheckConstraint(
            "owner_user_id IS NOT NULL OR partner_person_id IS NOT NULL OR partner_office IS NOT NULL",
            name="has_owner",
        ),
        sa.CheckConstraint("(status = 'done') = (completed_on IS NOT NULL)", name="completed_when_done"),
        # A follow-up of a meeting is of the meeting's partnership.
        sa.ForeignKeyConstraint(["meeting_id", "partnership_id"], ["meetings.id", "meetings.partnership_id"],
                                name="fk_follow_up_actions_meeting_of_partnership", ondelete="RESTRICT"),
        sa.Index("ix_follow_up_actions_partnership_status_due", "partnership_id", "status", "due_on"),
        sa.Index("ix_follow_up_actions_owner_status_due", "owner_user_id", "status", "due_on"),
        # The follow-ups whose state changed since a day: of every partnership (the portfolio), of one (its period
        # report), of some areas (each area's follow-ups in a period report; it also serves every look-up by area).
        sa.Index("ix_follow_up_actions_state_changed", "state_changed_on"),
        # The last two hold what a report reads of each, so that it is read from the index alone.
        sa.Index("ix_follow_up_actions_partnership_state_changed", "partnership_id", "state_changed_on", "archived_at",
                 "status", "opened_on", "due_on", "completed_on", "area_id", "id"),
        sa.Index("ix_follow_up_actions_area_state_changed", "area_id", "state_changed_on", "archived_at", "status",
                 "partnership_id", "opened_on", "due_on", "completed_on", "id"),
        # The lists of what is still to do, earliest due first and undated last, page after page. Alembic cannot
        # compare or reflect expression indexes: a migration that rebuilds this table in batch mode re-creates them.
        sa.Index(
            "ix_follow_up_actions_to_do_by_due", sa.text("(due_on IS NULL)"), "due_on", "id",
            sqlite_where=sa.text(f"archived_at IS NULL AND status IN ({_OPEN_SQL})"),
            postgresql_where=sa.text(f"archived_at IS NULL AND status IN ({_OPEN_SQL})"),
        ),
        # A partnership's, with what a report reads of each (see ``app.reports.follow_up_data``).
        sa.Index(
            "ix_follow_up_actions_partnership_to_do_by_due", "partnership_id", sa.text("(due_on IS NULL)"), "due_on",
            "id", "state_changed_on", "opened_on", "area_id", "status", "archived_at",
            sqlite_where=sa.text(f"archived_at IS NULL AND status IN ({_OPEN_SQL})"),
            postgresql_where=sa.text(f"archived_at IS NULL AND status IN ({_OPEN_SQL})"),
        ),
        # One officer's (the home page's "my follow-ups"): without it the planner walks every follow-up still to do
        # in due order for the officer's first ten.
        sa.Index(
            "ix_follow_up_actions_owner_to_do_by_due", "owner_user_id", sa.text("(due_on IS NULL)"), "due_on",
            "id", sqlite_where=sa.text(f"archived_at IS NULL AND status IN ({_OPEN_SQL})"),
            postgresql_where=sa.text(f"archived_at IS NULL AND status IN ({_OPEN_SQL})"),
        ),
        # The list by last chase: owed by the partner first, never chased first, then the oldest chase, then in due
        # order (see ``app.follow_ups.pages.LAST_CHASE_ORDER``).
        sa.Index(
            "ix_follow_up_actions_to_do_by_last_chase", sa.text("(owner_user_id IS NOT NULL)"),
            sa.text("(last_chased_on IS NOT NULL)"), "last_chased_on", sa.text("(due_on IS NULL)"), "due_on", "id",
            sqlite_where=sa.text(f"archived_at IS NULL AND status IN ({_OPEN_SQL})"),
            postgresql_where=sa.text(f"archived_at IS NULL AND status IN ({_OPEN_SQL})"),
        ),
        sa.Index(
            "ix_follow_up_actions_live_by_due", sa.text("(due_on IS NULL)"), "due_on", "id",
            sqlite_where=sa.text("archived_at IS NULL"), postgresql_where=sa.text("archived_at IS NULL"),
        ),
        # A partnership's done, the latest first (its page's recent activity): without it every one it ever had done
        # is read and sorted for ten.
        sa.Index(
            "ix_follow_up_actions_partnership_done_by_completion", "partnership_id", "completed_on", "id",
            sqlite_where=sa.text("archived_at IS NULL AND status = 'done'"),
            postgresql_where=sa.text("archived_at IS NULL AND status = 'done'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(
        sa.ForeignKey("partnerships.id", ondelete="RESTRICT"), index=True
    )
    meeting_id: Mapped[int | None] = mapped_column(sa.ForeignKey("meetings.id", ondelete="RESTRICT"), index=True)
    area_id: Mapped[int | None] = mapped_column(sa.ForeignKey("cooperation_areas.id", ondelete="RESTRICT"))
    title: Mapped[str] = mapped_column(sa.String(300))
    description: Mapped[str | None] = mapped_column(sa.Text)
    #: Owner on our side ...
    owner_user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="RESTRICT"))
    #: ... or on the partner side: a person, or an office named in words.
    partner_person_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("people.id", ondelete="RESTRICT"), index=True
    )
    partner_office: Mapped[str | None] = mapped_column(sa.String(200))
    #: When the action was agreed: the meeting's date, or the day it was recorded. Reports count from it.
    opened_on: Mapped[date] = mapped_column(sa.Date, default=date.today)
    due_on: Mapped[date | None] = mapped_column(sa.Date, index=True)
    status: Mapped[FollowUpStatus] = mapped_column(
        choice_column(FollowUpStatus, "follow_up_status"), default=FollowUpStatus.OPEN
    )
    completed_on: Mapped[date | None] = mapped_column(sa.Date)
    #: The day its current state took effect: the latest ``effective_on`` in its state history, kept with it (see
    #: ``app.follow_ups.history.record_state``) so that a report finds the follow-ups whose state changed since a
    #: day in one range of the index below, and takes the state then of all the others from these columns.
    state_changed_on: Mapped[date] = mapped_column(sa.Date)
    #: The day of its latest chase of the partner (None: never chased): the latest ``chased_on`` of its chases, kept
    #: with it by ``app.follow_ups.chases.record_chase`` so that the list sorts by it without reading the chases.
    last_chased_on: Mapped[date | None] = mapped_column(sa.Date)
    #: Seen by editors and admins only, and left out of reports unless asked.
    is_restricted: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    partnership: Mapped[Partnership] = relationship()
    meeting: Mapped[Meeting | None] = relationship(foreign_keys=[meeting_id])
    area: Mapped[CooperationArea | None] = relationship()
    carried_areas: Mapped[list[CooperationArea]] = relationship(secondary=follow_up_carried_areas,
                                                                order_by="CooperationArea.code")
    owner_user: Mapped[User | None] = relationship()
    partner_person: Mapped[Person | None] = relationship()

    @property
    def owner_name(self) -> str:
        return owner_name(self.owner_user.name if self.owner_user else None,
                          self.partner_person.display_name if self.partner_person else None, self.partner_office)

    def __str__(self) -> str:
        return self.title

    @classmethod
    def still_to_do(cls) -> sa.ColumnElement[bool]:
        """Open, in progress or awaiting the partner, and not archived.

        The statuses are written into the SQL, not sent as parameters, so that the database sees the condition
        of the partial index above and walks it instead of the whole table.
        """
        statuses: sa.BindParameter[list[str]] = sa.bindparam(
            "open_statuses", [s.value for s in OPEN_STATUSES], expanding=True, literal_execute=True)
        return sa.and_(cls.archived_at.is_(None), cls.status.in_(statuses))

    def is_overdue(self, today: date) -> bool:
        return self.due_on is not None and self.due_on < today and not self.status.is_closed


def owner_name(user_name: str | None, partner_name: str | None, partner_office: str | None) -> str:
    """Who owns a follow-up: an officer on our side, else a person or an office on the partner side.

    Apart from the model, for reports that read plain columns.
    """
    if user_name:
        return user_name
    return gettext("%(name)s (partner)", name=partner_name or partner_office)
