from datetime import date

from flask import Blueprint, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext
from flask_login import current_user
from markupsafe import Markup

from app.common.lists import page_out_of_range, paginate_list
from app.common.unchanged import while_unchanged
from app.dashboard.pages import Home, build_home
from app.implementation.attention import signal_headings
from app.implementation.heatmap import build_heatmap
from app.implementation.signal_cache import current_attention_signals
from app.implementation.themes import COLUMNS, SEVERITY
from app.languages import page_language

bp = Blueprint("dashboard", __name__)

#: Signals per page of the full list.
SIGNALS_PER_PAGE = 50


@bp.route("/")
def home() -> ResponseReturnValue:
    home = build_home(current_user)
    return page_out_of_range(home.heatmap_pages) or render_template(
        "dashboard/home.html", home=home, signal_headings=signal_headings(), heatmap=heatmap_section(home)
    )


def heatmap_section(home: Home) -> Markup:
    """The heatmap as HTML, drawn once per change to the data: the same for every officer, and at a ministry its
    370 cells were half of the page's time. Kept per address too, as its page links repeat the query string, and per
    language."""
    pages = home.heatmap_pages
    key = ("home heatmap", home.today, request.query_string, page_language())
    return while_unchanged(key, lambda: Markup(render_template(
        "dashboard/_heatmap.html", heatmap=build_heatmap(pages.items), pages=pages, columns=COLUMNS,
        severity=[(status.value, status.label) if status else ("none", gettext("No status")) for status in SEVERITY])))


@bp.route("/attention")
def attention() -> ResponseReturnValue:
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
