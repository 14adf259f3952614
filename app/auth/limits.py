"""How many wrong passwords sign-in takes, and from whom, before it makes the guesser wait.

Three counts, of failed sign-ins only (a success or a half-filled form costs nothing):

- per account *and* address: the wait grows with the failures (by default 5 in 15 minutes, 10 in an hour, 20 in a
  day), so a person who mistypes waits minutes and a guesser at one address gets 20 tries a day;
- per account, from every address together (100 an hour): bounds guessing from many addresses;
- per address, whatever accounts it tries (30 in 15 minutes, 100 a day): bounds trying one password on many accounts.

A browser that has signed in to the account before carries a signed "device" cookie naming it (after OWASP's
device cookies). Such a browser is counted on its own, apart from the address it comes from, and the account-wide
and address counts do not stop it: an attacker guessing elsewhere, or in the same office behind the same
address, cannot keep the account's owner out of a browser they have used before, and guessing from anywhere else
stays bounded by the account-wide count.
"""

import hashlib
import math
import secrets
import time
from collections.abc import Callable
from typing import Any

from flask import Blueprint, Flask, current_app, g, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext, ngettext
from flask_limiter import Limiter, RateLimitExceeded
from itsdangerous import BadSignature, URLSafeTimedSerializer
from werkzeug.wrappers import Response

from app.api.problems import problem
from app.api_tokens.access import bearer_token
from app.auth.sessions import is_api_request

DEVICE_COOKIE_DAYS = 365


