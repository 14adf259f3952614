"""The database a benchmark runs on: built once with the app's own commands (``flask db upgrade``, ``flask seed
synthetic``), then reused by every later run with the same scale, seed and last day; each run works on a copy."""

from __future__ import annotations

import os
import secrets
import sqlite3
import subprocess
import sys
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"
ADMIN_EMAIL = "bench-admin@bench.example"
ADMIN_NAME = "Benchmark Administrator"
ADMIN_PASSWORD = "slate rivet harbour comet"
#: The organisation ``flask seed synthetic`` names as ours: its presence means the data set is there.
SYNTHETIC_OWNER = "Ministry of Foreign Affairs (synthetic data)"


@dataclass(frozen=True)
class DataSet:
    scale: str
    seed: int
    until: date

    @property
    def stamp(self) -> str:
        """What a built database is labelled with, so a run never measures data made with other settings."""
        return f"synthetic {self.scale} seed {self.seed} until {self.until.isoformat()}"


def add_data_set_options(parser) -> None:
    """The options that name a data set beside its scale: --seed and --until."""
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--until", type=date.fromisoformat, default=date(2026, 11, 28),
                        help="the last day of the data set (default 2026-11-28)")


def sqlalchemy_url(url: str) -> str:
    """The URL as the app reads it: PostgreSQL through psycopg 3 (the same rule as ``config.database_url``)."""
    if url.startswith(("postgres://", "postgresql://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def production_env(url: str, secret_key: str | None = None) -> dict[str, str]:
    """The settings the app is served with in production, on the benchmark's database."""
    return {
        **os.environ,
        "FLASK_APP": "app",
        "APP_CONFIG": "production",
        "FLASK_DEBUG": "0",
        "SECRET_KEY": secret_key or secrets.token_hex(32),
        "DATABASE_URL": url,
        "PYTHONPATH": str(ROOT),
        # The benchmark's one token asks far more often than any program should: counted as in production, never
        # refused (the limits themselves are tested in tests/api/test_api_limits.py).
        "API_LIMITS_PER_TOKEN": "1000000 per minute",
        "API_LIMITS_PER_ADDRESS": "1000000 per minute",
        # The report files made ahead of the click go with the benchmark's data, not the checkout's own.
        "REPORT_FILES_AHEAD_DIR": str(DATA / "report-files"),
    }


def flask(url: str, *arguments: str) -> None:
    """Run a ``flask`` command of the app on the benchmark's database; stop the benchmark if it fails."""
    command = [sys.executable, "-m", "flask", *arguments]
    shown = " ".join(arguments[:2])
    print(f"  flask {shown} ...", flush=True)
    done = subprocess.run(command, cwd=ROOT, env=production_env(url), capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"`flask {shown}` failed:\n{done.stdout}{done.stderr}")


def prepare(database: str, data_set: DataSet, postgresql_url: str | None, rebuild: bool) -> str:
    """The URL of a database holding ``data_set`` at the current schema, with the benchmark's administrator."""
    if database == "sqlite":
        url = sqlite_database(data_set, rebuild)
    else:
        url = postgresql_database(postgresql_url or f"postgresql://postgres@127.0.0.1:5432/bench_{data_set.scale}",
                                  data_set, rebuild)
    ensure_admin(url)
    give_admin_a_desk(url)
    return url


def sqlite_database(data_set: DataSet, rebuild: bool) -> str:
    """A file under benchmarks/data named after the data set; a file whose build did not finish is built again."""
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"{data_set.scale}-seed{data_set.seed}-{data_set.until.isoformat()}.sqlite"
    ready = path.with_suffix(".ready")
    if rebuild or not ready.exists():
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), ready):
            leftover.unlink(missing_ok=True)
    url = f"sqlite:///{path}"
    # Always: a reused file gets the migrations added since it was built, as a deployment would.
    flask(url, "db", "upgrade")
    if not ready.exists():
        seed(url, data_set)
        ready.write_text(data_set.stamp + "\n")
    return url


