"""The period report's annex of attachments: the files of the meetings, status updates, follow-ups and activities
of its window, by record, as they stood at the moment the report is counted from. Each statement is built once per
process, as the report's others are (``period_data``)."""

from datetime import date, datetime
from functools import cache
from typing import Any, NamedTuple

import sqlalchemy as sa

from app.attachments.kinds import type_label
from app.attachments.services import size_text
from app.common.dates import long_date
from app.common.lists import AnyRows
from app.models import ActionLine, Activity, Attachment, CooperationArea, FollowUpAction, Meeting, StatusUpdate
from app.models.meeting import meeting_name
from app.reports.as_recorded import RECORDED_BY
from app.reports.period_data import COUNTED_ON, PARTNERSHIP_ID, PLAN_ID, STARTS_ON, run
from app.reports.period_figures import AttachmentFigures

FILE_COLUMNS = (Attachment.file_name, Attachment.media_type, Attachment.size)


class AnnexStatements(NamedTuple):
    meetings: AnyRows
    updates: AnyRows
    follow_ups: AnyRows
    activities: AnyRows


def _in_use(archived_at: sa.orm.InstrumentedAttribute[datetime | None], recorded: bool) -> sa.ColumnElement[bool]:
    return sa.or_(archived_at.is_(None), archived_at > RECORDED_BY) if recorded else archived_at.is_(None)


def _with_files(record: sa.orm.InstrumentedAttribute[int | None]) -> sa.Select[int | None]:
    return sa.select(record).where(record.is_not(None))


@cache
def _statements(recorded: bool, include_restricted: bool) -> AnnexStatements:
    attached = [_in_use(Attachment.archived_at, recorded)]
    if recorded:
        attached.append(Attachment.uploaded_at <= RECORDED_BY)

    def shown(model: type[Meeting | StatusUpdate | FollowUpAction | Activity]) -> list[sa.ColumnElement[bool]]:
        return [] if include_restricted else [model.is_restricted.is_(False)]

    meetings = (
        sa.select(Meeting.type, Meeting.number, Meeting.title, Meeting.held_on, *FILE_COLUMNS)
        .join(Attachment, Attachment.meeting_id == Meeting.id)
        .where(Meeting.partnership_id == PARTNERSHIP_ID, Meeting.held_on.between(STARTS_ON, COUNTED_ON),
               _in_use(Meeting.archived_at, recorded), *attached, *shown(Meeting))
        .order_by(Meeting.held_on, Meeting.id, Attachment.file_name, Attachment.id))

    area_ids = sa.select(CooperationArea.id).where(CooperationArea.plan_id == PLAN_ID)
    line_ids = sa.select(ActionLine.id).where(ActionLine.area_id.in_(area_ids))
    updates = (
        sa.select(sa.func.coalesce(CooperationArea.code, ActionLine.code), StatusUpdate.as_of, *FILE_COLUMNS)
        .join(Attachment, Attachment.status_update_id == StatusUpdate.id)
        .outerjoin(CooperationArea, CooperationArea.id == StatusUpdate.area_id)
        .outerjoin(ActionLine, ActionLine.id == StatusUpdate.action_line_id)
        .where(sa.or_(StatusUpdate.area_id.in_(area_ids), StatusUpdate.action_line_id.in_(line_ids)),
               StatusUpdate.as_of.between(STARTS_ON, COUNTED_ON), *attached, *shown(StatusUpdate))
        .order_by(StatusUpdate.as_of, StatusUpdate.id, Attachment.file_name, Attachment.id))

    # Follow-ups and activities are read from the files' side: a big partnership has tens of thousands of them and
    # the desk few files on them, which SQLite cannot know while no file has been attached (an empty table has no
    # statistics), so that walking the records to look for files would be its choice.
    follow_ups = (
        sa.select(FollowUpAction.title, FollowUpAction.opened_on, *FILE_COLUMNS)
        .join(Attachment, Attachment.follow_up_id == FollowUpAction.id)
        .where(FollowUpAction.id.in_(_with_files(Attachment.follow_up_id)),
               FollowUpAction.partnership_id == PARTNERSHIP_ID,
               FollowUpAction.opened_on.between(STARTS_ON, COUNTED_ON),
               _in_use(FollowUpAction.archived_at, recorded), *attached, *shown(FollowUpAction))
        .order_by(FollowUpAction.opened_on, FollowUpAction.id, Attachment.file_name, Attachment.id))

    began = sa.func.coalesce(Activity.actual_starts_on, Activity.planned_starts_on)
    ended = sa.func.coalesce(Activity.actual_ends_on, Activity.planned_ends_on, began)
    activities = (
        sa.select(Activity.title, *FILE_COLUMNS)
        .join(Attachment, Attachment.activity_id == Activity.id)
        .where(Activity.id.in_(_with_files(Attachment.activity_id)), Activity.plan_id == PLAN_ID,
               began <= COUNTED_ON, ended >= STARTS_ON,
               _in_use(Activity.archived_at, recorded), *attached, *shown(Activity))
        .order_by(began, Activity.id, Attachment.file_name, Attachment.id))
    return AnnexStatements(meetings, updates, follow_ups, activities)


def attachment_annex(plan_id: int, partnership_id: int, starts_on: date, counted_on: date, *,
                     include_restricted: bool, recorded_by: datetime | None = None) -> list[AttachmentFigures]:
    """Each file in use on a record of the window, records in the order the report shows them (meetings, status
    updates, follow-ups, activities; each by date), a record's files by name. Restricted records' files only with
    ``include_restricted``. Four queries, whatever the number of files; the files' bytes are never read."""
    statements = _statements(recorded_by is not None, include_restricted)
    values = {"plan_id": plan_id, "partnership_id": partnership_id, "starts_on": starts_on, "counted_on": counted_on,
              "recorded_by": recorded_by}
    rows = [_row(f"Meeting: {meeting_name(kind, number, title)}, {long_date(held_on)}", row)
            for kind, number, title, held_on, *row in run(statements.meetings, **values)]
    rows += [_row(f"Status update of {code} as of {long_date(as_of)}", row)
             for code, as_of, *row in run(statements.updates, **values)]
    rows += [_row(f"Follow-up: {title}, agreed {long_date(opened_on)}", row)
             for title, opened_on, *row in run(statements.follow_ups, **values)]
    rows += [_row(f"Activity: {title}", row) for title, *row in run(statements.activities, **values)]
    return rows


def _row(record: str, file: list[Any]) -> AttachmentFigures:
    file_name, media_type, size = file
    return {"record": record, "file_name": file_name, "type": type_label(media_type), "size": size_text(size)}
