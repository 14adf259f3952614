from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue

from app.common.lists import requested_page
from app.common.restricted import can_read_restricted
from app.meetings.choices import partnership_options
from app.search.forms import SearchForm
from app.search.services import search
from app.search.statement import FIRST_OF_EACH

bp = Blueprint("search", __name__)


@bp.route("/search")
def results() -> ResponseReturnValue:
    form = SearchForm(formdata=request.args or None, partnerships=partnership_options())
    form.validate()
    query = form.search_query(requested_page())
    found = search(query, restricted=can_read_restricted())
    return render_template("search/results.html", form=form, query=query, found=found, first_of_each=FIRST_OF_EACH)
