"""What the API reads of a token: whose it is and what it may do, expiry, deactivation, and its last use."""

import hashlib
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from app.api_tokens.access import note_use, token_access
from app.api_tokens.services import create_token, revoke_token
from app.auth.limits import token_limit_key
from app.extensions import db
from app.models import ApiToken, Role, TokenScope
from app.models.base import in_utc
from app.users.services import set_user_active

NOON = datetime(2027, 3, 27, 12, 0, tzinfo=UTC)


@pytest.fixture
def officer(make):
    return make.user(role="editor", email="officer@asean.example", name="Desk Officer")


@pytest.fixture
def clock(monkeypatch):
    """A fixed clock, moved on by hand: ``clock.now = ...``; read by the expiry check and by ``note_use``."""
    class Clock:
        now = NOON

    fixed = Clock()
    monkeypatch.setattr("app.api_tokens.services.utcnow", lambda: fixed.now)
    monkeypatch.setattr("app.api_tokens.access.utcnow", lambda: fixed.now)
    return fixed


def made(user, name="Ministry portal", scope="read", expires=None) -> str:
    token = create_token(user, name, scope, expires)
    db.session.commit()
    return token


def last_used(token_id: int) -> datetime | None:
    value = db.session.scalar(sa.select(ApiToken.last_used_at).where(ApiToken.id == token_id))
    return in_utc(value) if value else None


def test_a_live_token_gives_its_user_and_scope(officer):
    token = made(officer, scope="read_write")
    access = token_access(token)
    [stored] = db.session.scalars(sa.select(ApiToken)).all()
    assert (access.user.id, access.scope, access.token_id, access.last_used_at) == (
        officer.id, TokenScope.READ_WRITE, stored.id, None)
    assert token.startswith("pct_") and len(token) == 47  # the prefix and 32 random bytes in URL-safe base64
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()


def test_an_unknown_revoked_unprefixed_or_overlong_token_gives_nothing(officer):
    token = made(officer)
    assert token_access("pct_" + "a" * 43) is None
    assert token_access(token[4:]) is None  # the same random part without the prefix
    assert token_access(token + "a" * 30) is None
    [stored] = db.session.scalars(sa.select(ApiToken)).all()
    assert revoke_token(officer, stored.id) is stored
    db.session.commit()
    assert token_access(token) is None
    assert revoke_token(officer, stored.id) is None  # nothing left to revoke


def test_a_token_works_through_its_expiry_date_and_not_after(officer, clock):
    token = made(officer, expires=date(2027, 3, 28))
    assert token_access(token) is not None
    clock.now = datetime(2027, 3, 28, 23, 59, 59, tzinfo=UTC)
    assert token_access(token) is not None
    clock.now = datetime(2027, 3, 29, 0, 0, tzinfo=UTC)
    assert token_access(token) is None


def test_a_deactivated_users_tokens_stop_and_come_back_with_the_account(officer):
    token = made(officer)
    set_user_active(officer, False)
    db.session.commit()
    assert token_access(token) is None
    set_user_active(officer, True)
    db.session.commit()
    assert token_access(token).user.id == officer.id


def test_the_last_use_is_written_at_most_once_a_minute(officer, clock):
    token = made(officer)
    first = token_access(token)
    note_use(first)
    assert last_used(first.token_id) == NOON
    clock.now = datetime(2027, 3, 27, 12, 0, 59, tzinfo=UTC)
    note_use(token_access(token))
    # Another server that read the token before the first use was written: the statement itself holds back.
    note_use(first)
    assert last_used(first.token_id) == NOON
    clock.now = datetime(2027, 3, 27, 12, 1, 0, tzinfo=UTC)
    note_use(token_access(token))
    assert last_used(first.token_id) == datetime(2027, 3, 27, 12, 1, 0, tzinfo=UTC)


def test_a_use_within_the_minute_sends_no_statement_at_all(officer, clock, count_queries):
    token = made(officer)
    note_use(token_access(token))
    clock.now = datetime(2027, 3, 27, 12, 0, 30, tzinfo=UTC)
    access = token_access(token)
    with count_queries() as statements:
        note_use(access)
    assert statements == []


def test_the_last_use_is_written_from_a_request_that_only_reads(app, officer, clock):
    token = made(officer)
    with app.test_request_context("/api/v1/partnerships", method="GET"):
        note_use(token_access(token))
    assert last_used(token_access(token).token_id) == NOON


def test_writing_needs_a_read_and_write_token_and_a_role_that_writes(officer):
    reader, writer = made(officer, "Dashboard"), made(officer, "Portal", "read_write")
    assert [token_access(reader).allows(role) for role in Role] == [True, False, False]
    assert [token_access(writer).allows(role) for role in Role] == [True, True, False]
    officer.role = Role.VIEWER  # an editor made a viewer: the token writes nothing more
    db.session.commit()
    assert [token_access(writer).allows(role) for role in Role] == [True, False, False]


def test_each_token_is_rate_limited_on_its_own_and_no_token_by_address(app):
    token = "pct_" + "b" * 43
    with app.test_request_context(headers={"Authorization": f"Bearer {token}"},
                                  environ_base={"REMOTE_ADDR": "10.0.0.7"}):
        assert token_limit_key() == "api-token:" + hashlib.sha256(token.encode()).hexdigest()
    with app.test_request_context(environ_base={"REMOTE_ADDR": "10.0.0.7"}):
        assert token_limit_key() == "address:10.0.0.7"
    assert app.config["API_LIMITS_PER_TOKEN"] == "600 per minute;10000 per hour"


def test_a_live_name_is_unique_per_user_ignoring_case_in_the_schema_and_free_again_once_revoked(officer, make):
    made(officer, "Ministry portal")
    db.session.add(ApiToken(user_id=officer.id, name="MINISTRY PORTAL", scope="read", token_hash="0" * 64))
    with pytest.raises(sa.exc.IntegrityError):
        db.session.commit()
    db.session.rollback()
    colleague = make.user(role="editor", email="colleague@asean.example", name="Colleague")
    made(colleague, "Ministry portal")  # another user's names are theirs
    [mine] = db.session.scalars(sa.select(ApiToken).where(ApiToken.user_id == officer.id)).all()
    revoke_token(officer, mine.id)
    made(officer, "ministry portal")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ApiToken)) == 3


@pytest.mark.parametrize("name, token_hash", [("  ", "1" * 64), ("Portal", "abc")])
def test_a_blank_name_or_a_hash_that_is_not_sha256_is_refused_by_the_schema(officer, name, token_hash):
    db.session.add(ApiToken(user_id=officer.id, name=name, scope="read", token_hash=token_hash))
    with pytest.raises(sa.exc.IntegrityError):
        db.session.commit()
    db.session.rollback()
