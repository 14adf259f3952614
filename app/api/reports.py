"""Issued reports: each period report as it was issued, with its summary figures exactly as they were frozen.

The figures are read from the report's stored figures in today's shape (``app.reports.issued_figures``), never
counted again. A report issued with restricted notes is for editors and admins only, as on its page.
"""

from collections.abc import Sequence
from datetime import date
from typing import Any

import marshmallow as ma
import sqlalchemy as sa
from flask import abort
from sqlalchemy.orm import defer, joinedload
from sqlalchemy.orm.interfaces import ORMOption

from app.api.blueprint import bp, tag
from app.api.coverage import CoverageSchema
from app.api.paging import PageArguments, keyset_page, page_schema
from app.api.problems import problem
from app.api.references import PartnershipRefSchema, PlanRefSchema, UserRefSchema
from app.api.schemas import Extended, Moment, record_id
from app.api.versions import one_record
from app.common.restricted import may_open
from app.extensions import db
from app.models import IssuedReport, Partnership
from app.reports.issued_figures import figures_of
from app.reports.period_figures import AreaFigures, PeriodFigures, PillarFigures

REPORTS = tag("Issued reports")
#: Whether the report was issued with restricted notes, read from its figures without loading them whole.
INCLUDES_RESTRICTED = IssuedReport.figures["include_restricted"].as_boolean()


class ReportSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    title = ma.fields.String(required=True)
    partnership = ma.fields.Nested(PartnershipRefSchema, required=True)
    plan = ma.fields.Nested(PlanRefSchema, required=True)
    window_starts_on = ma.fields.Date(required=True, metadata={"description": "The first day it reports on."})
    window_ends_on = ma.fields.Date(required=True, metadata={"description": "The last day it reports on."})
    issued_at = Moment(required=True)
    issued_by = ma.fields.Nested(UserRefSchema, required=True)
    includes_restricted = ma.fields.Boolean(
        required=True, metadata={"description": "Issued with restricted notes: only editors and admins may open it."})
    figures_version = ma.fields.Integer(required=True, metadata={"description": "The shape its figures were "
                                                                               "stored in when issued."})


class WindowSchema(ma.Schema):
    starts_on = ma.fields.Date(required=True)
    ends_on = ma.fields.Date(required=True)
    name = ma.fields.String(required=True, metadata={"description": "As the report names it: Year 2025."})
    counted_on = ma.fields.Date(required=True, metadata={"description": "The day its figures are counted as of: "
                                                                       "the window's end, or the day it was made."})
    has_ended = ma.fields.Boolean(required=True)


class EdgeCoverageSchema(ma.Schema):
    start = ma.fields.Nested(CoverageSchema, required=True, metadata={"description": "As of the day before "
                                                                                    "the window."})
    end = ma.fields.Nested(CoverageSchema, required=True, metadata={"description": "As of the counting day."})


class ReportAreaSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    code = ma.fields.String(required=True)
    name = ma.fields.String(required=True)
    status_start = ma.fields.String(allow_none=True, required=True,
                                    metadata={"description": "Its traffic light before the window (on_track, ...)."})
    status_end = ma.fields.String(allow_none=True, required=True,
                                  metadata={"description": "Its traffic light on the counting day."})
    coverage_start = ma.fields.Nested(CoverageSchema, required=True)
    coverage_end = ma.fields.Nested(CoverageSchema, required=True)


class ReportPillarSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    coverage_start = ma.fields.Nested(CoverageSchema, required=True)
    coverage_end = ma.fields.Nested(CoverageSchema, required=True)
    areas = ma.fields.List(ma.fields.Nested(ReportAreaSchema), required=True)


class MeetingTypeCountSchema(ma.Schema):
    type = ma.fields.String(required=True)
    label = ma.fields.String(required=True)
    count = ma.fields.Integer(required=True)


class MonthCountSchema(ma.Schema):
    month = ma.fields.String(required=True, metadata={"description": "2025-03"})
    count = ma.fields.Integer(required=True)


class FollowUpCountsSchema(ma.Schema):
    opened = ma.fields.Integer(required=True, metadata={"description": "Opened in the window."})
    completed = ma.fields.Integer(required=True, metadata={"description": "Completed in the window."})
    cancelled = ma.fields.Integer(allow_none=True, required=True,
                                  metadata={"description": "Null in a report issued before cancellations were "
                                                           "counted."})
    open_at_end = ma.fields.Integer(required=True)
    overdue_at_end = ma.fields.Integer(required=True)


