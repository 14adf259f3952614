"""Which entries hold every word of a query, and how well: the part of search that differs by database.

A word of three letters or more is found anywhere in a word of the record ("rathor" finds "Rathore", and a word of a
Thai or Chinese text written without spaces is found inside it); a shorter word at the start of a word ("un" finds
"UN" and "UNESCO", not "fund"), since a part of a word that short is in nearly every record. Both through indexes:
on SQLite its FTS5 tables of trigrams and of words, on PostgreSQL trigram and full-text indexes of each kind
(``app.search.schema``). A short word of a script written without spaces (two Chinese characters) is still found
inside the text, which no index serves: the entries are read. The ranking is the same on both: see
``app.search.services``.
"""

import re
from collections.abc import Callable
from enum import Enum
from typing import Any

import sqlalchemy as sa

from app.models import SearchEntry
from app.search.schema import FTS_TABLE, PUBLIC_WORDS, RESTRICTED_WORDS, WORDS_TABLE

#: The shortest word a trigram index can find; shorter words are found at the start of a word.
TRIGRAM = 3
FTS = sa.table(FTS_TABLE, sa.column("rowid", sa.BigInteger))
WORDS = sa.table(WORDS_TABLE, sa.column("rowid", sa.BigInteger))
SIMPLE: sa.ColumnElement[Any] = sa.literal_column("'simple'::regconfig")


def from_fts(id_column: sa.ColumnElement[int]) -> bool:
    """The ids come from one of SQLite's FTS5 tables, which hands them back in order."""
    return id_column is FTS.c.rowid or id_column is WORDS.c.rowid


#: Scripts written without spaces between words: Thai, Lao, Myanmar, Khmer, Japanese kana, Chinese characters.
WITHOUT_SPACES = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


def is_long(word: str) -> bool:
    return len(word) >= TRIGRAM


def starts_a_word(word: str) -> bool:
    """``word`` is looked for at the start of a word, not inside one."""
    return not is_long(word) and not WITHOUT_SPACES.search(word)


class Tier(Enum):
    """Which hits: every one, those whose heading holds every word, or the rest."""

    EVERY = "every"
    HEADING = "heading"
    REST = "rest"


def _columns(restricted: bool, heading: bool) -> list[str]:
    """The folded columns searched: the heading a reader sees (the restricted one is filled in only where the public
    one is a placeholder), or all of the text they may read."""
    if heading:
        return ["folded_title", "folded_restricted_title"] if restricted else ["folded_title"]
    return (["folded_title", "folded_text", "folded_restricted", "folded_restricted_title"] if restricted
            else ["folded_title", "folded_text"])


# SQLite: FTS5 queries, each word a quoted phrase (a short one as a prefix) within the columns searched.

def _match(table: sa.TableClause, words: list[str], columns: list[str]) -> sa.ColumnElement[bool]:
    prefix = "*" if table is WORDS else ""
    phrases = " AND ".join('"' + word.replace('"', '""') + '"' + prefix for word in words)
    return sa.literal_column(table.name).op("MATCH")("{" + " ".join(columns) + "} : (" + phrases + ")")


def _sqlite_ids(words: list[str], columns: list[str]) -> tuple[sa.Select[Any], sa.ColumnElement[int]]:
    """The ids of the entries holding ``words`` (long words and words starting a word only) in ``columns``, from
    the FTS5 tables alone, with the column of ids to order them by (FTS5 hands ids back in order)."""
    long_words = [word for word in words if is_long(word)]
    short_words = [word for word in words if not is_long(word)]
    table = FTS if long_words else WORDS
    ids = sa.select(table.c.rowid.label("id")).where(_match(table, long_words or short_words, columns))
    if long_words and short_words:
        ids = ids.where(table.c.rowid.in_(sa.select(WORDS.c.rowid).where(_match(WORDS, short_words, columns))))
    return ids, table.c.rowid


def _sqlite_holds(words: list[str], columns: list[str]) -> list[sa.ColumnElement[bool]]:
    indexed = [word for word in words if is_long(word) or starts_a_word(word)]
    found = [SearchEntry.id.in_(_sqlite_ids(indexed, columns)[0])] if indexed else []
    parts = [getattr(SearchEntry, column).expression for column in columns]
    searched = parts[0]
    for part in parts[1:]:
        searched = searched + " " + part
    return found + [sa.func.instr(searched, word) > 0 for word in words if word not in indexed]


# PostgreSQL: a long word through the trigram indexes (LIKE), a short one through the full-text indexes.

def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _starts_a_word(words: sa.ColumnElement[Any], word: str) -> sa.ColumnElement[bool]:
    # Words are letters and digits only (``query_words``), so the quoted word is one plain term.
    return words.op("@@", return_type=sa.Boolean)(sa.func.to_tsquery(SIMPLE, f"'{word}':*"))


