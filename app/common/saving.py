"""The end of every form that saves: commit, say what was saved, and go to the page that shows it."""

from flask import flash, redirect

from app.extensions import db


def saved(message: str, url: str):
    """Commit the request's changes, flash ``message`` and redirect to ``url``.

    Both are worked out before the commit, as this function's arguments: the commit expires every record of the
    session, and reading one again afterwards (its name for the message, its id for the address) would open a second
    transaction only to read it, whose rollback on PostgreSQL also drops the statements the connection had prepared.
    """
    db.session.commit()
    flash(message, "success")
    return redirect(url)
