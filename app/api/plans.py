"""Plans for a period, with their pillars, cooperation areas and action lines, and their coverage as of a day."""

from datetime import date
from typing import Any

import marshmallow as ma
import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.interfaces import ORMOption

from app.api.blueprint import bp, tag
from app.api.coverage import DAYS, AsOfArguments, CoverageSchema
from app.api.paging import PageArguments, keyset_page, page_schema
from app.api.references import PartnershipRefSchema, PlanRefSchema
from app.api.schemas import ArchivedArguments, VersionedSchema, choice, record_id
from app.api.versions import one_record
from app.common.counting import counting_day
from app.extensions import db
from app.follow_ups import services as follow_up_services
from app.implementation.as_of import in_use_on
from app.implementation.coverage import Coverage, coverage_totals, plan_coverage
from app.implementation.statuses import current_statuses
from app.models import (
    IN_FORCE_STATES,
    ActionLineStatus,
    AreaStatus,
    CooperationArea,
    Partnership,
    Pillar,
    Plan,
    PlanKind,
    PlanState,
)

PLANS = tag("Plans")


class PlanExtensionSchema(ma.Schema):
    previous_ends_on = ma.fields.Date(required=True)
    new_ends_on = ma.fields.Date(required=True)
    decided_on = ma.fields.Date(required=True)
    decision = ma.fields.String(required=True, metadata={"description": "Extended to 2023 by the 7th JSCC."})


class PlanSchema(VersionedSchema):
    partnership = ma.fields.Nested(PartnershipRefSchema, required=True)
    kind = choice(PlanKind, required=True)
    title = ma.fields.String(required=True)
    label = ma.fields.String(required=True, metadata={"description": "Its short name in the partnership: 2024-2028."})
    starts_on = ma.fields.Date(required=True)
    ends_on = ma.fields.Date(required=True, metadata={"description": "Its end now, after any extension."})
    adopted_on = ma.fields.Date(allow_none=True, required=True)
    state = choice(PlanState, required=True)
    supersedes = ma.fields.Nested(PlanRefSchema, allow_none=True, required=True,
                                  metadata={"description": "The plan it replaced; null for none."})
    superseded_by = ma.fields.Nested(PlanRefSchema, allow_none=True, required=True,
                                     metadata={"description": "Its successor; null for none."})
    extensions = ma.fields.List(ma.fields.Nested(PlanExtensionSchema), required=True,
                                metadata={"description": "Each decision that moved its end, oldest first."})


class ActionLineSchema(VersionedSchema):
    code = ma.fields.String(required=True, metadata={"description": "Its number in the plan: 2.3.1."})
    text = ma.fields.String(required=True)
    position = ma.fields.Integer(required=True, metadata={"description": "Its order in the area."})


class AreaSchema(VersionedSchema):
    code = ma.fields.String(required=True, metadata={"description": "Its number in the plan: 2.3."})
    name = ma.fields.String(required=True)
    description = ma.fields.String(allow_none=True, required=True)
    focal_point = ma.fields.String(allow_none=True, required=True,
                                   metadata={"description": "The person or office answerable for it."})
    position = ma.fields.Integer(required=True, metadata={"description": "Its order in the pillar."})
    action_lines = ma.fields.List(ma.fields.Nested(ActionLineSchema), required=True,
                                  metadata={"description": "In plan order, archived ones too."})


class PillarSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    position = ma.fields.Integer(required=True)
    version = ma.fields.Integer(required=True)
    areas = ma.fields.List(ma.fields.Nested(AreaSchema), required=True,
                           metadata={"description": "In plan order, archived ones too."})


class PlanDetailSchema(PlanSchema):
    pillars = ma.fields.List(ma.fields.Nested(PillarSchema), required=True,
                             metadata={"description": "In plan order, each with its areas and their action lines."})


class PlanFilters(PageArguments, ArchivedArguments):
    partnership = record_id("Only plans of this partnership (its id).")
    state = choice(PlanState, metadata={"description": "Only plans in this state."})
    in_force_on = ma.fields.Date(
        validate=DAYS,
        metadata={"description": "Only plans in force (or extended) whose dates cover this day (YYYY-MM-DD)."})


PlanPage = page_schema(PlanSchema, "PlanPage")


def status_schema(choices: type[AreaStatus] | type[ActionLineStatus], name: str) -> type[ma.Schema]:
    """The schema of an area's or action line's status on a day, named ``name`` in the OpenAPI description."""
    return type(name, (ma.Schema,), {
        "status": choice(choices, attribute="status_choice", required=True),
        "as_of": ma.fields.Date(required=True, metadata={"description": "The day of the update that gave it."}),
        "progress": ma.fields.Integer(allow_none=True, required=True, metadata={"description": "Percent, if given."}),
    })


AreaStatusNowSchema = status_schema(AreaStatus, "AreaStatusNow")


class LineCoverageSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    code = ma.fields.String(required=True)
    text = ma.fields.String(required=True)
    status = choice(ActionLineStatus, allow_none=True, required=True,
                    metadata={"description": "Null: no update by that day (counted as not yet addressed)."})


class AreaCoverageSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    code = ma.fields.String(required=True)
    name = ma.fields.String(required=True)
    status = ma.fields.Nested(AreaStatusNowSchema, allow_none=True, required=True,
                              metadata={"description": "The area's own status that day; null before its first."})
    coverage = ma.fields.Nested(CoverageSchema, required=True)
    action_lines = ma.fields.List(ma.fields.Nested(LineCoverageSchema), required=True)


class PillarCoverageSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    coverage = ma.fields.Nested(CoverageSchema, required=True)
    areas = ma.fields.List(ma.fields.Nested(AreaCoverageSchema), required=True)


class PlanCoverageSchema(ma.Schema):
    """A plan's implementation as of a day: the areas and action lines in use that day, as the plan page counts."""

    plan = ma.fields.Nested(PlanRefSchema, required=True)
    as_of = ma.fields.Date(required=True, metadata={"description": "The day counted as of."})
    coverage = ma.fields.Nested(CoverageSchema, required=True, metadata={"description": "The whole plan."})
    pillars = ma.fields.List(ma.fields.Nested(PillarCoverageSchema), required=True)


def plan_options(*, structure: bool = False) -> tuple[ORMOption, ...]:
    """What a plan's answer shows besides its own columns, loaded for a whole page at once: each record it names
    joined in the same statement (a separate one for each cost more than reading them), its extensions after."""
    options = (
        joinedload(Plan.partnership).options(joinedload(Partnership.organisation), joinedload(Partnership.partner)),
        joinedload(Plan.supersedes), joinedload(Plan.superseded_by), selectinload(Plan.extensions),
    )
    return (*options, structure_option()) if structure else options


def structure_option() -> ORMOption:
    """A plan's pillars, their areas and the areas' action lines, in plan order."""
    return selectinload(Plan.pillars).selectinload(Pillar.areas).selectinload(CooperationArea.action_lines)


def plan_query(filters: dict[str, Any]) -> sa.Select[Plan]:
    query = sa.select(Plan).options(*plan_options())
    if (partnership_id := filters.get("partnership")) is not None:
        query = query.where(Plan.partnership_id == partnership_id)
    if state := filters.get("state"):
        query = query.where(Plan.state == state)
    if (day := filters.get("in_force_on")) is not None:
        query = query.where(Plan.state.in_(IN_FORCE_STATES), Plan.starts_on <= day, Plan.ends_on >= day)
    if not filters["archived"]:
        query = query.where(Plan.archived_at.is_(None))
    return query


@bp.route("/plans")
@bp.doc(**PLANS, summary="List plans")
@bp.arguments(PlanFilters, location="query", as_kwargs=True)
@bp.response(200, PlanPage)
def plans(**filters: Any) -> dict[str, Any]:
    return keyset_page(plan_query(filters), Plan.id, filters)


@bp.route("/plans/<int:plan_id>")
@bp.doc(**PLANS, summary="One plan, with its pillars, cooperation areas and action lines")
@bp.response(200, PlanDetailSchema)
def plan(plan_id: int) -> Plan:
    return one_record(Plan, plan_id, *plan_options(structure=True))


@bp.route("/plans/<int:plan_id>/coverage")
@bp.doc(**PLANS, summary="A plan's statuses and coverage as of a day",
        description="Each area's and action line's status at the end of the day, and coverage per area, pillar and "
                    "plan, counted as the plan page and the period report count them: the areas and action lines in "
                    "use that day, a line with no update yet as not yet addressed.")
@bp.arguments(AsOfArguments, location="query", as_kwargs=True)
@bp.response(200, PlanCoverageSchema)
def plan_coverage_as_of(plan_id: int, as_of: date | None = None) -> dict[str, Any]:
    found = one_record(Plan, plan_id, structure_option())
    day = as_of or counting_day(found.ends_on, follow_up_services.today())
    return coverage_as_of(found, day)


def coverage_as_of(found: Plan, day: date) -> dict[str, Any]:
    """The plan's areas and action lines in use on ``day``, each with its status then, and the coverage figures."""
    totals = coverage_totals(found.id, day)
    lines = plan_coverage(found.id, day).lines
    in_use = set(db.session.scalars(sa.select(CooperationArea.id).where(
        CooperationArea.plan_id == found.id, in_use_on(CooperationArea, day))))
    statuses = current_statuses(area_ids=in_use, as_of=day)
    pillars = [{
        "id": pillar.id, "name": pillar.name, "coverage": totals.pillars.get(pillar.id, Coverage()),
        "areas": [{
            "id": area.id, "code": area.code, "name": area.name, "status": statuses.get(area.id),
            "coverage": totals.areas.get(area.id, Coverage()),
            "action_lines": [{"id": line.id, "code": line.code, "text": line.text,
                              "status": _line_status(lines[line.id])}
                             for line in area.action_lines if line.id in lines],
        } for area in pillar.areas if area.id in in_use],
    } for pillar in found.pillars]
    return {"plan": found, "as_of": day, "coverage": totals.plan, "pillars": pillars}


def _line_status(value: str | None) -> ActionLineStatus | None:
    return ActionLineStatus(value) if value else None
