"""The records files are attached to, as the attachment pages name them and link to them."""

from typing import Any

from flask import abort, url_for
from flask_babel import gettext

from app.common.dates import page_date
from app.common.restricted import RESTRICTED_ACTION, for_reader
from app.extensions import db
from app.meetings.pages import MAX_ID
from app.models import Activity, FollowUpAction, Meeting, StatusUpdate
from app.models.attachment import Record


def load(model: type[Record], record_id: int) -> Record:
    """The record, or 404 (an id past what the database holds is simply not there)."""
    if not 0 < record_id <= MAX_ID:
        abort(404)
    return db.get_or_404(model, record_id)


#: Per kind of record: its own page and the page that attaches files to it, with the argument naming the record.
PAGES: dict[type[Record], tuple[str, str, str]] = {
    Meeting: ("meetings.detail", "attachments.attach_to_meeting", "meeting_id"),
    FollowUpAction: ("follow_ups.detail", "attachments.attach_to_follow_up", "action_id"),
    Activity: ("activities.detail", "attachments.attach_to_activity", "activity_id"),
    StatusUpdate: ("attachments.status_update", "attachments.attach_to_status_update", "update_id"),
}


def _address(record: Record, *, upload: bool) -> str:
    page, upload_page, argument = PAGES[type(record)]
    values: dict[str, Any] = {argument: record.id}
    return url_for(upload_page if upload else page, **values)


def record_url(record: Record) -> str:
    return _address(record, upload=False)


def upload_url(record: Record) -> str:
    return _address(record, upload=True)


def record_title(record: Record) -> str:
    """What the pages call the record: a restricted follow-up's title stays hidden from a viewer."""
    if isinstance(record, FollowUpAction):
        return str(for_reader(record.title, record, RESTRICTED_ACTION))
    if isinstance(record, StatusUpdate):
        subject = record.area or record.action_line
        return gettext("Status update of %(code)s as of %(date)s", code=subject.code if subject else "",
                       date=page_date(record.as_of))
    return str(record)
