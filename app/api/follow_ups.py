"""Follow-up actions: who does what by when, with their dated history of states; a change of state is made with the
rules of the follow-up page's "Change status" form."""

from typing import Any

import marshmallow as ma
from flask import abort
from flask_login import current_user

from app.api.blueprint import bp, tag
from app.api.meetings import RestrictedText
from app.api.paging import PageArguments, keyset_page, page_schema
from app.api.references import AreaRefSchema, PartnershipRefSchema, PersonRefSchema, UserRefSchema
from app.api.schemas import ArchivedArguments, Moment, VersionedSchema, choice
from app.api.versions import check_version, one_record
from app.api.writing import NO_CSRF, Names, judged, saved, text
from app.extensions import db
from app.follow_ups import services
from app.follow_ups.chases import chases_of
from app.follow_ups.forms import StatusForm
from app.follow_ups.history import state_history
from app.follow_ups.pages import follow_up_list, follow_up_page
from app.meetings.pages import MAX_ID
from app.models import ChaseChannel, FollowUpAction, FollowUpStatus

FOLLOW_UPS = tag("Follow-ups")
STATE_NAMES = Names()
#: The list's status filter besides each status: every status at once (open work only, unless said).
ALL_STATUSES = "all"


class Overdue(ma.fields.Boolean):
    def get_value(self, obj: Any, attr: str, accessor: Any = None, default: Any = ma.missing) -> Any:
        return obj.is_overdue(services.today())


class MeetingNameSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    held_on = ma.fields.Date(allow_none=True, required=True)


class FollowUpListItemSchema(VersionedSchema):
    partnership = ma.fields.Nested(PartnershipRefSchema, required=True)
    title = RestrictedText("What is to be done.")
    meeting_id = ma.fields.Integer(allow_none=True, required=True, metadata={"description": "The meeting that "
                                                                                          "agreed it, if any."})
    area_id = ma.fields.Integer(allow_none=True, required=True)
    owner = ma.fields.Nested(UserRefSchema, attribute="owner_user", allow_none=True, required=True,
                             metadata={"description": "Our officer responsible; null when the partner side is."})
    partner_person = ma.fields.Nested(PersonRefSchema, allow_none=True, required=True)
    partner_office = ma.fields.String(allow_none=True, required=True)
    owner_name = ma.fields.String(required=True, metadata={"description": "Whoever owns it, in words."})
    opened_on = ma.fields.Date(required=True, metadata={"description": "The day it was agreed."})
    due_on = ma.fields.Date(allow_none=True, required=True)
    status = choice(FollowUpStatus, required=True)
    completed_on = ma.fields.Date(allow_none=True, required=True)
    is_overdue = Overdue(required=True, metadata={"description": "Due before today and neither done nor "
                                                                "cancelled."})
    is_restricted = ma.fields.Boolean(required=True)
    last_chased_on = ma.fields.Date(allow_none=True, required=True, metadata={
        "description": "The day the partner was last chased about it; null when never."})


class ChaseSchema(ma.Schema):
    chased_on = ma.fields.Date(required=True, metadata={"description": "The day the partner was reminded."})
    channel = choice(ChaseChannel, required=True)
    note = RestrictedText("What was asked or answered.", record="follow_up")
    recorded_at = Moment(attribute="created_at", required=True)
    recorded_by = ma.fields.Nested(UserRefSchema, allow_none=True, required=True)


class StateEntrySchema(ma.Schema):
    status = choice(FollowUpStatus, required=True)
    due_on = ma.fields.Date(allow_none=True, required=True, metadata={"description": "The due date from then."})
    effective_on = ma.fields.Date(required=True, metadata={"description": "The day the change took effect."})
    recorded_at = Moment(required=True)
    recorded_by = ma.fields.Nested(UserRefSchema, allow_none=True, required=True)
    note = RestrictedText("Why.", record="follow_up")


class FollowUpSchema(FollowUpListItemSchema):
    description = RestrictedText("More about it.")
    meeting = ma.fields.Nested(MeetingNameSchema, allow_none=True, required=True)
    area = ma.fields.Nested(AreaRefSchema, allow_none=True, required=True)
    history = ma.fields.List(ma.fields.Nested(StateEntrySchema), required=True,
                             metadata={"description": "Every change of its state, newest first: the first is now."})
    chases = ma.fields.List(ma.fields.Nested(ChaseSchema), required=True, metadata={
        "description": "Each chase of the partner about it, newest first; read only (recorded on its page)."})


