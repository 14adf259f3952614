"""Archive and restore, the same for every kind of record: nothing is ever hard-deleted from the interface.

Archiving asks for confirmation on its own page (GET), then acts on POST; restoring is one POST.
"""

from collections.abc import Callable
from typing import TypeVar

from flask import Blueprint, abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l

from app.auth import requires
from app.common.forms import ConfirmForm
from app.common.record_words import ARCHIVE_WORDS
from app.common.saving import saved
from app.models import Role
from app.models.base import Archivable

A = TypeVar("A", bound=Archivable)

#: What the confirmation page says archiving does, for a kind of record that has nothing more to say.
HIDDEN_FROM_LISTS = _l("It will be hidden from lists and pickers. You can restore it at any time.")


def add_archive_routes(
    bp: Blueprint,
    *,
    rule: str,
    kind: str,
    load: Callable[..., A],
    detail_url: Callable[[A], str],
    consequence: str = HIDDEN_FROM_LISTS,
    endpoints: tuple[str, str] = ("archive", "restore"),
    explanation: str | None = None,
) -> None:
    """Register ``<rule>/archive`` (confirm, then archive) and ``<rule>/restore`` on ``bp``.

    ``kind`` names the kind of record, a key of ``ARCHIVE_WORDS``: what the pages and banners say about it.
    ``endpoints`` names the two views, for a blueprint that archives more than one kind of record. ``explanation``
    is a template the confirmation page includes after ``consequence``, with the record at hand (links, counts).
    """
    words = ARCHIVE_WORDS[kind]

    @bp.route(f"{rule}/archive", methods=["GET", "POST"], endpoint=endpoints[0])
    @requires(Role.EDITOR)
    def archive(**key: int) -> ResponseReturnValue:
        record = load(**key)
        form = ConfirmForm()
        if request.method == "POST":
            if not form.validate_on_submit():
                abort(400)
            record.archive()
            return saved(words.archived % {"name": record}, detail_url(record))
        return render_template(
            "archive_confirm.html", record=record, words=words, form=form, consequence=consequence,
            cancel_url=detail_url(record), explanation=explanation,
        )

    @bp.route(f"{rule}/restore", methods=["POST"], endpoint=endpoints[1])
    @requires(Role.EDITOR)
    def restore(**key: int) -> ResponseReturnValue:
        record = load(**key)
        if not ConfirmForm().validate_on_submit():
            abort(400)
        record.restore()
        return saved(words.restored % {"name": record}, detail_url(record))
