import re
from datetime import time

from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import InputRequired, StopValidation

from app.common.forms import ChoiceField, DateInputField, max_length, optional_int, strip
from app.models import MeetingFormat, MeetingType, OutcomeDocument, ParticipantRole, Side
from app.templating import long_date

SUMMARY_LIMIT = 10_000
ASKS_LIMIT = 5_000
COMMITMENTS_LIMIT = 5_000
HIGHEST_NUMBER = 999


def _flat_values(field) -> set:
    return {field.coerce(choice.value) for choice in field._choices_from_input(field.choices) or []}


class RecordSelectField(SelectField):
    """A select over database rows (choices set by the route): blank is "none chosen"; an id that is not
    offered, or not a number at all, gets a message instead of a crash."""

    def __init__(self, label=None, validators=None, *, required: str | None = None, unknown: str | None = None, **kw):
        super().__init__(label, validators, coerce=optional_int, **kw)
        self.type = "SelectField"  # drawn by the shared macros exactly like any other select
        self.required = required
        self.unknown = unknown or f"Select {str(label).lower()} from the list"

    def pre_validate(self, form):
        typed = self.raw_data[0].strip() if self.raw_data else ""
        if self.data is None:
            if typed and typed != "None":
                raise StopValidation(self.unknown)
            if self.required:
                raise StopValidation(self.required)
            return
        if self.data not in _flat_values(self):
            raise StopValidation(self.unknown)


class RadioChoiceField(ChoiceField):
    """A ``ChoiceField`` drawn as radios: the error summary links to its first option."""

    widget_kind = "group"


class MultiCheckboxField(SelectMultipleField):
    """Checkboxes over database rows; ids not offered get a message rather than WTForms' default."""

    widget_kind = "group"

    def __init__(self, label=None, validators=None, *, unknown: str, **kw):
        super().__init__(label, validators, coerce=optional_int, **kw)
        self.unknown = unknown

    def process_formdata(self, valuelist):
        self.data = [optional_int(value) for value in valuelist if value != ""]

    def pre_validate(self, form):
        if any(value not in _flat_values(self) for value in self.data or []):
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


class TimeTextField(StringField):
    """A time of day typed as text ("14:30"); what was typed is shown again after an error."""

    def __init__(self, label=None, validators=None, *, message: str, **kw):
        super().__init__(label, validators, **kw)
        self.message = message
        self.typed: str | None = None

    def process_formdata(self, valuelist):
        self.typed = (valuelist[0] if valuelist else "").strip()[:50]
        self.data = parse_time(self.typed) if self.typed else None

    def pre_validate(self, form):
        if self.typed and self.data is None:
            raise StopValidation(self.message)

    def _value(self):
        if self.typed is not None:
            return self.typed
        return self.data.strftime("%H:%M") if self.data else ""


class WholeNumberField(StringField):
    """A whole number typed as text (never ``type=number``); ``data`` is the int, or None when blank."""

    def __init__(self, label=None, validators=None, *, low: int, high: int, **kw):
        super().__init__(label, validators, **kw)
        self.low, self.high = low, high
        self.typed: str | None = None

    def process_formdata(self, valuelist):
        self.typed = (valuelist[0] if valuelist else "").strip()[:50]
        digits = self.typed.removesuffix(".").lower()
        digits = re.sub(r"(st|nd|rd|th)$", "", digits)
        self.data = int(digits) if digits.isdigit() else None

    def pre_validate(self, form):
        name = self.label.text
        if self.typed and self.data is None:
            raise StopValidation(f"{name} must be a whole number")
        if self.data is not None and not self.low <= self.data <= self.high:
            raise StopValidation(f"{name} must be between {self.low} and {self.high}")

    def _value(self):
        if self.typed is not None:
            return self.typed
        return str(self.data) if self.data is not None else ""


