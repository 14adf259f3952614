"""Paged lists: a page number that does not exist goes back to page 1, never to an error."""

import math
from collections.abc import Sequence
from datetime import date
from typing import Any, Generic, Protocol, TypeVar

import sqlalchemy as sa
from flask import current_app, redirect, request
from flask_login import current_user
from sqlalchemy import ColumnElement, Select
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import UnaryExpression
from werkzeug.wrappers import Response

from app.common.unchanged import while_unchanged
from app.extensions import db
from app.templating import url_with

T = TypeVar("T")


class Record(Protocol):
    """A record a list pages through, found again by its id."""

    @property
    def id(self) -> int: ...


R = TypeVar("R", bound=Record)
#: A query of any columns, as the plain-row lists run.
AnyRows = Select[*tuple[Any, ...]]

#: No list comes near this many pages; a bigger number would overflow the database's row offset.
HIGHEST_PAGE = 1_000_000


def requested_page() -> int:
    page = request.args.get("page", 1, type=int)
    return page if page and 0 < page <= HIGHEST_PAGE else 1


def reversed_order(clause: ColumnElement[Any]) -> ColumnElement[Any]:
    """The sort key ``clause`` the other way round: ASC and DESC swap, and so do NULLS FIRST and LAST, which
    reverses the order exactly on SQLite and PostgreSQL alike (each puts NULLs at opposite ends for ASC and DESC)."""
    if isinstance(clause, UnaryExpression):
        if clause.modifier is operators.nulls_first_op:
            return reversed_order(clause.element).nulls_last()
        if clause.modifier is operators.nulls_last_op:
            return reversed_order(clause.element).nulls_first()
        if clause.modifier is operators.desc_op:
            return clause.element.asc()
        if clause.modifier is operators.asc_op:
            return clause.element.desc()
    return clause.desc()


class Page(Generic[T]):
    """One page of a list: its rows, and where it lies in the whole list (for "page 3 of 40" and the links)."""

    def __init__(self, items: Sequence[T], total: int, page: int, per_page: int) -> None:
        self.items, self.total, self.page, self.per_page = list(items), total, page, per_page

    @property
    def pages(self) -> int:
        return math.ceil(self.total / self.per_page) if self.total else 0

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def prev_num(self) -> int | None:
        return self.page - 1 if self.has_prev else None

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def next_num(self) -> int | None:
        return self.page + 1 if self.has_next else None

    @property
    def first(self) -> int:
        """The place in the whole list of this page's first row, counted from 1; 0 on an empty page."""
        return (self.page - 1) * self.per_page + 1 if self.items else 0

    @property
    def last(self) -> int:
        return self.first + len(self.items) - 1 if self.items else 0


def list_count(rows: AnyRows | Select[Any], values: dict[str, object] | None = None) -> int:
    """The number of rows of the list this request shows, kept until the data changes.

    Counting a big list walks every matching index entry, on every page of it. What the count depends on besides
    the data is all in the request: the list (its endpoint and path), its filters (the query string, less the page
    number), the reader (a viewer's search skips restricted text; "mine") and the day ("overdue").
    """
    filters = tuple(sorted((name, value) for name, value in request.args.items(multi=True) if name != "page"))
    key = ("list count", request.endpoint, request.path, filters, current_user.get_id(), date.today())
    return while_unchanged(key, lambda: db.session.scalar(
        sa.select(sa.func.count()).select_from(rows.order_by(None).subquery()), values or {}) or 0)


def paginate(query: Select[R], order_by: Sequence[ColumnElement[Any]]) -> Page[R]:
    """The requested page of the records ``query`` selects, in ``order_by`` order; the ids first, then the records.

    Skipping thousands of rows to reach page 800 then touches only an index of (sort key, id), not every column of
    every skipped row with its eager-loaded joins: the "deferred join" every large list needs. A page past the
    middle is read from the far end, in reverse order, so no page skips more than half the list: the last page of
    50,000 meetings is as quick as the first.
    """
    entity = query.column_descriptions[0]["entity"]
    ids_query = query.with_only_columns(entity.id)
    total = list_count(ids_query)
    page, per_page = requested_page(), current_app.config["PER_PAGE"]
    offset = (page - 1) * per_page
    if offset >= total:
        return Page([], total, page, per_page)
    if offset <= total // 2:
        ids = db.session.scalars(ids_query.order_by(*order_by).limit(per_page).offset(offset)).all()
    else:
        # Rows offset .. offset + per_page counted from the start are, counted from the end, these:
        from_end = ids_query.order_by(*(reversed_order(clause) for clause in order_by))
        ids = db.session.scalars(from_end.limit(min(per_page, total - offset))
                                 .offset(max(total - offset - per_page, 0))).all()[::-1]
    records = {record.id: record for record in db.session.scalars(query.where(entity.id.in_(ids))).unique()}
    return Page([records[record_id] for record_id in ids], total, page, per_page)


def paginate_list(items: list[T], per_page: int) -> Page[T]:
    """A page of a list already worked out in memory."""
    page = requested_page()
    offset = (page - 1) * per_page
    return Page(items[offset:offset + per_page], len(items), page, per_page)


def page_out_of_range(pages: Page[Any]) -> Response | None:
    """A redirect to page 1 when the requested page is past the end, else None."""
    if pages.page > 1 and pages.page > max(pages.pages, 1):
        return redirect(url_with(page=None))
    return None


def search_term() -> str | None:
    term = (request.args.get("q") or "").strip()[:100]
    return term or None


def show_archived() -> bool:
    return request.args.get("archived") == "1"
