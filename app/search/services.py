"""Search: the entries holding every word of a query, best first within each kind, for the person reading."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from flask import url_for
from markupsafe import Markup
from sqlalchemy.orm import aliased

from app.extensions import db
from app.models import Organisation, Partnership, SearchEntry, SearchKind
from app.models.partnership import partnership_name
from app.search import keys, matching, names
from app.search.highlight import highlighted, snippet
from app.search.matching import Tier

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
#: Where each kind's record page is, and the argument naming the record.
PAGES = {
    SearchKind.PARTNERSHIP: ("partnerships.detail", "slug"), SearchKind.ORGANISATION: ("organisations.detail",
    "organisation_id"), SearchKind.PERSON: ("people.detail", "person_id"), SearchKind.MEETING: ("meetings.detail",
    "meeting_id"), SearchKind.FOLLOW_UP: ("follow_ups.detail", "action_id"), SearchKind.ACTION_LINE:
    ("areas.action_line_detail", "action_line_id"), SearchKind.ACTIVITY: ("activities.detail", "activity_id"),
    SearchKind.REPORT: ("reports.issued", "report_id"),
}


@dataclass(frozen=True)
class SearchQuery:
    """A search as asked: the words to find and the filters, each already checked (``app.search.forms``)."""

    words: list[str]
    kind: SearchKind | None = None
    partnership_id: int | None = None
    from_on: date | None = None
    to_on: date | None = None
    include_archived: bool = False
    page: int = 1


@dataclass(frozen=True)
class Hit:
    kind: SearchKind
    url: str
    title: Markup
    snippet: Markup
    partnership: str | None
    starts_on: date | None
    ends_on: date | None
    is_archived: bool


@dataclass
class KindResults:
    kind: SearchKind
    #: Counted up to one more than ``COUNTED``.
    total: int
    page: int = 1
    hits: list[Hit] = field(default_factory=list)

    @property
    def capped(self) -> bool:
        """More were found than were counted: only the first ``COUNTED`` are listed."""
        return self.total > COUNTED

    @property
    def counted(self) -> str:
        return f"{COUNTED:,}"

    @property
    def shown_total(self) -> str:
        return f"{COUNTED:,}+" if self.capped else f"{self.total:,}"

    @property
    def pages(self) -> int:
        return max(1, math.ceil(min(self.total, COUNTED) / PER_PAGE))

    # What the pagination macro reads, as on a list's page.
    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def next_num(self) -> int:
        return self.page + 1


@dataclass
class Results:
    groups: list[KindResults]
    #: True when nothing held the words as typed, and these are names spelt nearly like them.
    close_matches: bool = False


def _record_filters(query: SearchQuery) -> list[sa.ColumnElement[bool]]:
    conditions: list[sa.ColumnElement[bool]] = []
    if query.partnership_id is not None:
        conditions.append(SearchEntry.partnership_id == query.partnership_id)
    if query.from_on is not None:
        conditions.append(sa.func.coalesce(SearchEntry.ends_on, SearchEntry.starts_on) >= query.from_on)
    if query.to_on is not None:
        conditions.append(SearchEntry.starts_on <= query.to_on)
    return conditions


def _filters(query: SearchQuery, restricted: bool) -> list[sa.ColumnElement[bool]]:
    conditions = _record_filters(query)
    if not query.include_archived:
        conditions.append(SearchEntry.is_archived.is_(False))
    if not restricted:
        # A report issued with restricted notes is not for viewers at all (``may_open``).
        conditions.append(sa.not_(sa.and_(SearchEntry.kind == SearchKind.REPORT, SearchEntry.is_restricted)))
    if query.kind is not None:
        conditions.append(SearchEntry.kind == query.kind)
    return conditions


def _of_kind(ids: sa.Select[Any], id_column: sa.ColumnElement[int], kind: SearchKind, hidden: int
             ) -> sa.Select[Any]:
    """``ids`` of ``kind`` without the ``hidden`` flags: told from the ids themselves (``app.search.keys``)."""
    if not matching.from_fts(id_column):
        # Written out, so that PostgreSQL reads the trigram indexes of the kind alone.
        ids = ids.where(SearchEntry.kind == sa.literal(kind.value, literal_execute=True))
    else:
        ids = _in_range(ids, id_column, kind)
    return ids.where(*_shown(id_column, hidden))


def _shown(id_column: sa.ColumnElement[int], hidden: int) -> list[sa.ColumnElement[bool]]:
    # A flag apiece, each as "not set": PostgreSQL guesses that a test of equality on an expression keeps almost no
    # rows, and would then read every hit to sort them rather than read the ids in order and stop at a page.
    return [id_column.op("&")(flag) != flag for flag in keys.FLAGS if flag & hidden]


def _in_range(ids: sa.Select[Any], id_column: sa.ColumnElement[int], kind: SearchKind) -> sa.Select[Any]:
    low, high = keys.kind_range(kind)
    return ids.where(id_column >= low, id_column < high)


def _picked(query: SearchQuery, restricted: bool, kind: SearchKind) -> sa.Subquery:
    """The ids on the page asked for of ``kind``, each with its tier and the kind's total (counted up to one more
    than ``COUNTED``): first the hits whose heading holds every word, then the rest, the newest first in each
    (in the order of their ids)."""
    dialect = db.session.get_bind().dialect.name
    conditions = _record_filters(query)
    hidden = keys.hidden_flags(include_archived=query.include_archived, restricted=restricted)
    first = (query.page - 1) * PER_PAGE if query.kind else 0
    shown = PER_PAGE if query.kind else FIRST_OF_EACH

    def narrowed(ids: sa.Select[Any], id_column: sa.ColumnElement[int]) -> sa.Select[Any]:
        return _of_kind(ids, id_column, kind, hidden)

    every, every_id = matching.hits(dialect, query.words, restricted, Tier.EVERY, conditions, narrowed)
    heading, heading_id = matching.hits(dialect, query.words, restricted, Tier.HEADING, conditions, narrowed)
    rest, rest_id = matching.hits(dialect, query.words, restricted, Tier.REST, conditions, narrowed)
    enough = first + shown
    counted = sa.select(sa.func.count().label("total")).select_from(every.limit(COUNTED + 1).subquery())
    fts = matching.from_fts(heading_id)
    # Read once each, though named more than once below.
    total_once = counted.cte(f"total_{kind.value}")
    total = sa.select(total_once.c.total).scalar_subquery()
    headings: sa.Select[Any] | sa.CompoundSelect[Any]
    if dialect == "postgresql":
        headings = _newest_headings(query, restricted, kind, heading, heading_id, enough)
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
        many = total > COUNTED
        rest_order = sa.union_all(
            sa.select(rest.where(needed, sa.not_(many)).order_by(rest_id + 0).limit(enough).subquery()),
            sa.select(_in_range(rest, rest_id, kind).where(needed, many).order_by(rest_id).limit(enough).subquery()))
    tiers = [sa.select(headings_once.c.id).subquery(), rest_order.subquery()]
    both = sa.union_all(*(sa.select(ids.c.id, sa.literal(tier).label("tier")) for tier, ids in enumerate(tiers))
                        ).subquery()
    return (sa.select(both.c.id, both.c.tier, total.label("total"))
            .order_by(both.c.tier, both.c.id).limit(shown).offset(first).subquery())


def _newest_headings(query: SearchQuery, restricted: bool, kind: SearchKind, heading: sa.Select[Any],
                     heading_id: sa.ColumnElement[int], enough: int) -> sa.CompoundSelect[Any]:
    """PostgreSQL: the first ``enough`` ids whose heading holds every word. The newest entries of the kind are read
    first, in order, each heading measured, which finds them soonest when they are many; when they are too few
    there, the headings' indexes find every one and they are sorted, which is quick because they are few."""
    low, high = keys.kind_range(kind)
    hidden = keys.hidden_flags(include_archived=query.include_archived, restricted=restricted)
    # The ids alone tell the kind and the flags: the first entries are counted off in the index of ids.
    newest = sa.select(SearchEntry.id).where(SearchEntry.id >= low, SearchEntry.id < high,
                                             *_shown(SearchEntry.id.expression, hidden))
    window_end = sa.func.coalesce(
        newest.order_by(SearchEntry.id).offset(min(NEWEST_READ, 400 * enough) - 1).limit(1).scalar_subquery(), high)
    in_window = (newest.where(SearchEntry.id <= window_end, matching.in_heading("postgresql", query.words, restricted),
                              *_record_filters(query))
                 .order_by(SearchEntry.id).limit(enough).cte(f"newest_headings_{kind.value}"))
    found_there = sa.select(sa.func.count()).select_from(in_window).scalar_subquery() >= enough
    return sa.union_all(
        sa.select(in_window.c.id).where(found_there),
        sa.select(heading.where(sa.not_(found_there)).order_by(heading_id + 0).limit(enough).subquery()))


