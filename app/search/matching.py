"""Which entries hold every word of a query, and how well: the part of search that differs by database.

A word of three letters or more is found anywhere in a word of the record ("rathor" finds "Rathore", and a word of a
Thai or Chinese text written without spaces is found inside it); a shorter word at the start of a word ("un" finds
"UN" and "UNESCO", not "fund"), since a part of a word that short is in nearly every record. Both through indexes:
on SQLite its FTS5 tables of trigrams and of words, on PostgreSQL trigram and full-text indexes of each kind
(``app.search.schema``). A short word of a script written without spaces (two Chinese characters) is still found
inside the text, which no index serves: the entries are read. The ranking is the same on both: see
``app.search.statement``.

The words are parameters of the statement, never part of it: one statement serves every query of the same shape
(``Word``), and each value is worked out from the query's words by the recipe that named it (``Values``).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
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
#: Scripts written without spaces between words: Thai, Lao, Myanmar, Khmer, Japanese kana, Chinese characters.
WITHOUT_SPACES = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


@dataclass(frozen=True)
class Word:
    """A word of a query as a statement looks for it: its place among the words, and how."""

    place: int
    #: Three letters or more: through the trigrams, anywhere in a word.
    long: bool
    #: Shorter, of a script written with spaces: at the start of a word.
    starts: bool


def shape_of(words: list[str]) -> tuple[Word, ...]:
    return tuple(Word(place, len(word) >= TRIGRAM, len(word) < TRIGRAM and not WITHOUT_SPACES.search(word))
                 for place, word in enumerate(words))


class Values:
    """The parameters of a statement being built, each with the recipe that works its value out from the words."""

    def __init__(self) -> None:
        self.recipes: dict[str, Callable[[list[str]], str]] = {}

    def __call__(self, name: str, recipe: Callable[[list[str]], str]) -> sa.BindParameter[str]:
        self.recipes.setdefault(name, recipe)
        return sa.bindparam(name, type_=sa.String)

    def of(self, words: list[str]) -> dict[str, str]:
        return {name: recipe(words) for name, recipe in self.recipes.items()}


def from_fts(id_column: sa.ColumnElement[int]) -> bool:
    """The ids come from one of SQLite's FTS5 tables, which hands them back in order."""
    return id_column is FTS.c.rowid or id_column is WORDS.c.rowid


class Tier(Enum):
    """Which hits: every one, those whose heading holds every word, or the rest; the rest to be read in the order
    of their ids (PostgreSQL: each word measured on each row, so that no index offers to find them all first)."""

    EVERY = "every"
    HEADING = "heading"
    REST = "rest"
    REST_IN_ORDER = "rest in order"


def _columns(restricted: bool, heading: bool) -> list[str]:
    """The folded columns searched: the heading a reader sees (the restricted one is filled in only where the public
    one is a placeholder), or all of the text they may read."""
    if heading:
        return ["folded_title", "folded_restricted_title"] if restricted else ["folded_title"]
    return (["folded_title", "folded_text", "folded_restricted", "folded_restricted_title"] if restricted
            else ["folded_title", "folded_text"])


def _headings(restricted: bool) -> list[sa.ColumnElement[str]]:
    return [getattr(SearchEntry, name).expression for name in _columns(restricted, heading=True)]


def _plain(values: Values, word: Word) -> sa.BindParameter[str]:
    return values(f"word_{word.place}", lambda words: words[word.place])


def _like(values: Values, word: Word) -> sa.BindParameter[str]:
    def pattern(words: list[str]) -> str:
        text = words[word.place]
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return values(f"like_{word.place}", pattern)


# SQLite: FTS5 queries, each word a quoted phrase (a short one as a prefix) within the columns searched.

def _match(values: Values, table: sa.TableClause, words: tuple[Word, ...], columns: list[str]
           ) -> sa.ColumnElement[bool]:
    prefix = "*" if table is WORDS else ""

    def expression(typed: list[str]) -> str:
        phrases = " AND ".join('"' + typed[word.place].replace('"', '""') + '"' + prefix for word in words)
        return "{" + " ".join(columns) + "} : (" + phrases + ")"
    name = f"{table.name}_{'_'.join(columns)}_{'_'.join(str(word.place) for word in words)}"
    return sa.literal_column(table.name).op("MATCH")(values(name, expression))


