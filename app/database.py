"""Database settings that must hold on every connection, and how a page that only reads uses its connection."""

from flask import Flask, request
from sqlalchemy import event

from app.extensions import db

#: Requests that only read (HTTP's safe methods): every change in this app is a POST.
READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: Marks the connection of a reading request, so that a write on it is refused (see ``refuse_writes``).
READS_ONLY = "reads_only"


class WriteWhileReading(RuntimeError):
    """A GET tried to change the database: writes belong to POST routes, in one transaction."""


def configure(app: Flask) -> None:
    configure_sqlite(app)
    configure_reading_requests(app)


def configure_sqlite(app: Flask) -> None:
    """Turn on what SQLite leaves off by default, on every new connection.

    Foreign keys are not enforced unless asked; WAL lets readers carry on while one request writes; the busy
    timeout makes a second writer wait instead of failing with "database is locked".
    """
    with app.app_context():
        engine = db.engine
    if engine.dialect.name != "sqlite":
        return
    busy_ms = int(app.config["SQLITE_BUSY_TIMEOUT_MS"])
    in_memory = engine.url.database in (None, "", ":memory:")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
        if not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


def configure_reading_requests(app: Flask) -> None:
    """A request that only reads may not write, and on PostgreSQL runs outside an explicit transaction.

    At READ COMMITTED, PostgreSQL's default, each statement takes its own snapshot even inside a transaction, so
    a page sees exactly what it saw before. What changes is the cost: no BEGIN and no ROLLBACK round trips, and
    psycopg keeps the statements it has prepared (it forgets them all on every ROLLBACK, which is how a pooled
    connection used to end each page), so a page's statements are parsed and planned once per connection rather
    than on every request. SQLite's driver begins a transaction only to write, so there it changes nothing.
    """
    with app.app_context():
        engine = db.engine
    options = {READS_ONLY: True}
    if engine.dialect.name == "postgresql":
        options["isolation_level"] = "AUTOCOMMIT"

    @app.before_request
    def read_outside_a_transaction():
        # Registered before any other hook that reads (the signed-in user is loaded after this one).
        if request.method in READING_METHODS and not db.session().in_transaction():
            db.session.connection(execution_options=options)

    @event.listens_for(engine, "before_cursor_execute")
    def refuse_writes(connection, _cursor, statement, _parameters, context, _many):
        # Outside a transaction a write would be kept statement by statement: refuse it before it runs.
        if (context.isinsert or context.isupdate or context.isdelete) and \
                connection.get_execution_options().get(READS_ONLY):
            raise WriteWhileReading(f"{request.method} {request.path} tried to write: {statement.split()[0]}")
