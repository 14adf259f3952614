from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue
from flask_login import current_user

from app.common.lists import page_out_of_range
from app.my_work.pages import DUE_SOON_DAYS, SHORT_LIST, build_my_work, days_overdue

bp = Blueprint("my_work", __name__)


@bp.route("/my-work")
def index() -> ResponseReturnValue:
    all_chases = request.args.get("chases") == "all"
    work = build_my_work(current_user, all_chases=all_chases)
    return page_out_of_range(work.follow_ups) or render_template(
        "my_work/index.html", work=work, all_chases=all_chases, days_overdue=days_overdue,
        due_soon_days=DUE_SOON_DAYS, short_list=SHORT_LIST)
