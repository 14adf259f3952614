"""A meeting of ASEAN–Pakistan, a follow-up and an activity from it, and a status update of its trade area: the
records files are attached to; and a desk officer who attaches them through the record's own form."""

import io
from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Activity, Attachment, FollowUpAction, Meeting, StatusUpdate
from tests.conftest import FormFiller, csrf_token


@dataclass
class Records:
    meeting: Meeting
    follow_up: FollowUpAction
    activity: Activity
    status_update: StatusUpdate


@pytest.fixture
def records(make) -> Records:
    partnership = make.partnership()
    plan = make.plan(partnership)
    area = make.area(plan, make.pillar(plan))
    line = make.action_line(area, code="2.1.1")
    meeting = make.meeting(partnership, title="Courtesy call on the Secretary-General")
    author = make.user(role="editor", email="author@asean.example", name="Status Author")
    return Records(
        meeting=meeting,
        follow_up=make.follow_up(partnership, meeting=meeting),
        activity=make.activity(partnership, plan, [line]),
        status_update=make.status_update(author, area=area, status="on_track", note="Talks resumed"),
    )


#: Each record's page (where the form is) and the address the form posts to.
PAGES = {
    "meeting": ("/meetings/{id}", "/meetings/{id}/attachments"),
    "follow_up": ("/follow-ups/{id}", "/follow-ups/{id}/attachments"),
    "activity": ("/activities/{id}", "/activities/{id}/attachments"),
    "status_update": ("/status-updates/{id}", "/status-updates/{id}/attachments"),
}


def attach(visitor: FormFiller, record, files: list[tuple[bytes, str]], description: str = "", kind="meeting",
           follow=True):
    """Choose ``files`` (content, name) on the record's page and press "Attach files", as a browser sends it."""
    page, action = (address.format(id=record.id) for address in PAGES[kind])
    token = csrf_token(visitor.get(page).get_data(as_text=True))
    data = {"csrf_token": token, "description": description,
            "files": [(io.BytesIO(content), name) for content, name in files]}
    return visitor.client.post(action, data=data, content_type="multipart/form-data", follow_redirects=follow)


def stored() -> list[tuple[str, str, int, str]]:
    """(file name, media type, size, description) of every attachment, in the order they were kept."""
    db.session.expire_all()
    return [tuple(row) for row in db.session.execute(
        sa.select(Attachment.file_name, Attachment.media_type, Attachment.size, Attachment.description)
        .order_by(Attachment.id))]
