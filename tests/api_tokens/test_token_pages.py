"""Each officer's API tokens on their own account page: made and shown once, stored hashed, listed, revoked, logged."""

import re
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from app.api_tokens.access import note_use, token_access
from app.extensions import db
from app.models import ApiToken, AuditAction, AuditEntry
from tests.conftest import FormFiller, csrf_token

PAGE = "/account/api-tokens"
SHOWN = re.compile(r'<code id="new-token" aria-labelledby="new-token-label">(pct_[A-Za-z0-9_-]+)</code>')
FORM_TOKEN = re.compile(r'name="form_token" value="([^"]+)"')
PORTAL = {"name": "Ministry portal", "scope": "read"}


def make_token(visitor, **answers) -> str:
    page = visitor.submit(PAGE, answers or PORTAL).get_data(as_text=True)
    match = SHOWN.search(page)
    assert match, "the page shows no new token"
    db.session.expire_all()
    return match.group(1)


def tokens_of(user) -> list[ApiToken]:
    return list(db.session.scalars(sa.select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id)))


def token_log() -> list[tuple[AuditAction, str, dict, int | None]]:
    entries = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.record_type == "api_tokens")
                                 .order_by(AuditEntry.id))
    return [(e.action, e.record_label, e.changes, e.user_id) for e in entries]


def everything_stored() -> str:
    """Every row of every table, as text."""
    return "\n".join(str(row) for table in db.metadata.sorted_tables for row in db.session.execute(sa.select(table)))


def test_the_account_page_leads_to_the_tokens_and_an_officer_without_one_sees_the_form(signed_in):
    account = signed_in.get("/account").get_data(as_text=True)
    assert f'href="{PAGE}">Manage your API tokens</a>' in account
    page = signed_in.get(PAGE).get_data(as_text=True)
    assert '<h1 class="mt-2 mb-3">API tokens</h1>' in page and "You have no tokens in use." in page
    assert '<label class="form-check-label" for="scope-0">Read only</label>' in page
    assert '<label class="form-check-label" for="scope-1">Read and write</label>' in page
    assert 'id="scope-1-hint" class="form-text mt-0">The program can also add and change what you can' in page
    assert "Viewers can only have read-only tokens" not in page
    assert 'name="expires_on-day"' in page and "Make token</button>" in page


def test_a_token_is_shown_once_in_the_answer_stored_only_hashed_and_logged_without_its_value(app, signed_in):
    response = signed_in.submit(PAGE, {**PORTAL, "expires_on-day": "27", "expires_on-month": "3",
                                       "expires_on-year": "2099"}, follow=False)
    assert response.status_code == 200  # the token is in this answer, not carried to another page
    page = response.get_data(as_text=True)
    token = SHOWN.search(page).group(1)
    assert "API token made: Ministry portal" in page and "it will not be shown again" in page
    assert 'data-copy="new-token"' in page
    assert response.headers["Cache-Control"] == "no-store"
    cookie = signed_in.client.get_cookie("session")
    assert token not in str(app.session_interface.get_signing_serializer(app).loads(cookie.value))
    db.session.expire_all()
    assert token not in everything_stored() and token[4:] not in everything_stored()
    [stored] = tokens_of(signed_in.user)
    assert (stored.name, stored.scope.value, stored.expires_on.isoformat()) == ("Ministry portal", "read", "2099-03-27")
    assert token_access(token).token_id == stored.id
    assert token_log() == [(AuditAction.CREATE, "Ministry portal of Desk Officer", {
        "user": [None, "Desk Officer"], "name": [None, "Ministry portal"], "scope": [None, "read"],
        "token": [None, "set"], "expires_on": [None, "2099-03-27"]}, signed_in.user.id)]
    again = signed_in.get(PAGE).get_data(as_text=True)
    assert token not in again
    row = again.split('<th scope="row">Ministry portal</th>')[1].split("</tr>")[0]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    assert cells[0] == "Read only" and cells[2] == "27 March 2099" and cells[3] == "Never used"
    assert f'href="{PAGE}/{stored.id}/revoke">Revoke<span class="visually-hidden"> Ministry portal</span>' in row


def test_the_same_form_posted_twice_makes_one_token_and_shows_it_once(signed_in):
    form_page = signed_in.get(PAGE).get_data(as_text=True)
    posted = {**PORTAL, "csrf_token": csrf_token(form_page), "form_token": FORM_TOKEN.search(form_page).group(1)}
    first = signed_in.client.post(PAGE, data=posted)
    assert first.status_code == 200 and SHOWN.search(first.get_data(as_text=True))
    second = signed_in.client.post(PAGE, data=posted)
    assert (second.status_code, second.headers["Location"]) == (302, PAGE)
    assert "This form was already saved" in signed_in.get(PAGE).get_data(as_text=True)
    assert len(tokens_of(signed_in.user)) == 1


