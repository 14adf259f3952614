from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, Field, PasswordField, SelectField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]
from wtforms.form import BaseForm
from wtforms.validators import InputRequired, ValidationError

from app.auth.passwords import MAX_PASSWORD_LENGTH, WeakPassword, check_new_password
from app.common.forms import max_length
from app.languages import LANGUAGES
from app.models import User


class SignInForm(FlaskForm):
    email = EmailField(
        _l("Email address"),
        validators=[
            InputRequired(message=_l("Enter your email address")),
            max_length(_l("Email address"), 254),
        ],
        filters=[lambda value: value.strip().lower() if isinstance(value, str) and value else value],
    )
    password = PasswordField(
        _l("Password"),
        validators=[InputRequired(message=_l("Enter your password")), max_length(_l("Password"), MAX_PASSWORD_LENGTH)],
    )


def chosen_password_field(label: str, message: str) -> PasswordField:
    return PasswordField(label, validators=[InputRequired(message=message), max_length(label, MAX_PASSWORD_LENGTH)])


def refuse_weak(password: str, *, email: str, name: str) -> None:
    """The password rules as a form's validation error, beside the field."""
    try:
        check_new_password(password, email=email or "", name=name or "")
    except WeakPassword as weak:
        raise ValidationError(str(weak)) from None


class PasswordOwner:
    """A password form for one user (``owner``), whose email address and name the new password must not contain."""

    def __init__(self, owner: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner

    def validate_new_password(self, field: Field) -> None:
        refuse_weak(field.data, email=self.owner.email, name=self.owner.name)


class NewPasswordForm(PasswordOwner, FlaskForm):
    """An administrator sets someone's password."""

    new_password = chosen_password_field(_l("New password"), _l("Enter a new password"))


class ChangePasswordForm(PasswordOwner, FlaskForm):
    """The signed-in user changes their own password: the current one first, so a borrowed browser cannot."""

    current_password = PasswordField(_l("Current password"), validators=[
        InputRequired(message=_l("Enter your current password")),
        max_length(_l("Current password"), MAX_PASSWORD_LENGTH),
    ])
    new_password = chosen_password_field(_l("New password"), _l("Enter a new password"))

    def validate_current_password(self, field: Field) -> None:
        if not self.owner.check_password(field.data):
            raise ValidationError(gettext("Your current password is not correct"))


#: The choice that leaves the language to the browser (radios cannot offer an empty value: see render_choices).
AS_THE_BROWSER_PREFERS = "browser"


class LanguageField(SelectField):
    """The interface's language, as radios: the browser's preference first, then each language in its own name."""

    widget_kind = "group"

    def __init__(self, label: str, **kwargs: Any) -> None:
        choices = [SelectChoice(AS_THE_BROWSER_PREFERS, _l("As my browser prefers")),
                   *(SelectChoice(code, name) for code, name in LANGUAGES.items())]
        super().__init__(label, choices=choices, **kwargs)

    def pre_validate(self, form: BaseForm) -> None:
        if self.data != AS_THE_BROWSER_PREFERS and self.data not in LANGUAGES:
            raise ValidationError(gettext("Select the language you want, or As my browser prefers"))


class LanguageForm(FlaskForm):
    language = LanguageField(_l("Language of the pages"))

    def chosen(self) -> str | None:
        """The code chosen, or None for the browser's preference; call on a valid form."""
        return None if self.language.data == AS_THE_BROWSER_PREFERS else self.language.data
