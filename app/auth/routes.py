import re
from urllib.parse import urlsplit

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import force_locale, gettext
from flask_login import current_user

from app.auth import public, requires
from app.auth.forms import AS_THE_BROWSER_PREFERS, ChangePasswordForm, LanguageForm, SignInForm
from app.auth.limits import remember_device
from app.auth.passwords import MIN_PASSWORD_LENGTH
from app.auth.services import authenticate
from app.auth.sessions import end_sessions_of, end_this_session, running_sessions, start_session
from app.common.errors import DomainError, put_on_form
from app.common.forms import ConfirmForm
from app.common.saving import Saved, save_form
from app.extensions import db
from app.languages import browser_language
from app.models import Role, SessionEnd, User
from app.users.services import change_password, choose_language

bp = Blueprint("auth", __name__)

#: A path on this site. Browsers read a backslash as a slash and drop tabs and line breaks, so "/\\evil.example"
#: and "/\t/evil.example" would lead off-site: neither they nor any other control character is accepted.
LOCAL_PATH = re.compile(r"/(?![/\\])[^\\\x00-\x1f\x7f]*")


def safe_next(target: str | None) -> str:
    """Only follow ``next`` to a page of ours, never to another site."""
    if target and LOCAL_PATH.fullmatch(target):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return url_for("dashboard.home")


@bp.route("/sign-in", methods=["GET", "POST"])
@public
def sign_in() -> ResponseReturnValue:
    form = SignInForm()
    if form.validate_on_submit():
        # Both are required, so a valid form has both.
        user = authenticate(form.email.data or "", form.password.data or "")
        if user is None:
            g.sign_in_failed = True  # counted by the sign-in limits (app/auth/limits.py)
            # The same words whether the address is unknown or the password wrong.
            put_on_form(form, DomainError("email", gettext("Enter a correct email address and password")))
        else:
            start_session(user)
            db.session.commit()
            return remember_device(redirect(safe_next(request.args.get("next"))), user.email)
    return render_template("auth/sign_in.html", form=form)


@bp.route("/sign-out", methods=["POST"])
@requires(Role.VIEWER)
def sign_out() -> ResponseReturnValue:
    end_this_session()
    db.session.commit()
    flash(gettext("You have been signed out"), "success")
    return redirect(url_for("auth.sign_in"))


@bp.route("/account", methods=["GET", "POST"])
@requires(Role.VIEWER)
def account() -> ResponseReturnValue:
    """Your own account: change your password, see where you are signed in, sign out everywhere."""
    user = db.session.get_one(User, current_user.id)  # the record itself, already loaded by the sign-in check
    form = ChangePasswordForm(user)

    def change() -> None:
        change_password(user, form.new_password.data or "")  # required: a valid form has it
        start_session(user)  # this browser stays signed in, with a new session; every other one has ended

    if answer := save_form(form, change, lambda _: Saved(
        gettext("Your password has been changed. You have been signed out on every other browser"),
        url_for(".account"),
    )):
        return answer
    return account_page(user, form, LanguageForm(language=user.language or AS_THE_BROWSER_PREFERS))


def account_page(user: User, password_form: ChangePasswordForm, language_form: LanguageForm) -> str:
    return render_template("auth/account.html", form=password_form, language_form=language_form,
                           sign_out_form=ConfirmForm(), sessions=running_sessions(user),
                           min_length=MIN_PASSWORD_LENGTH)


@bp.route("/account/language", methods=["POST"])
@requires(Role.VIEWER)
def language() -> ResponseReturnValue:
    """Your own choice of language for the pages, or your browser's preference."""
    user = db.session.get_one(User, current_user.id)
    form = LanguageForm()

    def said(_: None) -> Saved:
        with force_locale(user.language or browser_language()):  # the message in the language just chosen
            return Saved(gettext("The pages are now shown in the language you chose"), url_for(".account"))

    if answer := save_form(form, lambda: choose_language(user, form.chosen()), said):
        return answer
    return account_page(user, ChangePasswordForm(user, formdata=None), form)


@bp.route("/account/sign-out-everywhere", methods=["POST"])
@requires(Role.VIEWER)
def sign_out_everywhere() -> ResponseReturnValue:
    end_sessions_of(current_user, SessionEnd.SIGNED_OUT_EVERYWHERE)
    end_this_session()
    db.session.commit()
    flash(gettext("You have been signed out on every browser, this one included"), "success")
    return redirect(url_for("auth.sign_in"))
