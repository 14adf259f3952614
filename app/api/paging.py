"""Keyset pagination: each page of a list starts after the last record of the one before, by id.

A page never skips or repeats a record when others are added meanwhile (new records have higher ids and come at
the end), and reading page 400 costs what reading page 1 does: the database goes straight to the id through its
primary key instead of counting past every row before it. The ``next`` link carries the filters of the request.
"""

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import marshmallow as ma
from flask import request, url_for
from sqlalchemy import Select

from app.common.lists import Record
from app.extensions import db

R = TypeVar("R", bound=Record)

#: Records per page when the client does not say, and the most it may ask for.
PAGE_SIZE = 50
PAGE_SIZE_MAX = 200


class PageArguments(ma.Schema):
    """The query parameters every list takes, besides its own filters."""

    after = ma.fields.Integer(
        load_default=0, validate=ma.validate.Range(min=0, max=2**31 - 1),
        metadata={"description": "The id of the last record of the page before; follow the `next` link instead of "
                                 "building it."})
    limit = ma.fields.Integer(
        load_default=PAGE_SIZE, validate=ma.validate.Range(min=1, max=PAGE_SIZE_MAX),
        metadata={"description": f"Records per page: {PAGE_SIZE} unless said, at most {PAGE_SIZE_MAX}."})


class PageSchema(ma.Schema):
    """One page of a list: its records, and the address of the next page (null on the last)."""

    next = ma.fields.String(allow_none=True, required=True,
                            metadata={"description": "The address of the next page, or null on the last page."})


def page_schema(item: type[ma.Schema], name: str) -> type[ma.Schema]:
    """The page schema of a list of ``item`` records, named ``name`` in the OpenAPI description."""
    return type(name, (PageSchema,), {"items": ma.fields.List(ma.fields.Nested(item), required=True)})


def keyset_page(query: Select[R], id_column: Any, arguments: dict[str, Any],
                shown: Callable[[Sequence[R]], Sequence[Any]] | None = None) -> dict[str, Any]:
    """The page of ``query`` after ``arguments["after"]`` in order of ``id_column``, with the link to the next.

    ``shown`` turns the records read into what the page lists (loading what they need in one go), if it differs.
    """
    size = arguments["limit"]
    rows = db.session.scalars(
        query.where(id_column > arguments["after"]).order_by(id_column).limit(size + 1)
    ).all()
    more = len(rows) > size
    rows = rows[:size]
    next_url = None
    if more:
        values = {**request.args.to_dict(), "after": rows[-1].id, "limit": size}
        next_url = url_for(request.endpoint or "", **(request.view_args or {}), **values)
    return {"items": shown(rows) if shown else rows, "next": next_url}
