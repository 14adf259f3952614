import re
from urllib.parse import urlsplit

from flask import Blueprint, flash, g, redirect, render_template, request, session, url_for
from flask_login import login_user, logout_user

from app.auth import public, requires
from app.auth.forms import SignInForm
from app.auth.services import authenticate
from app.extensions import db
from app.models import Role

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
def sign_in():
    form = SignInForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is None:
            g.sign_in_failed = True  # counted by the sign-in limits (app/security.py)
            # The same words whether the address is unknown or the password wrong.
            form.email.errors.append("Enter a correct email address and password")
        else:
            # A new session for the signed-in user: nothing set before sign-in (by anyone) carries over.
            session.clear()
            login_user(user)
            db.session.commit()
            return redirect(safe_next(request.args.get("next")))
    return render_template("auth/sign_in.html", form=form)


@bp.route("/sign-out", methods=["POST"])
@requires(Role.VIEWER)
def sign_out():
    logout_user()
    session.clear()
    flash("You have been signed out", "success")
    return redirect(url_for("auth.sign_in"))
