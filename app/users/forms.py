from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, StringField
from wtforms.validators import Email, InputRequired

from app.auth.forms import chosen_password_field, refuse_weak
from app.common.conflicts import VersionField
from app.common.forms import ChoiceField, max_length, strip
from app.models import Role
from app.users.details import UserDetails


def _lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


def _name_field() -> StringField:
    return StringField(
        _l("Name"),
        validators=[InputRequired(message=_l("Enter the name")), max_length(_l("Name"), 200)],
        filters=[strip],
    )


class RadioChoiceField(ChoiceField):
    """Shown as radios, so the error summary links to the first option."""

    widget_kind = "group"


def _role_field() -> RadioChoiceField:
    return RadioChoiceField(_l("Role"), choice=Role, validators=[InputRequired(message=_l("Select a role"))])


class UserCreateForm(FlaskForm):
    email = EmailField(
        _l("Email address"),
        validators=[
            InputRequired(message=_l("Enter an email address")),
            max_length(_l("Email address"), 254),
            Email(message=_l("Enter an email address in the correct format, like name@example.org")),
        ],
        filters=[strip, _lower],
    )
    name = _name_field()
    role = _role_field()
    password = chosen_password_field(_l("Password"), _l("Enter a password"))

    def validate_password(self, field: StringField) -> None:
        refuse_weak(field.data or "", email=self.email.data or "", name=self.name.data or "")

    def details(self) -> UserDetails:
        # Each is required: a valid form has it. A user is able to sign in from the start.
        return UserDetails(name=self.name.data or "", role=self.role.data)


class UserEditForm(VersionField, FlaskForm):
    name = _name_field()
    role = _role_field()
    is_active = BooleanField(_l("Active: can sign in"))

    def details(self) -> UserDetails:
        # The name and the role are required: a valid form has them.
        return UserDetails(name=self.name.data or "", role=self.role.data, is_active=self.is_active.data)
