from flask import Blueprint

bp = Blueprint("people", __name__, url_prefix="/people")


@bp.route("/")
def index():
    return "people"
