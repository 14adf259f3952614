"""API tokens on their user's own account page, and the administrators' list of every token in use.

A new token is shown in the answer to the post that made it, never carried in a cookie to another page: it is
stored only hashed, so that page is the one time it can be seen.
"""

from flask import Blueprint, abort, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from app.api_tokens.forms import NewTokenForm
from app.api_tokens.services import (
    NEWEST_FIRST,
    create_token,
    every_live_token,
    live_token,
    live_tokens,
    revoke_token,
    today,
)
from app.auth import requires
from app.common.forms import ConfirmForm
from app.common.lists import page_out_of_range, paginate
from app.common.saving import Saved, save_form, signed_in_officer
from app.extensions import db
from app.meetings.pages import MAX_ID
from app.models import ApiToken, Role, TokenScope

bp = Blueprint("api_tokens", __name__)

SCOPE_HINTS = {
    TokenScope.READ.value: _l("The program can read what you can read, and change nothing"),
    TokenScope.READ_WRITE.value: _l("The program can also add and change what you can, in your name"),
}


@bp.route("/account/api-tokens", methods=["GET", "POST"])
@requires(Role.VIEWER)
def mine() -> ResponseReturnValue:
    """Your API tokens: make one (shown once), see those in use and when each was last used."""
    user = signed_in_officer()
    form = NewTokenForm()

    def show_token(token: str) -> ResponseReturnValue:
        return render_template("api_tokens/made.html", token=token)

    if answer := save_form(
        form,
        lambda: create_token(user, form.name.data or "", form.scope.data or "", form.expires_on.data),
        lambda _: Saved(gettext("API token made: %(name)s", name=" ".join((form.name.data or "").split())),
                        url_for(".mine")),
        made=gettext("your API tokens"), shown_once=show_token,
    ):
        return answer
    return render_template("api_tokens/mine.html", form=form, tokens=live_tokens(user), scope_hints=SCOPE_HINTS,
                           today=today())


@bp.route("/account/api-tokens/<int:token_id>/revoke", methods=["GET", "POST"])
@requires(Role.VIEWER)
def revoke(token_id: int) -> ResponseReturnValue:
    """Confirm, then stop one of your tokens answering: the program using it is refused from then on."""
    user = signed_in_officer()
    token = live_token(user, token_id) if 0 < token_id <= MAX_ID else None
    if token is None:
        return redirect(url_for(".mine"))  # revoked already (a second click), or not yours
    form = ConfirmForm()
    name = token.name
    if answer := save_form(form, lambda: revoke_token(user, token_id), lambda _: Saved(
        gettext("API token revoked: %(name)s. Programs using it are refused from now on", name=name), url_for(".mine"),
    )):
        return answer
    return render_template("api_tokens/revoke.html", form=form, token=token, back_url=url_for(".mine"))


@bp.route("/admin/api-tokens")
@requires(Role.ADMIN)
def every() -> ResponseReturnValue:
    """Every API token in use, whoever holds it: a token of someone who left, or one never used, can be revoked."""
    pages = paginate(every_live_token(), NEWEST_FIRST)
    return page_out_of_range(pages) or render_template("api_tokens/every.html", pages=pages, today=today())


@bp.route("/admin/api-tokens/<int:token_id>/revoke", methods=["GET", "POST"])
@requires(Role.ADMIN)
def revoke_any(token_id: int) -> ResponseReturnValue:
    if not 0 < token_id <= MAX_ID:
        abort(404)
    token = db.get_or_404(ApiToken, token_id)
    if token.is_archived:
        return redirect(url_for(".every"))
    form = ConfirmForm()
    holder, name = token.user, token.name
    if answer := save_form(form, lambda: revoke_token(holder, token_id), lambda _: Saved(
        gettext("API token revoked: %(name)s of %(holder)s. Programs using it are refused from now on", name=name,
                holder=holder.name),
        url_for(".every"),
    )):
        return answer
    return render_template("api_tokens/revoke.html", form=form, token=token, back_url=url_for(".every"))
