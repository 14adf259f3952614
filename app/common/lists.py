"""Paged lists: a page number that does not exist goes back to page 1, never to an error."""

from flask import current_app, redirect, request
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select

from app.extensions import db
from app.templating import url_with

#: No list comes near this many pages; a bigger number would overflow the database's row offset.
HIGHEST_PAGE = 1_000_000


def requested_page() -> int:
    page = request.args.get("page", 1, type=int)
    return page if page and 0 < page <= HIGHEST_PAGE else 1


def paginate(query: Select) -> Pagination:
    return db.paginate(query, page=requested_page(), per_page=current_app.config["PER_PAGE"], error_out=False)


def page_out_of_range(pages: Pagination):
    """A redirect to page 1 when the requested page is past the end, else None."""
    if pages.page > 1 and pages.page > max(pages.pages, 1):
        return redirect(url_with(page=None))
    return None


def search_term() -> str | None:
    term = (request.args.get("q") or "").strip()[:100]
    return term or None


def show_archived() -> bool:
    return request.args.get("archived") == "1"
