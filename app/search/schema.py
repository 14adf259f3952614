"""The text indexes on the search entries, which differ by database and so live outside the models.

SQLite: two FTS5 tables over the folded text, kept in step with ``search_entries`` by triggers: one of trigrams,
which finds any part of a word of three letters or more (which also serves Thai and Chinese, written without
spaces), and one of words, which finds shorter words at the start of a word.
PostgreSQL: the same with indexes of each kind apart: trigram GIN indexes (pg_trgm), which also find names spelt
nearly right, and full-text (tsvector) GIN indexes, which find words by their beginnings however short.
Alembic does not compare these (``include_object``): the migration makes them, and the tests check they are there.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

#: The FTS5 tables and the tables SQLite makes for each: trigrams, which find any part of a word of three letters or
#: more, and words, which find shorter words at the start of a word (as PostgreSQL's full-text indexes do).
FTS_TABLE = "search_fts"
WORDS_TABLE = "search_words"
FTS_TABLES = {table for name in (FTS_TABLE, WORDS_TABLE)
              for table in (name, *(f"{name}_{shadow}" for shadow in ("data", "idx", "docsize", "config")))}
#: The full-text expressions, exactly as the indexes hold them and the queries repeat them.
PUBLIC_WORDS = "to_tsvector('simple'::regconfig, folded_title || ' ' || folded_text)"
RESTRICTED_WORDS = "to_tsvector('simple'::regconfig, folded_restricted)"
_WORDS_EXPRESSIONS = {"public_words": PUBLIC_WORDS, "restricted_words": RESTRICTED_WORDS}
_KINDS = ("partnership", "organisation", "person", "meeting", "follow_up", "action_line", "activity", "report")
_TRIGRAM_COLUMNS = {"title": "folded_title", "restricted_title": "folded_restricted_title", "text": "folded_text",
                    "restricted": "folded_restricted"}
#: The columns of the FTS5 tables: the restricted heading apart, so that it ranks as a heading for editors.
FTS_COLUMNS = ("folded_title", "folded_text", "folded_restricted", "folded_restricted_title")


@dataclass(frozen=True)
class TextIndexes:
    """The text indexes as one revision made them: the migrations below the newest make and drop their own."""

    #: SQLite: the trigram table's columns, and whether the table of words is there.
    fts_columns: tuple[str, ...]
    words_table: bool
    #: PostgreSQL: each index by name, with how it is made.
    postgresql: dict[str, str]


#: Revision 7d4e1b9c2a60: one trigram index of every kind per column.
FIRST = TextIndexes(FTS_COLUMNS[:3], False, {
    **{f"ix_search_entries_{name}": f"USING gin (({expression}))" for name, expression in _WORDS_EXPRESSIONS.items()},
    **{f"ix_search_entries_{name}_trigrams": f"USING gin ({column} gin_trgm_ops)"
       for name, column in _TRIGRAM_COLUMNS.items() if name != "restricted_title"}})
#: Revision c6a8e0f2b4d5: the trigram indexes of each kind apart, because a search reads each kind's page on its own
#: and an index of every kind would be read again, whole, for each kind.
KINDS_APART = TextIndexes(FTS_COLUMNS, False, {
    **{name: how for name, how in FIRST.postgresql.items() if not name.endswith("_trigrams")},
    **{f"ix_search_entries_{kind}_{name}_trigrams": f"USING gin ({column} gin_trgm_ops) WHERE kind = '{kind}'"
       for kind in _KINDS for name, column in _TRIGRAM_COLUMNS.items()}})
#: Revision f0b2d4e6a8c1: the full-text indexes of each kind apart too, and SQLite's table of words.
SHORT_WORDS = TextIndexes(FTS_COLUMNS, True, {
    **{f"ix_search_entries_{kind}_{name}": f"USING gin (({expression})) WHERE kind = '{kind}'"
       for kind in _KINDS for name, expression in _WORDS_EXPRESSIONS.items()},
    **{name: how for name, how in KINDS_APART.postgresql.items() if name.endswith("_trigrams")}})
#: The newest: PostgreSQL's indexes write each entry in place. By default a GIN index queues new entries in a
#: pending list, read in full by every search until a vacuum; after a few dozen meetings logged, searches took
#: two and a half times as long.
WITHOUT_PENDING = "fastupdate = off"
CURRENT = TextIndexes(FTS_COLUMNS, True, {
    name: how.replace(" WHERE ", f" WITH ({WITHOUT_PENDING}) WHERE ") for name, how in SHORT_WORDS.postgresql.items()})
#: Every index any revision made, for Alembic to leave alone.
POSTGRESQL_INDEXES = CURRENT.postgresql
_EVERY_POSTGRESQL_INDEX = {*FIRST.postgresql, *KINDS_APART.postgresql, *CURRENT.postgresql}


def _sqlite_table(table: str, columns: str, tokenize: str) -> str:
    return (f"CREATE VIRTUAL TABLE {table} USING fts5({columns}, content='search_entries', content_rowid='id', "
            f"{tokenize})")


def _sqlite_triggers(indexes: TextIndexes) -> list[str]:
    tables = [FTS_TABLE, WORDS_TABLE] if indexes.words_table else [FTS_TABLE]
    columns = {FTS_TABLE: indexes.fts_columns, WORDS_TABLE: FTS_COLUMNS}
    remove_old = add_new = ""
    for table in tables:
        names = ", ".join(columns[table])
        old, new = (", ".join(f"{row}.{column}" for column in columns[table]) for row in ("old", "new"))
        remove_old += f"INSERT INTO {table} ({table}, rowid, {names}) VALUES ('delete', old.id, {old}); "
        add_new += f"INSERT INTO {table} (rowid, {names}) VALUES (new.id, {new}); "
    return [
        f"CREATE TRIGGER search_entries_fts_insert AFTER INSERT ON search_entries BEGIN {add_new}END",
        f"CREATE TRIGGER search_entries_fts_delete AFTER DELETE ON search_entries BEGIN {remove_old}END",
        f"CREATE TRIGGER search_entries_fts_update AFTER UPDATE ON search_entries BEGIN {remove_old}{add_new}END",
    ]


def _sqlite_tables(indexes: TextIndexes) -> list[str]:
    tables = [_sqlite_table(FTS_TABLE, ", ".join(indexes.fts_columns), "tokenize='trigram'")]
    if indexes.words_table:
        # Prefixes of one and two letters indexed, so that a short word is found without reading every word.
        tables.append(_sqlite_table(WORDS_TABLE, ", ".join(FTS_COLUMNS),
                                    "tokenize='unicode61 remove_diacritics 0', prefix='1 2'"))
    return tables


def create_statements(dialect: str, indexes: TextIndexes = CURRENT) -> list[str]:
    """What makes the text indexes (empty: ``rebuild_statements`` fills SQLite's)."""
    if dialect == "sqlite":
        return [*_sqlite_tables(indexes), *_sqlite_triggers(indexes)]
    return ["CREATE EXTENSION IF NOT EXISTS pg_trgm"] + [
        f"CREATE INDEX {name} ON search_entries {how}" for name, how in indexes.postgresql.items()]


_TRIGGER_DROPS = [f"DROP TRIGGER IF EXISTS search_entries_fts_{event}" for event in ("insert", "delete", "update")]


def drop_statements(dialect: str, indexes: TextIndexes = CURRENT) -> list[str]:
    if dialect == "sqlite":
        return [*_TRIGGER_DROPS, f"DROP TABLE IF EXISTS {FTS_TABLE}", f"DROP TABLE IF EXISTS {WORDS_TABLE}"]
    # The extension stays: other databases' objects, or a later revision, may use it.
    return [f"DROP INDEX IF EXISTS {name}" for name in indexes.postgresql]


def rebuild_statements(dialect: str, indexes: TextIndexes = CURRENT) -> list[str]:
    """SQLite: fill the FTS5 tables from the entries already there."""
    if dialect != "sqlite":
        return []
    tables = [FTS_TABLE, WORDS_TABLE] if indexes.words_table else [FTS_TABLE]
    return [f"INSERT INTO {table} ({table}) VALUES ('rebuild')" for table in tables]


@contextmanager
def bulk_loading(connection: sa.Connection, indexes: TextIndexes = CURRENT) -> Iterator[None]:
    """Inside the block, entries are written without keeping the text indexes up row by row; they are built once
    at the end (for a whole index, many times faster: SQLite's FTS5 tables are otherwise written at every row)."""
    dialect = connection.dialect.name
    if dialect == "sqlite":
        for statement in _TRIGGER_DROPS:
            connection.exec_driver_sql(statement)
        yield
        for statement in [*rebuild_statements(dialect, indexes), *_sqlite_triggers(indexes)]:
            connection.exec_driver_sql(statement)
        return
    for statement in [f"DROP INDEX IF EXISTS {name}" for name in _EVERY_POSTGRESQL_INDEX]:
        connection.exec_driver_sql(statement)
    yield
    for statement in create_statements(dialect, indexes)[1:]:
        connection.exec_driver_sql(statement)


def include_object(_object: Any, name: str | None, type_: str, _reflected: bool, _compare_to: Any) -> bool:
    """Whether Alembic compares an object: not the text indexes above, which the models do not describe."""
    return not ((type_ == "table" and name in FTS_TABLES) or (type_ == "index" and name in _EVERY_POSTGRESQL_INDEX))
