"""Database settings that must hold on every connection, and how a request that only reads uses the database.

Imports nothing from ``app.extensions``: the session class below is handed to the ``SQLAlchemy`` instance there.
"""

import weakref
from typing import TYPE_CHECKING, Any

from flask import Flask, has_request_context, request
from flask_sqlalchemy.session import Session
from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.engine.interfaces import DBAPIConnection

if TYPE_CHECKING:
    import psycopg
    from flask_sqlalchemy import SQLAlchemy

#: Requests that only read (HTTP's safe methods): every change in this app is a POST.
READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: Marks the connection of a reading request, so that a write on it is refused (see ``refuse_writes``).
READS_ONLY = "reads_only"
_reading_engines: "weakref.WeakKeyDictionary[Engine, Engine]" = weakref.WeakKeyDictionary()


class WriteWhileReading(RuntimeError):
    """A GET tried to change the database: writes belong to POST routes, in one transaction."""


class RequestSession(Session):
    """The app's session: in a request that only reads, statements go through the reading engine.

    On PostgreSQL that engine runs them outside an explicit transaction. At READ COMMITTED, PostgreSQL's
    default, each statement takes its own snapshot even inside a transaction, so a page sees exactly what it saw
    before. What changes is the cost: no BEGIN and no ROLLBACK round trips, and psycopg keeps the statements it
    has prepared (it forgets them all on every ROLLBACK, which is how a pooled connection used to end each page),
    so a page's statements are parsed and planned once per connection rather than on every request. SQLite's
    driver begins a transaction only to write, so there only the refusal of writes changes. Chosen when a
    statement first needs a connection, so a request that never reads (the health check, a static file) takes
    none.
    """

    def get_bind(self, *args: Any, **kwargs: Any) -> Engine | Connection:
        bind = super().get_bind(*args, **kwargs)
        if isinstance(bind, Engine) and has_request_context() and request.method in READING_METHODS:
            return reading_engine(bind)
        return bind


def reading_engine(engine: Engine) -> Engine:
    """``engine`` with the options of a reading request; the same pool, made once per engine."""
    reading = _reading_engines.get(engine)
    if reading is None:
        options: dict[str, object] = {READS_ONLY: True}
        if engine.dialect.name == "postgresql":
            options["isolation_level"] = "AUTOCOMMIT"
        reading = _reading_engines[engine] = engine.execution_options(**options)
    return reading


def configure(app: Flask) -> None:
    configure_sqlite(app)
    engine = engine_of(app)
    event.listen(engine, "before_cursor_execute", refuse_writes)
    if engine.dialect.name == "postgresql":
        event.listen(engine, "connect", for_short_statements)
        if not app.config["DATABASE_PREPARED_STATEMENTS"]:
            event.listen(engine, "connect", never_prepare)


def for_short_statements(dbapi_connection: "psycopg.Connection[Any]", _record: object) -> None:
    """PostgreSQL's ways with long statements cost more than they save in an app whose statements take
    milliseconds: compiling a statement it guesses to be costly (a search of a short word, a portfolio) to machine
    code, and starting helper processes for one, even when the part they would run is then skipped. Several
    requests at once keep every core busy anyway."""
    autocommit = dbapi_connection.autocommit
    dbapi_connection.autocommit = True  # a SET outside a transaction holds for the whole connection
    dbapi_connection.execute("SET jit = off")
    dbapi_connection.execute("SET max_parallel_workers_per_gather = 0")
    dbapi_connection.autocommit = autocommit


def never_prepare(dbapi_connection: "psycopg.Connection[Any]", _record: object) -> None:
    """A pooler that hands each transaction to another server connection would lose prepared statements."""
    dbapi_connection.prepare_threshold = None


def refuse_writes(connection: Connection, _cursor: object, statement: str, _parameters: object,
                  context: DefaultExecutionContext, _many: bool) -> None:
    """Outside a transaction a write would be kept statement by statement: refuse it before it runs."""
    if (context.isinsert or context.isupdate or context.isdelete) and \
            connection.get_execution_options().get(READS_ONLY):
        raise WriteWhileReading(f"{request.method} {request.path} tried to write: {statement.split()[0]}")


def engine_of(app: Flask) -> Engine:
    extension: SQLAlchemy = app.extensions["sqlalchemy"]
    with app.app_context():
        return extension.engine


def configure_sqlite(app: Flask) -> None:
    """Turn on what SQLite leaves off by default, on every new connection.

    Foreign keys are not enforced unless asked; WAL lets readers carry on while one request writes; the busy
    timeout makes a second writer wait instead of failing with "database is locked".
    """
    engine = engine_of(app)
    if engine.dialect.name != "sqlite":
        return
    busy_ms = int(app.config["SQLITE_BUSY_TIMEOUT_MS"])
    in_memory = engine.url.database in (None, "", ":memory:")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: DBAPIConnection, _record: object) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
        if not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


def settle_after_load(engine: Engine) -> None:
    """After rows arrive in bulk (a synthetic data set, a restore), on PostgreSQL: VACUUM (ANALYZE) every table, as
    autovacuum would in the hours after. Until then the planner has no statistics for the new rows (pg_restore brings
    none) and no page is marked all-visible, so an index-only scan reads every row's table page as well, pages its
    index already covered."""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM (ANALYZE)"))