FollowUpPage = page_schema(FollowUpListItemSchema, "FollowUpPage")


class FollowUpFilters(PageArguments, ArchivedArguments):
    status = ma.fields.String(
        validate=ma.validate.OneOf([*(s.value for s in FollowUpStatus), ALL_STATUSES]),
        metadata={"description": f"Only this status ({ALL_STATUSES}: any); open, in progress and awaiting the partner "
                                 "unless said."})
    partnership = ma.fields.String(validate=ma.validate.Length(max=80),
                                   metadata={"description": "Its slug: asean-pakistan."})
    overdue = ma.fields.Boolean(load_default=False, metadata={"description": "Only those due before today."})
    mine = ma.fields.Boolean(load_default=False, metadata={"description": "Only those the token's user owns."})
    owner_user_id = ma.fields.Integer(validate=ma.validate.Range(min=1, max=MAX_ID),
                                      metadata={"description": "Only those this officer owns."})
    due_from = ma.fields.Date(metadata={"description": "Due on or after this day."})
    due_to = ma.fields.Date(metadata={"description": "Due on or before this day."})


class StateChangeSchema(ma.Schema):
    """A new state of a follow-up, as the "Change status" form records it."""

    status = choice(FollowUpStatus, allow_none=True, metadata={"description": "Needed: done, cancelled, open to "
                                                                              "reopen it, ..."})
    changed_on = ma.fields.Date(allow_none=True, metadata={
        "description": "The day it took effect (done: the day it was done), today unless sent; not in the future, "
                       "nor before its last recorded change."})
    note = text(allow_none=True)


class FollowUp:
    """A follow-up with the history its page shows."""

    def __init__(self, action: FollowUpAction) -> None:
        self.action = action
        self.history = state_history(action)
        self.chases = chases_of(action)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.action, name)


def read_follow_up(follow_up_id: int) -> FollowUp:
    one_record(FollowUpAction, follow_up_id)  # or 404; its version as ETag
    action = follow_up_page(follow_up_id)
    assert action is not None  # just read
    return FollowUp(action)


@bp.route("/follow-ups")
@bp.doc(**FOLLOW_UPS, summary="List follow-ups")
@bp.arguments(FollowUpFilters, location="query", as_kwargs=True)
@bp.response(200, FollowUpPage)
def follow_ups(**filters: Any) -> dict[str, Any]:
    query = follow_up_list(status=filters.get("status"), partnership_slug=filters.get("partnership"),
                           overdue=filters["overdue"], owner=current_user if filters["mine"] else None,
                           archived=filters["archived"])
    if "owner_user_id" in filters:
        query = query.where(FollowUpAction.owner_user_id == filters["owner_user_id"])
    if "due_from" in filters:
        query = query.where(FollowUpAction.due_on >= filters["due_from"])
    if "due_to" in filters:
        query = query.where(FollowUpAction.due_on <= filters["due_to"])
    return keyset_page(query, FollowUpAction.id, filters)


@bp.route("/follow-ups/<int:follow_up_id>")
@bp.doc(**FOLLOW_UPS, summary="One follow-up, with its history of states")
@bp.response(200, FollowUpSchema)
def follow_up(follow_up_id: int) -> FollowUp:
    return read_follow_up(follow_up_id)


@bp.route("/follow-ups/<int:follow_up_id>/state-changes", methods=["POST"])
@bp.doc(**FOLLOW_UPS, summary="Change a follow-up's state", description=(
    "Send the follow-up's ETag as If-Match. The rules of the follow-up page's \"Change status\" form, with its "
    "messages; the change is added to its history. Answers with the follow-up and its new ETag."))
@bp.arguments(StateChangeSchema)
@bp.response(200, FollowUpSchema)
def change_state(change: dict[str, Any], follow_up_id: int) -> FollowUp:
    if not 0 < follow_up_id <= MAX_ID:
        abort(404)
    action = db.get_or_404(FollowUpAction, follow_up_id)
    check_version(action)
    form = StatusForm(formdata=STATE_NAMES.posted(change), meta=NO_CSRF)
    judged(form, STATE_NAMES)
    saved(lambda: services.set_follow_up_status(action, form.status.data, form.changed_on.data, form.note.data),
          STATE_NAMES, form)
    return read_follow_up(follow_up_id)