def _joined(columns: list[sa.ColumnElement[str]]) -> sa.ColumnElement[str]:
    joined = columns[0]
    for column in columns[1:]:
        joined = joined + " " + column
    return joined


def _starts_a_folded_word(values: Values, text: sa.ColumnElement[str], word: Word) -> sa.ColumnElement[bool]:
    """A folded text's words are separated by one space: ``word`` starts one where a space comes before it."""
    return sa.func.strpos(" " + text, " " + _plain(values, word)) > 0


def _sqlite_ids(values: Values, words: tuple[Word, ...], columns: list[str]
                ) -> tuple[sa.Select[Any], sa.ColumnElement[int]]:
    """The ids of the entries holding ``words`` (long words and words starting a word only) in ``columns``, from
    the FTS5 tables alone, with the column of ids to order them by (FTS5 hands ids back in order). With a long
    word, its trigrams find the entries, and each is looked up among the entries the table of words finds for the
    short words, found once. Looked up by its id as a value (``rowid + 0``): as the column itself, SQLite would hand
    each id of the table of words to the trigram table, which reads the long word's whole list of entries each time;
    and measuring the short word in the text of each entry read every entry holding the long word."""
    long_words = tuple(word for word in words if word.long)
    short_words = tuple(word for word in words if not word.long)
    if not long_words:
        return sa.select(WORDS.c.rowid.label("id")).where(_match(values, WORDS, short_words, columns)), WORDS.c.rowid
    ids = sa.select(FTS.c.rowid.label("id")).where(_match(values, FTS, long_words, columns))
    if short_words:
        starting = sa.select(WORDS.c.rowid).where(_match(values, WORDS, short_words, columns))
        ids = ids.where((FTS.c.rowid + 0).in_(starting))
    return ids, FTS.c.rowid


def _sqlite_holds(values: Values, words: tuple[Word, ...], columns: list[str]) -> list[sa.ColumnElement[bool]]:
    indexed = tuple(word for word in words if word.long or word.starts)
    found = [SearchEntry.id.in_(_sqlite_ids(values, indexed, columns)[0])] if indexed else []
    searched = _joined([getattr(SearchEntry, column).expression for column in columns])
    return found + [sa.func.instr(searched, _plain(values, word)) > 0 for word in words if word not in indexed]


# PostgreSQL: a long word through the trigram indexes (LIKE), a short one through the full-text indexes.

def _starts_a_word(values: Values, words: sa.ColumnElement[Any], word: Word) -> sa.ColumnElement[bool]:
    # Words are letters and digits only (``query_words``), so the quoted word is one plain term.
    prefix = values(f"prefix_{word.place}", lambda typed: f"'{typed[word.place]}':*")
    return words.op("@@", return_type=sa.Boolean)(sa.func.to_tsquery(SIMPLE, prefix))


def _text_columns(restricted: bool) -> list[sa.ColumnElement[str]]:
    # A restricted heading is in the restricted text too.
    return [SearchEntry.folded_title.expression, SearchEntry.folded_text.expression,
            *([SearchEntry.folded_restricted.expression] if restricted else [])]


def _postgresql_word(values: Values, word: Word, restricted: bool) -> sa.ColumnElement[bool]:
    if word.starts:
        expressions = [PUBLIC_WORDS, RESTRICTED_WORDS] if restricted else [PUBLIC_WORDS]
        return sa.or_(*(_starts_a_word(values, sa.literal_column(expression), word) for expression in expressions))
    if not word.long:  # too short for the trigram indexes, which would hand back every entry to be read
        return _measured(values, word, _text_columns(restricted))
    return sa.or_(*(column.like(_like(values, word), escape="\\") for column in _text_columns(restricted)))


def _measured(values: Values, word: Word, columns: list[sa.ColumnElement[str]]) -> sa.ColumnElement[bool]:
    """``word`` is in one of ``columns``, measured on each row and never through an index."""
    if not word.starts:
        return sa.or_(*(sa.func.strpos(column, _plain(values, word)) > 0 for column in columns))
    # Measured in the text as it is, as SQLite does: making each text's words (``to_tsvector``) to look the word up
    # among them took several times as long, for every entry read.
    return sa.or_(*(_starts_a_folded_word(values, column, word) for column in columns))


