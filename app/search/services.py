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
from app.search import keys, names, statement
from app.search.highlight import highlighted, snippet
from app.search.statement import FIRST_OF_EACH, PER_PAGE, record_filters

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
        return self.total > statement.COUNTED

    @property
    def counted(self) -> str:
        return f"{statement.COUNTED:,}"

    @property
    def shown_total(self) -> str:
        return f"{statement.COUNTED:,}+" if self.capped else f"{self.total:,}"

    @property
    def pages(self) -> int:
        return max(1, math.ceil(min(self.total, statement.COUNTED) / PER_PAGE))

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


def _filters(query: SearchQuery, restricted: bool) -> list[sa.ColumnElement[bool]]:
    conditions = record_filters(query.partnership_id, query.from_on, query.to_on)
    if not query.include_archived:
        conditions.append(SearchEntry.is_archived.is_(False))
    if not restricted:
        # A report issued with restricted notes is not for viewers at all (``may_open``).
        conditions.append(sa.not_(sa.and_(SearchEntry.kind == SearchKind.REPORT, SearchEntry.is_restricted)))
    if query.kind is not None:
        conditions.append(SearchEntry.kind == query.kind)
    return conditions


def _ranked(query: SearchQuery, restricted: bool) -> list[tuple[SearchEntry, int]]:
    """The entries on the page asked for of each kind, best first, with each kind's total, in one statement."""
    ranked_page, values = statement.ranked(statement.Shape.of(query, restricted, db.session.get_bind().dialect.name))
    with statement.planned_once(db.session.connection()):
        rows = db.session.execute(ranked_page, {**values.of(query.words), **statement.filter_values(query)}).all()
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