def _postgresql_word(word: str, restricted: bool) -> sa.ColumnElement[bool]:
    if starts_a_word(word):
        expressions = [PUBLIC_WORDS, RESTRICTED_WORDS] if restricted else [PUBLIC_WORDS]
        return sa.or_(*(_starts_a_word(sa.literal_column(expression), word) for expression in expressions))
    # A restricted heading is in the restricted text too.
    columns = [SearchEntry.folded_title, SearchEntry.folded_text, *([SearchEntry.folded_restricted] if restricted
                                                                      else [])]
    return sa.or_(*(column.like(_like(word), escape="\\") for column in columns))


def _headings(restricted: bool) -> list[sa.ColumnElement[str]]:
    return [getattr(SearchEntry, name).expression for name in _columns(restricted, heading=True)]


def _postgresql_heading(word: str, restricted: bool) -> sa.ColumnElement[bool]:
    """``word`` is in the heading the reader sees, measured on each row and never through an index: a query that
    reads the newest entries in order keeps reading them in order (``app.search.services``)."""
    if not starts_a_word(word):
        return sa.or_(*(sa.func.strpos(heading, word) > 0 for heading in _headings(restricted)))
    return sa.or_(*(_starts_a_word(sa.func.to_tsvector(SIMPLE, heading), word) for heading in _headings(restricted)))


def _postgresql_heading_indexed(word: str, restricted: bool) -> sa.ColumnElement[bool]:
    """The same, found through the indexes: a long word by the headings' trigram indexes, a short one by the text's
    full-text indexes, then measured in the heading."""
    if not starts_a_word(word):
        return sa.or_(*(heading.like(_like(word), escape="\\") for heading in _headings(restricted)))
    return sa.and_(_postgresql_word(word, restricted), _postgresql_heading(word, restricted))


def holds_every_word(dialect: str, words: list[str], restricted: bool) -> list[sa.ColumnElement[bool]]:
    """Conditions an entry meets when each word is in its public text, or in its restricted text when
    ``restricted`` (the reader may read restricted notes)."""
    if dialect == "postgresql":
        return [_postgresql_word(word, restricted) for word in words]
    return _sqlite_holds(words, _columns(restricted, heading=False))


def in_heading(dialect: str, words: list[str], restricted: bool) -> sa.ColumnElement[bool]:
    """Every word is in the heading the reader sees, measured on each row."""
    if dialect == "postgresql":
        return sa.and_(*(_postgresql_heading(word, restricted) for word in words))
    inside = [word for word in words if not starts_a_word(word)]
    found = [sa.or_(*(sa.func.instr(heading, word) > 0 for heading in _headings(restricted))) for word in inside]
    if len(inside) < len(words):
        found += _sqlite_holds([word for word in words if starts_a_word(word)], _columns(restricted, heading=True))
    return sa.and_(*found)


Narrowing = Callable[[sa.Select[Any], sa.ColumnElement[int]], sa.Select[Any]]


def hits(dialect: str, words: list[str], restricted: bool, tier: Tier, conditions: list[sa.ColumnElement[bool]],
         narrowed: Narrowing) -> tuple[sa.Select[Any], sa.ColumnElement[int]]:
    """The ids of the entries holding every word, of ``tier``, meeting ``conditions`` and ``narrowed`` (by kind),
    and the id column to order them by. On SQLite, a query with no other conditions is answered by the FTS5 tables
    alone, ids only, which is what makes a common word quick."""
    if dialect == "sqlite" and not conditions and all(is_long(word) or starts_a_word(word) for word in words):
        if tier is Tier.REST:
            every, rowid = hits(dialect, words, restricted, Tier.EVERY, conditions, narrowed)
            return every.where(rowid.not_in(hits(dialect, words, restricted, Tier.HEADING, conditions, narrowed)[0])
                               ), rowid
        ids, rowid = _sqlite_ids(words, _columns(restricted, heading=tier is Tier.HEADING))
        return narrowed(ids, rowid), rowid
    if dialect == "postgresql" and tier is Tier.HEADING:
        found = [_postgresql_heading_indexed(word, restricted) for word in words]
    else:
        heading = in_heading(dialect, words, restricted)
        found = {Tier.HEADING: [heading], Tier.EVERY: holds_every_word(dialect, words, restricted),
                 Tier.REST: [*holds_every_word(dialect, words, restricted), sa.not_(heading)]}[tier]
    entry_id = SearchEntry.id.expression
    return narrowed(sa.select(entry_id).where(*found, *conditions), entry_id), entry_id
