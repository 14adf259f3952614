"""Failed sign-ins are limited per account and per address; several app servers share the counts through Redis."""

import os
import uuid

import pytest

from app import create_app
from app.extensions import db
from tests import factories
from tests.conftest import IN_CI, FormFiller

WRONG = "Enter a correct email address and password"
TOO_MANY = "Too many sign-in attempts"
WAIT = "Wait 15 minutes and try again."
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def officer(make):
    return make.user(role="editor", email="officer@asean.example", name="Desk Officer")


def attempt(visitor, email, password="not the password", address="127.0.0.1"):
    visitor.client.environ_base["REMOTE_ADDR"] = address
    return visitor.submit("/sign-in", {"email": email, "password": password}, follow=False)


def refused(response) -> bool:
    page = response.get_data(as_text=True)
    return response.status_code == 429 and TOO_MANY in page and WAIT in page


def test_five_failures_lock_the_account_for_everyone_even_with_the_right_password(visitor, app, officer):
    for _ in range(5):
        response = attempt(visitor, officer.email)
        assert response.status_code == 200 and WRONG in response.get_data(as_text=True)
    response = attempt(visitor, officer.email, factories.PASSWORD)
    assert refused(response)
    assert response.headers["Retry-After"] == "900"
    # From another address too: the count is the account's.
    elsewhere = FormFiller(app.test_client())
    assert refused(attempt(elsewhere, " Officer@ASEAN.example ", factories.PASSWORD, address="198.51.100.7"))
    assert visitor.get("/").status_code == 302  # not signed in


def test_the_locked_page_is_in_the_apps_frame(visitor, officer):
    for _ in range(5):
        attempt(visitor, officer.email)
    response = attempt(visitor, officer.email)
    page = response.get_data(as_text=True)
    assert refused(response)
    assert f"<title>{TOO_MANY} – Partnership tracker</title>" in page
    assert '<h1 class="mt-3">Too many sign-in attempts</h1>' in page
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_an_unknown_address_is_counted_like_a_wrong_password(visitor):
    for _ in range(5):
        page = attempt(visitor, "nobody@asean.example").get_data(as_text=True)
        assert page.count(WRONG) == 2
    assert refused(attempt(visitor, "nobody@asean.example"))


def test_other_accounts_are_not_locked_by_one_accounts_failures(visitor, make, officer):
    colleague = make.user(role="viewer", email="colleague@asean.example")
    for _ in range(5):
        attempt(visitor, officer.email)
    response = attempt(visitor, colleague.email, factories.PASSWORD)
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_twenty_failures_from_one_address_lock_that_address(visitor, make):
    member = make.user(role="viewer", email="member@asean.example")
    for n in range(20):
        assert attempt(visitor, f"guess{n}@asean.example", address="203.0.113.9").status_code == 200
    assert refused(attempt(visitor, member.email, factories.PASSWORD, address="203.0.113.9"))
    response = attempt(visitor, member.email, factories.PASSWORD, address="203.0.113.10")
    assert response.status_code == 302


def test_successful_and_incomplete_sign_ins_are_not_counted(visitor, officer):
    for _ in range(6):
        assert attempt(visitor, "", "").status_code == 200  # nothing checked: "Enter your email address"
    for _ in range(6):
        assert attempt(visitor, officer.email, factories.PASSWORD).status_code == 302
    assert attempt(visitor, officer.email).status_code == 200


def test_behind_a_proxy_the_visitors_address_is_counted(app, officer):
    """With TRUSTED_PROXIES=1 the address is the one the proxy forwards, so each visitor has their own count."""
    proxied = create_app("testing", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"], TRUSTED_PROXIES=1,
                         SIGN_IN_ATTEMPTS_PER_ADDRESS=3)
    visitor = FormFiller(proxied.test_client())

    def attempt_from(forwarded_for, email):
        visitor.client.environ_base["HTTP_X_FORWARDED_FOR"] = forwarded_for
        return visitor.submit("/sign-in", {"email": email, "password": "wrong"}, follow=False)

    try:
        for n in range(3):
            assert attempt_from("192.0.2.1", f"guess{n}@asean.example").status_code == 200
        assert attempt_from("192.0.2.1", "guess9@asean.example").status_code == 429
        assert attempt_from("192.0.2.2", "guess9@asean.example").status_code == 200
    finally:
        with proxied.app_context():
            db.engine.dispose()


@pytest.fixture
def redis_url():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError as error:
        message = f"Redis is not answering at {REDIS_URL} (start it, or set TEST_REDIS_URL): {error}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return REDIS_URL


def test_two_app_servers_sharing_redis_see_each_others_failures(app, officer, redis_url):
    import redis

    prefix = f"test-{uuid.uuid4().hex}"
    servers = [
        create_app("testing", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
                   RATELIMIT_STORAGE_URI=redis_url, RATELIMIT_KEY_PREFIX=prefix)
        for _ in range(2)
    ]
    first, second = (FormFiller(server.test_client()) for server in servers)
    try:
        for _ in range(3):
            assert attempt(first, officer.email).status_code == 200
        for _ in range(2):
            assert attempt(second, officer.email).status_code == 200
        assert refused(attempt(first, officer.email, factories.PASSWORD))
        assert refused(attempt(second, officer.email, factories.PASSWORD))
        # The counts live in Redis, under this prefix, with no email address in the keys.
        keys = [key.decode() for key in redis.Redis.from_url(redis_url).scan_iter(f"*{prefix}*")]
        assert keys and not any("officer" in key for key in keys)
    finally:
        store = redis.Redis.from_url(redis_url)
        for key in store.scan_iter(f"*{prefix}*"):
            store.delete(key)
        for server in servers:
            with server.app_context():
                db.engine.dispose()


def test_without_shared_storage_each_server_counts_alone(app, officer):
    """Why production with several workers needs Redis: in-process counts are not shared."""
    servers = [create_app("testing", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"]) for _ in range(2)]
    first, second = (FormFiller(server.test_client()) for server in servers)
    try:
        for _ in range(5):
            attempt(first, officer.email)
        assert refused(attempt(first, officer.email, factories.PASSWORD))
        assert attempt(second, officer.email, factories.PASSWORD).status_code == 302
    finally:
        for server in servers:
            with server.app_context():
                db.engine.dispose()
