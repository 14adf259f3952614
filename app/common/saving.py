"""The one way a form route saves: check the form, run the operation, commit, say what was saved, go to it.

A refusal (a service's ``DomainError``, or a unique rule of the database met by a save at the same moment) rolls
back and is shown beside its field, on the form as it was typed. A form already saved (its one-time token, see
``app.common.once``) saves nothing again and goes to what it saved.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import flash, redirect, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from app.common import once
from app.common.clashes import as_refusal
from app.common.errors import DomainError, put_on_form
from app.extensions import db
from app.models import User


@dataclass(frozen=True)
class Saved:
    """What to say once a save has committed, and the page to go to."""

    message: str
    url: str


#: The value of the second submit button of a form that adds one of several records ("Save and add another area").
ADD_ANOTHER = "add_another"


def then(added_url: str, another_url: str) -> str:
    """Where a form that adds a record goes once saved: to what it added, or, when "Save and add another" was
    pressed, back to the empty form (``another_url``, for the same parent), where the banner names what was added."""
    return another_url if request.form.get("action") == ADD_ANOTHER else added_url


def signed_in_officer() -> User:
    """The signed-in person as a record of this request's session, for a service that records who did what (the
    sign-in check loaded it, so this reads nothing)."""
    return db.session.get_one(User, current_user.id)


def saved(message: str, url: str) -> Response:
    """Commit the request's changes, flash ``message`` and redirect to ``url``.

    Both are worked out before the commit, as this function's arguments: the commit expires every record of the
    session, and reading one again afterwards (its name for the message, its id for the address) would open a second
    transaction only to read it, whose rollback on PostgreSQL also drops the statements the connection had prepared.
    """
    db.session.commit()
    flash(message, "success")
    return redirect(url)


def save_form(
    form: FlaskForm,
    operation: Callable[[], Any],
    said: Callable[[Any], Saved],
    *,
    made: str | None = None,
    conflict: Callable[[], ResponseReturnValue | None] | None = None,
    put_error: Callable[[Any, DomainError], None] = put_on_form,
    shown_once: Callable[[Any], ResponseReturnValue] | None = None,
) -> ResponseReturnValue | None:
    """The answer to ``form`` posted and saved, or None when the form is to be shown (again).

    ``operation()`` writes and flushes, never commits; ``said`` turns what it returns into the message and the page
    to go to, worked out before the commit (see ``saved``). ``made`` ("the meeting it made") names what a repeat
    of the form is sent to; forms that carry a one-time token pass it. ``conflict()`` answers a form opened on an
    older version of the record (``version_conflict``). ``put_error`` shows a refusal on the form.
    ``shown_once(result)`` answers the post itself with a page, in place of the redirect: for a secret shown only
    once (a new API token), which no cookie should carry to another page. A repeat of the post (``made``) is sent to
    ``said``'s page, without the secret.
    """
    if not form.validate_on_submit():
        return None
    token = once.posted_token() if made else None
    if token and made and (shows := once.saved_with(token)):
        return _repeat(shows, made)
    if conflict is not None and (page := conflict()) is not None:
        return page
    try:
        result = operation()
        outcome = said(result)
        if token:
            once.record_saved(token, outcome.url)
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        return _repeat_or_refuse(form, error, token, made, put_error)
    except IntegrityError as error:
        db.session.rollback()
        return _repeat_or_refuse(form, as_refusal(error, form), token, made, put_error, error)
    flash(outcome.message, "success")
    if shown_once is not None:
        return shown_once(result)
    return redirect(outcome.url)


def _repeat_or_refuse(form: FlaskForm, refusal: DomainError | None, token: str | None, made: str | None,
                      put_error: Callable[[Any, DomainError], None],
                      unexpected: Exception | None = None) -> Response | None:
    # The same form posted at the same moment: the other post saved it (and is why this one was refused).
    if token and made and (shows := once.saved_with(token)):
        return _repeat(shows, made)
    if refusal is None:
        assert unexpected is not None  # only a database refusal can fail to be a clash
        raise unexpected
    put_error(form, refusal)
    return None


def _repeat(shows: str, made: str) -> Response:
    flash(gettext("This form was already saved: here is %(made)s. Nothing was saved a second time.", made=made), "info")
    return redirect(shows)
