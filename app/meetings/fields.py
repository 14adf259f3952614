"""Form fields the meeting and follow-up forms share: selects that offer only what may be chosen, times and
whole numbers typed as people write them."""

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import time
from typing import Any, Generic, TypeVar

from flask_babel import gettext
from markupsafe import Markup, escape
from wtforms import Field, SelectField, SelectMultipleField
from wtforms.fields import SelectFieldBase
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # in WTForms, not in its stubs
from wtforms.form import BaseForm
from wtforms.validators import StopValidation
from wtforms.widgets import Select, TextInput, html_params

from app.common.forms import ChoiceField, optional_int

T = TypeVar("T")
#: What ``Form.validate`` takes besides each field's own validators.
ExtraValidators = Mapping[str, Sequence[Any]]


def add_error(field: Field, message: str) -> None:
    """Put ``message`` beside ``field`` (WTForms types a field's errors as read-only)."""
    field.errors = [*field.errors, message]


def _offered(field: SelectField | SelectMultipleField, value: object) -> bool:
    if isinstance(field.choices, OptionList):
        return field.choices.offers(value, field.coerce)
    return value in {field.coerce(SelectChoice.from_input(choice).value) for choice in field.choices or []}


class OptionList(list[SelectChoice]):
    """The choices of a select drawn on every row of a form (a person per participant: at a ministry, 1,600
    people): each option's HTML is built once for the page, and each row only marks its own choice."""

    _html: list[tuple[str, str]] | None = None
    _values: set[object] | None = None

    def options_html(self, selected: str) -> str:
        if self._html is None:
            self._html = [(str(choice.value), f'<option value="{escape(choice.value)}">{escape(choice.label)}</option>')
                          for choice in self]
        return "".join(html.replace("<option ", "<option selected ", 1) if value == selected else html
                       for value, html in self._html)

    def offers(self, value: object, coerce: Callable[[Any], object]) -> bool:
        if self._values is None:
            self._values = {coerce(choice.value) for choice in self}
        return value in self._values


class OptionsOnDemand(OptionList, Generic[T]):
    """An ``OptionList`` read from the database only when a page draws it. A save needs to know only that the one
    value chosen is offered, and ``find`` fetches just that record (None when it may not be chosen): at a ministry,
    reading every partnership, organisation, officer and person on each save was half of its time."""

    def __init__(self, load: Callable[[], list[SelectChoice]], find: Callable[[int], T | None]) -> None:
        super().__init__()
        self._load, self._find = load, find
        self._found: dict[int, T | None] = {}
        self.loaded = False

    def read(self) -> None:
        if not self.loaded:
            self.loaded = True
            self[:] = self._load()

    def __iter__(self) -> Iterator[SelectChoice]:
        self.read()
        return super().__iter__()

    def __len__(self) -> int:
        self.read()
        return super().__len__()

    def record(self, value: int | None) -> T | None:
        """The record chosen as ``value``, if it may be chosen; kept, as the session holds it only weakly."""
        if value is None:
            return None
        if value not in self._found:
            self._found[value] = self._find(value)
        return self._found[value]

    def record_all(self, values: Iterable[int | None], find_all: Callable[[set[int]], dict[int, T]]) -> None:
        """Fetch several chosen records in one round trip (``find_all``: value -> record, for those that may be
        chosen), so that ``record`` then asks the database nothing more for them."""
        wanted = {value for value in values if value is not None} - self._found.keys()
        if wanted:
            found = find_all(wanted)
            self._found.update({value: found.get(value) for value in wanted})

    def offers(self, value: object, coerce: Callable[[Any], object]) -> bool:
        if not self.loaded:
            return value is None or (isinstance(value, int) and self.record(value) is not None)
        return super().offers(value, coerce)


class RowSelect(Select):
    """WTForms' select, drawn from an ``OptionList``'s ready-made options when it has one."""

    def __call__(self, field: SelectFieldBase, **kwargs: object) -> Markup:
        choices = field.choices if isinstance(field, SelectField) else None
        if not isinstance(choices, OptionList):
            return super().__call__(field, **kwargs)
        kwargs.setdefault("id", field.id)
        for flag in self.validation_attrs:
            if flag not in kwargs and getattr(field.flags, flag, False):
                kwargs[flag] = True
        options = choices.options_html("" if field.data is None else str(field.data))
        return Markup(f"<select {html_params(name=field.name, **kwargs)}>{options}</select>")


