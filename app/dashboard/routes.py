from flask import Blueprint, render_template
from flask_login import current_user

from app.dashboard.services import build_home

bp = Blueprint("dashboard", __name__)


@bp.route("/")
def home():
    return render_template("dashboard/home.html", home=build_home(current_user))
