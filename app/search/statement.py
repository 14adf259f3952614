"""The statement that finds a page of results of each kind, best first, with each kind's count, in one go.

Within a kind, the hits whose heading holds every word come first, then the rest, the newest first in each: in the
order of their ids (``app.search.keys``). The statement is built once for each shape of query (how many words, how
each is looked for, the reader, the filters set, the page) and kept: a query's words and filters are its parameters.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from app.models import SearchEntry, SearchKind
from app.search import keys, matching
from app.search.matching import Tier, Values, Word

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from app.search.services import SearchQuery

#: Results of each kind shown when all kinds are listed; the rest are a link away.
FIRST_OF_EACH = 5
#: Results a page when one kind is listed.
PER_PAGE = 20
#: Hits of a kind counted at most: beyond, the page says how many were counted and a plus (counting every hit of a
#: common word would read them all, and nobody pages through more).
COUNTED = 1_000
#: Entries of a kind read in order, newest first, for headings holding the words, before looking them up through
#: the indexes (``_newest_headings``): at most this many, and fewer for the first pages.
NEWEST_READ = 20_000


@dataclass(frozen=True)
class Shape:
    """What the text of the statement depends on; the rest of a query is its parameters."""

    dialect: str
    words: tuple[Word, ...]
    restricted: bool
    kind: SearchKind | None
    include_archived: bool
    partnership: bool
    from_on: bool
    to_on: bool
    page: int
    counted: int
    newest_read: int

    @classmethod
    def of(cls, query: SearchQuery, restricted: bool, dialect: str) -> Shape:
        return cls(dialect, matching.shape_of(query.words), restricted, query.kind, query.include_archived,
                   query.partnership_id is not None, query.from_on is not None, query.to_on is not None,
                   query.page if query.kind else 1, COUNTED, NEWEST_READ)


def record_filters(partnership_id: int | None, from_on: date | None, to_on: date | None
                   ) -> list[sa.ColumnElement[bool]]:
    """The filters a reader set, each a named parameter."""
    conditions: list[sa.ColumnElement[bool]] = []
    if partnership_id is not None:
        conditions.append(SearchEntry.partnership_id == sa.bindparam("partnership_id", partnership_id))
    if from_on is not None:
        conditions.append(sa.func.coalesce(SearchEntry.ends_on, SearchEntry.starts_on)
                          >= sa.bindparam("from_on", from_on, type_=sa.Date))
    if to_on is not None:
        conditions.append(SearchEntry.starts_on <= sa.bindparam("to_on", to_on, type_=sa.Date))
    return conditions


def filter_values(query: SearchQuery) -> dict[str, Any]:
    values = {"partnership_id": query.partnership_id, "from_on": query.from_on, "to_on": query.to_on}
    return {name: value for name, value in values.items() if value is not None}


def _shape_filters(shape: Shape) -> list[sa.ColumnElement[bool]]:
    # Placeholders in the statement kept: ``filter_values`` gives each query's own.
    return record_filters(0 if shape.partnership else None, date.min if shape.from_on else None,
                          date.min if shape.to_on else None)


def _shown(id_column: sa.ColumnElement[int], hidden: int) -> list[sa.ColumnElement[bool]]:
    # A flag apiece, each as "not set": PostgreSQL guesses that a test of equality on an expression keeps almost no
    # rows, and would then read every hit to sort them rather than read the ids in order and stop at a page.
    return [id_column.op("&")(flag) != flag for flag in keys.FLAGS if flag & hidden]


def _in_range(ids: sa.Select[Any], id_column: sa.ColumnElement[int], kind: SearchKind) -> sa.Select[Any]:
    low, high = keys.kind_range(kind)
    return ids.where(id_column >= low, id_column < high)


def _of_kind(ids: sa.Select[Any], id_column: sa.ColumnElement[int], kind: SearchKind, hidden: int
             ) -> sa.Select[Any]:
    """``ids`` of ``kind`` without the ``hidden`` flags: told from the ids themselves (``app.search.keys``)."""
    if not matching.from_fts(id_column):
        # Written out, so that PostgreSQL reads the text indexes of the kind alone.
        ids = ids.where(SearchEntry.kind == sa.literal(kind.value, literal_execute=True))
    else:
        ids = _in_range(ids, id_column, kind)
    return ids.where(*_shown(id_column, hidden))


def _newest_headings(values: Values, shape: Shape, kind: SearchKind, heading: sa.Select[Any],
                     heading_id: sa.ColumnElement[int], enough: int) -> sa.CompoundSelect[Any]:
    """PostgreSQL: the first ``enough`` ids whose heading holds every word. The newest entries of the kind are read
    first, in order, each heading measured, which finds them soonest when they are many; when they are too few
    there, the headings' indexes find every one and they are sorted, which is quick because they are few."""
    low, high = keys.kind_range(kind)
    hidden = keys.hidden_flags(include_archived=shape.include_archived, restricted=shape.restricted)
    # The ids alone tell the kind and the flags: the first entries are counted off in the index of ids.
    newest = sa.select(SearchEntry.id).where(SearchEntry.id >= low, SearchEntry.id < high,
                                             *_shown(SearchEntry.id.expression, hidden))
    window_end = sa.func.coalesce(
        newest.order_by(SearchEntry.id).offset(min(shape.newest_read, 400 * enough) - 1).limit(1).scalar_subquery(),
        high)
    in_window = (newest.where(SearchEntry.id <= window_end,
                              matching.in_heading(values, shape.dialect, shape.words, shape.restricted),
                              *_shape_filters(shape))
                 .order_by(SearchEntry.id).limit(enough).cte(f"newest_headings_{kind.value}"))
    found_there = sa.select(sa.func.count()).select_from(in_window).scalar_subquery() >= enough
    return sa.union_all(
        sa.select(in_window.c.id).where(found_there),
        sa.select(heading.where(sa.not_(found_there)).order_by(heading_id + 0).limit(enough).subquery()))


