"""``flask search rebuild``: every search entry made afresh, after a repair in SQL that bypassed the app."""

import time

import click
from flask.cli import AppGroup

from app.extensions import db
from app.search.index import rebuild

search_cli = AppGroup("search", help="Look after the search index.")


@search_cli.command("rebuild")
def rebuild_command() -> None:
    """Index every record afresh, in one transaction (searches meanwhile still see the old entries)."""
    started = time.perf_counter()
    written = rebuild(db.session.connection())
    db.session.commit()
    click.echo(f"Indexed {written:,} records in {time.perf_counter() - started:.1f} s")