def _postgresql_heading(values: Values, word: Word, restricted: bool) -> sa.ColumnElement[bool]:
    """``word`` is in the heading the reader sees, measured on each row: a query that reads the newest entries in
    order keeps reading them in order (``app.search.statement``)."""
    return _measured(values, word, _headings(restricted))


def _postgresql_heading_indexed(values: Values, word: Word, restricted: bool) -> sa.ColumnElement[bool]:
    """The same, found through the indexes: a long word by the headings' trigram indexes, a short one by the text's
    full-text indexes, then measured in the heading."""
    if word.long:
        return sa.or_(*(heading.like(_like(values, word), escape="\\") for heading in _headings(restricted)))
    return sa.and_(_postgresql_word(values, word, restricted), _postgresql_heading(values, word, restricted))


def holds_every_word(values: Values, dialect: str, words: tuple[Word, ...], restricted: bool
                     ) -> list[sa.ColumnElement[bool]]:
    """Conditions an entry meets when each word is in its public text, or in its restricted text when
    ``restricted`` (the reader may read restricted notes)."""
    if dialect == "postgresql":
        return [_postgresql_word(values, word, restricted) for word in words]
    return _sqlite_holds(values, words, _columns(restricted, heading=False))


def in_heading(values: Values, dialect: str, words: tuple[Word, ...], restricted: bool) -> sa.ColumnElement[bool]:
    """Every word is in the heading the reader sees, measured on each row."""
    if dialect == "postgresql":
        return sa.and_(*(_postgresql_heading(values, word, restricted) for word in words))
    inside = [word for word in words if not word.starts]
    found = [sa.or_(*(sa.func.instr(heading, _plain(values, word)) > 0 for heading in _headings(restricted)))
             for word in inside]
    if len(inside) < len(words):
        found += _sqlite_holds(values, tuple(word for word in words if word.starts), _columns(restricted, heading=True))
    return sa.and_(*found)


Narrowing = Callable[[sa.Select[Any], sa.ColumnElement[int]], sa.Select[Any]]


def hits(values: Values, dialect: str, words: tuple[Word, ...], restricted: bool, tier: Tier,
         conditions: list[sa.ColumnElement[bool]], narrowed: Narrowing
         ) -> tuple[sa.Select[Any], sa.ColumnElement[int]]:
    """The ids of the entries holding every word, of ``tier``, meeting ``conditions`` and ``narrowed`` (by kind),
    and the id column to order them by. On SQLite, a query with no other conditions is answered by the FTS5 tables
    alone, ids only, which is what makes a common word quick."""
    if tier is Tier.REST_IN_ORDER and dialect != "postgresql":
        tier = Tier.REST  # SQLite's text indexes hand the ids back in order
    if dialect == "sqlite" and not conditions and all(word.long or word.starts for word in words):
        if tier is Tier.REST:
            every, rowid = hits(values, dialect, words, restricted, Tier.EVERY, conditions, narrowed)
            headings, _ = hits(values, dialect, words, restricted, Tier.HEADING, conditions, narrowed)
            return every.where(rowid.not_in(headings)), rowid
        ids, rowid = _sqlite_ids(values, words, _columns(restricted, heading=tier is Tier.HEADING))
        return narrowed(ids, rowid), rowid
    if dialect == "postgresql" and tier is Tier.HEADING:
        found = [_postgresql_heading_indexed(values, word, restricted) for word in words]
    elif dialect == "postgresql" and tier is Tier.REST_IN_ORDER:
        found = [*(_measured(values, word, _text_columns(restricted)) for word in words),
                 sa.not_(in_heading(values, dialect, words, restricted))]
    else:
        heading = in_heading(values, dialect, words, restricted)
        holds = holds_every_word(values, dialect, words, restricted)
        found = {Tier.HEADING: [heading], Tier.EVERY: holds, Tier.REST: [*holds, sa.not_(heading)]}[tier]
    entry_id = SearchEntry.id.expression
    return narrowed(sa.select(entry_id).where(*found, *conditions), entry_id), entry_id
