from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import Model
from app.models.base import Archivable, Choice, Timestamped, Versioned, choice_column
from app.models.partnership import Partnership


class PlanKind(Choice):
    PLAN_OF_ACTION = "plan_of_action"
    PRACTICAL_COOPERATION_AREAS = "practical_cooperation_areas"
    OTHER = "other"


class PlanState(Choice):
    DRAFT = "draft"
    ADOPTED = "adopted"
    IN_FORCE = "in_force"
    EXTENDED = "extended"
    EXPIRED = "expired"
    SUPERSEDED = "superseded"


#: States in which a plan governs the partnership's work; two such plans may not overlap.
IN_FORCE_STATES = (PlanState.IN_FORCE, PlanState.EXTENDED)


class Plan(Archivable, Timestamped, Versioned, Model):
    """A partnership's plan for a period: "Practical Cooperation Areas (2024-2028)"."""

    __tablename__ = "plans"
    __table_args__ = (
        sa.UniqueConstraint("partnership_id", "label"),
        sa.CheckConstraint("ends_on >= starts_on", name="ends_after_start"),
        # What an activity's composite foreign key points at: its plan, of its partnership. An index, not a
        # constraint, so SQLite takes it without rebuilding the table.
        sa.Index("uq_plans_id_partnership_id", "id", "partnership_id", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(
        sa.ForeignKey("partnerships.id", ondelete="RESTRICT"), index=True
    )
    kind: Mapped[PlanKind] = mapped_column(choice_column(PlanKind, "plan_kind"))
    title: Mapped[str] = mapped_column(sa.String(300))
    #: Short name unique within the partnership, used in URLs and commands: "2024-2028".
    label: Mapped[str] = mapped_column(sa.String(40))
    starts_on: Mapped[date] = mapped_column(sa.Date, index=True)
    #: The end in force now; extensions move it and keep the earlier end in ``PlanExtension``.
    ends_on: Mapped[date] = mapped_column(sa.Date, index=True)
    adopted_on: Mapped[date | None] = mapped_column(sa.Date)
    state: Mapped[PlanState] = mapped_column(choice_column(PlanState, "plan_state"), default=PlanState.DRAFT)
    #: The plan this one replaces; at most one successor per plan.
    supersedes_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("plans.id", ondelete="RESTRICT"), unique=True
    )

    partnership: Mapped[Partnership] = relationship()
    supersedes: Mapped[Plan | None] = relationship(remote_side=[id], back_populates="superseded_by")
    superseded_by: Mapped[Plan | None] = relationship(back_populates="supersedes")
    extensions: Mapped[list[PlanExtension]] = relationship(
        back_populates="plan", order_by="PlanExtension.decided_on"
    )
    pillars: Mapped[list[Pillar]] = relationship(back_populates="plan", order_by="(Pillar.position, Pillar.id)")
    areas: Mapped[list[CooperationArea]] = relationship(
        back_populates="plan", order_by="(CooperationArea.position, CooperationArea.code)"
    )

    @property
    def is_in_force(self) -> bool:
        return self.state in IN_FORCE_STATES

    def covers(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on

    def __str__(self) -> str:
        return self.title


class PlanExtension(Timestamped, Model):
    """A decision to move a plan's end date: "extended to 2023 by the 7th JSCC"."""

    __tablename__ = "plan_extensions"
    __table_args__ = (sa.CheckConstraint("new_ends_on > previous_ends_on", name="moves_end_later"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    previous_ends_on: Mapped[date] = mapped_column(sa.Date)
    new_ends_on: Mapped[date] = mapped_column(sa.Date)
    decided_on: Mapped[date] = mapped_column(sa.Date)
    decision: Mapped[str] = mapped_column(sa.Text)

    plan: Mapped[Plan] = relationship(back_populates="extensions")


class Pillar(Timestamped, Versioned, Model):
    """A plan's top-level section: Political-Security, Economic, Socio-Cultural, Connectivity."""

    __tablename__ = "pillars"
    __table_args__ = (sa.UniqueConstraint("plan_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    #: Order in the plan document.
    position: Mapped[int] = mapped_column(default=0)
    #: The pillar of the superseded plan this one was carried from at a rollover (a rule of the schema:
    #: ``app.models.carry_rules``).
    carried_from_id: Mapped[int | None] = mapped_column(sa.ForeignKey("pillars.id", ondelete="RESTRICT"), index=True)

    plan: Mapped[Plan] = relationship(back_populates="pillars")
    carried_from: Mapped[Pillar | None] = relationship(remote_side=[id])
    areas: Mapped[list[CooperationArea]] = relationship(
        back_populates="pillar", order_by="(CooperationArea.position, CooperationArea.code)"
    )

    def __str__(self) -> str:
        return self.name


class CooperationArea(Archivable, Timestamped, Versioned, Model):
    """One cooperation area of a plan (trade, education, ...), under a pillar."""

    __tablename__ = "cooperation_areas"
    __table_args__ = (
        sa.UniqueConstraint("plan_id", "code"),
        # What a report remark's composite foreign key points at: its area, of its plan (an index, as for plans).
        sa.Index("uq_cooperation_areas_id_plan_id", "id", "plan_id", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("plans.id", ondelete="RESTRICT"), index=True)
    pillar_id: Mapped[int] = mapped_column(sa.ForeignKey("pillars.id", ondelete="RESTRICT"), index=True)
    #: Numbering from the plan document: "2.3".
    code: Mapped[str] = mapped_column(sa.String(20))
    name: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str | None] = mapped_column(sa.Text)
    #: The person or office answerable for the area: "ASEC Trade Facilitation Division".
    focal_point: Mapped[str | None] = mapped_column(sa.String(200))
    position: Mapped[int] = mapped_column(default=0)
    #: The area of the superseded plan this one was carried from at a rollover.
    carried_from_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("cooperation_areas.id", ondelete="RESTRICT"), index=True
    )

    plan: Mapped[Plan] = relationship(back_populates="areas")
    carried_from: Mapped[CooperationArea | None] = relationship(remote_side=[id], back_populates="carried_into")
    carried_into: Mapped[list[CooperationArea]] = relationship(back_populates="carried_from")
    pillar: Mapped[Pillar] = relationship(back_populates="areas")
    action_lines: Mapped[list[ActionLine]] = relationship(
        back_populates="area", order_by="(ActionLine.position, ActionLine.code)"
    )

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ActionLine(Archivable, Timestamped, Versioned, Model):
    """A numbered commitment under an area: "2.3.1 Customs cooperation ..."."""

    __tablename__ = "action_lines"
    __table_args__ = (sa.UniqueConstraint("area_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    area_id: Mapped[int] = mapped_column(sa.ForeignKey("cooperation_areas.id", ondelete="RESTRICT"), index=True)
    code: Mapped[str] = mapped_column(sa.String(20))
    text: Mapped[str] = mapped_column(sa.Text)
    position: Mapped[int] = mapped_column(default=0)
    #: The action line of the superseded plan this one was carried from at a rollover.
    carried_from_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("action_lines.id", ondelete="RESTRICT"), index=True
    )

    area: Mapped[CooperationArea] = relationship(back_populates="action_lines")
    carried_from: Mapped[ActionLine | None] = relationship(remote_side=[id], back_populates="carried_into")
    carried_into: Mapped[list[ActionLine]] = relationship(back_populates="carried_from")

    def __str__(self) -> str:
        return f"{self.code} {self.text}"
