"""One cooperation area or action line with its status now; a plan's answer lists them all, with its structure."""

import marshmallow as ma
from sqlalchemy.orm import joinedload, selectinload

from app.api.blueprint import bp, tag
from app.api.plans import ActionLineSchema, AreaSchema, AreaStatusNowSchema, status_schema
from app.api.references import AreaRefSchema, PillarRefSchema, PlanRefSchema
from app.api.schemas import Extended
from app.api.versions import one_record
from app.implementation.statuses import current_statuses
from app.models import ActionLine, ActionLineStatus, CooperationArea

AREAS = tag("Cooperation areas and action lines")
LineStatusNowSchema = status_schema(ActionLineStatus, "ActionLineStatusNow")


class AreaDetailSchema(AreaSchema):
    plan = ma.fields.Nested(PlanRefSchema, required=True)
    pillar = ma.fields.Nested(PillarRefSchema, required=True)
    status = ma.fields.Nested(AreaStatusNowSchema, allow_none=True, required=True,
                              metadata={"description": "Its latest status; null before the first."})


class ActionLineDetailSchema(ActionLineSchema):
    area = ma.fields.Nested(AreaRefSchema, required=True)
    plan = ma.fields.Nested(PlanRefSchema, required=True, attribute="area.plan")
    status = ma.fields.Nested(LineStatusNowSchema, allow_none=True, required=True,
                              metadata={"description": "Its latest status; null before the first (not yet "
                                                       "addressed)."})


@bp.route("/areas/<int:area_id>")
@bp.doc(**AREAS, summary="One cooperation area, with its action lines and its status now")
@bp.response(200, AreaDetailSchema)
def area(area_id: int) -> Extended:
    found = one_record(CooperationArea, area_id, joinedload(CooperationArea.plan),
                       joinedload(CooperationArea.pillar), selectinload(CooperationArea.action_lines))
    return Extended(found, status=current_statuses(area_ids=[found.id]).get(found.id))


@bp.route("/action-lines/<int:action_line_id>")
@bp.doc(**AREAS, summary="One action line, with its status now")
@bp.response(200, ActionLineDetailSchema)
def action_line(action_line_id: int) -> Extended:
    found = one_record(ActionLine, action_line_id, joinedload(ActionLine.area).joinedload(CooperationArea.plan))
    return Extended(found, status=current_statuses(line_ids=[found.id]).get(found.id))