@pytest.mark.parametrize("answers, errors, kept", [
    ({"name": " ", "expires_on-day": "31", "expires_on-month": "2", "expires_on-year": "2099"},
     [("#name", "Enter a name for the token"), ("#scope-0", "Select what the token can do"),
      ("#expires_on-day", "Expiry date must be a real date")],
     [r'name="expires_on-day" type="text" inputmode="numeric"\s+value="31"']),
    ({"name": "P" * 101, "scope": "read"}, [("#name", "Name must be 100 characters or less")],
     ['value="' + "P" * 101 + '"', r'id="scope-0" value="read"\s+aria-describedby="scope-0-hint"\s+checked']),
    ({"name": "Dashboard", "scope": "read",
      "expires_on-day": "1", "expires_on-month": "jan", "expires_on-year": "2020"},
     [("#expires_on-day", "Expiry date must be today or in the future")], ['value="Dashboard"', 'value="jan"']),
    ({"name": "Dashboard", "scope": "everything"}, [("#scope-0", "Select what the token can do from the list")],
     ['value="Dashboard"']),
])
def test_a_refused_form_says_why_beside_each_field_keeps_what_was_typed_and_saves_nothing(signed_in, answers,
                                                                                          errors, kept):
    response = signed_in.submit(PAGE, answers)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "<title>Error: API tokens" in page
    for anchor, message in errors:
        assert f'<a class="alert-link" href="{anchor}">{message}</a>' in page
        assert f'<span class="visually-hidden">Error:</span> {message}</p>' in page
    for typed in kept:
        assert re.search(typed, page), typed
    assert tokens_of(signed_in.user) == [] and token_log() == []


def test_a_second_live_token_of_the_same_name_is_refused_whatever_the_case(signed_in):
    make_token(signed_in)
    page = signed_in.submit(PAGE, {"name": "ministry  PORTAL", "scope": "read"}).get_data(as_text=True)
    message = "You already have a token called ministry PORTAL – enter a different name"
    assert f'<a class="alert-link" href="#name">{message}</a>' in page
    assert 'value="ministry  PORTAL"' in page
    assert len(tokens_of(signed_in.user)) == 1


def test_a_viewer_may_make_read_only_tokens_and_is_told_why_not_read_and_write(as_role):
    viewer = as_role("viewer")
    page = viewer.get(PAGE).get_data(as_text=True)
    assert 'id="scope-hint" class="form-text mt-0 mb-2">Viewers can only have read-only tokens</div>' in page
    refused = viewer.submit(PAGE, {"name": "Dashboard", "scope": "read_write"}).get_data(as_text=True)
    message = "Viewers can only have read-only tokens – select Read only"
    assert f'<a class="alert-link" href="#scope-0">{message}</a>' in refused and 'value="Dashboard"' in refused
    assert tokens_of(viewer.user) == []
    make_token(viewer, name="Dashboard", scope="read")
    assert [(t.name, t.scope.value) for t in tokens_of(viewer.user)] == [("Dashboard", "read")]


def test_revoking_asks_first_then_the_token_is_refused_and_leaves_the_list(signed_in):
    token = make_token(signed_in)
    [stored] = tokens_of(signed_in.user)
    confirm = signed_in.get(f"{PAGE}/{stored.id}/revoke").get_data(as_text=True)
    assert '<h1 class="mt-2">Revoke the API token Ministry portal?</h1>' in confirm
    page = signed_in.submit(f"{PAGE}/{stored.id}/revoke").get_data(as_text=True)
    assert "API token revoked: Ministry portal. Programs using it are refused from now on" in page
    assert "You have no tokens in use." in page
    assert token_access(token) is None
    named = "Ministry portal of Desk Officer"
    assert [(action, label) for action, label, *_ in token_log()] == [
        (AuditAction.CREATE, named), (AuditAction.ARCHIVE, named)]
    # Revoked already (a second click): back to the list.
    assert signed_in.get(f"{PAGE}/{stored.id}/revoke").headers["Location"] == PAGE


def test_an_officer_cannot_revoke_someone_elses_token_from_their_own_page(signed_in, make, app):
    colleague = make.user(role="editor", email="colleague@asean.example", name="Colleague")
    other = FormFiller(app.test_client())
    other.sign_in(colleague)
    token = make_token(other)
    [theirs] = tokens_of(colleague)
    assert signed_in.get(f"{PAGE}/{theirs.id}/revoke").headers["Location"] == PAGE
    response = signed_in.client.post(f"{PAGE}/{theirs.id}/revoke",
                                     data={"csrf_token": csrf_token(signed_in.get(PAGE).get_data(as_text=True))})
    assert response.headers["Location"] == PAGE
    assert token_access(token) is not None


def test_a_tokens_history_is_for_administrators_only(signed_in):
    make_token(signed_in)
    [stored] = tokens_of(signed_in.user)
    assert signed_in.get(f"/history?type=api_tokens&id={stored.id}").status_code == 403


def test_the_list_shows_when_each_token_was_last_used(signed_in, monkeypatch):
    token = make_token(signed_in)
    monkeypatch.setattr("app.api_tokens.access.utcnow", lambda: datetime(2026, 11, 30, 9, 5, tzinfo=UTC))
    note_use(token_access(token))
    row = signed_in.get(PAGE).get_data(as_text=True).split('<th scope="row">Ministry portal</th>')[1]
    assert re.findall(r"<td[^>]*>(.*?)</td>", row.split("</tr>")[0], re.S)[3] == "30 November 2026 09:05"
