from typing import Any

from flask_wtf import FlaskForm
from wtforms import EmailField, Field, PasswordField
from wtforms.validators import InputRequired, Length, ValidationError

from app.auth.passwords import MAX_PASSWORD_LENGTH, WeakPassword, check_new_password
from app.common.forms import max_length
from app.models import User


class SignInForm(FlaskForm):
    email = EmailField(
        "Email address",
        validators=[
            InputRequired(message="Enter your email address"),
            Length(max=254, message="Email address must be 254 characters or less"),
        ],
        filters=[lambda value: value.strip().lower() if isinstance(value, str) and value else value],
    )
    password = PasswordField(
        "Password",
        validators=[
            InputRequired(message="Enter your password"),
            Length(max=MAX_PASSWORD_LENGTH, message=f"Password must be {MAX_PASSWORD_LENGTH} characters or less"),
        ],
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

    new_password = chosen_password_field("New password", "Enter a new password")


class ChangePasswordForm(PasswordOwner, FlaskForm):
    """The signed-in user changes their own password: the current one first, so a borrowed browser cannot."""

    current_password = PasswordField("Current password", validators=[
        InputRequired(message="Enter your current password"), max_length("Current password", MAX_PASSWORD_LENGTH),
    ])
    new_password = chosen_password_field("New password", "Enter a new password")

    def validate_current_password(self, field: Field) -> None:
        if not self.owner.check_password(field.data):
            raise ValidationError("Your current password is not correct")
