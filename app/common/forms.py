"""Form pieces every feature uses: the three-box date, optional choices, text clean-up and the error summary."""

import calendar
from datetime import date
from typing import Any, Protocol

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from markupsafe import Markup, escape
from wtforms import Field, FieldList, FormField, SelectField

# WTForms has it since 3.1; the stubs (types-WTForms 3.2) do not declare it yet.
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]
from wtforms.form import BaseForm
from wtforms.utils import unset_value
from wtforms.validators import Length, StopValidation, ValidationError
from wtforms.widgets import Select

from app.common.numbers import LaterCount
from app.models.base import Choice

MONTH_NAMES = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
MONTH_NAMES["sept"] = 9


def strip(value: object) -> object:
    """Trim stray spaces; an empty answer becomes None so optional columns stay NULL. Browsers send each line break
    of a text box as two characters (CR LF): kept as one, so a limit counts what the person sees."""
    if isinstance(value, str):
        value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
        return value or None
    return value


#: The largest id a record can have (the database's integer); a bigger number names nothing.
HIGHEST_ID = 2**31 - 1


def optional_int(value: str | int | None) -> int | None:
    """Coerce for select fields whose first option is blank: "" means nothing chosen, not a crash."""
    if value is None or value in ("", "None"):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if -HIGHEST_ID <= number <= HIGHEST_ID else None


def max_length(label: str, n: int) -> Length:
    validator = Length(max=n, message=_l("%(what)s must be %(limit)s characters or less", what=label,
                                         limit=LaterCount(n)))
    # No maxlength attribute: the browser would cut a paste short silently; the message says what to fix.
    validator.field_flags = {}
    return validator


class ChoiceField(SelectField):
    """A select or radio group over a ``Choice`` enum, with a blank first option when optional."""

    def __init__(self, label: str | None = None, validators: list[Any] | None = None,
                 choice: type[Choice] | None = None, blank: str | None = None, **kwargs: Any) -> None:
        if choice is None:
            raise TypeError("ChoiceField needs choice=, the Choice enum it offers")
        pairs = ([("", blank)] if blank is not None else []) + choice.choices()
        choices = [SelectChoice(value, text) for value, text in pairs]
        super().__init__(label, validators, choices=choices, coerce=lambda v: v or None, **kwargs)
        self.enum = choice
        #: Shown as radios unless it has a blank first option (then it is a select); the error summary links
        #: radios to their first option.
        self.widget_kind = "select" if blank is not None else "group"

    def pre_validate(self, form: BaseForm) -> None:
        if self.data is not None and self.data not in {value for value, _ in options(self)}:
            raise ValidationError(gettext("Select %(what)s from the list", what=str(self.label.text).lower()))


class PostedBoxes(Protocol):
    """What ``DateInputField`` reads of the posted form (WTForms passes it wrapped, with ``getlist``)."""

    def __contains__(self, key: str, /) -> bool: ...
    def getlist(self, key: str, /) -> list[Any]: ...


#: The message for the boxes of a date left empty when others are filled in, by the boxes left empty.
MISSING_PARTS = {
    ("day",): _l("%(what)s must include a day"),
    ("month",): _l("%(what)s must include a month"),
    ("year",): _l("%(what)s must include a year"),
    ("day", "month"): _l("%(what)s must include a day and month"),
    ("day", "year"): _l("%(what)s must include a day and year"),
    ("month", "year"): _l("%(what)s must include a month and year"),
}


