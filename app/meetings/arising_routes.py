"""The matters arising page of a committee meeting, and its Word document: what the next meeting of the series
starts from, with an agenda proposed for it that the officer edits and takes to the "Log a meeting" form."""

from datetime import date

from flask import Blueprint, abort, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm

from app.exports import ExportFile
from app.exports.routes import download
from app.exports.word import MIME_TYPE
from app.exports.word_arising import arising_docx
from app.extensions import db
from app.meetings.agenda import AGENDA_LIMIT, START_WITH_AGENDA, AgendaField
from app.meetings.arising import OWED_BY_US, has_matters_arising, latest_of_series, matters_arising, state_text
from app.meetings.pages import MAX_ID
from app.models import Meeting

bp = Blueprint("arising", __name__, url_prefix="/meetings")


class NextMeetingForm(AgendaField, FlaskForm):
    """The proposed agenda, as edited, posted to the "Log a meeting" form (which saves nothing until its own Save)."""


def latest_meeting(meeting_id: int, endpoint: str) -> Meeting | ResponseReturnValue:
    """The meeting if it is the latest live one of a numbered series; an earlier one's address leads to the latest;
    any other meeting (a courtesy call, an archived meeting) has no matters arising."""
    if not 0 < meeting_id <= MAX_ID:
        abort(404)
    meeting = db.get_or_404(Meeting, meeting_id)
    if not has_matters_arising(meeting):
        abort(404)
    latest = latest_of_series(meeting)
    if latest is None:
        abort(404)
    if latest.id != meeting.id:
        return redirect(url_for(endpoint, meeting_id=latest.id))
    return meeting


@bp.route("/<int:meeting_id>/matters-arising")
def page(meeting_id: int) -> ResponseReturnValue:
    meeting = latest_meeting(meeting_id, ".page")
    if not isinstance(meeting, Meeting):
        return meeting
    arising = matters_arising(meeting)
    form = NextMeetingForm(data={"agenda": arising.agenda})
    return render_template("meetings/arising.html", arising=arising, meeting=meeting, form=form, today=date.today(),
                           start_action=START_WITH_AGENDA, agenda_limit=AGENDA_LIMIT, state_text=state_text,
                           owed_by_us=OWED_BY_US)


@bp.route("/<int:meeting_id>/matters-arising.docx")
def word(meeting_id: int) -> ResponseReturnValue:
    meeting = latest_meeting(meeting_id, ".word")
    if not isinstance(meeting, Meeting):
        return meeting
    arising = matters_arising(meeting)
    stem = f"{meeting.partnership.slug}_matters-arising_{arising.next_name.replace(' ', '-').lower()}"
    return download(ExportFile(arising_docx(arising, date.today()), MIME_TYPE, f"{stem}.docx"))
