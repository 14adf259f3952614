from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Regexp, ValidationError

from app.common.forms import ChoiceField, DateInputField, max_length, optional_int, options, strip
from app.models import ActionLineStatus, AreaStatus
from app.plans.forms import WholeNumberField, as_radios, position_field


def _code(value):
    """Codes are compared and shown in capitals: "edu-01" is EDU-01."""
    value = strip(value)
    return value.upper() if isinstance(value, str) else value


def code_validators(what: str) -> list:
    return [
        DataRequired(message=f"Enter the {what.lower()}"),
        max_length(what, 20),
        Regexp(r"^[A-Za-z0-9.\-]+$", message=f"{what} must only include letters, numbers, dots and hyphens"),
    ]


class AreaForm(FlaskForm):
    pillar = SelectField("Pillar", coerce=optional_int, validate_choice=False)
    code = StringField("Area code", validators=code_validators("Area code"), filters=[_code])
    name = StringField(
        "Name",
        validators=[DataRequired(message="Enter the name of the cooperation area"), max_length("Name", 200)],
        filters=[strip],
    )
    focal_point = StringField("Focal point", validators=[max_length("Focal point", 200)], filters=[strip])
    description = TextAreaField("Description", validators=[max_length("Description", 5000)], filters=[strip])
    position = position_field()

    def __init__(self, *args, pillars=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.pillar.choices = [(pillar.id, pillar.name) for pillar in pillars]
        as_radios(self.pillar)

    def validate_pillar(self, field):
        if field.data is None:
            raise ValidationError("Select the pillar")
        if field.data not in {value for value, _ in options(field)}:
            raise ValidationError("Select a pillar of this plan")

    def values(self) -> dict:
        values = {name: getattr(self, name).data for name in ("code", "name", "focal_point", "description")}
        values["position"] = self.position.number
        return values


class ActionLineForm(FlaskForm):
    code = StringField("Action line code", validators=code_validators("Action line code"), filters=[_code])
    text = TextAreaField(
        "Text",
        validators=[DataRequired(message="Enter the text of the action line"), max_length("Text", 2000)],
        filters=[strip],
    )
    position = position_field()

    def values(self) -> dict:
        return {"code": self.code.data, "text": self.text.data, "position": self.position.number}


# Declared before the shared fields so that the status comes first on the page and in the error summary.
_AREA_STATUS = ChoiceField(
    "Status of the area",
    choice=AreaStatus,
    validators=[InputRequired(message="Select the status of the area")],
)
_LINE_STATUS = ChoiceField(
    "Status of the action line",
    choice=ActionLineStatus,
    validators=[InputRequired(message="Select the status of the action line")],
)


class _StatusForm(FlaskForm):
    progress = WholeNumberField(
        "Progress", low=0, high=100, message="Progress must be a whole number between 0 and 100"
    )
    note = TextAreaField(
        "Note",
        validators=[DataRequired(message="Enter a note about the status"), max_length("Note", 2000)],
        filters=[strip],
    )
    as_of = DateInputField("Date of the status update", required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        as_radios(self.status)

    def values(self) -> dict:
        return {
            "status": self.status.data,
            "progress": self.progress.number,
            "note": self.note.data,
            "as_of": self.as_of.data,
        }


class AreaStatusForm(_StatusForm):
    status = _AREA_STATUS


class ActionLineStatusForm(_StatusForm):
    status = _LINE_STATUS
