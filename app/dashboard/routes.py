from datetime import date

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user

from app.common.lists import page_out_of_range, paginate_list
from app.dashboard.services import build_home
from app.implementation.attention import signal_headings
from app.implementation.signal_cache import current_attention_signals

bp = Blueprint("dashboard", __name__)

#: Signals per page of the full list.
SIGNALS_PER_PAGE = 50


@bp.route("/")
def home():
    home = build_home(current_user)
    return page_out_of_range(home.heatmap_pages) or render_template(
        "dashboard/home.html", home=home, signal_headings=signal_headings()
    )


@bp.route("/attention")
def attention():
    """Every signal of one kind, paged: the home page shows the first few of each."""
    headings = signal_headings()
    kind = request.args.get("kind", "")
    if kind not in headings:
        return redirect(url_for(".attention", kind="overdue"))
    signals = current_attention_signals(date.today())[kind]
    pages = paginate_list(signals, per_page=SIGNALS_PER_PAGE)
    return page_out_of_range(pages) or render_template(
        "dashboard/attention.html", pages=pages, kind=kind, headings=headings
    )
