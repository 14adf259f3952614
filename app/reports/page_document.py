"""The report's document on the live report page, drawn once for the same figures.

The page counts its figures afresh at every visit, so it never shows older data than the database holds. Drawing the
document from them (every area and action line with its activities, the chases, the charts' tables) takes a good part
of the request again, while a desk opens the same report again and again between changes: back from a download or
an area's remarks, a colleague reading the report before a meeting. So each server process keeps the last few
documents it drew, each under a digest of everything it was drawn from (the figures, and for an editor the links to
each area's remarks in the reader's language), and draws again whenever any of it differs.
"""

import hashlib
import json
import threading
from collections import OrderedDict
from typing import Any

from flask import current_app, request, url_for
from flask_babel import force_locale, gettext
from markupsafe import Markup

from app.languages import page_language, rendered_in_english
from app.reports.period_figures import PeriodFigures
from app.templating import with_query

#: A long report's document runs to a few hundred kilobytes: enough for the reports a desk has open at once.
MOST_KEPT = 8

_drawn: OrderedDict[str, Markup] = OrderedDict()
# Threaded servers draw pages side by side: the keeping and forgetting are one step each.
_keeping = threading.Lock()


class RemarksLinks:
    """The link to each area's remarks page for the report's window, given the area and whether anything is drafted
    for it: for the editor reading the report, so in the reader's language, inside the report's English."""

    def __init__(self, slug: str, args: dict[str, str]):
        self.slug, self.args, self.reader = slug, args, page_language()

    def __call__(self, area: dict[str, Any], drafted: bool) -> Markup:
        url = with_query(url_for("reports.remarks", slug=self.slug, area_id=area["id"]), self.args.items())
        name = f"{area['code']} {area['name']}"
        with force_locale(self.reader):
            words = gettext("Change remarks") if drafted else gettext("Write remarks")
            subject = gettext("on %(area)s", area=name)
        return Markup('<p class="d-print-none mb-1" lang="{}"><a href="{}">{}<span class="visually-hidden"> {}</span>'
                      '</a></p>').format(self.reader, url, words, subject)

    def drawn_from(self) -> list[object]:
        """All the links depend on: where the app is served from, the report's address and the reader's language."""
        return [request.script_root, self.slug, sorted(self.args.items()), self.reader]


def report_document(report: PeriodFigures, remarks_link: RemarksLinks | None) -> Markup:
    """The document of ``report`` as the page shows it, with ``remarks_link`` beside each area when given."""
    made_from = [report, remarks_link.drawn_from() if remarks_link else None]
    # The figures are JSON values (an issued report keeps them as JSON): their text is all the document reads.
    key = hashlib.blake2b(json.dumps(made_from, default=str).encode(), digest_size=20).hexdigest()
    with _keeping:
        kept = _drawn.get(key)
        if kept is not None:
            _drawn.move_to_end(key)
            return kept
    document = rendered_in_english("reports/_period_body.html", report=report, remarks_link=remarks_link)
    if current_app.jinja_env.auto_reload:
        return document  # templates being edited (debug mode): each visit draws with the template as it is now
    with _keeping:
        _drawn[key] = document
        while len(_drawn) > MOST_KEPT:
            _drawn.popitem(last=False)
    return document
