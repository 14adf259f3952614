from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, ValidationError
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]
from wtforms.form import BaseForm
from wtforms.validators import InputRequired

from app.common.dates import WEEKDAYS
from app.common.forms import optional_int, strip
from app.models import DUE_SOON_MAX, DUE_SOON_MIN, DigestFrequency
from app.reminders.settings import Preferences
from app.users.forms import RadioChoiceField


class WeekdayField(SelectField):
    """The day of the week, as radios (the error summary links to the first)."""

    widget_kind = "group"

    def __init__(self, label: str, **kwargs: Any) -> None:
        super().__init__(label, choices=[SelectChoice(str(n), name) for n, name in enumerate(WEEKDAYS)],
                         coerce=optional_int, **kwargs)

    def pre_validate(self, form: BaseForm) -> None:
        if self.data not in range(len(WEEKDAYS)):
            raise ValidationError(gettext("Select the day of the week for the weekly e-mail"))


class ReminderSettingsForm(FlaskForm):
    personal_digest = RadioChoiceField(
        _l("How often do you want an e-mail of your follow-ups?"), choice=DigestFrequency,
        validators=[InputRequired(message=_l("Select how often you want an e-mail of your follow-ups"))])
    weekday = WeekdayField(_l("Day of the week for the weekly e-mail"))
    due_soon_days = StringField(_l("Days ahead"), filters=[strip])
    desk_digest = BooleanField(_l("Send me the weekly desk digest of every overdue follow-up, on Mondays"),
                               false_values=("", "0", "false"))

    def validate_due_soon_days(self, field: StringField) -> None:
        text = field.data or ""
        if not text:
            raise ValidationError(gettext("Enter how many days ahead a follow-up counts as due soon"))
        if not (text.isascii() and text.isdigit()):
            raise ValidationError(gettext("Days ahead must be a whole number"))
        # Leading zeros are harmless; a long run of digits is out of range whatever it says, never made a number.
        digits = text.lstrip("0") or "0"
        if len(digits) > len(str(DUE_SOON_MAX)) or not DUE_SOON_MIN <= int(digits) <= DUE_SOON_MAX:
            raise ValidationError(gettext("Days ahead must be between %(low)s and %(high)s", low=DUE_SOON_MIN,
                                          high=DUE_SOON_MAX))
        field.data = digits

    def chosen(self) -> Preferences:
        """The settings as typed; call on a valid form."""
        desk = self.desk_digest.data if "desk_digest" in self else True
        return Preferences(DigestFrequency(self.personal_digest.data), self.weekday.data,
                           int(self.due_soon_days.data or 0), bool(desk))
