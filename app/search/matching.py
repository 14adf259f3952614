"""Which entries hold every word of a query, and how well: the part of search that differs by database.

A word is found anywhere in a word of the record ("rathor" finds "Rathore", and a word of a Thai or Chinese text
written without spaces is found inside it). SQLite finds words of three letters or more through its FTS5 trigram
table and shorter ones by reading the entries; PostgreSQL through its trigram indexes, and shorter words through its
full-text index (which finds them at the start of a word). The ranking is the same on both: see ``score``.
"""

import sqlalchemy as sa

from app.models import SearchEntry
from app.search.schema import FTS_TABLE, PUBLIC_WORDS, RESTRICTED_WORDS

#: The shortest word a trigram index can find.
TRIGRAM = 3


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
        phrases = " AND ".join('"' + word.replace('"', '""') + '"' for word in long_words)
        # Without restricted text, the words must all be in the public columns.
        expression = phrases if restricted else "{folded_title folded_text} : (" + phrases + ")"
        conditions.append(SearchEntry.id.in_(
            sa.select(sa.literal_column("rowid")).select_from(sa.table(FTS_TABLE))
            .where(sa.literal_column(FTS_TABLE).op("MATCH")(expression))))
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


def score(dialect: str, words: list[str], restricted: bool) -> sa.ColumnElement[int]:
    """How well an entry matches, the same on both databases: for each word, a whole word of the heading counts
    most, then the start of one, then any part of it; then the same in the text; then the restricted text. The
    heading is the restricted one for those who may read it."""
    heading = SearchEntry.folded_title.expression
    if restricted:
        heading = sa.case((SearchEntry.folded_restricted_title != "", SearchEntry.folded_restricted_title),
                          else_=SearchEntry.folded_title)
    title = sa.literal(" ") + heading + " "
    text = sa.literal(" ") + SearchEntry.folded_text + " "
    total: sa.ColumnElement[int] = sa.literal(0)
    for word in words:
        total = total + sa.case(
            (_position(dialect, title, f" {word} ") > 0, 12),
            (_position(dialect, title, f" {word}") > 0, 9),
            (_position(dialect, title, word) > 0, 6),
            (_position(dialect, text, f" {word} ") > 0, 4),
            (_position(dialect, text, f" {word}") > 0, 3),
            (_position(dialect, text, word) > 0, 2),
            else_=1,
        )
    return total
