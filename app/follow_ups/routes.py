from flask import Blueprint

bp = Blueprint("follow_ups", __name__, url_prefix="/follow_ups")


@bp.route("/")
def index():
    return "follow_ups"
