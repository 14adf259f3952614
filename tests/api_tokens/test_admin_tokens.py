"""The administrators' list of every API token in use, with revoke, reached from the users pages."""

import re

import sqlalchemy as sa

from app.api_tokens.access import token_access
from app.api_tokens.services import create_token
from app.extensions import db
from app.models import ApiToken, AuditAction, AuditEntry

LIST = "/admin/api-tokens"


def test_the_users_pages_lead_to_every_token_in_use_and_revoked_ones_are_left_out(as_role, make):
    officer = make.user(role="editor", email="officer@asean.example", name="Desk Officer")
    viewer = make.user(role="viewer", email="reader@asean.example", name="Bambang Reader")
    create_token(officer, "Ministry portal", "read_write")
    create_token(viewer, "Dashboard", "read")
    create_token(officer, "Old script", "read")
    db.session.commit()
    old = db.session.scalar(sa.select(ApiToken).where(ApiToken.name == "Old script"))
    old.archive()
    db.session.commit()
    admin = as_role("admin")
    assert f'href="{LIST}">API tokens in use</a>' in admin.get("/users/").get_data(as_text=True)
    assert f'href="{LIST}">list of API tokens in use</a>' in admin.get(f"/users/{officer.id}/edit").get_data(
        as_text=True)
    page = admin.get(LIST).get_data(as_text=True)
    assert "2 tokens in use, newest first" in page and "Old script" not in page
    rows = [row.split("</tr>")[0] for row in page.split("<tbody>")[1].split("<tr>")[1:]]
    assert [re.search(r'/edit">([^<]+)</a></td>\s*<th scope="row">([^<]+)</th>', row).groups() for row in rows] == [
        ("Bambang Reader", "Dashboard"), ("Desk Officer", "Ministry portal")]
    assert "<td>Read only</td>" in rows[0] and "<td>Read and write</td>" in rows[1]
    assert all("<td>Never</td>" in row and "<td>Never used</td>" in row for row in rows)


def test_an_administrator_revokes_someone_elses_token_after_a_confirmation(as_role, make):
    officer = make.user(role="editor", email="officer@asean.example", name="Desk Officer")
    token = create_token(officer, "Ministry portal", "read")
    db.session.commit()
    stored = db.session.scalar(sa.select(ApiToken))
    admin = as_role("admin")
    confirm = admin.get(f"{LIST}/{stored.id}/revoke").get_data(as_text=True)
    assert '<h1 class="mt-2">Revoke the API token Ministry portal of Desk Officer?</h1>' in confirm
    page = admin.submit(f"{LIST}/{stored.id}/revoke").get_data(as_text=True)
    assert "API token revoked: Ministry portal of Desk Officer. Programs using it are refused from now on" in page
    assert "No tokens are in use." in page
    assert token_access(token) is None
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == AuditAction.ARCHIVE))
    assert (entry.record_type, entry.record_label, entry.user_id) == (
        "api_tokens", "Ministry portal of Desk Officer", admin.user.id)
    assert admin.get(f"{LIST}/{stored.id}/revoke").headers["Location"] == LIST
    assert admin.get(f"{LIST}/999999/revoke").status_code == 404


def test_the_audit_log_links_a_tokens_entries_to_its_user(as_role, make):
    officer = make.user(role="editor", email="officer@asean.example", name="Desk Officer")
    create_token(officer, "Ministry portal", "read")
    db.session.commit()
    page = as_role("admin").get("/admin/audit").get_data(as_text=True)
    assert "Ministry portal of Desk Officer" in page and f'href="/users/{officer.id}/edit"' in page


def test_only_administrators_see_the_list(as_role):
    assert as_role("editor").get(LIST).status_code == 403