class RecordSelectField(SelectField):
    """A select over database rows (choices set by the route): blank is "none chosen"; an id that is not
    offered, or not a number at all, gets a message instead of a crash."""

    def __init__(self, label: str | None = None, validators: list[Any] | None = None, *, required: str | None = None,
                 unknown: str, **kw: Any) -> None:
        super().__init__(label, validators, coerce=optional_int, widget=RowSelect(), **kw)
        self.type = "SelectField"  # drawn by the shared macros exactly like any other select
        self.required = required
        self.unknown = unknown

    def pre_validate(self, form: BaseForm) -> None:
        typed = self.raw_data[0].strip() if self.raw_data else ""
        if self.data is None:
            if typed and typed != "None":
                raise StopValidation(self.unknown)
            if self.required:
                raise StopValidation(self.required)
            return
        if not _offered(self, self.data):
            raise StopValidation(self.unknown)


class RadioChoiceField(ChoiceField):
    """A ``ChoiceField`` drawn as radios: the error summary links to its first option."""

    widget_kind = "group"


class RadioSelectField(SelectField):
    """A select drawn as radios: the error summary links to its first option."""

    widget_kind = "group"


class MultiCheckboxField(SelectMultipleField):
    """Checkboxes over database rows; ids not offered get a message rather than WTForms' default."""

    widget_kind = "group"

    def __init__(self, label: str | None = None, validators: list[Any] | None = None, *, unknown: str,
                 **kw: Any) -> None:
        super().__init__(label, validators, coerce=optional_int, **kw)
        self.unknown = unknown

    def process_formdata(self, valuelist: list[str]) -> None:
        self.data = [optional_int(value) for value in valuelist if value != ""]

    def pre_validate(self, form: BaseForm) -> None:
        if any(not _offered(self, value) for value in self.data or []):
            raise StopValidation(self.unknown)


TIME_PATTERN = re.compile(r"^(\d{1,2})(?:[:.h]?(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$", re.IGNORECASE)


def parse_time(text: str) -> time | None:
    """'14:30', '14.30', '1430', '2:30pm' -> 14:30; None when it is not a time of day."""
    match = TIME_PATTERN.match(text.strip().lower())
    if not match:
        return None
    hour, minute, half = int(match.group(1)), int(match.group(2) or 0), (match.group(3) or "").replace(".", "")
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


class TimeTextField(Field):
    """A time of day typed as text ("14:30"); what was typed is shown again after an error."""

    widget = TextInput()
    data: time | None

    def __init__(self, label: str | None = None, validators: list[Any] | None = None, *, message: str,
                 **kw: Any) -> None:
        super().__init__(label, validators, **kw)
        self.message = message
        self.typed: str | None = None

    def process_formdata(self, valuelist: list[str]) -> None:
        self.typed = (valuelist[0] if valuelist else "").strip()[:50]
        self.data = parse_time(self.typed) if self.typed else None

    def pre_validate(self, form: BaseForm) -> None:
        if self.typed and self.data is None:
            raise StopValidation(self.message)

    def _value(self) -> str:
        if self.typed is not None:
            return self.typed
        return self.data.strftime("%H:%M") if self.data else ""


class WholeNumberField(Field):
    """A whole number typed as text (never ``type=number``); ``data`` is the int, or None when blank."""

    widget = TextInput()
    data: int | None

    def __init__(self, label: str | None = None, validators: list[Any] | None = None, *, low: int, high: int,
                 **kw: Any) -> None:
        super().__init__(label, validators, **kw)
        self.low, self.high = low, high
        self.typed: str | None = None
        #: Set by the form when the number does not apply: what is typed is then kept on screen but not judged or saved.
        self.ignored = False

    def process_formdata(self, valuelist: list[str]) -> None:
        self.typed = (valuelist[0] if valuelist else "").strip()[:50]
        digits = self.typed.removesuffix(".").lower()
        digits = re.sub(r"(st|nd|rd|th)$", "", digits)
        self.data = int(digits) if digits.isdecimal() else None

    def pre_validate(self, form: BaseForm) -> None:
        if self.ignored:
            self.data = None
            return
        name = self.label.text
        if self.typed and self.data is None:
            raise StopValidation(gettext("%(field)s must be a whole number", field=name))
        if self.data is not None and not self.low <= self.data <= self.high:
            raise StopValidation(gettext("%(field)s must be between %(low)s and %(high)s", field=name, low=self.low,
                                          high=self.high))

    def _value(self) -> str:
        if self.typed is not None:
            return self.typed
        return str(self.data) if self.data is not None else ""
