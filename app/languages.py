"""Which language a page is in: the signed-in user's own choice, else the best of the browser's preferences among
the languages the interface is translated into, else English."""

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from babel.support import NullTranslations
from flask import Flask, g, has_app_context, has_request_context, render_template, request
from flask.wrappers import Response
from flask_babel import force_locale, get_locale, get_translations
from flask_login import current_user
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

#: The languages the interface is translated into, by code, each named in its own language.
LANGUAGES = {"en": "English", "id": "Bahasa Indonesia"}
DEFAULT_LANGUAGE = "en"

#: Blueprints that answer in English whoever asks. Report files are sent to partners and committees whose working
#: language is English (the report pages show that document in English, ``rendered_in_english``, and around it the
#: reader's language); the JSON API is read by programs, which must not see their words change with the caller.
IN_ENGLISH = frozenset({"exports", "api", "api_docs"})
#: Files made elsewhere that are sent on as they are: a meeting's matters arising, in Word; and the calendar files
#: (the feeds a calendar app reads, a meeting's .ics), whose events read the same in every subscriber's calendar.
FILES_IN_ENGLISH = frozenset({"arising.word", "calendar.mine", "calendar.desk", "calendar.partnership",
                              "calendar.meeting"})


def chosen_language() -> str:
    if not has_request_context():  # a command, an e-mail sent by one
        return DEFAULT_LANGUAGE
    if request.endpoint in FILES_IN_ENGLISH or (request.blueprint and request.blueprint.split(".")[0] in IN_ENGLISH):
        return DEFAULT_LANGUAGE
    return reader_language()


def reader_language() -> str:
    """The language of the person reading: their own choice when signed in, else their browser's. Also for a page
    shown by a part of the app that answers in English (a report file that cannot be made, say why)."""
    if current_user and current_user.is_authenticated and current_user.language in LANGUAGES:
        return str(current_user.language)
    return browser_language()


def browser_language() -> str:
    """The best of the browser's preferences (Accept-Language) among ours; English when it prefers none of them."""
    g.language_from_browser = True
    return request.accept_languages.best_match(LANGUAGES, default=DEFAULT_LANGUAGE)


def page_language() -> str:
    """The code of the language being written in: English outside a request (commands, report files), unless the
    words are being written to one person in their own language (``force_locale``: a reminder e-mail)."""
    if not has_app_context():
        return DEFAULT_LANGUAGE
    locale = get_locale()  # outside a request, English (``chosen_language``) unless forced
    return locale.language if locale is not None else DEFAULT_LANGUAGE


def mail_language(chosen: str | None) -> str:
    """The language to write to someone in, from the one they chose for the pages (``User.language``). Left to
    their browser, English: what is written to them later, an e-mail, has no browser to ask."""
    return chosen if chosen is not None and chosen in LANGUAGES else DEFAULT_LANGUAGE


P = ParamSpec("P")
R = TypeVar("R")


def written_in_english(listener: Callable[P, R]) -> Callable[P, R]:
    """``listener`` runs in English whatever the reader's language: the words it stores (search entries, the audit
    log's labels) read the same to every reader and are found by the same words, whoever saved the record."""
    @wraps(listener)
    def in_english(*args: P.args, **kwargs: P.kwargs) -> R:
        with force_locale(DEFAULT_LANGUAGE):
            return listener(*args, **kwargs)
    return in_english


def rendered_in_english(template: str, **context: object) -> Markup:
    """``template`` rendered in English whatever the reader's language, for a page to show inside an element with
    ``lang="en"``: a report's document, on the report pages as in its files and as it is issued."""
    with force_locale(DEFAULT_LANGUAGE):
        return Markup(render_template(template, **context))


def register(app: Flask) -> None:
    @app.after_request
    def vary_with_the_browser_language(response: Response) -> Response:
        """A page whose language the browser's preference chose (the sign-in page) is not one page for every
        browser: a shared cache must keep one copy per preference."""
        if g.get("language_from_browser"):
            response.vary.add("Accept-Language")
        return response

    app.jinja_env.globals["rendered_in_english"] = rendered_in_english

    @app.context_processor
    def words_of_the_page() -> dict[str, object]:
        """The page's catalogue looked up once as it is rendered: the callables Flask-Babel gives the templates look
        up the request's language and its catalogue again for each of a page's hundred-odd words."""
        return page_gettext(get_translations())


def page_gettext(translations: NullTranslations) -> dict[str, object]:
    """``gettext`` and ``ngettext`` for a template, reading ``translations``, as Jinja's i18n extension calls them
    when installed "newstyle": the text marked safe where the template escapes, then its variables put in (named
    freely: the message itself is passed by position)."""
    @pass_context
    def gettext(context: Context, message: str, /, **variables: object) -> str:
        return _filled(context, translations.ugettext(message), variables)

    @pass_context
    def ngettext(context: Context, singular: str, plural: str, num: int, /, **variables: object) -> str:
        variables.setdefault("num", num)
        return _filled(context, translations.ungettext(singular, plural, num), variables)

    return {"gettext": gettext, "ngettext": ngettext}


def _filled(context: Context, text: str, variables: dict[str, object]) -> str:
    # Always %-formatted, as Jinja's newstyle gettext does, so "100%%" reads the same with or without variables.
    if context.eval_ctx.autoescape:
        return Markup(text) % variables
    return text % variables
