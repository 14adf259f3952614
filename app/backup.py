"""`flask backup create PATH` and `flask backup restore PATH [--force]`.

SQLite is copied with its online backup API, page by page, while the app keeps serving: the copy is the
database as it was at one moment, never a half-written file. PostgreSQL is dumped with ``pg_dump`` in its
custom format and restored with ``pg_restore`` in a single transaction: all of it or, on any error, nothing;
then vacuumed and analysed, so that the planner has statistics from the first page served.
A restore replaces the database's contents, so it refuses a database that holds records unless told
``--force``. Bad arguments and refusals get a one-line message and exit code 2, never a traceback.
"""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import NoReturn

import click
import sqlalchemy as sa
from flask.cli import AppGroup

from app.database import settle_after_load
from app.extensions import db
from app.models import DataVersion

backup_cli = AppGroup("backup", help="Back up the database to a file, or restore it from one.")

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
#: The table Alembic keeps its revision in: present in every database of this app, and no record of the desk's.
VERSION_TABLE = "alembic_version"
#: Tables a migrated database holds rows in before anyone has entered anything: it still counts as empty.
BOOKKEEPING_TABLES = (VERSION_TABLE, DataVersion.__tablename__)


def fail(message: str, code: int = 2) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


def _dialect() -> str:
    return db.engine.dialect.name


def _where() -> str:
    return db.engine.url.render_as_string(hide_password=True)


def _libpq(url: sa.URL) -> tuple[str, dict[str, str]]:
    """A connection string for pg_dump and pg_restore, and the environment carrying its password (kept out of
    the command line, which other users of the machine can read)."""
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = url.password
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        finished = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        fail(f"{command[0]} is not installed. Install the PostgreSQL client tools (Debian: postgresql-client).")
    if finished.returncode != 0:
        fail(f"{command[0]} failed: {finished.stderr.strip() or finished.stdout.strip()}", code=1)


def rows_held() -> dict[str, int]:
    """{table: rows} for each table of the app that holds any row."""
    counts = {}
    with db.engine.connect() as connection:
        # The app's tables: SQLite's full-text index keeps rows of its own (its settings) even when empty.
        for name in sorted(set(sa.inspect(connection).get_table_names()) & set(db.metadata.tables)):
            if name in BOOKKEEPING_TABLES:
                continue
            table = sa.table(name)
            count = connection.scalar(sa.select(sa.func.count()).select_from(table))
            if count:
                counts[name] = count
    return counts


def _kind_of(path: Path) -> str:
    with path.open("rb") as file:
        head = file.read(len(SQLITE_MAGIC))
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_DUMP_MAGIC):
        return "postgresql"
    return "unknown"


@backup_cli.command("create")
@click.argument("path", type=click.Path(dir_okay=False, writable=True, path_type=Path))
def create_command(path: Path) -> None:
    """Write a backup of the database to PATH (a SQLite file, or a pg_dump custom-format archive)."""
    if not path.parent.is_dir():
        fail(f"The folder {path.parent} does not exist: create it first or choose another path.")
    # Written beside the target and renamed at the end, so PATH never holds half a backup.
    partial = path.with_name(f".{path.name}.partial")
    partial.unlink(missing_ok=True)
    if _dialect() == "sqlite":
        with db.engine.connect() as connection:
            target = sqlite3.connect(partial)
            try:
                live = connection.connection.driver_connection
                assert isinstance(live, sqlite3.Connection)  # the sqlite dialect's driver is the standard module
                live.backup(target)
            finally:
                target.close()
    elif _dialect() == "postgresql":
        url, env = _libpq(db.engine.url)
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={partial}", url], env)
    else:
        fail(f"Backups of {_dialect()} databases are not supported.")
    partial.replace(path)
    counts = rows_held()
    click.echo(f"Backed up {_where()} to {path}: {sum(counts.values())} rows in {len(counts)} tables, "
               f"{path.stat().st_size:,} bytes.")


@backup_cli.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, readable=True, path_type=Path))
@click.option("--force", is_flag=True, help="Replace a database that already holds records.")
def restore_command(path: Path, force: bool) -> None:
    """Restore the database from a backup made by `flask backup create`."""
    dialect, kind = _dialect(), _kind_of(path)
    if kind == "unknown":
        fail(f"{path} is not a backup made by `flask backup create` (neither a SQLite file nor a pg_dump archive).")
    if kind != dialect:
        fail(f"{path} is a {kind} backup but the database is {dialect} ({_where()}). Restore it into a {kind} "
             "database (set DATABASE_URL).")
    counts = rows_held()
    if counts and not force:
        fail(f"The database {_where()} already holds {sum(counts.values())} rows in {len(counts)} tables; "
             "restoring would replace them. Run again with --force to replace them, or restore into an empty "
             "database.")
    if dialect == "sqlite":
        _restore_sqlite(path)
    else:
        url, env = _libpq(db.engine.url)
        db.engine.dispose()
        _run(["pg_restore", "--clean", "--if-exists", "--single-transaction", "--exit-on-error", "--no-owner",
              "--no-privileges", f"--dbname={url}", str(path)], env)
        settle_after_load(db.engine)
    db.engine.dispose()
    counts = rows_held()
    click.echo(f"Restored {_where()} from {path}: {sum(counts.values())} rows in {len(counts)} tables.")


def _restore_sqlite(path: Path) -> None:
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        try:
            checked = source.execute("PRAGMA integrity_check").fetchone()[0]
            has_version = source.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (VERSION_TABLE,)
            ).fetchone()
        except sqlite3.DatabaseError as error:
            fail(f"{path} cannot be read as a SQLite database: {error}")
        if checked != "ok":
            fail(f"{path} is damaged (integrity check: {checked}); nothing was restored.")
        if not has_version:
            fail(f"{path} is a SQLite file but not a database of this app; nothing was restored.")
        db.engine.dispose()
        with db.engine.connect() as connection:
            # The backup API replaces every page of the live database in one step; other connections see
            # the old contents or the new, never a mixture.
            live = connection.connection.driver_connection
            assert isinstance(live, sqlite3.Connection)
            source.backup(live)
    finally:
        source.close()
