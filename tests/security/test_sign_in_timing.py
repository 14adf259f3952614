"""Signing in with an address that has no account costs the same work as a wrong password for one that has: the
time of the answer does not tell which addresses have accounts."""

import statistics
import time

import pytest
from werkzeug import security

import app.auth.services
import app.models.user
from tests.conftest import FormFiller
from tests.security.test_sign_in_limits import attempt, server

#: No limit gets in the way of the tries below.
UNLIMITED = {name: "1000 per minute" for name in (
    "SIGN_IN_LIMITS_PER_ACCOUNT_AND_ADDRESS", "SIGN_IN_LIMITS_PER_ACCOUNT", "SIGN_IN_LIMITS_PER_ADDRESS")}


@pytest.fixture
def checked_hashes(monkeypatch):
    """The method of every password hash checked, wherever it is checked."""
    methods = []

    def counting(pwhash, password):
        methods.append(pwhash.split("$", 1)[0])
        return security.check_password_hash(pwhash, password)

    monkeypatch.setattr(app.auth.services, "check_password_hash", counting)
    monkeypatch.setattr(app.models.user, "check_password_hash", counting)
    return methods


@pytest.mark.parametrize("who", ["unknown address", "wrong password", "deactivated account"])
def test_every_failed_sign_in_checks_one_hash_of_the_configured_kind(visitor, make, checked_hashes, who):
    make.user(email="officer@asean.example", is_active=(who != "deactivated account"))
    password = "correct horse battery" if who == "deactivated account" else "not the password"
    email = "nobody@asean.example" if who == "unknown address" else "officer@asean.example"
    assert attempt(visitor, email, password).status_code == 200
    assert checked_hashes == ["pbkdf2:sha256:1000"]  # TestingConfig's method, as the users' own hashes


def test_known_and_unknown_addresses_take_the_same_time_with_production_hashing(app, make):
    """Production's scrypt takes about a tenth of a second a check: without the stand-in check an unknown address
    answered some twenty times sooner. Tries alternate, so a slower stretch of the machine falls on both."""
    with server(app, PASSWORD_HASH_METHOD="scrypt", **UNLIMITED) as scrypt_app:
        with scrypt_app.app_context():
            make.user(email="officer@asean.example")  # hashed with scrypt, as in production
        visitor = FormFiller(scrypt_app.test_client())
        timings = {"officer@asean.example": [], "nobody@asean.example": []}
        for _ in range(9):
            for email, taken in timings.items():
                started = time.perf_counter()
                assert attempt(visitor, email).status_code == 200
                taken.append(time.perf_counter() - started)
        known, unknown = (statistics.median(taken) for taken in timings.values())
        assert 0.6 < unknown / known < 1.6, (known, unknown)
