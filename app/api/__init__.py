"""The JSON API under /api/v1: records read and written by other programs with a personal access token.

flask-smorest checks each request against the route's marshmallow schemas and writes the OpenAPI 3.1 description
(/api/v1/openapi.json) from the same code; ``app.api.docs`` shows it as a page of the app. Errors are problems
(RFC 9457, ``app.api.problems``); lists page by id (``app.api.paging``); writes check the version the client read
(``If-Match``, ``app.api.versions``).
"""

from flask import Flask
from flask_smorest import Api

from app.api import access
from app.api.blueprint import bp
from app.api.problems import ProblemSchema
from app.extensions import csrf, login_manager

#: The OpenAPI description's own parts that the code's schemas do not say.
SPEC = {
    "info": {
        "description": "Send a personal access token, made on your account page, with every request: "
                       "`Authorization: Bearer <token>`. The documentation is at /api-documentation.",
    },
    "security": [{"token": []}],
}


class TrackerApi(Api):
    """flask-smorest's Api, documenting errors as the problems app.api.problems answers with."""

    ERROR_SCHEMA = ProblemSchema


def init_app(app: Flask) -> None:
    # The routes of each kind of record join the blueprint when their module is imported.
    from app.api import (  # noqa: F401
        activities,
        areas,
        docs,
        follow_ups,
        meetings,
        organisations,
        partnerships,
        people,
        plans,
        reports,
        statuses,
    )
    from app.auth.limits import limit_api  # which answers a program with app.api's problems

    api = TrackerApi(app, spec_kwargs=SPEC)
    app.extensions[docs.API_EXTENSION] = api
    api.spec.components.security_scheme("token", {
        "type": "http", "scheme": "bearer",
        "description": "A personal access token (pct_...), read only or read and write."})
    api.register_blueprint(bp)
    app.register_blueprint(docs.bp)
    # A token in a header is not sent by a browser on its own, so the API needs no CSRF token.
    csrf.exempt(bp)
    login_manager.request_loader(access.token_user)
    # After the rate limits' own check (app/auth/limits.py), which app.security put first.
    limit_api(app, bp)
    app.before_request(access.check_token)