def _picked(values: Values, shape: Shape, kind: SearchKind) -> sa.Subquery:
    """The ids on the page asked for of ``kind``, each with its tier and the kind's total (counted up to one more
    than ``COUNTED``): first the hits whose heading holds every word, then the rest, the newest first in each
    (in the order of their ids)."""
    conditions = _shape_filters(shape)
    hidden = keys.hidden_flags(include_archived=shape.include_archived, restricted=shape.restricted)
    first = (shape.page - 1) * PER_PAGE if shape.kind else 0
    shown = PER_PAGE if shape.kind else FIRST_OF_EACH

    def narrowed(ids: sa.Select[Any], id_column: sa.ColumnElement[int]) -> sa.Select[Any]:
        ids = _of_kind(ids, id_column, kind, hidden)
        if any(not (word.long or word.starts) for word in shape.words) and not matching.from_fts(id_column):
            # A word no index serves (two Chinese characters): the entries of the kind are read, and only those.
            ids = _in_range(ids, id_column, kind)
        return ids

    def tier(which: Tier) -> tuple[sa.Select[Any], sa.ColumnElement[int]]:
        return matching.hits(values, shape.dialect, shape.words, shape.restricted, which, conditions, narrowed)

    (every, _), (heading, heading_id), (rest, rest_id) = tier(Tier.EVERY), tier(Tier.HEADING), tier(Tier.REST)
    enough = first + shown
    counted = sa.select(sa.func.count().label("total")).select_from(every.limit(shape.counted + 1).subquery())
    fts = matching.from_fts(heading_id)
    # Read once each, though named more than once below.
    total_once = counted.cte(f"total_{kind.value}")
    total = sa.select(total_once.c.total).scalar_subquery()
    headings: sa.Select[Any] | sa.CompoundSelect[Any]
    if shape.dialect == "postgresql":
        headings = _newest_headings(values, shape, kind, heading, heading_id, enough)
    else:
        # SQLite finds the hits through its FTS5 tables, then sorts them ("id + 0") unless they come in order.
        headings = heading.order_by(heading_id if fts else heading_id + 0).limit(enough)
    headings_once = headings.cte(f"headings_{kind.value}")
    # The rest only when the headings do not fill the page: reading past them costs most when they are many.
    needed = sa.select(sa.func.count()).select_from(headings_once).scalar_subquery() < enough
    rest_order: sa.Select[Any] | sa.CompoundSelect[Any]
    if fts:
        rest_order = rest.where(needed).order_by(rest_id).limit(enough)
    else:
        # Few hits: found through the text indexes, then sorted. Many: the ids read in order, stopping at a page.
        many = total > shape.counted
        in_order, in_order_id = tier(Tier.REST_IN_ORDER)
        rest_order = sa.union_all(
            sa.select(rest.where(needed, sa.not_(many)).order_by(rest_id + 0).limit(enough).subquery()),
            sa.select(_in_range(in_order, in_order_id, kind).where(needed, many).order_by(in_order_id)
                      .limit(enough).subquery()))
    tiers = [sa.select(headings_once.c.id).subquery(), rest_order.subquery()]
    both = sa.union_all(*(sa.select(ids.c.id, sa.literal(place).label("tier")) for place, ids in enumerate(tiers))
                        ).subquery()
    return (sa.select(both.c.id, both.c.tier, total.label("total"))
            .order_by(both.c.tier, both.c.id).limit(shown).offset(first).subquery())


@lru_cache(maxsize=256)
def ranked(shape: Shape) -> tuple[sa.Select[Any], Values]:
    """The entries on the page asked for of each kind, each with its tier and its kind's total, and the parameters
    the words fill in."""
    values = Values()
    kinds = [shape.kind] if shape.kind else list(SearchKind)
    picked = [_picked(values, shape, kind) for kind in kinds]
    page = sa.union_all(*(sa.select(part.c.id, part.c.tier, part.c.total) for part in picked)).subquery()
    return sa.select(SearchEntry, page.c.tier, page.c.total).join(page, page.c.id == SearchEntry.id), values


@contextmanager
def planned_once(connection: Connection) -> Iterator[None]:
    """On PostgreSQL, the statement is prepared the first time it runs on a connection and planned then, once, for
    any words: planning its dozens of parts took as long as running them, at every search. By default the driver
    prepares a statement only once it has run it five times, and PostgreSQL then plans it afresh for the values
    given five times more before it keeps one plan; the plan it kept, for every query tried, was the one it would
    make for any values (the statement reads the indexes and decides from counts, as it runs, how to go on). Both
    settings are put back after: they hold for the search alone."""
    driver = connection.connection.driver_connection
    # A threshold of None: statements are never prepared (DATABASE_PREPARED_STATEMENTS off, behind a pooler that
    # hands each statement to any server connection, which a setting must then not outlive either).
    if connection.dialect.name != "postgresql" or driver is None or driver.prepare_threshold is None:
        yield
        return
    threshold = driver.prepare_threshold
    driver.prepare_threshold = 0
    connection.exec_driver_sql("SET plan_cache_mode = force_generic_plan")
    try:
        yield
    finally:
        connection.exec_driver_sql("RESET plan_cache_mode")
        driver.prepare_threshold = threshold
