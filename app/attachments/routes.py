"""Attaching files to meetings, status updates, follow-ups and activities; downloading, archiving and restoring them.

Each record's page lists its files and holds the form to attach more (``attachments/_section.html``); the form
posts here, and a refusal is shown on a page of its own, beside the file field, since a browser never keeps the
files chosen for a form shown again.
"""

from collections.abc import Callable
from io import BytesIO

import sqlalchemy as sa
from flask import Blueprint, abort, render_template, request, send_file
from flask.typing import ResponseReturnValue
from flask_babel import gettext, ngettext
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from app.attachments import services
from app.attachments.forms import AttachmentForm
from app.attachments.kinds import type_label
from app.attachments.records import load, record_title, record_url
from app.attachments.section import attachment_section
from app.attachments.services import Limits, size_text
from app.auth import requires
from app.common.lifecycle import add_archive_routes
from app.common.record_words import ATTACHMENT_WORDS
from app.common.restricted import can_read_restricted, hidden_from_reader
from app.common.saving import Saved, save_form, signed_in_officer
from app.errors import render_error
from app.extensions import db
from app.meetings.pages import MAX_ID
from app.models import Activity, Attachment, FollowUpAction, Meeting, Role, StatusUpdate
from app.models.attachment import Record

bp = Blueprint("attachments", __name__)
bp.add_app_template_global(size_text)
bp.add_app_template_global(type_label)

#: The download's own policy, stricter than the pages': nothing in the file may run, fetch or be framed.
DOWNLOAD_POLICY = "sandbox; default-src 'none'"


#: Per upload endpoint, how it loads its record from the address.
LOADERS: dict[str, Callable[..., Record]] = {}


def _add_upload_route(rule: str, name: str, loader: Callable[..., Record]) -> None:
    endpoint = f"attach_to_{name}"
    LOADERS[f"{bp.name}.{endpoint}"] = loader

    @bp.route(rule, methods=["GET", "POST"], endpoint=endpoint)
    @requires(Role.EDITOR)
    def attach(**key: int) -> ResponseReturnValue:
        return _attach(loader(**key))


_add_upload_route("/meetings/<int:meeting_id>/attachments", "meeting",
                  lambda meeting_id: load(Meeting, meeting_id))
_add_upload_route("/follow-ups/<int:action_id>/attachments", "follow_up",
                  lambda action_id: load(FollowUpAction, action_id))
_add_upload_route("/activities/<int:activity_id>/attachments", "activity",
                  lambda activity_id: load(Activity, activity_id))
_add_upload_route("/status-updates/<int:update_id>/attachments", "status_update",
                  lambda update_id: load(StatusUpdate, update_id))


@bp.url_value_preprocessor
def room_for_files(endpoint: str | None, _values: dict[str, object] | None) -> None:
    """The forms that attach files may send as much as a record may hold, and a megabyte for the rest of the form;
    every other request keeps MAX_CONTENT_LENGTH. Set here because this runs before every ``before_request`` hook,
    and the CSRF check, one of them, reads the body."""
    if endpoint in LOADERS:
        request.max_content_length = Limits.from_settings().per_record + 1024 * 1024


def _attach(record: Record) -> ResponseReturnValue:
    form = AttachmentForm()
    limits = Limits.from_settings()
    title, url = record_title(record), record_url(record)

    def attach() -> list[Attachment]:
        uploads = services.read_uploads(form.files.data or [], limits)
        return services.attach_files(record, uploads, form.description.data, signed_in_officer(), limits)

    def said(attachments: list[Attachment]) -> Saved:
        names = ", ".join(attachment.file_name for attachment in attachments)
        return Saved(ngettext("%(num)s file attached to %(title)s: %(names)s",
                              "%(num)s files attached to %(title)s: %(names)s", len(attachments),
                              title=title, names=names), url)

    if answer := save_form(form, attach, said, made=str(ATTACHMENT_WORDS[services.noun_of(record)].saved)):
        return answer
    return _upload_page(record, form)


def _upload_page(record: Record, form: AttachmentForm, status: int = 200) -> ResponseReturnValue:
    return render_template("attachments/upload.html", section=attachment_section(record, form),
                           title=record_title(record), record_url=record_url(record)), status


@bp.errorhandler(RequestEntityTooLarge)
def too_large(_error: RequestEntityTooLarge) -> ResponseReturnValue:
    """Files past the request's limit, refused before they are read: said beside the file field, not on a bare
    error page."""
    # The body is left unread; nothing on the page may try to read it again.
    request.form = ImmutableMultiDict()
    request.files = ImmutableMultiDict()
    loader = LOADERS.get(request.endpoint or "")
    # The body is refused before the sign-in check has run: only an editor sees the record's name.
    if loader is None or request.view_args is None or not can_read_restricted():
        return render_error(413)
    try:
        record = loader(**request.view_args)
    except HTTPException:
        return render_error(413)
    form = AttachmentForm(formdata=None)
    limit = Limits.from_settings().per_record
    form.files.errors = [gettext("The files chosen are larger than %(limit)s together: attach fewer or smaller files "
                                 "at a time", limit=size_text(limit))]
    return _upload_page(record, form, 413)


@bp.route("/status-updates/<int:update_id>")
def status_update(update_id: int) -> ResponseReturnValue:
    update = db.session.scalar(
        sa.select(StatusUpdate).where(StatusUpdate.id == (update_id if 0 < update_id <= MAX_ID else 0))
        .options(*(selectinload(getattr(StatusUpdate, name)) for name in ("area", "action_line", "author",
                                                                           "corrects"))))
    if update is None:
        abort(404)
    return render_template("attachments/status_update.html", update=update, title=record_title(update),
                           section=attachment_section(update))


def _load_attachment(attachment_id: int) -> Attachment:
    attachment = services.attachment_with_record(attachment_id) if 0 < attachment_id <= MAX_ID else None
    if attachment is None:
        abort(404)
    return attachment


@bp.route("/attachments/<int:attachment_id>")
def download(attachment_id: int) -> ResponseReturnValue:
    """The file itself, for a reader allowed to read its record's notes; never shown inside the app's pages."""
    attachment = _load_attachment(attachment_id)
    if hidden_from_reader(attachment.record):
        abort(403)
    response = send_file(BytesIO(attachment.content), mimetype=attachment.media_type, as_attachment=True,
                         download_name=attachment.file_name, etag=attachment.sha256, conditional=True,
                         max_age=None)
    response.cache_control.private = True
    response.headers["Content-Disposition"] = services.content_disposition(attachment.file_name)
    response.headers["Content-Security-Policy"] = DOWNLOAD_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


add_archive_routes(
    bp,
    rule="/attachments/<int:attachment_id>",
    kind="attachment",
    load=_load_attachment,
    detail_url=lambda attachment: record_url(attachment.record),
    consequence=_l("It will be listed among the archived files of its record and left out of reports. You can restore "
                "it at any time."),
)