class ReportFiguresSchema(ReportSchema):
    """An issued report with its summary figures as issued."""

    window = ma.fields.Nested(WindowSchema, required=True)
    coverage = ma.fields.Nested(EdgeCoverageSchema, required=True, metadata={"description": "The whole plan."})
    pillars = ma.fields.List(ma.fields.Nested(ReportPillarSchema), required=True)
    meetings_total = ma.fields.Integer(required=True, metadata={"description": "Meetings held in the window."})
    meetings_by_type = ma.fields.List(ma.fields.Nested(MeetingTypeCountSchema), required=True)
    meetings_by_month = ma.fields.List(ma.fields.Nested(MonthCountSchema), required=True)
    follow_up_counts = ma.fields.Nested(FollowUpCountsSchema, required=True)
    open_follow_ups_total = ma.fields.Integer(required=True, metadata={"description": "Open on the counting day."})
    way_forward = ma.fields.String(required=True)


class ReportFilters(PageArguments):
    partnership = record_id("Only reports of this partnership (its id).")
    plan = record_id("Only reports on this plan (its id).")


ReportPage = page_schema(ReportSchema, "ReportPage")


def report_options(*, figures: bool = False) -> tuple[ORMOption, ...]:
    """The report's header with what it names; its document, and its figures unless ``figures``, stay in the
    database: they are large."""
    return ((defer(IssuedReport.html),) if figures else (defer(IssuedReport.figures), defer(IssuedReport.html))) + (
            joinedload(IssuedReport.partnership).options(joinedload(Partnership.organisation),
                                                         joinedload(Partnership.partner)),
            joinedload(IssuedReport.plan), joinedload(IssuedReport.issued_by))


def with_restriction(reports: Sequence[IssuedReport]) -> list[Extended]:
    """The reports, each with whether it includes restricted notes, read in one query."""
    rows = db.session.execute(sa.select(IssuedReport.id, INCLUDES_RESTRICTED)
                              .where(IssuedReport.id.in_([report.id for report in reports])))
    flags = {report_id: bool(flag) for report_id, flag in rows}
    return [Extended(report, includes_restricted=flags.get(report.id, False)) for report in reports]


@bp.route("/reports")
@bp.doc(**REPORTS, summary="List issued reports",
        description="Every issued report, those with restricted notes too (marked `includes_restricted`).")
@bp.arguments(ReportFilters, location="query", as_kwargs=True)
@bp.response(200, ReportPage)
def reports(**filters: Any) -> dict[str, Any]:
    query = sa.select(IssuedReport).options(*report_options())
    if (partnership_id := filters.get("partnership")) is not None:
        query = query.where(IssuedReport.partnership_id == partnership_id)
    if (plan_id := filters.get("plan")) is not None:
        query = query.where(IssuedReport.plan_id == plan_id)
    return keyset_page(query, IssuedReport.id, filters, with_restriction)


@bp.route("/reports/<int:report_id>")
@bp.doc(**REPORTS, summary="One issued report, with its summary figures as issued",
        description="Refused (403) to a viewer when the report was issued with restricted notes, as its page is.")
@bp.response(200, ReportFiguresSchema)
def report(report_id: int) -> Extended:
    found = one_record(IssuedReport, report_id, *report_options(figures=True))
    if not may_open(found):
        abort(problem(403, "This report was issued with restricted notes: only editors and admins may open it."))
    figures = figures_of(found)
    return Extended(found, includes_restricted=figures["include_restricted"], **summary(figures))


def summary(figures: PeriodFigures) -> dict[str, Any]:
    """The summary figures of a report, its dates as dates; the lists of rows (meetings, follow-ups, changes, the
    implementation matrix) stay in its documents."""
    window = figures["window"]
    days = {"starts_on": window["starts_on"], "ends_on": window["ends_on"], "counted_on": window["counted_on"]}
    return {
        "window": {**window, **{key: date.fromisoformat(day) for key, day in days.items()}},
        "coverage": figures["coverage"],
        "pillars": [_pillar(pillar) for pillar in figures["pillars"]],
        **{key: figures[key] for key in ("meetings_total", "meetings_by_type", "meetings_by_month",
                                         "follow_up_counts", "open_follow_ups_total", "way_forward")},
    }


def _pillar(pillar: PillarFigures) -> dict[str, Any]:
    return {**pillar, "areas": [_area(area) for area in pillar["areas"]]}


def _area(area: AreaFigures) -> dict[str, Any]:
    start, end = area["status_start"], area["status_end"]
    return {**area, "status_start": start["value"] if start else None, "status_end": end["value"] if end else None}
