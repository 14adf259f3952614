from flask import Blueprint, render_template

from app.dashboard.services import build_home

bp = Blueprint("dashboard", __name__)


@bp.route("/")
def home():
    return render_template("dashboard/home.html", home=build_home())
