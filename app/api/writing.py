"""Writes through the API: the body is judged by the very form the pages use, and saved by the form's services.

The API restates none of a form's rules. The body becomes what a browser would post for it (a date as its three
boxes, a list as numbered rows, a ticked box as "y"), the page's form checks it, and the same service saves it, so
a refusal carries the words the page shows beside the field, with a JSON Pointer (RFC 6901) to where the field is
in the body. One commit per request; a refused request keeps nothing.
"""

from collections.abc import Callable, Iterator, Mapping
from datetime import date, time
from enum import Enum
from typing import Any, NoReturn, TypeVar

import marshmallow as ma
from flask import abort
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.datastructures import MultiDict
from wtforms import Field, FieldList, FormField
from wtforms.form import BaseForm

from app.api.problems import problem
from app.common.clashes import as_refusal
from app.common.errors import DomainError
from app.common.forms import in_page_order
from app.extensions import db

T = TypeVar("T")

#: A form judging a body sent with a token: no browser session, so no CSRF token to check (see app.api).
NO_CSRF = {"csrf": False}


def _encodable(value: str) -> None:
    try:
        value.encode()
    except UnicodeEncodeError:
        # JSON can escape half of a surrogate pair ("\ud800"), which no database can store as text.
        raise ma.ValidationError("Text must be valid Unicode: it holds half of a surrogate pair") from None


def text(**kwargs: Any) -> ma.fields.String:
    """A text field of a body: any length (the form says how long it may be), but storable text."""
    return ma.fields.String(validate=_encodable, **kwargs)


class Names:
    """Where the body's names differ from the form's: ``Names({"follow_ups": "followups"})`` (body: form)."""

    def __init__(self, renamed: Mapping[str, str] | None = None) -> None:
        self.to_form = dict(renamed or {})
        self.to_body = {form: body for body, form in self.to_form.items()}

    def pointer(self, form_name: str | None) -> str:
        """The JSON Pointer of a form field ("followups-1-due_on" -> "#/follow_ups/1/due_on"); "#" for none."""
        if not form_name:
            return "#"
        return "#/" + "/".join(self.to_body.get(part, part) for part in form_name.split("-"))

    def posted(self, body: Mapping[str, Any]) -> MultiDict[str, str]:
        """What a browser would post for ``body`` on the form."""
        fields: MultiDict[str, str] = MultiDict()
        self._post(fields, "", body)
        return fields

    def _post(self, fields: MultiDict[str, str], prefix: str, body: Mapping[str, Any]) -> None:
        for key, value in body.items():
            name = prefix + self.to_form.get(key, key)
            if isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, Mapping):
                        self._post(fields, f"{name}-{index}-", item)
                    else:
                        fields.add(name, _typed(item))
            elif isinstance(value, date):
                # Four digits for the year, as the form expects them: year 33 reads as "0033", out of its range.
                for part, number in (("day", str(value.day)), ("month", str(value.month)),
                                     ("year", f"{value.year:04d}")):
                    fields.add(f"{name}-{part}", number)
            elif value is None:
                # Left blank: a date's three boxes, else the field itself.
                for part in ("-day", "-month", "-year", ""):
                    fields.add(name + part, "")
            elif value is not False:  # an unticked box is not posted at all
                fields.add(name, _typed(value))

    def errors(self, form: BaseForm) -> list[dict[str, str]]:
        """Each field of a judged form in error, in the order of its page, with the first message the page shows."""
        found = [{"pointer": "#", "detail": message} for message in form.form_errors]
        for field in in_page_order(form):
            found += [{"pointer": self.pointer(name), "detail": message} for name, message in _in_error(field)]
        return found


def _typed(value: object) -> str:
    if value is True:
        return "y"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)


def _in_error(field: Field) -> Iterator[tuple[str, str]]:
    if isinstance(field, FieldList):
        for entry in field.entries:
            yield from _in_error(entry)
    elif isinstance(field, FormField):
        for inner in in_page_order(field.form):
            yield from _in_error(inner)
    elif field.errors:
        yield field.name, str(field.errors[0])


def refuse(errors: list[dict[str, str]]) -> NoReturn:
    """Stop the request with the 422 problem listing ``errors``."""
    abort(problem(422, "Correct the values named in errors and send the request again.", kind="invalid",
                  errors=errors))


def refusal(error: DomainError, names: Names) -> dict[str, str]:
    """A service's refusal as an entry of a problem's ``errors``."""
    return {"pointer": names.pointer(error.field), "detail": error.message}


def judged(form: BaseForm, names: Names, *, also: Callable[[], None] | None = None) -> None:
    """Refuse the request unless ``form`` passes its checks (and ``also``'s, which puts messages on fields)."""
    valid = form.validate()
    if also is not None:
        also()
    errors = names.errors(form)
    if errors or not valid:
        refuse(errors or [{"pointer": "#", "detail": "The form refused the request"}])


def saved(operation: Callable[[], T], names: Names, form: BaseForm) -> T:
    """Run a service's write and commit it; a refusal rolls back and stops the request as a 422 problem.

    A unique rule of the database met by a save at the same moment reads as the service's own refusal would; the
    version counter refusing a save that landed meanwhile is the same 412 as a stale ``If-Match``.
    """
    try:
        result = operation()
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        refuse([refusal(error, names)])
    except IntegrityError as error:
        db.session.rollback()
        clash = as_refusal(error, form)
        if clash is None:
            raise
        refuse([refusal(clash, names)])
    except StaleDataError:
        db.session.rollback()
        abort(problem(412, "Another save of this record landed at the same moment: read it again, then send your "
                           "change with its new ETag.", kind="changed"))
    return result
