from flask import Blueprint

bp = Blueprint("areas", __name__, url_prefix="/areas")


@bp.route("/")
def index():
    return "areas"
