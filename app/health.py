"""``GET /health``: "ok" from the app without signing in and without the database.

What a load balancer or process monitor asks to learn that a worker answers at all; the benchmark also times it
as the floor under every page (the cost of the server, Flask and the request hooks, with no query and no template).
"""

from flask import Blueprint
from flask.typing import ResponseReturnValue

from app.auth import public

bp = Blueprint("health", __name__)


@bp.route("/health")
@public
def check() -> ResponseReturnValue:
    return "ok", 200, {"Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"}
