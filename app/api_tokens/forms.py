from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, InputRequired

from app.common.forms import DateInputField, max_length, strip
from app.models import TokenScope
from app.models.api_token import TOKEN_NAME_MAX
from app.users.forms import RadioChoiceField


class NewTokenForm(FlaskForm):
    # DataRequired: spaces alone are no name (the filter has made them None)
    name = StringField("Name", validators=[DataRequired(message="Enter a name for the token"),
                                           max_length("Name", TOKEN_NAME_MAX)], filters=[strip])
    scope = RadioChoiceField("What the token can do", choice=TokenScope,
                             validators=[InputRequired(message="Select what the token can do")])
    expires_on = DateInputField("Expiry date", what="the expiry date")
