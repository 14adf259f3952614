from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import InputRequired, Length


class SignInForm(FlaskForm):
    email = EmailField(
        "Email address",
        validators=[
            InputRequired(message="Enter your email address"),
            Length(max=254, message="Email address must be 254 characters or less"),
        ],
        filters=[lambda value: value.strip().lower() if value else value],
    )
    password = PasswordField(
        "Password",
        validators=[
            InputRequired(message="Enter your password"),
            Length(max=200, message="Password must be 200 characters or less"),
        ],
    )