class MeetingForm(FlaskForm):
    partnership_id = RecordSelectField(
        "Partnership", required="Select the partnership", unknown="Select a partnership from the list"
    )
    type = RadioChoiceField("Type of meeting", choice=MeetingType,
                       validators=[InputRequired(message="Select the type of meeting")])
    number = WholeNumberField("Number", low=1, high=HIGHEST_NUMBER)
    title = StringField("Title", validators=[max_length("Title", 300)], filters=[strip])
    held_on = DateInputField("Date of the meeting", what="the date of the meeting")
    starts_at = TimeTextField("Start time", message="Start time must be a real time, like 14:30")
    ends_on = DateInputField("End date", what="the end date")
    venue = StringField("Venue", validators=[max_length("Venue", 300)], filters=[strip])
    format = RadioChoiceField("Format", choice=MeetingFormat,
                         validators=[InputRequired(message="Select the format of the meeting")])
    summary = TextAreaField("Summary", validators=[max_length("Summary", SUMMARY_LIMIT)], filters=[strip])
    asks = TextAreaField("Asks", validators=[max_length("Asks", ASKS_LIMIT)], filters=[strip])
    commitments = TextAreaField(
        "Commitments", validators=[max_length("Commitments", COMMITMENTS_LIMIT)], filters=[strip]
    )
    outcome_document = RadioChoiceField("Outcome document", choice=OutcomeDocument,
                                   validators=[InputRequired(message="Select the outcome document, or None")])
    outcome_reference = StringField(
        "Reference to the outcome document", validators=[max_length("Reference", 500)], filters=[strip]
    )
    area_ids = MultiCheckboxField(
        "Areas discussed", unknown="Select areas discussed from the plan covering the date of the meeting"
    )

    @property
    def meeting_type(self) -> MeetingType | None:
        return MeetingType(self.type.data) if self.type.data in MeetingType._value2member_map_ else None

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if self.held_on.errors:
            # Which plan's areas apply depends on the date: judge the areas once the date is right.
            self.area_ids.errors = []
        kind = self.meeting_type
        if kind is not None:
            if kind.is_committee and self.number.data is None and not self.number.errors:
                self.number.errors.append(f"Enter the number of the {kind.value.upper()}")
                valid = False
            if not kind.is_committee and self.number.data is not None and not self.number.errors:
                self.number.errors.append("Only JCC, JSCC and DPC meetings have a number – leave the number blank")
                valid = False
            if not kind.is_committee and self.held_on.data is None and not self.held_on.errors:
                self.held_on.errors.append("Enter the date of the meeting")
                valid = False
        if self.ends_on.data and not self.ends_on.errors and not self.held_on.errors:
            if self.held_on.data is None:
                self.ends_on.errors.append("Leave the end date blank when the date of the meeting is not known")
                valid = False
            elif self.ends_on.data < self.held_on.data:
                self.ends_on.errors.append(
                    f"End date must be the same as or after {long_date(self.held_on.data)}, the date of the meeting"
                )
                valid = False
        if (self.outcome_reference.data and self.outcome_document.data == OutcomeDocument.NONE
                and not self.outcome_reference.errors):
            self.outcome_reference.errors.append("Select the outcome document, or leave the reference blank")
            valid = False
        return valid


class ParticipantForm(FlaskForm):
    side = RadioChoiceField(
        "Side", choice=Side, validators=[InputRequired(message="Select the side the participant was on")]
    )
    role = RadioChoiceField("Role", choice=ParticipantRole,
                       validators=[InputRequired(message="Select the role of the participant")])
    person_id = RecordSelectField("Person", unknown="Select a person from the list")
    organisation_id = RecordSelectField("Delegation", unknown="Select a delegation from the list")

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if self.person_id.errors or self.organisation_id.errors:
            return False
        if self.person_id.data is None and self.organisation_id.data is None:
            self.person_id.errors.append("Select the person who attended, or the delegation")
            return False
        if self.person_id.data is not None and self.organisation_id.data is not None:
            self.person_id.errors.append("Select a person or a delegation, not both")
            return False
        return valid
