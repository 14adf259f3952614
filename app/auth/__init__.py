"""Who may do what. Every page needs a signed-in user unless its view is marked ``public``.

Roles rank viewer < editor < admin. A view declares the least role it needs with ``@requires(Role.EDITOR)``;
without a declaration it needs a signed-in viewer. The rule is checked once, before the view runs.
"""

from collections.abc import Callable
from functools import wraps

from flask import Flask, abort, flash, redirect, request, url_for
from flask_login import LoginManager, current_user

from app.extensions import db
from app.models import Role, User

#: Endpoints served to anyone, signed in or not.
PUBLIC_ENDPOINTS = {"static", "bootstrap.static", "auth.sign_in"}


def requires(role: Role) -> Callable:
    """Declare the least role a view needs; the check itself runs in ``enforce_sign_in``."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.can(role):
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_role = role
        return wrapped

    return decorate


def configure_login(app: Flask, login_manager: LoginManager) -> None:
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = "Sign in to continue"
    login_manager.login_message_category = "info"

    @login_manager.user_loader
    def load_user(user_id: str) -> User | None:
        if not user_id.isdigit():
            return None
        user = db.session.get(User, int(user_id))
        return user if user and user.is_active else None

    @app.before_request
    def enforce_sign_in():
        if request.endpoint in PUBLIC_ENDPOINTS or request.endpoint is None:
            return None
        if not current_user.is_authenticated:
            flash("Sign in to continue", "info")
            return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))
        return None
