"""The feeds a calendar app subscribes to, a meeting's own .ics file, and making or revoking one's feed address.

The feeds are read by calendar apps, which sign in to nothing: they are public routes answered only for a token of
an address in use whose user is active, 404 otherwise (a revoked address looks like one that never was). They read
no session and set no cookie, and, being GET only, change nothing that CSRF would guard. They are files kept in
English (``app.languages.FILES_IN_ENGLISH``); the pages that make or revoke an address read in the reader's language.
"""

from datetime import date

import sqlalchemy as sa
from flask import Blueprint, Response, abort, redirect, render_template, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext

from app.auth import public, requires
from app.calendar.events import Feed, calendar_of
from app.calendar.feeds import desk_feed, meeting_download, officer_feed, partnership_feed
from app.calendar.services import create_feed, feed_reader, live_feed, revoke_feed
from app.common.forms import ConfirmForm
from app.common.saving import Saved, save_form, signed_in_officer
from app.extensions import db
from app.meetings.pages import MAX_ID
from app.models import Meeting, Partnership, Role, User
from app.partnerships.pages import renamed_to

bp = Blueprint("calendar", __name__)

#: The routes read with a feed address: rate-limited (app/auth/limits.py).
FEED_ENDPOINTS = ("calendar.mine", "calendar.desk", "calendar.partnership")
#: Longer than any token made: a longer one is refused before hashing.
TOKEN_MAX = 64
#: Where the account page finds a token just made, to show its addresses once (see ``create_address``).
NEW_TOKEN_KEY = "new_calendar_token"


def reader_of(token: str) -> User:
    user = feed_reader(token) if len(token) <= TOKEN_MAX else None
    if user is None:
        abort(404)
    return user


def ics(feed: Feed, download: str | None = None) -> Response:
    response = Response(calendar_of(feed), mimetype="text/calendar")
    response.headers["Cache-Control"] = "no-store"  # a feed is for its reader only, never a shared cache
    if download:
        response.headers["Content-Disposition"] = f'attachment; filename="{download}"'
    return response


@bp.route("/calendar/<token>/mine.ics")
@public
def mine(token: str) -> ResponseReturnValue:
    return ics(officer_feed(reader_of(token), date.today()))


@bp.route("/calendar/<token>/desk.ics")
@public
def desk(token: str) -> ResponseReturnValue:
    reader_of(token)
    return ics(desk_feed(date.today()))


@bp.route("/calendar/<token>/partnerships/<slug>.ics")
@public
def partnership(token: str, slug: str) -> ResponseReturnValue:
    reader_of(token)
    found = db.session.scalar(sa.select(Partnership).where(Partnership.slug == slug[:80]))
    if found is None:
        # A calendar subscribed before the partnership's web address changed follows it, as its pages do.
        if (now := renamed_to(slug[:80])) is not None:
            return redirect(url_for(".partnership", token=token, slug=now), 301)
        abort(404)
    return ics(partnership_feed(found, date.today()))


@bp.route("/meetings/<int:meeting_id>/calendar.ics")
def meeting(meeting_id: int) -> ResponseReturnValue:
    """"Add to calendar" on a meeting's page: the meeting alone, as a file to open."""
    if not 0 < meeting_id <= MAX_ID:
        abort(404)
    record = db.get_or_404(Meeting, meeting_id)
    if record.held_on is None:
        abort(404)  # an event needs a date
    return ics(meeting_download(record), download=f"meeting-{record.id}.ics")


def feed_addresses(token: str) -> dict[str, str]:
    """The addresses of a user's feeds; a partnership's ends with its short name in place of ``SHORT-NAME``."""
    return {
        "mine": url_for("calendar.mine", token=token, _external=True),
        "desk": url_for("calendar.desk", token=token, _external=True),
        "partnership": url_for("calendar.partnership", token=token, slug="SHORT-NAME", _external=True),
    }


@bp.route("/account/calendar", methods=["GET", "POST"])
@requires(Role.VIEWER)
def address() -> ResponseReturnValue:
    """Your calendar feeds: make an address (replacing any you had) and see it once."""
    user = signed_in_officer()
    form = ConfirmForm()

    def made(token: str) -> Saved:
        # The token is stored only hashed, so this is the one time it can be shown: it rides in this user's own
        # signed, HttpOnly session cookie to the next page, which takes it out again.
        session[NEW_TOKEN_KEY] = token
        return Saved(gettext("Your calendar feed address has been made. Copy it now: it is shown only once"),
                     url_for(".address"))

    if answer := save_form(form, lambda: create_feed(user), made):
        return answer
    token = session.pop(NEW_TOKEN_KEY, None)
    return render_template("calendar/address.html", form=form, feed=live_feed(user),
                           addresses=feed_addresses(token) if isinstance(token, str) else None)


@bp.route("/account/calendar/revoke", methods=["GET", "POST"])
@requires(Role.VIEWER)
def revoke() -> ResponseReturnValue:
    """Confirm, then stop the address answering: calendars subscribed to it keep what they read, and get no more."""
    user = signed_in_officer()
    form = ConfirmForm()
    if answer := save_form(form, lambda: revoke_feed(user), lambda _: Saved(
        gettext("Your calendar feed address has been revoked: it no longer answers"), url_for(".address"),
    )):
        return answer
    if live_feed(user) is None:
        return redirect(url_for(".address"))
    return render_template("calendar/revoke.html", form=form)
