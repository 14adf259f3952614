from flask import Blueprint, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext, ngettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.audit.history import record_history
from app.auth import requires
from app.auth.forms import NewPasswordForm
from app.auth.passwords import MIN_PASSWORD_LENGTH
from app.auth.sessions import end_sessions_of, end_this_session, running_sessions
from app.common.conflicts import version_conflict
from app.common.forms import ConfirmForm
from app.common.lists import page_out_of_range, paginate
from app.common.saving import Saved, save_form, saved, signed_in_officer
from app.extensions import db
from app.models import Role, SessionEnd, User
from app.users.forms import UserCreateForm, UserEditForm
from app.users.pages import USERS_ORDER, users_query
from app.users.services import change_password, create_user, update_user

bp = Blueprint("users", __name__, url_prefix="/users")

ROLES_HINT = _l("Viewers read everything; editors also add and change records; administrators also manage users")


@bp.route("/")
@requires(Role.ADMIN)
def index() -> ResponseReturnValue:
    pages = paginate(users_query(), USERS_ORDER)
    return page_out_of_range(pages) or render_template("users/list.html", pages=pages)


@bp.route("/new", methods=["GET", "POST"])
@requires(Role.ADMIN)
def create() -> ResponseReturnValue:
    form = UserCreateForm()
    if answer := save_form(
        form,
        lambda: create_user(  # required: a valid form has them
            form.details(), email=form.email.data or "", password=form.password.data or "",
        ),
        lambda user: Saved(gettext("User added: %(name)s (%(email)s), %(role)s", name=user.name, email=user.email,
                                  role=user.role.label.lower()), url_for(".index")),
        made=gettext("the list of users, with the user it added"),
    ):
        return answer
    return render_template(
        "users/form.html", form=form, user=None, roles_hint=ROLES_HINT, min_length=MIN_PASSWORD_LENGTH
    )


@bp.route("/<int:user_id>/edit", methods=["GET", "POST"])
@requires(Role.ADMIN)
def edit(user_id: int) -> ResponseReturnValue:
    user = db.get_or_404(User, user_id)
    form = UserEditForm(obj=user)
    if answer := save_form(
        form,
        lambda: update_user(user, form.details(), changed_by=signed_in_officer()),
        lambda _: Saved(gettext("User saved: %(name)s", name=user.name), url_for(".index")),
        conflict=lambda: version_conflict(user, form, title=user.name, back_url=url_for(".index")),
    ):
        return answer
    return render_template(
        "users/form.html", form=form, user=user, roles_hint=ROLES_HINT, record_history=record_history(user),
        sessions=running_sessions(user), sign_out_form=ConfirmForm(),
    )


@bp.route("/<int:user_id>/password", methods=["GET", "POST"])
@requires(Role.ADMIN)
def set_password(user_id: int) -> ResponseReturnValue:
    """For someone who has forgotten theirs: a new password, to be given to them in person, ends their sessions."""
    user = db.get_or_404(User, user_id)
    if user.id == current_user.id:
        return redirect(url_for("auth.account"))  # your own: with your current password, on your account page
    form = NewPasswordForm(user)
    if answer := save_form(
        form, lambda: change_password(user, form.new_password.data or ""),  # required: a valid form has it
        lambda _: Saved(gettext("New password set for %(name)s: they have been signed out everywhere", name=user.name),
                        url_for(".edit", user_id=user.id)),
    ):
        return answer
    return render_template("users/password.html", form=form, user=user, min_length=MIN_PASSWORD_LENGTH)


@bp.route("/<int:user_id>/sign-out-everywhere", methods=["POST"])
@requires(Role.ADMIN)
def sign_out_everywhere(user_id: int) -> ResponseReturnValue:
    """A lost laptop or a borrowed phone: every session of this user ends, on every server."""
    user = db.get_or_404(User, user_id)
    ended = end_sessions_of(user, SessionEnd.SIGNED_OUT_EVERYWHERE)
    if user.id == current_user.id:
        end_this_session()
        return saved(gettext("You have been signed out on every browser, this one included"), url_for("auth.sign_in"))
    return saved(ngettext("%(name)s has been signed out on %(num)s browser",
                          "%(name)s has been signed out on %(num)s browsers", ended, name=user.name),
                 url_for(".edit", user_id=user.id))
