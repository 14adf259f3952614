from flask import Blueprint

bp = Blueprint("partnerships", __name__, url_prefix="/partnerships")


@bp.route("/")
def index():
    return "partnerships"
