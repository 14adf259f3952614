"""What the desk writes in a period report for each cooperation area and action line: remarks and the way forward.

Drafts, kept for one plan and one report window (its first and last days): the report of that window shows them,
and issuing it copies them into the issued figures, so later edits change only the drafts.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import Model
from app.models.base import Timestamped, Versioned
from app.models.plan import ActionLine, CooperationArea, Plan

#: The longest remarks or way forward for one area or action line: a cell of the matrix, not a chapter.
REMARK_MAX = 2_000


class ReportRemark(Timestamped, Versioned, Model):
    """The remarks and way forward of one area or one action line in the report of one window of a plan.

    Never deleted: emptied texts are an edit like any other, kept in the audit log.
    """

    __tablename__ = "report_remarks"
    __table_args__ = (
        sa.CheckConstraint("(area_id IS NULL) <> (action_line_id IS NULL)", name="one_subject"),
        sa.CheckConstraint("window_ends_on >= window_starts_on", name="window_ends_after_start"),
        sa.CheckConstraint(f"length(remarks) <= {REMARK_MAX}", name="remarks_length"),
        sa.CheckConstraint(f"length(way_forward) <= {REMARK_MAX}", name="way_forward_length"),
        # One draft per subject and window; NULLs are distinct, so each constraint holds for its kind of subject.
        sa.UniqueConstraint("plan_id", "window_starts_on", "window_ends_on", "area_id",
                            name="uq_report_remarks_one_per_area"),
        sa.UniqueConstraint("plan_id", "window_starts_on", "window_ends_on", "action_line_id",
                            name="uq_report_remarks_one_per_action_line"),
        # The area is one of the plan's; an action line's plan is checked by a trigger (``app.models.rules``).
        sa.ForeignKeyConstraint(["area_id", "plan_id"], ["cooperation_areas.id", "cooperation_areas.plan_id"],
                                name="fk_report_remarks_area_of_plan", ondelete="RESTRICT"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("plans.id", ondelete="RESTRICT"))
    window_starts_on: Mapped[date] = mapped_column(sa.Date)
    window_ends_on: Mapped[date] = mapped_column(sa.Date)
    area_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("cooperation_areas.id", ondelete="RESTRICT"), index=True
    )
    action_line_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("action_lines.id", ondelete="RESTRICT"), index=True
    )
    remarks: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    way_forward: Mapped[str] = mapped_column(sa.Text, default="", server_default="")

    plan: Mapped[Plan] = relationship(foreign_keys=[plan_id])
    area: Mapped[CooperationArea | None] = relationship(foreign_keys=[area_id])
    action_line: Mapped[ActionLine | None] = relationship()
