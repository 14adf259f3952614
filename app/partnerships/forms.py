from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # in WTForms, not in its stubs
from wtforms.validators import InputRequired, Regexp, ValidationError

from app.common.conflicts import VersionField
from app.common.forms import ChoiceField, DateInputField, max_length, optional_int, options, strip
from app.meetings.fields import RadioSelectField
from app.models import Organisation, PartnershipEventKind, PartnershipLevel, PartnershipStatus, User
from app.models.choice_words import CHOICE_WORDS
from app.partnerships.details import PartnershipDetails
from app.partnerships.services import SLUG_MAX, SLUG_MESSAGE, SLUG_PATTERN

#: The radio value for "No level": radios cannot offer an empty value.
NO_LEVEL = "none"


def _lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


def _chosen_from(field: SelectField, required_message: str, list_message: str) -> None:
    if field.data is None:
        typed = field.raw_data and (field.raw_data[0] or "").strip()
        raise ValidationError(list_message if typed else required_message)
    if field.data not in {value for value, _ in options(field)}:
        raise ValidationError(list_message)


class PartnershipForm(VersionField, FlaskForm):
    organisation = SelectField(_l("Organisation"), coerce=optional_int, validate_choice=False)
    partner = SelectField(_l("Partner"), coerce=optional_int, validate_choice=False)
    slug = StringField(
        _l("Web address"),
        validators=[max_length(_l("Web address"), SLUG_MAX), Regexp(SLUG_PATTERN, message=SLUG_MESSAGE)],
        filters=[strip, _lower],
    )
    desk_officer = SelectField(_l("Desk officer"), coerce=optional_int, validate_choice=False)
    notes = TextAreaField(_l("Notes"), validators=[max_length(_l("Notes"), 5000)], filters=[strip])

    def __init__(self, *args: Any, organisations: list[tuple[int, str]], officers: list[tuple[int, str]],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation.choices = [("", gettext("Select an organisation")), *organisations]
        self.partner.choices = [("", gettext("Select a partner")), *organisations]
        self.desk_officer.choices = [("", gettext("No desk officer")), *officers]

    def validate_organisation(self, field: SelectField) -> None:
        _chosen_from(field, gettext("Select the organisation"), gettext("Select an organisation from the list"))

    def validate_partner(self, field: SelectField) -> None:
        _chosen_from(field, gettext("Select the partner"), gettext("Select a partner from the list"))

    def validate_desk_officer(self, field: SelectField) -> None:
        typed = field.raw_data and (field.raw_data[0] or "").strip()
        if (field.data is None and typed) or (field.data is not None and field.data not in dict(options(field))):
            raise ValidationError(gettext("Select a desk officer from the list, or No desk officer"))

    def validate(self, extra_validators: Mapping[str, Sequence[Any]] | None = None) -> bool:
        # An empty slug is allowed: the service makes one from the short names.
        if not self.slug.data:
            self.slug.validators = []
        return super().validate(extra_validators)

    def details(self, *, organisation: Organisation | None, partner: Organisation | None,
                desk_officer: User | None) -> PartnershipDetails:
        """The partnership as typed, with the organisations and the officer chosen in its selects."""
        return PartnershipDetails(organisation=organisation, partner=partner, slug=self.slug.data,
                                  notes=self.notes.data, desk_officer=desk_officer)


class PartnershipEventForm(FlaskForm):
    occurred_on = DateInputField(_l("Date of the change"), required=True, what="the date of the change")
    kind = ChoiceField(
        _l("What happened"), choice=PartnershipEventKind,
        validators=[InputRequired(message=_l("Select what happened"))],
    )
    status = ChoiceField(
        _l("Status after the change"), choice=PartnershipStatus,
        validators=[InputRequired(message=_l("Select the status after the change"))],
    )
    level = RadioSelectField(
        _l("Level after the change"),
        choices=[
            SelectChoice(NO_LEVEL, _l("No level")),
            *(SelectChoice(level.value, CHOICE_WORDS[level.value]) for level in PartnershipLevel),
        ],
        validate_choice=False,
    )
    description = TextAreaField(_l("Description"), validators=[max_length(_l("Description"), 1000)], filters=[strip])

    def validate_occurred_on(self, field: DateInputField) -> None:
        if field.data and field.data > date.today():
            raise ValidationError(gettext("Date of the change must be today or in the past"))

    def validate_level(self, field: SelectField) -> None:
        if not field.data:
            raise ValidationError(gettext("Select the level after the change, or No level"))
        if field.data not in {value for value, _ in options(field)}:
            raise ValidationError(gettext("Select the level after the change from the list"))

    @property
    def chosen_level(self) -> str | None:
        return None if self.level.data == NO_LEVEL else self.level.data
