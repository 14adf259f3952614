"""Database settings that must hold on every connection."""

from flask import Flask
from sqlalchemy import event

from app.extensions import db


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
