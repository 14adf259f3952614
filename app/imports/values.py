"""Reading a row's cells the way the forms read what is typed: a choice by the words the pages show or by its stored
value, a date that may be left blank, and the first message of each field of a form a row was put through."""

from collections.abc import Callable, Iterable
from datetime import date
from typing import Generic, ParamSpec, TypeVar

from flask_babel import gettext
from wtforms import Field

from app.imports.dates import read_date
from app.imports.table import RowProblems
from app.models import Choice

C = TypeVar("C", bound=Choice)
T = TypeVar("T")
P = ParamSpec("P")


class ChoiceCell(Generic[C]):
    """A cell holding one of ``choice``: its label as the English pages show it, or its stored value ("on_track" or
    "on track"), in any case. ``heading`` names the column in a message, ``missing`` is the message for a blank, with
    the choices in place of %(choices)s. Made when the app starts, so the words it reads and lists are the English
    ones in every language: a file is filled in with the template's words, as its headings are."""

    def __init__(self, choice: Iterable[C], heading: str, missing: str):
        members = list(choice)
        self.heading, self.missing = heading, missing
        self.listed = ", ".join(member.label for member in members)
        self.names = {name: member for member in members
                      for name in (member.label.casefold(), member.value, member.value.replace("_", " "))}

    def read(self, text: str) -> C:
        if not text:
            raise RowProblems(str(self.missing) % {"choices": self.listed})
        member = self.names.get(" ".join(text.split()).casefold())
        if member is None:
            raise RowProblems(gettext("%(heading)s %(text)s must be one of: %(choices)s", heading=self.heading,
                                      text=text, choices=self.listed))
        return member


def optional_date(text: str, what: str) -> date | None:
    """The date ``text`` spells, or None for a blank cell (a date not known)."""
    return read_date(text, what) if text else None


def form_problems(fields: Iterable[Field]) -> list[str]:
    """The first message of each field in error, in the form's order: a row's problems, most important first."""
    return [field.errors[0] for field in fields if field.errors]


class Problems(list[str]):
    """A row's problems, gathered cell by cell so that the preview shows them all at once."""

    def read(self, reader: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T | None:
        """What ``reader`` reads, or None once its problems are added."""
        try:
            return reader(*args, **kwargs)
        except RowProblems as refused:
            self.extend(refused.problems)
            return None
