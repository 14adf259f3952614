"""The run's database: created empty, prepared as an administrator would (migrations, demo data, officers), and
searched afterwards for every row the run wrote."""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

PASSWORD = "load-test-password-1"


def fresh_database(url: str | None, recreate: bool, folder: Path) -> str:
    """The URL of a new, empty database: a SQLite file in ``folder``, or the PostgreSQL database named in ``url``
    (created; an existing one is dropped only with ``recreate``)."""
    if not url:
        return f"sqlite:///{folder / 'load.sqlite'}"
    import sqlalchemy as sa

    target = sa.make_url(url.replace("postgresql://", "postgresql+psycopg://", 1) if url.startswith("postgresql://")
                         else url)
    if not target.drivername.startswith("postgresql"):
        sys.exit("--database-url must be a PostgreSQL URL (leave it out for SQLite)")
    server = sa.create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        exists = connection.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": target.database})
        if exists and not recreate:
            sys.exit(f"The database {target.database} exists: pass --recreate to drop it and start afresh, "
                     "or name another one")
        if exists:
            connection.execute(sa.text(f'DROP DATABASE "{target.database}" WITH (FORCE)'))
        connection.execute(sa.text(f'CREATE DATABASE "{target.database}"'))
    server.dispose()
    return target.render_as_string(hide_password=False)


@dataclass
class Desk:
    """What the officers work on."""

    officers: list[str]
    partnerships: list[str]
    areas: list[int]


def prepare(url: str, users: int) -> Desk:
    """Migrate the new database, load the demo data and create the officers, as an administrator would."""
    import sqlalchemy as sa
    from flask_migrate import upgrade

    from app import create_app
    from app.extensions import db
    from app.models import CooperationArea, Partnership, Plan
    from app.users.details import UserDetails
    from app.users.services import create_user
    from seed.loader import load_demo

    app = create_app("development", SQLALCHEMY_DATABASE_URI=url, DEBUG=False)
    with app.app_context():
        upgrade()
        load_demo()
        emails = [f"officer{n:02d}@load.example" for n in range(1, users + 1)]
        for email in emails:
            create_user(UserDetails(name=email.split("@")[0].title(), role="editor"), email=email, password=PASSWORD)
        db.session.commit()
        today = date.today()
        areas = db.session.scalars(
            sa.select(CooperationArea.id).join(Plan)
            .where(Plan.starts_on <= today, Plan.ends_on >= today, CooperationArea.archived_at.is_(None),
                   Plan.archived_at.is_(None))
            .order_by(CooperationArea.id)
        ).all()
        partnerships = db.session.scalars(
            sa.select(Partnership.slug).where(Partnership.archived_at.is_(None)).order_by(Partnership.slug)
        ).all()
        db.engine.dispose()
    if not areas or not partnerships:
        sys.exit("The demo data has no partnership or cooperation area to work on")
    return Desk(officers=emails, partnerships=list(partnerships), areas=list(areas))


def written_rows(url: str, run: str) -> Counter:
    """{marker: rows} for every row this run wrote, found by the marker each write carries."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    pattern = f"{run}-%"
    found: Counter = Counter()
    with engine.connect() as connection:
        for table, column in (("meetings", "title"), ("follow_up_actions", "title"), ("status_updates", "note")):
            rows = connection.execute(
                sa.text(f"SELECT {column} FROM {table} WHERE {column} LIKE :pattern"), {"pattern": pattern}
            )
            found.update(value for (value,) in rows)
    engine.dispose()
    return found
