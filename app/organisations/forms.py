from collections.abc import Mapping, Sequence
from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, InputRequired, Regexp

from app.common.conflicts import VersionField
from app.common.forms import ChoiceField, max_length, strip
from app.models import OrganisationKind
from app.organisations.details import OrganisationDetails


class OrganisationForm(VersionField, FlaskForm):
    name = StringField(
        _l("Name"),
        validators=[DataRequired(message=_l("Enter the name of the organisation")), max_length(_l("Name"), 200)],
        filters=[strip],
    )
    short_name = StringField(
        _l("Short name"),
        validators=[DataRequired(message=_l("Enter a short name")), max_length(_l("Short name"), 60)],
        filters=[strip],
    )
    kind = ChoiceField(
        _l("Kind of organisation"),
        choice=OrganisationKind,
        validators=[InputRequired(message=_l("Select the kind of organisation"))],
    )
    iso_code = StringField(
        _l("ISO 3166 country code"),
        validators=[
            max_length(_l("ISO 3166 country code"), 2),
            Regexp(r"^[A-Z]{2}$", message=_l("ISO 3166 country code must be 2 letters, like PK")),
        ],
        filters=[strip, lambda v: v.upper() if v else v],
    )

    def validate_iso_code(self, field: StringField) -> None:
        if self.kind.data == OrganisationKind.COUNTRY and not field.data:
            field.errors = [*field.errors, gettext("Enter the ISO 3166 code of the country")]

    def details(self) -> OrganisationDetails:
        # Both required: a valid form has them.
        return OrganisationDetails(name=self.name.data or "", short_name=self.short_name.data or "",
                                   kind=self.kind.data, iso_code=self.iso_code.data)

    def validate(self, extra_validators: Mapping[str, Sequence[Any]] | None = None) -> bool:
        # The Regexp only applies to a typed code; an empty optional code is fine unless the kind is country.
        if not self.iso_code.data:
            self.iso_code.validators = []
        return super().validate(extra_validators)