def account_hash(email: str) -> str:
    """The account being signed in to, hashed: limit storage (Redis) never holds an email address."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def submitted_account() -> str:
    return account_hash(request.form.get("email") or "")


def device_cookie_name() -> str:
    # __Host- cookies are refused by browsers unless Secure: only where the session cookie is one too.
    return "__Host-sign-in-device" if current_app.config.get("SESSION_COOKIE_SECURE") else "sign-in-device"


def device_signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="sign-in-device")


def recognised_device() -> str | None:
    """The id of this browser if it signed in before to the account now being tried; None otherwise."""
    if "recognised_device" not in g:
        g.recognised_device = None
        cookie = request.cookies.get(device_cookie_name())
        if cookie:
            try:
                account, device = device_signer().loads(cookie, max_age=DEVICE_COOKIE_DAYS * 24 * 3600)
            except (BadSignature, ValueError, TypeError):
                pass
            else:
                if account == submitted_account():
                    g.recognised_device = device
    known: str | None = g.recognised_device
    return known


def remember_device(response: Response, email: str) -> Response:
    """After a successful sign-in: this browser is now known to the account."""
    value = device_signer().dumps([account_hash(email), secrets.token_hex(16)])
    response.set_cookie(
        device_cookie_name(), value, max_age=DEVICE_COOKIE_DAYS * 24 * 3600, path="/", httponly=True,
        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")), samesite="Lax",
    )
    return response


def address_key() -> str:
    return "address:" + (request.remote_addr or "unknown")


def account_key() -> str:
    return "account:" + submitted_account()


def account_and_address_key() -> str:
    device = recognised_device()
    place = f"device:{device}" if device else address_key()
    return f"account:{submitted_account()}:{place}"


def failed_sign_in(_response: Response) -> bool:
    return bool(g.get("sign_in_failed"))


def limit_sign_in(app: Flask) -> Limiter:
    """Put the three counts on the sign-in form's POST; the limiter, for other views to use.

    A limiter per app (not one module-level instance) so that each app created in a process keeps the storage
    its own settings name. The check runs before the view, the count after it.
    """
    limiter = Limiter(key_func=address_key, app=app)
    limits = [
        (app.config["SIGN_IN_LIMITS_PER_ACCOUNT_AND_ADDRESS"], account_and_address_key, None),
        (app.config["SIGN_IN_LIMITS_PER_ACCOUNT"], account_key, recognised_device),
        (app.config["SIGN_IN_LIMITS_PER_ADDRESS"], address_key, recognised_device),
    ]
    view: Callable[..., Any] = app.view_functions["auth.sign_in"]
    for limit, key, exempt in limits:
        view = limiter.limit(limit, key_func=key, methods=["POST"], deduct_when=failed_sign_in,
                             exempt_when=exempt_if(exempt),
                             error_message=lambda: gettext("Too many sign-in attempts"))(view)
    app.view_functions["auth.sign_in"] = view

    @app.errorhandler(RateLimitExceeded)
    def too_many_attempts(error: RateLimitExceeded) -> ResponseReturnValue:
        seconds = seconds_to_wait(limiter)
        if is_api_request():
            return problem(429, f"Wait {seconds} seconds and send it again.", kind="too-many-requests",
                           headers={"Retry-After": str(seconds)})
        minutes = math.ceil(seconds / 60)
        advice = ngettext("Wait %(num)s minute and try again.", "Wait %(num)s minutes and try again.", minutes)
        page = render_template("errors/error.html", code=429, title=error.description, advice=advice)
        return page, 429, {"Retry-After": str(seconds)}

    return limiter


def feed_key() -> str:
    """The feed being read (its address, hashed: limit storage never holds a token): each of one person's feeds,
    the desk's and each partnership's, is read by their calendar apps on its own."""
    return "calendar:" + hashlib.sha256(request.path.encode()).hexdigest()


def token_limit_key() -> str:
    """The API token of this request (hashed: limit storage never holds a token), for ``API_LIMITS_PER_TOKEN``; the
    network address for a request without one. Made-up tokens each count on their own: the API bounds them by
    address too."""
    token = bearer_token()
    return "api-token:" + hashlib.sha256(token.encode()).hexdigest() if token else address_key()


def limit_feeds(app: Flask, limiter: Limiter, endpoints: tuple[str, ...]) -> None:
    """Bound how often one feed address, and one network address, may read the feeds.

    A calendar app reads each feed it subscribes to now and then; a whole office behind one address reads many.
    """
    limit_views(app, limiter, endpoints, [(app.config["CALENDAR_LIMITS_PER_FEED"], feed_key),
                                          (app.config["CALENDAR_LIMITS_PER_ADDRESS"], address_key)],
                "Too many calendar requests")


def limit_api(app: Flask, blueprint: Blueprint) -> None:
    """Bound how often one token, and one network address, may call the API, all its routes counted together: a
    program stuck in a loop slows only itself, and guessing tokens from one address is bounded.

    Checked before each request to the blueprint, ahead of the token itself (app/api/access.py)."""
    for limiter in app.extensions["limiter"]:
        for scope, limit, key in (("api-token", app.config["API_LIMITS_PER_TOKEN"], token_limit_key),
                                  ("api-address", app.config["API_LIMITS_PER_ADDRESS"], address_key)):
            limiter.shared_limit(limit, scope=scope, key_func=key, error_message="Too many requests")(blueprint)


def limit_views(app: Flask, limiter: Limiter, endpoints: tuple[str, ...],
                limits: list[tuple[str, Callable[[], str]]], message: str) -> None:
    """Put ``limits`` on each of ``endpoints``, counted for each on its own."""
    for endpoint in endpoints:
        view: Callable[..., Any] = app.view_functions[endpoint]
        for limit, key in limits:
            view = limiter.limit(limit, key_func=key, error_message=message)(view)
        app.view_functions[endpoint] = view


def exempt_if(check: Callable[[], object] | None) -> Callable[[], bool] | None:
    """``check`` as the yes or no the limiter asks for (a recognised device's id counts as yes)."""
    if check is None:
        return None
    return lambda: bool(check())


def seconds_to_wait(limiter: Limiter) -> int:
    """Until the count that was exceeded lets one more attempt through."""
    exceeded = limiter.current_limit
    if exceeded is None:
        return 60
    # reset_at is rounded up to the next whole second already.
    return max(1, int(exceeded.reset_at - time.time()))


def reset_limits(app: Flask) -> None:
    """Forget every count (tests start each from nothing)."""
    for limiter in app.extensions.get("limiter", ()):
        limiter.reset()
