"""A form is saved once: each form page carries a one-time token, and saving records it.

A double click, the back button and a second press, or two posts at the same moment all send the same token; the
first to commit saves, every later one saves nothing and is sent to what the first saved. A form opened before
forms carried a token (none is posted) is saved as before.
"""

import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app, has_request_context, request
from flask_login import current_user

from app.extensions import db
from app.models import SavedForm
from app.models.base import utcnow

#: The name of the hidden field that carries the token.
FIELD = "form_token"
#: Longer than any token made here (``token_urlsafe(24)`` gives 32 characters); a longer one is not ours.
LONGEST = 64


def form_token() -> str:
    """The token for a form page: the one posted when the page is shown again after a refusal (still the same
    form, not yet saved), else a new one."""
    posted = posted_token() if has_request_context() else None
    return posted or secrets.token_urlsafe(24)


def posted_token() -> str | None:
    token = request.form.get(FIELD, "").strip()
    return token if 0 < len(token) <= LONGEST else None


def saved_with(token: str) -> str | None:
    """Where what the form with ``token`` saved can be seen, if it was saved; None while it is not."""
    return db.session.scalar(sa.select(SavedForm.shows).where(SavedForm.token == token))


def record_saved(token: str, shows: str) -> None:
    """Record, in the saving transaction, that the form with ``token`` is saved; a second record of the same token is
    refused by the primary key at flush.

    The signed-in person's tokens older than a session can last are forgotten here: a form page is posted with the
    CSRF token of the session it was opened in, so after the longest session (SESSION_MAX_DAYS) it can no longer
    be sent, and its token guards nothing. Only that person's rows, so two people saving never wait for each other.
    """
    oldest = utcnow() - timedelta(days=current_app.config["SESSION_MAX_DAYS"])
    db.session.execute(sa.delete(SavedForm).where(SavedForm.user_id == current_user.id, SavedForm.saved_at < oldest))
    db.session.add(SavedForm(token=token, user_id=current_user.id, shows=shows[:500]))
    db.session.flush()
