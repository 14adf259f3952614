"""The text indexes on the search entries, which differ by database and so live outside the models.

SQLite: an FTS5 table of trigrams over the folded text, kept in step with ``search_entries`` by triggers; it finds
any part of a word of three letters or more, which also serves Thai and Chinese, written without spaces.
PostgreSQL: a full-text (tsvector) GIN index, which finds words and their beginnings however short, and trigram GIN
indexes (pg_trgm), which find any part of a word of three letters or more and names spelt nearly right.
Alembic does not compare these (``include_object``): the migration makes them, and the tests check they are there.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa

#: The FTS5 table and the tables SQLite makes for it.
FTS_TABLE = "search_fts"
FTS_TABLES = {FTS_TABLE, *(f"{FTS_TABLE}_{shadow}" for shadow in ("data", "idx", "docsize", "config"))}
#: The full-text expressions, exactly as the indexes hold them and the queries repeat them.
PUBLIC_WORDS = "to_tsvector('simple'::regconfig, folded_title || ' ' || folded_text)"
RESTRICTED_WORDS = "to_tsvector('simple'::regconfig, folded_restricted)"
_WORDS_INDEXES = {
    "ix_search_entries_public_words": f"USING gin (({PUBLIC_WORDS}))",
    "ix_search_entries_restricted_words": f"USING gin (({RESTRICTED_WORDS}))",
}
_KINDS = ("partnership", "organisation", "person", "meeting", "follow_up", "action_line", "activity", "report")
_TRIGRAM_COLUMNS = {"title": "folded_title", "restricted_title": "folded_restricted_title", "text": "folded_text",
                    "restricted": "folded_restricted"}
#: The trigram indexes of each kind apart: a search reads each kind's page on its own, so an index of every kind
#: would be read again, whole, for each kind.
POSTGRESQL_INDEXES = {**_WORDS_INDEXES, **{
    f"ix_search_entries_{kind}_{name}_trigrams": f"USING gin ({column} gin_trgm_ops) WHERE kind = '{kind}'"
    for kind in _KINDS for name, column in _TRIGRAM_COLUMNS.items()}}
#: The columns of the FTS5 table: the restricted heading apart, so that it ranks as a heading for editors.
FTS_COLUMNS = ("folded_title", "folded_text", "folded_restricted", "folded_restricted_title")
#: The text indexes before revision c6a8e0f2b4d5, for the migrations below it and its way down.
FIRST_FTS_COLUMNS = FTS_COLUMNS[:3]
FIRST_POSTGRESQL_INDEXES = {**_WORDS_INDEXES, **{
    f"ix_search_entries_{name}_trigrams": f"USING gin ({column} gin_trgm_ops)"
    for name, column in _TRIGRAM_COLUMNS.items() if name != "restricted_title"}}


def create_statements(dialect: str, *, first: bool = False) -> list[str]:
    """What makes the text indexes; ``first``: as they were before revision c6a8e0f2b4d5."""
    if dialect == "sqlite":
        fts_columns = FIRST_FTS_COLUMNS if first else FTS_COLUMNS
        columns = ", ".join(fts_columns)
        old, new = (", ".join(f"{row}.{column}" for column in fts_columns) for row in ("old", "new"))
        remove_old = f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rowid, {columns}) VALUES ('delete', old.id, {old});"
        add_new = f"INSERT INTO {FTS_TABLE} (rowid, {columns}) VALUES (new.id, {new});"
        return [
            f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({columns}, content='search_entries', "
            "content_rowid='id', tokenize='trigram')",
            f"CREATE TRIGGER search_entries_fts_insert AFTER INSERT ON search_entries BEGIN {add_new} END",
            f"CREATE TRIGGER search_entries_fts_delete AFTER DELETE ON search_entries BEGIN {remove_old} END",
            f"CREATE TRIGGER search_entries_fts_update AFTER UPDATE ON search_entries BEGIN {remove_old} {add_new} END",
        ]
    indexes = FIRST_POSTGRESQL_INDEXES if first else POSTGRESQL_INDEXES
    return ["CREATE EXTENSION IF NOT EXISTS pg_trgm"] + [
        f"CREATE INDEX {name} ON search_entries {how}" for name, how in indexes.items()]


_TRIGGER_DROPS = [f"DROP TRIGGER IF EXISTS search_entries_fts_{event}" for event in ("insert", "delete", "update")]


def drop_statements(dialect: str, *, first: bool = False) -> list[str]:
    if dialect == "sqlite":
        return [*_TRIGGER_DROPS, f"DROP TABLE IF EXISTS {FTS_TABLE}"]
    # The extension stays: other databases' objects, or a later revision, may use it.
    return [f"DROP INDEX IF EXISTS {name}" for name in (FIRST_POSTGRESQL_INDEXES if first else POSTGRESQL_INDEXES)]


@contextmanager
def bulk_loading(connection: sa.Connection, *, first: bool = False) -> Iterator[None]:
    """Inside the block, entries are written without keeping the text indexes up row by row; they are built once
    at the end (for a whole index, many times faster: SQLite's FTS5 table is otherwise written at every row).
    ``first``: the indexes are made as they were before revision c6a8e0f2b4d5."""
    dialect = connection.dialect.name
    if dialect == "sqlite":
        for statement in _TRIGGER_DROPS:
            connection.exec_driver_sql(statement)
        yield
        connection.exec_driver_sql(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('rebuild')")
        for statement in create_statements(dialect, first=first)[1:]:
            connection.exec_driver_sql(statement)
        return
    for statement in [*drop_statements(dialect), *drop_statements(dialect, first=True)]:
        connection.exec_driver_sql(statement)
    yield
    for statement in create_statements(dialect, first=first)[1:]:
        connection.exec_driver_sql(statement)


def include_object(_object: Any, name: str | None, type_: str, _reflected: bool, _compare_to: Any) -> bool:
    """Whether Alembic compares an object: not the text indexes above, which the models do not describe."""
    return not ((type_ == "table" and name in FTS_TABLES) or (type_ == "index" and (
        name in POSTGRESQL_INDEXES or name in FIRST_POSTGRESQL_INDEXES)))
