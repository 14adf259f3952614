"""Issuing a period report: the figures and the rendered document are frozen together."""

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.languages import rendered_in_english
from app.models import IssuedReport, Partnership, Plan, User, utcnow
from app.reports.period import build_period_report
from app.reports.period_figures import FIGURES_VERSION


def plans_of(partnership: Partnership) -> list[Plan]:
    return list(
        db.session.scalars(
            sa.select(Plan)
            .where(Plan.partnership_id == partnership.id, Plan.archived_at.is_(None))
            .order_by(Plan.starts_on.desc())
        )
    )


def issue_period_report(plan: Plan, starts_on: date, ends_on: date, *, way_forward: str, issued_by: User,
                        include_restricted: bool = False) -> IssuedReport:
    """Freeze the report as it stands now: its figures and its document never change afterwards."""
    now = utcnow()
    figures = build_period_report(plan, starts_on, ends_on, generated_by=issued_by.name, now=now,
                                  include_restricted=include_restricted)
    figures["way_forward"] = way_forward
    figures["issued"] = {"at": now.isoformat(timespec="minutes"), "by": issued_by.name}
    report = IssuedReport(
        partnership_id=plan.partnership_id,
        plan_id=plan.id,
        window_starts_on=starts_on,
        window_ends_on=ends_on,
        title=figures["title"],
        way_forward=way_forward,
        figures=figures,
        figures_version=FIGURES_VERSION,
        html=rendered_in_english("reports/_period_body.html", report=figures),  # the document, sent in English
        issued_at=now,
        issued_by=issued_by,
    )
    db.session.add(report)
    db.session.flush()
    return report


def issued_reports_of(partnership: Partnership) -> list[IssuedReport]:
    return list(
        db.session.scalars(
            sa.select(IssuedReport)
            .where(IssuedReport.partnership_id == partnership.id)
            .order_by(IssuedReport.issued_at.desc())
            .options(joinedload(IssuedReport.issued_by), joinedload(IssuedReport.plan))
        )
    )
