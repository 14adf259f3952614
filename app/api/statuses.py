"""Status updates of an action line: its history, only ever added to, and a new update recorded with the rules of
the plan's "Update action lines" form."""

from typing import Any

import marshmallow as ma
import sqlalchemy as sa
from flask import abort
from sqlalchemy.orm import joinedload

from app.api.blueprint import bp, tag
from app.api.meetings import RestrictedText
from app.api.paging import PageArguments, keyset_page, page_schema
from app.api.references import UserRefSchema
from app.api.schemas import Moment, choice
from app.api.writing import NO_CSRF, Names, judged, saved, text
from app.areas.forms import BatchStatusForm
from app.areas.pages import load_action_line
from app.areas.services import record_line_statuses
from app.common.saving import signed_in_officer
from app.meetings.pages import MAX_ID
from app.models import ActionLine, ActionLineStatus, StatusUpdate

STATUSES = tag("Status updates")


class StatusUpdateSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    created_at = Moment(required=True, metadata={"description": "When it was recorded (UTC)."})
    status = choice(ActionLineStatus, attribute="status_choice", required=True)
    as_of = ma.fields.Date(required=True, metadata={"description": "The day the status describes; the line's status "
                                                                  "now is that of its latest update by this date, "
                                                                  "then by id."})
    note = RestrictedText("Why.")
    is_restricted = ma.fields.Boolean(required=True, metadata={"description": "The note is for editors and admins."})
    progress = ma.fields.Integer(allow_none=True, required=True, metadata={"description": "Per cent, if given."})
    author = ma.fields.Nested(UserRefSchema, required=True)
    corrects_id = ma.fields.Integer(allow_none=True, required=True,
                                    metadata={"description": "The earlier update this one corrects, if any."})


StatusUpdatePage = page_schema(StatusUpdateSchema, "StatusUpdatePage")


class NewStatusUpdateSchema(ma.Schema):
    """A new status of the action line, as one line of the "Update action lines" form."""

    status = choice(ActionLineStatus, allow_none=True, metadata={"description": "Needed."})
    as_of = ma.fields.Date(allow_none=True, metadata={"description": "Within the plan's period, not in the future; "
                                                                     "today unless sent."})
    note = text(allow_none=True, metadata={"description": "Needed."})
    is_restricted = ma.fields.Boolean(metadata={"description": "Keep the note to editors and admins, and out of "
                                                              "reports unless included."})


def _line(action_line_id: int) -> ActionLine:
    if not 0 < action_line_id <= MAX_ID:
        abort(404)
    return load_action_line(action_line_id)


@bp.route("/action-lines/<int:action_line_id>/status-updates")
@bp.doc(**STATUSES, summary="An action line's status updates", description="In the order they were recorded.")
@bp.arguments(PageArguments, location="query", as_kwargs=True)
@bp.response(200, StatusUpdatePage)
def status_updates(action_line_id: int, **paging: Any) -> dict[str, Any]:
    line = _line(action_line_id)
    query = (sa.select(StatusUpdate).where(StatusUpdate.action_line_id == line.id)
             .options(joinedload(StatusUpdate.author)))
    return keyset_page(query, StatusUpdate.id, paging)


@bp.route("/action-lines/<int:action_line_id>/status-updates", methods=["POST"])
@bp.doc(**STATUSES, summary="Record an action line's status", description=(
    "The rules of the plan's \"Update action lines\" form, with its messages. No If-Match: a status update is only "
    "ever added to the line's history, with its date and author, never written over, and the form carries no "
    "version either. Two people recording at once both keep their update; the latest dated one is the status."))
@bp.arguments(NewStatusUpdateSchema)
@bp.response(201, StatusUpdateSchema)
def record_line_status(update: dict[str, Any], action_line_id: int) -> StatusUpdate:
    line = _line(action_line_id)
    plan = line.area.plan
    # The form names each line's fields after it: status_12, note_12, restricted_12.
    names = Names({"status": f"status_{line.id}", "note": f"note_{line.id}", "is_restricted": f"restricted_{line.id}"})
    form = BatchStatusForm.for_lines(plan, [line], formdata=names.posted(update), meta=NO_CSRF)
    judged(form, names)
    as_of = form.as_of.data
    assert as_of is not None  # the form requires it
    return saved(lambda: record_line_statuses(signed_in_officer(), plan, as_of=as_of, changes=form.changes())[0],
                 names, form)
