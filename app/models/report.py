from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import Model
from app.models.base import utcnow
from app.models.partnership import Partnership
from app.models.plan import Plan
from app.models.user import User


class IssuedReport(Model):
    """A period report as it was issued: its figures and its rendered document, frozen.

    Re-opening it later shows exactly what was sent, whatever has changed in the data since.
    """

    __tablename__ = "issued_reports"
    __table_args__ = (
        sa.CheckConstraint("window_ends_on >= window_starts_on", name="window_ends_after_start"),
        sa.Index("ix_issued_reports_partnership_issued_at", "partnership_id", "issued_at"),
        sa.CheckConstraint("figures_version >= 1", name="figures_version_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(
        sa.ForeignKey("partnerships.id", ondelete="RESTRICT"), index=True
    )
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("plans.id", ondelete="RESTRICT"), index=True)
    window_starts_on: Mapped[date] = mapped_column(sa.Date)
    window_ends_on: Mapped[date] = mapped_column(sa.Date, index=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    way_forward: Mapped[str] = mapped_column(sa.Text)
    #: Every figure of the report as issued, the source for exports of this issue.
    figures: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    #: The report body exactly as rendered when issued.
    html: Mapped[str] = mapped_column(sa.Text)
    #: The shape ``figures`` were made in (``app.reports.period_figures.FIGURES_VERSION`` then), so that they are
    #: read as issued whatever the shape is now. No default: each issue says which shape it stores.
    figures_version: Mapped[int] = mapped_column(sa.Integer)
    issued_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    issued_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="RESTRICT"), index=True)

    partnership: Mapped[Partnership] = relationship()
    plan: Mapped[Plan] = relationship()
    issued_by: Mapped[User] = relationship()
