"""Downloading an attachment: its headers, who may read it, and archiving and restoring it in the audit log."""

import hashlib

import sqlalchemy as sa

from app.extensions import db
from app.models import Attachment, AuditEntry
from tests.attachments import samples
from tests.attachments.conftest import attach, stored
from tests.conftest import csrf_token


def only_attachment() -> Attachment:
    db.session.expire_all()
    return db.session.scalars(sa.select(Attachment)).one()


def test_a_download_is_the_file_as_uploaded_with_headers_that_keep_it_inert(signed_in, records):
    content = samples.pdf()
    attach(signed_in, records.meeting, [(content, "บันทึก การประชุม.pdf")])
    attachment = only_attachment()

    answer = signed_in.get(f"/attachments/{attachment.id}")

    assert answer.status_code == 200 and answer.data == content
    digest = hashlib.sha256(content).hexdigest()
    assert attachment.sha256 == digest and attachment.size == len(content)
    headers = answer.headers
    assert headers["Content-Type"] == "application/pdf"
    # RFC 6266: an ASCII name for old clients, the name as uploaded in UTF-8 (RFC 5987) for the rest.
    assert headers["Content-Disposition"] == (
        "attachment; filename=\"attachment.pdf\"; "
        "filename*=UTF-8''%E0%B8%9A%E0%B8%B1%E0%B8%99%E0%B8%97%E0%B8%B6%E0%B8%81%20"
        "%E0%B8%81%E0%B8%B2%E0%B8%A3%E0%B8%9B%E0%B8%A3%E0%B8%B0%E0%B8%8A%E0%B8%B8%E0%B8%A1.pdf")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert headers["ETag"] == f'"{digest}"'
    assert "private" in headers["Cache-Control"] and "public" not in headers["Cache-Control"]
    # Asked again with the copy it has: nothing is sent again.
    again = signed_in.client.get(f"/attachments/{attachment.id}", headers={"If-None-Match": f'"{digest}"'})
    assert again.status_code == 304 and again.data == b""


def test_an_ascii_name_is_sent_as_it_is(signed_in, records):
    attach(signed_in, records.meeting, [(samples.MINUTES_TEXT, "minutes 7th JSCC.txt")])
    answer = signed_in.get(f"/attachments/{only_attachment().id}")
    assert answer.headers["Content-Disposition"] == 'attachment; filename="minutes 7th JSCC.txt"'
    assert answer.headers["Content-Type"] == "text/plain; charset=utf-8"


def test_a_viewer_sees_a_restricted_records_files_only_as_restricted_and_cannot_download_them(
        signed_in, records, make, as_role):
    records.meeting.is_restricted = True
    db.session.commit()
    attach(signed_in, records.meeting, [(samples.pdf(), "note-verbale.pdf")], description="From the Mission")
    attachment_id = only_attachment().id
    editor_page = signed_in.get(f"/meetings/{records.meeting.id}").get_data(as_text=True)
    assert "note-verbale.pdf" in editor_page and "From the Mission" in editor_page

    viewer = as_role("viewer")
    page = viewer.get(f"/meetings/{records.meeting.id}").get_data(as_text=True)
    assert "Restricted attachment" in page
    assert "note-verbale.pdf" not in page and "From the Mission" not in page
    assert f"/attachments/{attachment_id}" not in page
    assert viewer.get(f"/attachments/{attachment_id}").status_code == 403
    history = viewer.get(f"/history?type=attachments&id={attachment_id}").get_data(as_text=True)
    assert "note-verbale.pdf" not in history and "From the Mission" not in history


def test_a_viewer_downloads_a_file_of_a_record_that_is_not_restricted(signed_in, records, as_role):
    attach(signed_in, records.follow_up, [(samples.png(), "photo.png")], kind="follow_up")
    attachment_id = only_attachment().id
    viewer = as_role("viewer")
    assert viewer.get(f"/attachments/{attachment_id}").data == samples.png()


def test_someone_signed_out_is_sent_to_sign_in(signed_in, records, client):
    attach(signed_in, records.meeting, [(samples.png(), "photo.png")])
    attachment_id = only_attachment().id
    answer = client.application.test_client().get(f"/attachments/{attachment_id}")
    assert answer.status_code == 302 and answer.headers["Location"].startswith("/sign-in")


def test_an_archived_file_leaves_the_list_and_is_restored_and_both_are_in_the_audit_log(signed_in, records):
    attach(signed_in, records.meeting, [(samples.pdf(), "draft.pdf"), (samples.png(), "photo.png")])
    draft = db.session.scalars(sa.select(Attachment).where(Attachment.file_name == "draft.pdf")).one()
    confirm = f"/attachments/{draft.id}/archive"

    answer = signed_in.submit(confirm, {})
    page = answer.get_data(as_text=True)
    assert "Attachment archived: draft.pdf" in page
    assert "1 file attached to this meeting" in page and "Archived files (1)" in page
    assert only_in_use() == ["photo.png"]

    restore_token = csrf_token(page)
    answer = signed_in.client.post(f"/attachments/{draft.id}/restore", data={"csrf_token": restore_token},
                                   follow_redirects=True)
    assert "Attachment restored: draft.pdf" in answer.get_data(as_text=True)
    assert only_in_use() == ["draft.pdf", "photo.png"]
    assert len(stored()) == 2  # never deleted

    entries = db.session.execute(sa.select(AuditEntry.action, AuditEntry.record_label, AuditEntry.changes)
                                 .where(AuditEntry.record_type == "attachments", AuditEntry.record_id == draft.id)
                                 .order_by(AuditEntry.id)).all()
    assert [(action, label) for action, label, _ in entries] == [
        ("create", "draft.pdf"), ("archive", "draft.pdf"), ("restore", "draft.pdf")]
    created = entries[0][2]
    assert created["file_name"] == [None, "draft.pdf"] and created["size"] == [None, len(samples.pdf())]
    assert created["meeting"][1] == "Courtesy call on the Secretary-General"
    assert "content" not in created  # the bytes are never logged


def only_in_use() -> list[str]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(Attachment.file_name).where(Attachment.archived_at.is_(None))
                                   .order_by(Attachment.file_name)))
