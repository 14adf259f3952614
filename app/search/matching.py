"""Which entries hold every word of a query, and how well: the part of search that differs by database.

A word is found anywhere in a word of the record ("rathor" finds "Rathore", and a word of a Thai or Chinese text
written without spaces is found inside it). SQLite finds words of three letters or more through its FTS5 trigram
table and shorter ones by reading the entries; PostgreSQL through its trigram indexes, and shorter words through its
full-text index (which finds them at the start of a word). The ranking is the same on both: see ``app.search.services``.
"""

from collections.abc import Callable
from enum import Enum
from typing import Any

import sqlalchemy as sa

from app.models import SearchEntry
from app.search.schema import FTS_TABLE, PUBLIC_WORDS, RESTRICTED_WORDS

#: The shortest word a trigram index can find.
TRIGRAM = 3
FTS = sa.table(FTS_TABLE, sa.column("rowid", sa.BigInteger))


def _match(expression: str) -> sa.ColumnElement[bool]:
    return sa.literal_column(FTS_TABLE).op("MATCH")(expression)


def _phrases(words: list[str]) -> str:
    return " AND ".join('"' + word.replace('"', '""') + '"' for word in words)


def _public_expression(words: list[str], restricted: bool) -> str:
    """FTS5's query for every word; without restricted text, the words must all be in the public columns."""
    return _phrases(words) if restricted else "{folded_title folded_text} : (" + _phrases(words) + ")"


def _heading_expression(words: list[str], restricted: bool) -> str:
    columns = "folded_title folded_restricted_title" if restricted else "folded_title"
    return "{" + columns + "} : (" + _phrases(words) + ")"


def _position(dialect: str, haystack: sa.ColumnElement[str], needle: str) -> sa.ColumnElement[int]:
    if dialect == "postgresql":
        return sa.func.strpos(haystack, needle)
    return sa.func.instr(haystack, needle)


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _postgresql_word(word: str, number: int, restricted: bool) -> sa.ColumnElement[bool]:
    pattern = _like(word)
    columns = [SearchEntry.folded_title, SearchEntry.folded_text]
    found: list[sa.ColumnElement[bool]] = [column.like(pattern, escape="\\") for column in columns]
    expressions = [PUBLIC_WORDS]
    if restricted:
        found.append(SearchEntry.folded_restricted.like(pattern, escape="\\"))
        expressions.append(RESTRICTED_WORDS)
    if len(word) < TRIGRAM:
        # Words are letters, digits and dots only (``query_words``), so the quoted word is one plain term.
        found += [sa.literal_column(expression).op("@@", return_type=sa.Boolean)(
            sa.func.to_tsquery("simple", f"'{word}':*")) for expression in expressions]
    return sa.or_(*found)


def _sqlite_words(words: list[str], restricted: bool) -> list[sa.ColumnElement[bool]]:
    long_words = [word for word in words if len(word) >= TRIGRAM]
    conditions: list[sa.ColumnElement[bool]] = []
    if long_words:
        conditions.append(SearchEntry.id.in_(
            sa.select(FTS.c.rowid).where(_match(_public_expression(long_words, restricted)))))
    searched = SearchEntry.folded_title + " " + SearchEntry.folded_text
    if restricted:
        searched = searched + " " + SearchEntry.folded_restricted
    conditions += [sa.func.instr(searched, word) > 0 for word in words if len(word) < TRIGRAM]
    return conditions


def holds_every_word(dialect: str, words: list[str], restricted: bool) -> list[sa.ColumnElement[bool]]:
    """Conditions an entry meets when each word is in its public text, or in its restricted text when
    ``restricted`` (the reader may read restricted notes)."""
    if dialect == "postgresql":
        return [_postgresql_word(word, number, restricted) for number, word in enumerate(words)]
    return _sqlite_words(words, restricted)


def _headings(restricted: bool) -> list[sa.ColumnElement[str]]:
    """The heading a reader sees: the restricted one is filled in only where the public one is a placeholder."""
    title = SearchEntry.folded_title.expression
    return [title, SearchEntry.folded_restricted_title.expression] if restricted else [title]


def in_heading(dialect: str, words: list[str], restricted: bool) -> sa.ColumnElement[bool]:
    """Every word is in the heading the reader sees."""
    if dialect == "postgresql":
        return sa.and_(*(sa.or_(*(heading.like(_like(word), escape="\\") for heading in _headings(restricted)))
                         for word in words))
    return sa.and_(*(sa.or_(*(_position(dialect, heading, word) > 0 for heading in _headings(restricted)))
                     for word in words))


Narrowing = Callable[[sa.Select[Any], sa.ColumnElement[int]], sa.Select[Any]]


class Tier(Enum):
    """Which hits: every one, those whose heading holds every word, or the rest."""

    EVERY = "every"
    HEADING = "heading"
    REST = "rest"


def hits(dialect: str, words: list[str], restricted: bool, tier: Tier, conditions: list[sa.ColumnElement[bool]],
         narrowed: Narrowing) -> tuple[sa.Select[Any], sa.ColumnElement[int]]:
    """The ids of the entries holding every word, of ``tier``, meeting ``conditions`` and ``narrowed`` (by kind),
    and the id column to order them by. On SQLite, words of three letters or more and no other conditions are
    answered by the FTS5 table alone, ids only, which is what makes a common word quick."""
    long_words = [word for word in words if len(word) >= TRIGRAM]
    if dialect == "sqlite" and long_words == words and not conditions:
        if tier is Tier.REST:
            every, rowid = hits(dialect, words, restricted, Tier.EVERY, conditions, narrowed)
            return every.where(rowid.not_in(hits(dialect, words, restricted, Tier.HEADING, conditions, narrowed)[0])
                               ), rowid
        expression = _heading_expression(words, restricted) if tier is Tier.HEADING else _public_expression(
            words, restricted)
        return narrowed(sa.select(FTS.c.rowid.label("id")).where(_match(expression)), FTS.c.rowid), FTS.c.rowid
    heading = in_heading(dialect, words, restricted)
    # Words in the heading are in the text searched: the heading alone says it, through its own index.
    found = {Tier.HEADING: [heading], Tier.EVERY: holds_every_word(dialect, words, restricted),
             Tier.REST: [*holds_every_word(dialect, words, restricted), sa.not_(heading)]}[tier]
    entry_id = SearchEntry.id.expression
    return narrowed(sa.select(entry_id).where(*found, *conditions), entry_id), entry_id