def _ranked(query: SearchQuery, restricted: bool) -> list[tuple[SearchEntry, int]]:
    """The entries on the page asked for of each kind, best first, with each kind's total, in one statement."""
    kinds = [query.kind] if query.kind else list(SearchKind)
    picked = [_picked(query, restricted, kind) for kind in kinds]
    page = sa.union_all(*(sa.select(part.c.id, part.c.tier, part.c.total) for part in picked)).subquery()
    rows = db.session.execute(
        sa.select(SearchEntry, page.c.tier, page.c.total).join(page, page.c.id == SearchEntry.id))
    return [(entry, total) for entry, _tier, total in sorted(
        rows, key=lambda row: (row[0].id >> keys.KIND_SHIFT, row[1], row[0].id))]


def _partnership_names(ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    ours, partner = aliased(Organisation), aliased(Organisation)
    rows = db.session.execute(
        sa.select(Partnership.id, ours.short_name, partner.short_name.label("partner_short"))
        .join(ours, ours.id == Partnership.organisation_id).join(partner, partner.id == Partnership.partner_id)
        .where(Partnership.id.in_(ids)))
    return {row.id: partnership_name(row.short_name, row.partner_short) for row in rows}


def _hit(entry: SearchEntry, words: list[str], restricted: bool, partnerships: dict[int, str]) -> Hit:
    endpoint, argument = PAGES[entry.kind]
    key: dict[str, Any] = {argument: entry.slug if entry.kind is SearchKind.PARTNERSHIP else entry.record_id}
    title = entry.restricted_title if restricted and entry.restricted_title else entry.title
    text = "\n".join(part for part in (entry.text, entry.restricted_text if restricted else "") if part)
    return Hit(
        kind=entry.kind, url=url_for(endpoint, **key), title=highlighted(title, words),
        snippet=snippet(text, words) if text else Markup(""),
        partnership=partnerships.get(entry.partnership_id) if entry.partnership_id else None,
        starts_on=entry.starts_on, ends_on=entry.ends_on, is_archived=entry.is_archived,
    )


def _grouped(rows: list[tuple[SearchEntry, int]], query: SearchQuery, words: list[str],
             restricted: bool) -> list[KindResults]:
    partnerships = _partnership_names({row[0].partnership_id for row in rows if row[0].partnership_id})
    groups: dict[SearchKind, KindResults] = {}
    for entry, total in rows:
        group = groups.setdefault(entry.kind, KindResults(entry.kind, total, query.page if query.kind else 1))
        group.hits.append(_hit(entry, words, restricted, partnerships))
    return [groups[kind] for kind in SearchKind if kind in groups]


def search(query: SearchQuery, *, restricted: bool) -> Results:
    """What ``query`` finds for a reader who may (``restricted``) or may not read restricted notes."""
    if not query.words:
        return Results([])
    found = _ranked(query, restricted)
    if found or (query.page > 1 and query.kind):
        return Results(_grouped(found, query, query.words, restricted))
    return _close_names(query, _filters(query, restricted), restricted)


def _close_names(query: SearchQuery, conditions: list[sa.ColumnElement[bool]], restricted: bool) -> Results:
    """Names spelt nearly like the query's words, closest first, when nothing held them as typed."""
    words = names.fuzzy_words(query.words)
    if not words or (query.kind is not None and query.kind not in names.NAMED_KINDS):
        return Results([])
    entries = db.session.scalars(
        sa.select(SearchEntry).where(*conditions, SearchEntry.kind.in_(names.NAMED_KINDS),
                                     names.candidates(db.session.connection(), words)))
    close = sorted(((names.similarity(words, entry.folded_title), entry) for entry in entries),
                   key=lambda pair: (-pair[0], pair[1].id))
    kept = [entry for closeness, entry in close if closeness >= names.CLOSE_ENOUGH]
    partnerships = _partnership_names({entry.partnership_id for entry in kept if entry.partnership_id})
    groups: dict[SearchKind, KindResults] = {}
    for entry in kept:
        group = groups.setdefault(entry.kind, KindResults(entry.kind, 0))
        group.total += 1
        if len(group.hits) < (PER_PAGE if query.kind else FIRST_OF_EACH):
            group.hits.append(_hit(entry, [], restricted, partnerships))
    return Results([groups[kind] for kind in SearchKind if kind in groups], close_matches=True)
