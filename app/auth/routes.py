from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import login_user, logout_user

from app.auth.forms import SignInForm
from app.auth.services import authenticate
from app.extensions import db

bp = Blueprint("auth", __name__)


def safe_next(target: str | None) -> str:
    """Only follow ``next`` to a page of ours, never to another site."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//"):
            return target
    return url_for("dashboard.home")


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    form = SignInForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is None:
            # The same words whether the address is unknown or the password wrong.
            form.email.errors.append("Enter a correct email address and password")
        else:
            login_user(user)
            db.session.commit()
            return redirect(safe_next(request.args.get("next")))
    return render_template("auth/sign_in.html", form=form)


@bp.route("/sign-out", methods=["POST"])
def sign_out():
    logout_user()
    flash("You have been signed out", "success")
    return redirect(url_for("auth.sign_in"))
