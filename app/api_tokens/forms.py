from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, InputRequired

from app.common.forms import DateInputField, max_length, strip
from app.models import TokenScope
from app.models.api_token import TOKEN_NAME_MAX
from app.users.forms import RadioChoiceField


class NewTokenForm(FlaskForm):
    # DataRequired: spaces alone are no name (the filter has made them None)
    name = StringField(_l("Name"), validators=[DataRequired(message=_l("Enter a name for the token")),
                                              max_length(_l("Name"), TOKEN_NAME_MAX)], filters=[strip])
    scope = RadioChoiceField(_l("What the token can do"), choice=TokenScope,
                             validators=[InputRequired(message=_l("Select what the token can do"))])
    expires_on = DateInputField(_l("Expiry date"), what=_l("the expiry date"))