def postgresql_database(url: str, data_set: DataSet, rebuild: bool) -> str:
    """The database named in ``url``, created when missing; it is labelled with the data set once built."""
    target = sa.make_url(sqlalchemy_url(url))
    if not target.drivername.startswith("postgresql"):
        sys.exit(f"--database-url must name a PostgreSQL database, not {url}")
    name = target.database
    server = sa.create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with server.connect() as connection:
            exists = connection.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
            if exists and rebuild:
                connection.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
            if rebuild or not exists:
                connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.OperationalError as error:
        sys.exit(f"No PostgreSQL server answers at {target.render_as_string()}: {error.orig}")
    finally:
        server.dispose()
    plain_url = target.render_as_string(hide_password=False)
    flask(plain_url, "db", "upgrade")
    engine = sa.create_engine(target, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            label = connection.scalar(sa.text(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = current_database()"
            ))
            if label == data_set.stamp:
                return plain_url
            if label or connection.scalar(sa.text("SELECT count(*) FROM partnerships")):
                sys.exit(f'The database {name} holds other records ({label or "not built by the benchmark"}): '
                         "pass --rebuild to drop it and build it afresh, or name another with --database-url")
            seed(plain_url, data_set)
            connection.execute(sa.text(f"COMMENT ON DATABASE \"{name}\" IS '{data_set.stamp}'"))
    finally:
        engine.dispose()
    return plain_url


def working_copy(url: str) -> str:
    """A copy of the built database for one run, made afresh each time: the forms the benchmark posts really save,
    and saved into the built database they would pile up on the very records measured, run after run."""
    target = sa.make_url(sqlalchemy_url(url))
    if target.drivername.startswith("sqlite"):
        built = Path(target.database)
        copy = built.with_name(built.stem + ".run.sqlite")
        discard(f"sqlite:///{copy}")
        # The backup API copies a consistent state even with a write-ahead log beside the file.
        with closing(sqlite3.connect(built)) as source, closing(sqlite3.connect(copy)) as destination:
            source.backup(destination)
        return f"sqlite:///{copy}"
    copy = f"{target.database}_run"
    server = sa.create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with server.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)'))
            # A file copy is much faster than the default WAL_LOG strategy (PostgreSQL 15+) for gigabytes.
            strategy = " STRATEGY FILE_COPY" if connection.dialect.server_version_info >= (15,) else ""
            connection.execute(sa.text(f'CREATE DATABASE "{copy}" TEMPLATE "{target.database}"{strategy}'))
    finally:
        server.dispose()
    return target.set(database=copy).render_as_string(hide_password=False)


def discard(url: str) -> None:
    """Remove a working copy."""
    target = sa.make_url(sqlalchemy_url(url))
    if target.drivername.startswith("sqlite"):
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(target.database + suffix).unlink(missing_ok=True)
        return
    server = sa.create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with server.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)'))
    finally:
        server.dispose()


def seed(url: str, data_set: DataSet) -> None:
    flask(url, "seed", "synthetic", "--scale", data_set.scale, "--seed", str(data_set.seed),
          "--until", data_set.until.isoformat())


def ensure_admin(url: str) -> None:
    engine = sa.create_engine(sqlalchemy_url(url))
    try:
        with engine.connect() as connection:
            found = connection.scalar(sa.text("SELECT 1 FROM users WHERE email = :e"), {"e": ADMIN_EMAIL})
    finally:
        engine.dispose()
    if not found:
        flask(url, "users", "create", "--email", ADMIN_EMAIL, "--name", ADMIN_NAME, "--role", "admin",
              "--password", ADMIN_PASSWORD)


def give_admin_a_desk(url: str) -> None:
    """The benchmark's administrator takes over a synthetic officer's desk, so that "My work" is measured with the
    partnerships and follow-ups of a desk officer of a ministry."""
    from seed.synthetic.desk import hand_over_desk

    engine = sa.create_engine(sqlalchemy_url(url))
    try:
        with engine.begin() as connection:
            admin_id = connection.scalar(sa.text("SELECT id FROM users WHERE email = :e"), {"e": ADMIN_EMAIL})
            if not hand_over_desk(connection, admin_id):
                sys.exit("No synthetic officer looks after a partnership: pass --rebuild to build the data set "
                         "afresh, with its desk officers")
    finally:
        engine.dispose()
