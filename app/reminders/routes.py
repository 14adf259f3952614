"""Your reminder e-mails, on your own account; and the unsubscribe link of an e-mail, which needs no sign-in.

The unsubscribe link opens a page with a button, never stopping anything by itself: mail scanners open links. The
button, and a mail program's one-click unsubscribe (RFC 8058: a POST to the same address), stop the one digest the
signed link names. That POST carries no CSRF token: the signature in the address is what proves it came from the
e-mail, and all it can do is stop an e-mail.
"""

from dataclasses import asdict

from flask import Blueprint, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext

from app.audit.services import recorded_as
from app.auth import public, requires
from app.common.saving import Saved, save_form, signed_in_officer
from app.extensions import csrf, db
from app.models import DUE_SOON_MAX, DUE_SOON_MIN, DigestKind, Role
from app.reminders.forms import ReminderSettingsForm
from app.reminders.links import UnusableLink, read_unsubscribe_token
from app.reminders.settings import DEFAULTS, preferences_of, save_preferences, stop_digest

bp = Blueprint("reminders", __name__)



@bp.route("/account/reminders", methods=["GET", "POST"])
@requires(Role.VIEWER)
def settings() -> ResponseReturnValue:
    """Choose how often your reminder e-mail comes, what counts as due soon, and (administrators) the desk digest."""
    user = signed_in_officer()
    current = preferences_of(user)
    form = ReminderSettingsForm(data={**asdict(current), "personal_digest": current.personal_digest.value,
                                      "weekday": str(current.weekday), "due_soon_days": str(current.due_soon_days)})
    if user.role is not Role.ADMIN:
        del form.desk_digest
    if answer := save_form(form, lambda: save_preferences(user, form.chosen()),
                           lambda _: Saved(gettext("Your reminder e-mails have been changed"), url_for(".settings"))):
        return answer
    return render_template("reminders/settings.html", form=form, defaults=DEFAULTS, email=user.email,
                           due_soon_range=(DUE_SOON_MIN, DUE_SOON_MAX))


@bp.route("/reminders/unsubscribe/<token>", methods=["GET", "POST"])
@public
@csrf.exempt
def unsubscribe(token: str) -> ResponseReturnValue:
    try:
        user_id, kind = read_unsubscribe_token(token)
    except UnusableLink as error:
        return render_template("reminders/unusable_link.html", expired=error.expired), 400
    if request.method == "GET":
        return render_template("reminders/unsubscribe.html", desk=kind is DigestKind.DESK, stopped=False)
    with recorded_as("Unsubscribe link in a reminder e-mail"):
        user = stop_digest(user_id, kind)
    if user is None:  # signed for someone no longer here
        db.session.rollback()
        return render_template("reminders/unusable_link.html", expired=False), 400
    db.session.commit()
    return render_template("reminders/unsubscribe.html", desk=kind is DigestKind.DESK, stopped=True)
