"""Activities: what was done under a plan, with its dates, state history, funding and who implemented it."""

from decimal import Decimal
from typing import Any

import marshmallow as ma

from app.activities.history import state_history
from app.activities.pages import EARLIEST_YEAR, LATEST_YEAR, ActivityFilters, activity_list, activity_page_options
from app.api.blueprint import bp, tag
from app.api.paging import PageArguments, keyset_page, page_schema
from app.api.references import (
    AreaRefSchema,
    OrganisationRefSchema,
    PartnershipRefSchema,
    PlanRefSchema,
    UserRefSchema,
)
from app.api.schemas import ArchivedArguments, Extended, Moment, RestrictedText, VersionedSchema, choice, record_id
from app.api.versions import one_record
from app.models import Activity, ActivityKind, ActivityState, FundingSource

ACTIVITIES = tag("Activities")


class Amount(ma.fields.String):
    """Money to the cent as text ("15000.00"): exact, where a JSON number may not be."""

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> str | None:
        amount: Decimal | None = value
        return None if amount is None else f"{amount:.2f}"


class ActivitySchema(VersionedSchema):
    partnership = ma.fields.Nested(PartnershipRefSchema, required=True)
    plan = ma.fields.Nested(PlanRefSchema, required=True, metadata={"description": "The plan whose lines it serves."})
    meeting_id = ma.fields.Integer(allow_none=True, required=True,
                                   metadata={"description": "The meeting where it was agreed, if any."})
    kind = choice(ActivityKind, required=True)
    title = ma.fields.String(required=True)
    planned_starts_on = ma.fields.Date(allow_none=True, required=True)
    planned_ends_on = ma.fields.Date(allow_none=True, required=True)
    actual_starts_on = ma.fields.Date(allow_none=True, required=True)
    actual_ends_on = ma.fields.Date(allow_none=True, required=True)
    state = choice(ActivityState, required=True, metadata={"description": "Its state now."})
    funding_source = choice(FundingSource, required=True)
    funded_by = ma.fields.String(allow_none=True, required=True,
                                 metadata={"description": "The fund or funder by name."})
    amount = Amount(allow_none=True, required=True, metadata={"description": "To the cent, as text: 15000.00."})
    currency = ma.fields.String(allow_none=True, required=True, metadata={"description": "ISO 4217 code: USD."})
    implementing_organisation = ma.fields.Nested(OrganisationRefSchema, allow_none=True, required=True)
    participants = ma.fields.Integer(allow_none=True, required=True, metadata={"description": "How many took "
                                                                                             "part, if counted."})
    is_restricted = ma.fields.Boolean(required=True, metadata={"description": "Its notes are for editors and admins."})
    notes = RestrictedText()


class ActivityLineSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    code = ma.fields.String(required=True)
    text = ma.fields.String(required=True)
    area = ma.fields.Nested(AreaRefSchema, required=True)


class ActivityStateEntrySchema(ma.Schema):
    state = choice(ActivityState, required=True)
    effective_on = ma.fields.Date(required=True, metadata={"description": "The day it took effect."})
    recorded_at = Moment(required=True)
    recorded_by = ma.fields.Nested(UserRefSchema, allow_none=True, required=True,
                                   metadata={"description": "Null when recorded by the system (the demo loader)."})
    note = RestrictedText(owner="activity",
                          metadata={"description": "Null for a viewer when the activity is restricted."})


class ActivityDetailSchema(ActivitySchema):
    co_implementers = ma.fields.List(ma.fields.Nested(OrganisationRefSchema), required=True)
    action_lines = ma.fields.List(ma.fields.Nested(ActivityLineSchema), required=True,
                                  metadata={"description": "The action lines it serves, in plan order."})
    state_history = ma.fields.List(ma.fields.Nested(ActivityStateEntrySchema), required=True,
                                   metadata={"description": "Each change of its state, newest first."})


class ActivityArguments(PageArguments, ArchivedArguments):
    partnership = record_id("Only activities of this partnership (its id).")
    plan = record_id("Only activities under this plan (its id).")
    area = record_id("Only activities serving an action line of this cooperation area (its id).")
    state = choice(ActivityState, metadata={"description": "Only activities in this state now."})
    funding = choice(FundingSource, metadata={"description": "Only activities funded from this source."})
    year = ma.fields.Integer(validate=ma.validate.Range(min=EARLIEST_YEAR, max=LATEST_YEAR),
                             metadata={"description": "Only activities that ran, run or are to run in this year."})
    q = ma.fields.String(validate=ma.validate.Length(max=100), metadata={"description": "Words in the title."})


ActivityPage = page_schema(ActivitySchema, "ActivityPage")


@bp.route("/activities")
@bp.doc(**ACTIVITIES, summary="List activities")
@bp.arguments(ActivityArguments, location="query", as_kwargs=True)
@bp.response(200, ActivityPage)
def activities(**arguments: Any) -> dict[str, Any]:
    state, funding = arguments.get("state"), arguments.get("funding")
    filters = ActivityFilters(
        partnership_id=arguments.get("partnership"), plan_id=arguments.get("plan"), area_id=arguments.get("area"),
        state=state.value if state else None, funding=funding.value if funding else None,
        year=arguments.get("year"), term=arguments.get("q"), archived=arguments["archived"])
    return keyset_page(activity_list(filters), Activity.id, arguments)


@bp.route("/activities/<int:activity_id>")
@bp.doc(**ACTIVITIES, summary="One activity, with its state history, action lines and organisations")
@bp.response(200, ActivityDetailSchema)
def activity(activity_id: int) -> Extended:
    found = one_record(Activity, activity_id, *activity_page_options())
    return Extended(found, state_history=state_history(found))
