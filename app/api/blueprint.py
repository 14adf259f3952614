"""The API's one blueprint: every route under /api/v1, each module of ``app.api`` adding its own."""

from flask_smorest import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1",
               description="Records of the partnership desk, read and written by other programs.")


def tag(name: str) -> dict[str, list[str]]:
    """The OpenAPI tag a route is listed under in the documentation: the kind of record it serves."""
    return {"tags": [name]}
