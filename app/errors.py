"""Error pages: a person always gets a page in the app's frame, never a stack trace."""

from flask import Flask, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge, SecurityError

from app.api.problems import http_problem, problem
from app.auth.sessions import is_api_request
from app.extensions import db

MESSAGES = {
    400: (_l("The request could not be understood"), _l("Check the address or the values in the form and try again.")),
    403: (_l("You do not have access to this page"), _l("Ask an administrator if you need to make this change.")),
    404: (_l("Page not found"), _l("If you typed the address, check it is correct. The record may have been moved.")),
    405: (_l("That action is not possible here"), _l("Go back and use the buttons on the page.")),
    409: (
        _l("Someone else saved this record at the same moment"),
        _l("Your changes were not saved. Go back and try again."),
    ),
    413: (_l("What you sent is too large"), _l("Shorten the text or send a smaller file.")),
    500: (_l("There is a problem with the service"), _l("Nothing was saved. Try again later.")),
}


def render_error(code: int, retry_url: str | None = None) -> tuple[str, int]:
    title, advice = MESSAGES.get(code, MESSAGES[400])
    return render_template("errors/error.html", code=code, title=title, advice=advice, retry_url=retry_url), code


def error_answer(error: HTTPException) -> ResponseReturnValue:
    """The error page for ``error``; to a program calling the API, the problem (RFC 9457) instead."""
    if is_api_request():
        return http_problem(error)
    code = error.code or 500
    return render_error(code if code in MESSAGES else 400)


def register(app: Flask) -> None:
    @app.before_request
    def refuse_nul_characters() -> ResponseReturnValue | None:
        """No keyboard types a NUL character and PostgreSQL cannot store one in text: refuse the request."""
        sent = [request.path, *(text for pair in request.args.items(multi=True) for text in pair)]
        if request.method == "POST":
            sent += [text for pair in request.form.items(multi=True) for text in pair]
        if is_api_request() and request.is_json:
            sent.append(request.get_data(as_text=True).lower().replace("\\u0000", "\x00"))
        if not any("\x00" in value for value in sent):
            return None
        if is_api_request():
            return problem(400, "Text may not hold a NUL character (\\u0000).")
        return render_error(400)
        return None

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> ResponseReturnValue:
        return error_answer(error)

    @app.errorhandler(SecurityError)
    def untrusted_host(_error: SecurityError) -> ResponseReturnValue:
        # A Host header outside TRUSTED_HOSTS: Flask builds no addresses for such a request, so the page in the
        # app's frame (its menu is links) cannot be made. Nothing of the app is shown to another site's name.
        return "Bad request: this server does not answer to that host name.\n", 400, {
            "Content-Type": "text/plain; charset=utf-8"}

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(_error: RequestEntityTooLarge) -> ResponseReturnValue:
        # The body is left unread; the page's own small forms (Sign out) must not try to read it again.
        request.form = ImmutableMultiDict()
        request.files = ImmutableMultiDict()
        return problem(413) if is_api_request() else render_error(413)

    @app.errorhandler(CSRFError)
    def csrf_error(_error: CSRFError) -> ResponseReturnValue:
        return render_error(400)

    @app.errorhandler(StaleDataError)
    def saved_at_the_same_moment(error: StaleDataError) -> ResponseReturnValue:
        # The version counter refused the save: another save landed between loading the record and writing it
        # (too close for the conflict page to catch). Nothing of this request is kept.
        db.session.rollback()
        app.logger.warning("Save refused, the record changed meanwhile: %s", error)
        if is_api_request():
            return problem(409, "Another save of this record landed at the same moment: read it again and retry.",
                           kind="changed")
        page_opens = request.url_rule is not None and "GET" in (request.url_rule.methods or ())
        return render_error(409, retry_url=request.path if page_opens else None)

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> ResponseReturnValue:
        db.session.rollback()
        app.logger.exception("Unhandled error", exc_info=error)
        return problem(500, "Nothing was saved. Try again later.") if is_api_request() else render_error(500)
