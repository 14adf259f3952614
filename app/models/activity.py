"""What was done under a plan: a project, workshop, training course or other activity, and its dated state history.

Meetings and follow-ups are what was said and promised; activities are what was done, with their dates, who
implemented and who funded them. An activity serves one or several action lines of one plan of its partnership.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import Model, db
from app.models.base import Archivable, Choice, Timestamped, Versioned, choice_column, utcnow
from app.models.meeting import Meeting
from app.models.organisation import Organisation
from app.models.partnership import Partnership
from app.models.plan import ActionLine, Plan
from app.models.user import User


class ActivityKind(Choice):
    PROJECT = "project"
    WORKSHOP = "workshop"
    TRAINING_COURSE = "training_course"
    STUDY_VISIT = "study_visit"
    SCHOLARSHIP_PROGRAMME = "scholarship_programme"
    EXHIBITION = "exhibition"
    DIALOGUE = "dialogue"
    OTHER = "other"


class ActivityState(Choice):
    PLANNED = "planned"
    ONGOING = "ongoing"
    COMPLETED = "completed"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"


class FundingSource(Choice):
    PARTNER = "partner"
    COOPERATION_FUND = "cooperation_fund"
    OURS = "ours"
    THIRD_PARTY = "third_party"
    NOT_KNOWN = "not_known"

    @property
    def label(self) -> str:
        return str(FUNDING_LABELS[self])


FUNDING_LABELS = {
    FundingSource.PARTNER: _l("The partner's own budget"),
    FundingSource.COOPERATION_FUND: _l("A cooperation fund the partner contributes to"),
    FundingSource.OURS: _l("Our organisation's own budget (ASEAN's own)"),
    FundingSource.THIRD_PARTY: _l("A third party"),
    FundingSource.NOT_KNOWN: _l("Not known yet"),
}

#: Amounts are kept to the cent, and below this: what both databases hold exactly.
AMOUNT_LIMIT = Decimal("10000000000000")

def _links(name: str, column: str, target: str) -> sa.Table:
    """A table linking each activity (its rows go with it) to records of ``target``, which stay while linked."""
    return sa.Table(
        name,
        db.metadata,
        sa.Column("activity_id", sa.ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True),
        sa.Column(column, sa.ForeignKey(f"{target}.id", ondelete="RESTRICT"), primary_key=True, index=True),
    )


#: The action lines each activity serves, all of its plan (a rule of the schema, ``app.models.rules``).
activity_action_lines = _links("activity_action_lines", "action_line_id", "action_lines")
#: The organisations that carry out each activity with its implementing organisation.
activity_co_implementers = _links("activity_co_implementers", "organisation_id", "organisations")


class Activity(Archivable, Timestamped, Versioned, Model):
    """Something done under a plan, with its dates, state, funding and who implemented it."""

    __tablename__ = "activities"
    __table_args__ = (
        # The plan is one of the partnership's, and the meeting where it was agreed too.
        sa.ForeignKeyConstraint(["plan_id", "partnership_id"], ["plans.id", "plans.partnership_id"],
                                name="fk_activities_plan_of_partnership", ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["meeting_id", "partnership_id"], ["meetings.id", "meetings.partnership_id"],
                                name="fk_activities_meeting_of_partnership", ondelete="RESTRICT"),
        sa.CheckConstraint("planned_ends_on IS NULL OR (planned_starts_on IS NOT NULL "
                           "AND planned_ends_on >= planned_starts_on)", name="planned_end_after_start"),
        sa.CheckConstraint("actual_ends_on IS NULL OR (actual_starts_on IS NOT NULL "
                           "AND actual_ends_on >= actual_starts_on)", name="actual_end_after_start"),
        # An activity that has started is no longer only planned; one that has ended was completed or cancelled.
        sa.CheckConstraint("actual_starts_on IS NULL OR state <> 'planned'", name="started_is_not_planned"),
        sa.CheckConstraint("actual_ends_on IS NULL OR state IN ('completed', 'cancelled')",
                           name="ended_is_completed_or_cancelled"),
        sa.CheckConstraint("amount IS NULL OR amount >= 0", name="amount_not_negative"),
        sa.CheckConstraint("amount IS NULL OR currency IS NOT NULL", name="amount_has_currency"),
        sa.CheckConstraint("currency IS NULL OR (length(currency) = 3 AND upper(currency) = currency)",
                           name="currency_is_a_code"),
        sa.CheckConstraint("participants IS NULL OR participants >= 0", name="participants_not_negative"),
        # The list, newest first with undated activities last (``newest_first``), whole or for one partnership or
        # plan. Alembic cannot compare or reflect expression indexes: a batch rebuild of this table re-creates them.
        *(
            sa.Index(name, *leading, sa.text("(coalesce(actual_starts_on, planned_starts_on) IS NULL)"),
                     sa.text("coalesce(actual_starts_on, planned_starts_on) DESC"), sa.text("id DESC"),
                     sqlite_where=sa.text("archived_at IS NULL"), postgresql_where=sa.text("archived_at IS NULL"))
            for name, leading in (
                ("ix_activities_live_newest_first", ()),
                ("ix_activities_live_partnership_newest_first", ("partnership_id",)),
                ("ix_activities_live_plan_newest_first", ("plan_id",)),
            )
        ),
        # A partnership's page lists what happened lately: the activities that ended last and those that started
        # last, each read through its index (``app.partnerships.overview``), not every activity of the partnership.
        *(
            sa.Index(f"ix_activities_live_partnership_{column}", "partnership_id", column, "id",
                     sqlite_where=sa.text(f"archived_at IS NULL AND {column} IS NOT NULL"),
                     postgresql_where=sa.text(f"archived_at IS NULL AND {column} IS NOT NULL"))
            for column in ("actual_starts_on", "actual_ends_on")
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(sa.ForeignKey("partnerships.id", ondelete="RESTRICT"), index=True)
    #: The plan whose action lines it serves: every line of an activity is of this plan (a rule of the schema).
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("plans.id", ondelete="RESTRICT"), index=True)
    #: The meeting where it was agreed, if any.
    meeting_id: Mapped[int | None] = mapped_column(sa.ForeignKey("meetings.id", ondelete="RESTRICT"), index=True)
    kind: Mapped[ActivityKind] = mapped_column(choice_column(ActivityKind, "activity_kind"))
    title: Mapped[str] = mapped_column(sa.String(300))
    planned_starts_on: Mapped[date | None] = mapped_column(sa.Date)
    planned_ends_on: Mapped[date | None] = mapped_column(sa.Date)
    actual_starts_on: Mapped[date | None] = mapped_column(sa.Date)
    actual_ends_on: Mapped[date | None] = mapped_column(sa.Date)
    #: The state now: it repeats the latest entry of its state history, for the lists that filter on it.
    state: Mapped[ActivityState] = mapped_column(choice_column(ActivityState, "activity_state"))
    funding_source: Mapped[FundingSource] = mapped_column(choice_column(FundingSource, "funding_source"))
    #: The fund or funder by name: "ASEAN-Pakistan Cooperation Fund", "Government of Pakistan".
    funded_by: Mapped[str | None] = mapped_column(sa.String(200))
    amount: Mapped[Decimal | None] = mapped_column(sa.Numeric(15, 2))
    #: ISO 4217 code of the amount's currency: "USD", "PKR".
    currency: Mapped[str | None] = mapped_column(sa.String(3))
    implementing_organisation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="RESTRICT"), index=True)
    #: How many took part (trainees, scholars, delegates), when counted.
    participants: Mapped[int | None] = mapped_column()
    notes: Mapped[str | None] = mapped_column(sa.Text)
    #: The notes are seen by editors and admins only, and left out of reports unless asked.
    is_restricted: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    partnership: Mapped[Partnership] = relationship()
    plan: Mapped[Plan] = relationship(foreign_keys=[plan_id])
    meeting: Mapped[Meeting | None] = relationship(foreign_keys=[meeting_id])
    implementing_organisation: Mapped[Organisation | None] = relationship(
        foreign_keys=[implementing_organisation_id])
    action_lines: Mapped[list[ActionLine]] = relationship(
        secondary=activity_action_lines, order_by="(ActionLine.area_id, ActionLine.position, ActionLine.code)")
    co_implementers: Mapped[list[Organisation]] = relationship(
        secondary=activity_co_implementers, order_by="Organisation.name")

    @classmethod
    def starts(cls) -> sa.ColumnElement[date | None]:
        """The day it began or is planned to begin: the actual start, else the planned one."""
        return sa.func.coalesce(cls.actual_starts_on, cls.planned_starts_on)

    @classmethod
    def newest_first(cls) -> tuple[sa.ColumnElement[bool], sa.UnaryExpression[date | None],
                                   sa.UnaryExpression[int]]:
        """Latest start first, then latest logged; activities with no date at all last (the indexes' order)."""
        return cls.starts().is_(None), cls.starts().desc(), cls.id.desc()

    @property
    def starts_on(self) -> date | None:
        return self.actual_starts_on or self.planned_starts_on

    @property
    def ends_on(self) -> date | None:
        return self.actual_ends_on or self.planned_ends_on

    def __str__(self) -> str:
        return self.title


class ActivityStateEntry(Model):
    """One change of an activity's state, from the day it took effect: only ever added to, like status updates.

    The state on any date is the latest entry effective on or before it (then by id); the activity's own ``state``
    repeats the latest.
    """

    __tablename__ = "activity_state_entries"
    __table_args__ = (
        # The state of each activity on a date: its first entry here, newest first, read from the index alone.
        sa.Index("ix_activity_state_entries_activity_effective", "activity_id", "effective_on", "id", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(sa.ForeignKey("activities.id", ondelete="RESTRICT"))
    state: Mapped[ActivityState] = mapped_column(choice_column(ActivityState, "activity_state_entry_state"))
    #: The day the change took effect; may be earlier than ``recorded_at`` (a completion recorded late).
    effective_on: Mapped[date] = mapped_column(sa.Date)
    recorded_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow,
                                                  server_default=sa.func.now())
    #: NULL when recorded outside a signed-in request (the demo loader, a command).
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="RESTRICT"), index=True)
    #: Restricted with the activity's notes.
    note: Mapped[str | None] = mapped_column(sa.Text)

    activity: Mapped[Activity] = relationship()
    recorded_by: Mapped[User | None] = relationship()
