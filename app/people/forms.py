from collections.abc import Iterable
from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, SelectField, StringField, TextAreaField
from wtforms.validators import Email, InputRequired, Optional, ValidationError

from app.common.conflicts import VersionField
from app.common.dates import page_date
from app.common.forms import DateInputField, max_length, optional_int, strip
from app.meetings.fields import ExtraValidators, add_error
from app.models import Organisation
from app.people.details import PersonDetails, PositionDetails
from app.people.namesakes import Namesake, already_recorded, recorded_namesakes


class PersonForm(VersionField, FlaskForm):
    honorific = StringField(_l("Honorific"), validators=[max_length(_l("Honorific"), 40)], filters=[strip])
    full_name = StringField(
        _l("Full name"),
        validators=[InputRequired(message=_l("Enter the full name")), max_length(_l("Full name"), 200)],
        filters=[strip],
    )
    email = EmailField(
        _l("Email address"),
        validators=[
            Optional(),
            max_length(_l("Email address"), 254),
            Email(message=_l("Enter an email address in the correct format, like name@example.org")),
        ],
        filters=[strip],
    )
    notes = TextAreaField(_l("Notes"), validators=[max_length(_l("Notes"), 5000)], filters=[strip])

    def details(self) -> PersonDetails:
        return PersonDetails(full_name=self.full_name.data or "", honorific=self.honorific.data, email=self.email.data,
                             notes=self.notes.data)


class NewPersonForm(PersonForm):
    """Adding a person by hand: someone already recorded under the same name is offered first, and added again
    only once the officer confirms it is someone else."""

    different_person = BooleanField(_l("This is a different person with the same name"))
    #: The people recorded under the name typed, found when the form was checked.
    namesakes: tuple[Namesake, ...] = ()

    def validate(self, extra_validators: ExtraValidators | None = None) -> bool:
        valid = super().validate(extra_validators)
        if self.full_name.errors or self.honorific.errors:
            return valid
        self.namesakes = tuple(recorded_namesakes(self.full_name.data, self.honorific.data))
        if self.namesakes and not self.different_person.data:
            add_error(self.full_name, already_recorded(
                self.namesakes, choose_one=gettext("add to their record instead"),
                choose_any=gettext("add to one of their records instead")))
            return False
        return valid


class PositionForm(VersionField, FlaskForm):
    #: Choices are set per request; ``validate_organisation_id`` turns a blank or unknown id into a message.
    organisation_id = SelectField(_l("Organisation"), coerce=optional_int, choices=[], validate_choice=False)
    title = StringField(
        _l("Title of the post"),
        validators=[
            InputRequired(message=_l("Enter the title of the post")), max_length(_l("Title of the post"), 300),
        ],
        filters=[strip],
    )
    starts_on = DateInputField(_l("Start date"))
    ends_on = DateInputField(_l("End date"))
    end_current = BooleanField(_l("End the current position the day before this one starts"))

    def __init__(self, *args: Any, organisations: Iterable[Organisation] = (), keep: Organisation | None = None,
                 **kwargs: Any) -> None:
        """Offer ``organisations``; ``keep``, the position's own organisation, stays listed if archived."""
        super().__init__(*args, **kwargs)
        listed = list(organisations)
        if keep is not None and keep not in listed:
            listed.append(keep)
            listed.sort(key=lambda o: o.name)
        self.organisation_id.choices = [("", gettext("Select an organisation"))] + [(o.id, o.name) for o in listed]
        self.organisation_ids = {o.id for o in listed}

    def validate_organisation_id(self, field: SelectField) -> None:
        if field.data in self.organisation_ids:
            return
        if (field.raw_data or [""])[0] == "":
            raise ValidationError(gettext("Select the organisation"))
        raise ValidationError(gettext("Select the organisation from the list"))

    def validate_ends_on(self, field: DateInputField) -> None:
        start, end = self.starts_on.data, field.data
        if start and end and end < start:
            raise ValidationError(gettext("End date must be the same as or after %(day)s, the start date",
                                          day=page_date(start)))

    def details(self, organisation: Organisation | None) -> PositionDetails:
        """The post as typed, at ``organisation``, the one chosen in the select."""
        # The title is required: a valid form has it.
        return PositionDetails(organisation=organisation, title=self.title.data or "", starts_on=self.starts_on.data,
                               ends_on=self.ends_on.data)