class DateInputField(Field):
    """A date typed into three boxes (day, month, year), after the GOV.UK date input.

    ``parts`` keeps what was typed so a page shown again after an error repeats it exactly;
    ``bad_parts`` names the boxes at fault, first the one the error summary should link to.
    """

    PARTS = ("day", "month", "year")
    EARLIEST_YEAR, LATEST_YEAR = 1900, 2100

    def __init__(self, label: str | None = None, validators: list[Any] | None = None, *, required: bool = False,
                 what: str | None = None, **kw: Any) -> None:
        super().__init__(label, validators, **kw)
        self.required = required
        #: How messages name the date: "the date of the meeting" (in the page's language: read when a form is made).
        self.what = str(what) if what else gettext("the %(label)s", label=str(label).lower())
        self.parts = {part: "" for part in self.PARTS}
        self.bad_parts: list[str] = []
        self._problem: str | None = None

    def process(self, formdata: PostedBoxes | None, data: object = None, extra_filters: object = None) -> None:
        self.process_errors = []
        self.bad_parts = []
        self._problem = None
        # What the record holds, kept as WTForms' own fields keep it: the conflict page shows it as saved now.
        self.object_data = data if data is not unset_value else None
        if formdata is not None and any(f"{self.name}-{part}" in formdata for part in self.PARTS):
            self.parts = {part: (formdata.getlist(f"{self.name}-{part}") or [""])[0].strip()[:20]
                          for part in self.PARTS}
            self.data = self._parse()
        else:
            value = self.default() if callable(self.default) else self.default
            value = data if data is not None and data is not unset_value else value
            self.data = value if isinstance(value, date) else None
            if self.data:
                self.parts = {"day": str(self.data.day), "month": str(self.data.month), "year": str(self.data.year)}

    def _parse(self) -> date | None:
        # "the date of the meeting" opens a message as "Date of the meeting must ...", as GOV.UK writes it.
        what = self.what[4:] if self.what.lower().startswith("the ") else self.what
        what = what[:1].upper() + what[1:]
        typed = {part: value for part, value in self.parts.items() if value}
        if not typed:
            if self.required:
                self.bad_parts = ["day"]
                self._problem = gettext("Enter %(what)s", what=self.what)
            return None
        missing = [part for part in self.PARTS if part not in typed]
        if missing:
            self.bad_parts = missing
            self._problem = str(MISSING_PARTS[tuple(missing)]) % {"what": what}
            return None
        day, month, year = typed["day"], typed["month"].lower().rstrip("."), typed["year"]
        if month in MONTH_NAMES:
            month = str(MONTH_NAMES[month])
        for part, value in (("day", day), ("month", month), ("year", year)):
            if not value.isdecimal():  # what int() reads: "²" is a digit but not a number
                self.bad_parts = [part]
                self._problem = gettext("%(what)s must be a real date", what=what)
                return None
        if len(year) != 4:
            self.bad_parts = ["year"]
            self._problem = gettext("Year must include 4 numbers")
            return None
        if not self.EARLIEST_YEAR <= int(year) <= self.LATEST_YEAR:
            # A typo such as 0224 or 9024; it would also take date arithmetic past what a date can hold.
            self.bad_parts = ["year"]
            self._problem = gettext("Year must be between %(earliest)s and %(latest)s", earliest=self.EARLIEST_YEAR,
                                    latest=self.LATEST_YEAR)
            return None
        try:
            return date(int(year), int(month), int(day))
        except (ValueError, OverflowError):  # OverflowError: a day such as 2147483648
            self.bad_parts = list(self.PARTS)
            self._problem = gettext("%(what)s must be a real date", what=what)
            return None

    def pre_validate(self, form: BaseForm) -> None:
        if self._problem:
            raise StopValidation(self._problem)

    def _value(self) -> str:
        return self.data.isoformat() if self.data else ""


class LongSelect(Select):
    """A select for a long list (every partnership), writing each plain option directly: the general writer costs
    enough an option to show in the time a page takes."""

    # WTForms 3.2 passes the option as one ``SelectChoice``; the stubs still declare the older arguments.
    @classmethod
    def render_option(cls, choice: Any, **kwargs: Any) -> Markup:  # type: ignore[override]
        if kwargs or choice.render_kw or not isinstance(choice.value, str):
            return Markup(super().render_option(choice, **kwargs))
        # The same markup as the general writer: attributes in name order.
        selected = "selected " if choice.selected else ""
        return Markup(f'<option {selected}value="{escape(choice.value)}">{escape(choice.label or choice.value)}'
                      "</option>")


def options(field: SelectField) -> list[tuple[str, str]]:
    """(value, text) of a choice field's options, whether declared as tuples or ``SelectChoice``."""
    pairs = []
    for choice in field.choices or ():
        if isinstance(choice, SelectChoice):
            pairs.append((choice.value, choice.label))
        else:
            pairs.append((choice[0], choice[1]))
    return pairs


def _field_anchor(field: Field) -> str:
    if isinstance(field, DateInputField):
        return f"{field.id}-{(field.bad_parts or ['day'])[0]}"
    if field.type in ("RadioField", "MultiCheckboxField") or getattr(field, "widget_kind", "") == "group":
        return f"{field.id}-0"
    return field.id


def in_page_order(form: BaseForm) -> list[Field]:
    """The form's fields in the order its page shows them: ``PAGE_ORDER`` (names) first when the form has one,
    then the rest in declaration order."""
    order = getattr(form, "PAGE_ORDER", ())
    first = [form[name] for name in order if name in form]
    return first + [field for field in form if field.short_name not in order]


def error_items(form: BaseForm) -> list[tuple[str, str]]:
    """(anchor, message) for each field in error, in page order, for the error summary."""
    # A refusal of the whole form (one with no field to show it beside) comes first.
    items: list[tuple[str, str]] = [("", message) for message in form.form_errors]
    for field in in_page_order(form):
        if isinstance(field, FieldList):
            for entry in field.entries:
                if isinstance(entry, FormField):
                    items.extend(error_items(entry.form))
                elif entry.errors:
                    items.append((_field_anchor(entry), entry.errors[0]))
            # A rule about the whole list ("Add at least one ...") links to its "Add another" button.
            list_errors = [error for error in field.errors if isinstance(error, str)]
            if list_errors:
                items.append((f"{field.id}-add", list_errors[0]))
        elif isinstance(field, FormField):
            items.extend(error_items(field.form))
        elif field.name == "csrf_token":
            if field.errors:
                items.append(("", gettext("Your session timed out – check your answers and save again")))
        elif field.errors:
            message = field.errors[0]
            items.append((_field_anchor(field), message if isinstance(message, str) else str(message)))
    return items


class ConfirmForm(FlaskForm):
    """An empty form: its CSRF token protects POST-only buttons such as Archive and Restore."""
