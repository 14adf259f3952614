"""Paged lists: a page number that does not exist goes back to page 1, never to an error."""

import sqlalchemy as sa
from flask import current_app, redirect, request
from flask_sqlalchemy.pagination import Pagination, SelectPagination
from sqlalchemy import ColumnElement, Select
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import UnaryExpression

from app.common.unchanged import while_unchanged
from app.extensions import db
from app.templating import url_with

#: No list comes near this many pages; a bigger number would overflow the database's row offset.
HIGHEST_PAGE = 1_000_000


def requested_page() -> int:
    page = request.args.get("page", 1, type=int)
    return page if page and 0 < page <= HIGHEST_PAGE else 1


def reversed_order(clause: ColumnElement) -> ColumnElement:
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


class IdsFirstPagination(SelectPagination):
    """Finds the page's ids first, then loads just those rows with everything the page shows.

    Skipping thousands of rows to reach page 800 then touches only an index of (sort key, id), not every
    column of every skipped row with its eager-loaded joins: the "deferred join" every large list needs. A page
    past the middle is read from the far end, in reverse order, so no page skips more than half the list: the last
    page of 50,000 meetings is as quick as the first.
    """

    def _ids(self) -> tuple[type, Select]:
        select = self._query_args["select"]
        entity = select.column_descriptions[0]["entity"]
        return entity, select.with_only_columns(entity.id)

    def _page_ids(self, ids_query: Select) -> list[int]:
        session, offset = self._query_args["session"], self._query_offset
        order = ids_query._order_by_clauses
        total = self._query_count()
        if not order or offset <= total // 2:
            return session.scalars(ids_query.limit(self.per_page).offset(offset)).all()
        if offset >= total:
            return []
        # Rows offset .. offset + per_page counted from the start are, counted from the end, these:
        from_end = ids_query.order_by(None).order_by(*(reversed_order(clause) for clause in order))
        ids = session.scalars(from_end.limit(min(self.per_page, total - offset))
                              .offset(max(total - offset - self.per_page, 0))).all()
        return ids[::-1]

    def _query_items(self) -> list:
        select, session = self._query_args["select"], self._query_args["session"]
        entity, ids_query = self._ids()
        ids = self._page_ids(ids_query)
        if not ids:
            return []
        rows = {row.id: row for row in session.scalars(select.where(entity.id.in_(ids)).order_by(None)).unique()}
        return [rows[row_id] for row_id in ids]

    def _query_count(self) -> int:
        if getattr(self, "_counted", None) is None:
            self._counted = self._count()
        return self._counted

    def _count(self) -> int:
        _, ids_query = self._ids()
        count = sa.select(sa.func.count()).select_from(ids_query.order_by(None).subquery())
        # Counting a big list walks every matching index entry (24 ms for a ministry's open follow-ups), on every
        # page of it: the count is kept until the data changes, keyed by the statement and its values (SQLAlchemy's
        # own cache key of the statement's shape: compiling the SQL to get a key cost a millisecond a page).
        shape = count._generate_cache_key()
        key = ("list count", shape.key, repr([value.effective_value for value in shape.bindparams]))
        return while_unchanged(key, lambda: self._query_args["session"].scalar(count))


def paginate(query: Select) -> Pagination:
    return IdsFirstPagination(
        select=query, session=db.session(), page=requested_page(), per_page=current_app.config["PER_PAGE"],
        error_out=False,
    )


class ListPagination(Pagination):
    """A page of a list already worked out in memory, with the same interface as a page from the database."""

    def _query_items(self) -> list:
        return self._query_args["items"][self._query_offset:self._query_offset + self.per_page]

    def _query_count(self) -> int:
        return len(self._query_args["items"])


def paginate_list(items: list, per_page: int) -> Pagination:
    return ListPagination(items=items, page=requested_page(), per_page=per_page, error_out=False)


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
