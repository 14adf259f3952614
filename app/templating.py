"""Filters and globals the templates share."""

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlencode

from flask import Flask, request, url_for
from flask.templating import Environment
from flask_login import current_user
from markupsafe import Markup, escape

from app.common.dates import long_date, page_date, page_date_time, page_weekday
from app.common.forms import ConfirmForm, error_items, options
from app.common.numbers import amount_text, page_number, percent
from app.common.once import form_token
from app.common.page_words import page_words
from app.common.record_words import ARCHIVE_WORDS
from app.common.restricted import PAGE_PLACEHOLDERS, for_reader, hidden_from_reader
from app.languages import page_language
from app.models.partnership import partnership_name
from app.reports.chase_data import chases_caption

#: What werkzeug leaves unescaped in a query it builds, so a query built here reads as url_for's does.
QUERY_SAFE = "!$'()*,/:;?@"


def with_query(path: str, args: Iterable[tuple[str, object]]) -> str:
    """``path`` with the query arguments ``args`` (pairs) appended as they are.

    A query from the address is never handed to ``url_for`` as keywords: there ``_external``, ``_scheme``,
    ``_anchor`` or ``_method`` would change where the link leads, and a path argument's name would clash.
    """
    query = urlencode(list(args), safe=QUERY_SAFE)
    return f"{path}?{query}" if query else path


def url_with(**changes: object) -> str:
    """The current page's URL with some query arguments changed (pagination, filters)."""
    args: dict[str, object] = dict(request.args.to_dict())
    args.update({key: value for key, value in changes.items() if value is not None})
    for key, value in changes.items():
        if value is None:
            args.pop(key, None)
    assert request.endpoint is not None  # a page of the app, reached through its routes
    return with_query(url_for(request.endpoint, **(request.view_args or {})), args.items())


class Paged(Protocol):
    """Where a page lies in a paged list (``app.common.lists.Page``)."""

    @property
    def page(self) -> int: ...
    @property
    def pages(self) -> int: ...


def page_numbers(pagination: Paged) -> list[int | None]:
    """First, previous, current, next and last pages; None stands for a gap ("…")."""
    wanted = {1, pagination.pages, pagination.page - 1, pagination.page, pagination.page + 1}
    shown = sorted(n for n in wanted if 1 <= n <= pagination.pages)
    result: list[int | None] = []
    previous: int | None = None
    for number in shown:
        if previous is not None and number - previous > 1:
            result.append(None)
        result.append(number)
        previous = number
    return result


@cache
def standalone_css() -> str:
    """Bootstrap's and our styles, for report files that must look right opened from disk."""
    import flask_bootstrap

    bootstrap = Path(flask_bootstrap.__file__).parent / "static" / "bootstrap5" / "css" / "bootstrap.min.css"
    ours = Path(__file__).parent / "static" / "app.css"
    return bootstrap.read_text(encoding="utf-8") + "\n" + ours.read_text(encoding="utf-8")


def status_cell(name: str, value: str | None, label: str | None, url: str | None = None) -> Markup:
    """A heatmap cell: the area's name and its status in words on the status colour. A function, not a macro:
    the portfolio report draws 3,000 of them, and a macro call costs ten times as much."""
    classes = f"app-cell app-heat-{escape(value or 'none')}"
    inner = f'{escape(name)}<span class="app-cell-status">{escape(label or "No status")}</span>'
    if url:
        return Markup(f'<a class="{classes}" href="{escape(url)}">{inner}</a>')
    return Markup(f'<span class="{classes}">{inner}</span>')


#: One colour per status everywhere, always with the words beside it.
TAG_COLOURS = {
    "on_track": "success", "completed": "primary", "at_risk": "warning", "off_track": "danger",
    "not_started": "secondary", "addressed": "success", "being_addressed": "info", "not_yet_addressed": "secondary",
    "discontinued": "dark", "open": "info", "in_progress": "primary", "awaiting_partner": "warning",
    "done": "success", "cancelled": "secondary", "draft": "secondary", "adopted": "info", "in_force": "success",
    "extended": "primary", "expired": "dark", "superseded": "dark", "archived": "secondary", "overdue": "danger",
    "restricted": "dark", "planned": "secondary", "ongoing": "info", "postponed": "warning",
    "new": "info", "exists": "secondary", "problem": "danger", "changes": "warning",
}


def tag(value: object, text: str | None = None) -> Markup:
    """A status in words on its colour. ``value``: a choice (its value picks the colour, its label is the words) or
    a plain key with ``text``. A function, not a macro: a report or a list draws hundreds of them."""
    key: object = getattr(value, "value", value)
    colour = TAG_COLOURS.get(key, "secondary") if isinstance(key, str) else "secondary"
    words: object = text or getattr(value, "label", value)
    return Markup(f'<span class="badge app-tag border bg-{colour}-subtle text-{colour}-emphasis '
                  f'border-{colour}-subtle">{escape(words)}</span>')


class PlainDataEnvironment(Environment):
    """Jinja, reading ``report.title`` on a plain dictionary as its key straight away. Jinja's own order tries an
    attribute first and catches the error: reports are plain dictionaries (the same figures go to every format and
    into issued reports as JSON), and a big report draws thousands of such misses. A key that is missing still falls
    back to the attribute, so ``counts.get(id)`` works as before."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


def register(app: Flask) -> None:
    # Pages write dates and counts in their own language; report files are made in English (app/exports/routes.py).
    app.jinja_env.filters["long_date"] = page_date
    # A report's document is in English whoever reads it (app.languages.rendered_in_english): its hundreds of dates
    # need not each ask the page's language.
    app.jinja_env.filters["english_date"] = long_date
    app.jinja_env.filters["date_time"] = page_date_time
    app.jinja_env.filters["number"] = page_number
    app.jinja_env.filters["weekday"] = page_weekday
    app.jinja_env.globals.update(
        error_items=error_items,
        options=options,
        percent=percent,
        chases_caption=chases_caption,
        page_language=page_language,
        page_words=page_words,
        amount_text=amount_text,
        current_user=current_user,
        url_with=url_with,
        page_numbers=page_numbers,
        status_cell=status_cell,
        tag=tag,
        partnership_name=partnership_name,
        confirm_form=ConfirmForm,
        form_token=form_token,
        standalone_css=standalone_css,
        for_reader=for_reader,
        hidden_from_reader=hidden_from_reader,
        ARCHIVE_WORDS=ARCHIVE_WORDS,
        **PAGE_PLACEHOLDERS,
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
