"""Failed sign-ins are limited per account and address, per account, and per address; a browser that signed in to
the account before is counted apart, so guessing elsewhere cannot keep the owner out; several app servers share the
counts through Redis."""

import os
import time
import uuid
from contextlib import contextmanager

import pytest

from app import create_app
from app.extensions import db
from tests import factories
from tests.conftest import IN_CI, FormFiller

WRONG = "Enter a correct email address and password"
TOO_MANY = "Too many sign-in attempts"
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
OWNER = "203.0.113.5"
GUESSER = "198.51.100.7"


@pytest.fixture
def officer(make):
    return make.user(role="editor", email="officer@asean.example", name="Desk Officer")


@contextmanager
def server(app, **settings):
    """Another app server on the same database, with its own sign-in settings (and, by default, its own counts)."""
    other = create_app("testing", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"], **settings)
    try:
        yield other
    finally:
        with other.app_context():
            db.engine.dispose()


def attempt(visitor, email, password="not the password", address="127.0.0.1"):
    visitor.client.environ_base["REMOTE_ADDR"] = address
    return visitor.submit("/sign-in", {"email": email, "password": password}, follow=False)


def refused(response, wait="Wait 15 minutes and try again.") -> bool:
    page = response.get_data(as_text=True)
    return response.status_code == 429 and TOO_MANY in page and wait in page


def signed_in(response) -> bool:
    return response.status_code == 302 and response.headers["Location"] == "/"


def test_five_failures_from_one_address_lock_the_account_there_even_with_the_right_password(visitor, officer):
    for _ in range(5):
        response = attempt(visitor, officer.email, address=GUESSER)
        assert response.status_code == 200 and WRONG in response.get_data(as_text=True)
    response = attempt(visitor, officer.email, factories.PASSWORD, address=GUESSER)
    assert refused(response)
    # The five failures are all within the last second: the first leaves the 15-minute window in 899-900 s.
    assert 899 <= int(response.headers["Retry-After"]) <= 900
    page = response.get_data(as_text=True)
    assert f"<title>{TOO_MANY} – Partnership tracker</title>" in page  # in the app's frame
    assert '<h1 class="mt-3">Too many sign-in attempts</h1>' in page
    assert visitor.get("/").status_code == 302  # not signed in


def test_a_guesser_elsewhere_does_not_lock_the_owner_out(app, visitor, officer):
    for _ in range(5):
        attempt(visitor, officer.email, address=GUESSER)
    assert refused(attempt(visitor, officer.email, address=GUESSER))
    owner = FormFiller(app.test_client())
    assert signed_in(attempt(owner, " Officer@ASEAN.example ", factories.PASSWORD, address=OWNER))


def test_a_browser_that_signed_in_before_is_counted_apart_from_its_address(app, visitor, officer):
    """The guesser sits behind the owner's office address: the owner's own browser still gets in."""
    owner = FormFiller(app.test_client())
    assert signed_in(attempt(owner, officer.email, factories.PASSWORD, address=OWNER))
    owner.submit("/sign-out", {})
    for _ in range(5):
        attempt(visitor, officer.email, address=OWNER)
    assert refused(attempt(visitor, officer.email, factories.PASSWORD, address=OWNER))
    assert signed_in(attempt(owner, officer.email, factories.PASSWORD, address=OWNER))


def test_a_device_cookie_of_another_account_or_forged_counts_for_nothing(app, make, visitor, officer):
    colleague = make.user(role="viewer", email="colleague@asean.example")
    assert signed_in(attempt(visitor, colleague.email, factories.PASSWORD, address=GUESSER))
    visitor.submit("/sign-out", {})
    for _ in range(5):
        attempt(visitor, officer.email, address=GUESSER)
    assert refused(attempt(visitor, officer.email, factories.PASSWORD, address=GUESSER))
    visitor.client.set_cookie("sign-in-device", "forged.value.here")
    assert refused(attempt(visitor, officer.email, factories.PASSWORD, address=GUESSER))


def test_the_wait_grows_with_the_failures(app, officer):
    with server(app, SIGN_IN_LIMITS_PER_ACCOUNT_AND_ADDRESS="2 per 2 seconds;3 per hour") as quick:
        guesser = FormFiller(quick.test_client())
        for _ in range(2):
            assert attempt(guesser, officer.email, address=GUESSER).status_code == 200
        assert refused(attempt(guesser, officer.email, address=GUESSER), "Wait 1 minute and try again.")
        time.sleep(2.1)
        assert attempt(guesser, officer.email, address=GUESSER).status_code == 200
        response = attempt(guesser, officer.email, factories.PASSWORD, address=GUESSER)
        assert refused(response, "Wait 60 minutes and try again.")
        assert 3590 <= int(response.headers["Retry-After"]) <= 3600


def test_many_addresses_together_are_bounded_per_account_but_not_the_owners_browser(app, officer):
    settings = {"SIGN_IN_LIMITS_PER_ACCOUNT_AND_ADDRESS": "3 per 15 minutes",
                "SIGN_IN_LIMITS_PER_ACCOUNT": "6 per hour"}
    with server(app, **settings) as bounded:
        owner = FormFiller(bounded.test_client())
        assert signed_in(attempt(owner, officer.email, factories.PASSWORD, address=OWNER))
        owner.submit("/sign-out", {})
        guesser = FormFiller(bounded.test_client())
        for address in ("192.0.2.1", "192.0.2.2"):
            for _ in range(3):
                assert attempt(guesser, officer.email, address=address).status_code == 200
        # A seventh guess, from an address not yet used, is refused: the account has had its 6 this hour.
        assert refused(attempt(guesser, officer.email, address="192.0.2.3"), "Wait 60 minutes and try again.")
        assert signed_in(attempt(owner, officer.email, factories.PASSWORD, address="192.0.2.3"))


def test_an_unknown_address_is_counted_like_a_wrong_password(visitor):
    for _ in range(5):
        page = attempt(visitor, "nobody@asean.example").get_data(as_text=True)
        assert page.count(WRONG) == 2
    assert refused(attempt(visitor, "nobody@asean.example"))


def test_other_accounts_are_not_locked_by_one_accounts_failures(visitor, make, officer):
    colleague = make.user(role="viewer", email="colleague@asean.example")
    for _ in range(5):
        attempt(visitor, officer.email)
    assert signed_in(attempt(visitor, colleague.email, factories.PASSWORD))


def test_thirty_failures_from_one_address_lock_that_address(visitor, make):
    member = make.user(role="viewer", email="member@asean.example")
    for n in range(30):
        assert attempt(visitor, f"guess{n}@asean.example", address="203.0.113.9").status_code == 200
    assert refused(attempt(visitor, member.email, factories.PASSWORD, address="203.0.113.9"))
    assert signed_in(attempt(visitor, member.email, factories.PASSWORD, address="203.0.113.10"))


def test_successful_and_incomplete_sign_ins_are_not_counted(visitor, officer):
    for _ in range(6):
        assert attempt(visitor, "", "").status_code == 200  # nothing checked: "Enter your email address"
    for _ in range(6):
        assert signed_in(attempt(visitor, officer.email, factories.PASSWORD))
    assert attempt(visitor, officer.email).status_code == 200


def test_behind_a_proxy_the_visitors_address_is_counted(app, officer):
    """With TRUSTED_PROXIES=1 the address is the one the proxy forwards, so each visitor has their own count."""
    with server(app, TRUSTED_PROXIES=1, SIGN_IN_LIMITS_PER_ADDRESS="3 per 15 minutes") as proxied:
        visitor = FormFiller(proxied.test_client())

        def attempt_from(forwarded_for, email):
            visitor.client.environ_base["HTTP_X_FORWARDED_FOR"] = forwarded_for
            return visitor.submit("/sign-in", {"email": email, "password": "wrong"}, follow=False)

        for n in range(3):
            assert attempt_from("192.0.2.1", f"guess{n}@asean.example").status_code == 200
        assert attempt_from("192.0.2.1", "guess9@asean.example").status_code == 429
        assert attempt_from("192.0.2.2", "guess9@asean.example").status_code == 200


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
    settings = {"RATELIMIT_STORAGE_URI": redis_url, "RATELIMIT_KEY_PREFIX": prefix}
    try:
        with server(app, **settings) as one, server(app, **settings) as two:
            first, second = FormFiller(one.test_client()), FormFiller(two.test_client())
            for _ in range(3):
                assert attempt(first, officer.email, address=GUESSER).status_code == 200
            for _ in range(2):
                assert attempt(second, officer.email, address=GUESSER).status_code == 200
            assert refused(attempt(first, officer.email, factories.PASSWORD, address=GUESSER))
            assert refused(attempt(second, officer.email, factories.PASSWORD, address=GUESSER))
            # The counts live in Redis, under this prefix, with no email address in the keys.
            keys = [key.decode() for key in redis.Redis.from_url(redis_url).scan_iter(f"*{prefix}*")]
            assert keys and not any("officer" in key for key in keys)
    finally:
        store = redis.Redis.from_url(redis_url)
        for key in store.scan_iter(f"*{prefix}*"):
            store.delete(key)


def test_without_shared_storage_each_server_counts_alone(app, officer):
    """Why production with several workers needs Redis: in-process counts are not shared."""
    with server(app) as one, server(app) as two:
        first, second = FormFiller(one.test_client()), FormFiller(two.test_client())
        for _ in range(5):
            attempt(first, officer.email)
        assert refused(attempt(first, officer.email, factories.PASSWORD))
        assert signed_in(attempt(second, officer.email, factories.PASSWORD))
