from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, TypeVar

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, Field, SelectField, StringField, TextAreaField
from wtforms.form import BaseForm
from wtforms.validators import DataRequired, InputRequired, Length, Regexp, ValidationError

from app.areas.details import ActionLineDetails, AreaDetails, StatusDetails
from app.areas.services import LINE_TEXT_MAX, NO_CHANGE_MESSAGE, LineChange, status_date_problem
from app.common.conflicts import VersionField
from app.common.forms import ChoiceField, DateInputField, max_length, optional_int, options, strip
from app.common.restricted import restricted_checkbox
from app.meetings.fields import RadioSelectField, add_error
from app.models import ActionLine, ActionLineStatus, AreaStatus, Pillar, Plan
from app.plans.forms import WholeNumberField, position_field

F = TypeVar("F", bound=Field)


def _code(value: object) -> object:
    """Codes are compared and shown in capitals: "edu-01" is EDU-01."""
    value = strip(value)
    return value.upper() if isinstance(value, str) else value


def code_validators(label: str, missing: str, unreadable: str) -> list[DataRequired | Length | Regexp]:
    return [
        DataRequired(message=missing),
        max_length(label, 20),
        Regexp(r"^[A-Za-z0-9.\-]+$", message=unreadable),
    ]


class AreaForm(VersionField, FlaskForm):
    pillar = RadioSelectField(_l("Pillar"), coerce=optional_int, validate_choice=False)
    code = StringField(_l("Area code"), validators=code_validators(
        _l("Area code"), _l("Enter the area code"),
        _l("Area code must only include letters, numbers, dots and hyphens")), filters=[_code])
    name = StringField(
        _l("Name"),
        validators=[DataRequired(message=_l("Enter the name of the cooperation area")), max_length(_l("Name"), 200)],
        filters=[strip],
    )
    focal_point = StringField(_l("Focal point"), validators=[max_length(_l("Focal point"), 200)], filters=[strip])
    description = TextAreaField(_l("Description"), validators=[max_length(_l("Description"), 5000)],
                                filters=[strip])
    position = position_field()

    def __init__(self, *args: Any, pillars: Iterable[Pillar] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pillar.choices = [(pillar.id, pillar.name) for pillar in pillars]

    def validate_pillar(self, field: SelectField) -> None:
        if field.data is None:
            raise ValidationError(_("Select the pillar"))
        if field.data not in {value for value, _ in options(field)}:
            raise ValidationError(_("Select a pillar of this plan"))

    def details(self, pillar: Pillar | None) -> AreaDetails:
        """The area as typed, under ``pillar``, the plan's pillar chosen in the select."""
        # Code and name are required: a valid form has them.
        return AreaDetails(pillar=pillar, code=self.code.data or "", name=self.name.data or "",
                           focal_point=self.focal_point.data, description=self.description.data,
                           position=self.position.number)


class ActionLineForm(VersionField, FlaskForm):
    code = StringField(_l("Action line code"), validators=code_validators(
        _l("Action line code"), _l("Enter the action line code"),
        _l("Action line code must only include letters, numbers, dots and hyphens")), filters=[_code])
    text = TextAreaField(
        _l("Text"),
        validators=[DataRequired(message=_l("Enter the text of the action line")),
                    max_length(_l("Text"), LINE_TEXT_MAX)],
        filters=[strip],
    )
    position = position_field()

    def details(self) -> ActionLineDetails:
        # Code and text are required: a valid form has them.
        return ActionLineDetails(code=self.code.data or "", text=self.text.data or "", position=self.position.number)


# Declared before the shared fields so that the status comes first on the page and in the error summary.
_AREA_STATUS = ChoiceField(
    _l("Status of the area"),
    choice=AreaStatus,
    validators=[InputRequired(message=_l("Select the status of the area"))],
)
_LINE_STATUS = ChoiceField(
    _l("Status of the action line"),
    choice=ActionLineStatus,
    validators=[InputRequired(message=_l("Select the status of the action line"))],
)


def _check_status_date(plan: Plan, field: DateInputField, what: str) -> None:
    """Refuse a date the plan's figures could not count (see ``status_date_problem``), on the first post with every
    other problem of the form, and mark the whole date: no one box of it is at fault."""
    if field.data and (problem := status_date_problem(plan, field.data, what)):
        field.bad_parts = list(field.PARTS)
        raise ValidationError(problem)


class _StatusForm(FlaskForm):
    """A status update of a subject of ``plan``, whose period the date must lie in."""

    #: Declared by each kind of status form, first on the page.
    status: ChoiceField
    progress = WholeNumberField(
        _l("Progress"), low=0, high=100, message=_l("Progress must be a whole number between 0 and 100")
    )
    note = TextAreaField(
        _l("Note"),
        validators=[DataRequired(message=_l("Enter a note about the status")), max_length(_l("Note"), 2000)],
        filters=[strip],
    )
    is_restricted = restricted_checkbox("note")
    as_of: DateInputField | None = DateInputField(_l("Date of the status update"), required=True,
                                                   default=date.today, what="the date of the status update")

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan

    def validate_as_of(self, field: DateInputField) -> None:
        _check_status_date(self.plan, field, _("Date of the status update"))

    def details(self, as_of: date) -> StatusDetails:
        """The update as typed, dated ``as_of``: the date typed, or a correction's, which has none of its own."""
        return StatusDetails(status=self.status.data, note=self.note.data or "",  # required: a valid form has it
                             as_of=as_of, progress=self.progress.number, is_restricted=self.is_restricted.data)


class AreaStatusForm(_StatusForm):
    status = _AREA_STATUS


class ActionLineStatusForm(_StatusForm):
    status = _LINE_STATUS


# A correction has no date of its own: it keeps the date of the update it corrects.
class AreaCorrectionForm(AreaStatusForm):
    as_of = None


class ActionLineCorrectionForm(ActionLineStatusForm):
    as_of = None


class LineStatusField(ChoiceField):
    """The new status of one action line in the batch form; blank means no change."""

    def __init__(self, line: ActionLine, **kwargs: Any) -> None:
        label = _("New status for action line %(code)s", code=line.code)
        super().__init__(label, choice=ActionLineStatus, blank=_("No change"), **kwargs)
        self.code = line.code

    def pre_validate(self, form: BaseForm) -> None:
        if self.data is not None and self.data not in {value for value, _ in options(self)}:
            raise ValidationError(_("Select the new status of action line %(code)s from the list", code=self.code))


class BatchStatusForm(FlaskForm):
    """New statuses for many action lines of a plan, all as of one date: ``BatchStatusForm.for_lines(plan, lines)``.

    Each line has a ``status_<id>`` select, a ``note_<id>`` box and a ``restricted_<id>`` checkbox. Only the
    lines given a status change.
    """

    as_of = DateInputField(
        _l("Date of the status updates"), required=True, default=date.today,
        what="the date of the status updates"
    )

    plan: Plan
    lines: list[ActionLine]

    @classmethod
    def for_lines(cls, plan: Plan, lines: list[ActionLine], **kwargs: Any) -> "BatchStatusForm":
        form_class = type("BatchStatusForm", (cls,), {})
        for line in lines:
            setattr(form_class, f"status_{line.id}", LineStatusField(line))
            setattr(
                form_class,
                f"note_{line.id}",
                TextAreaField(
                    _("Note for action line %(code)s", code=line.code),
                    validators=[max_length(_("Note for action line %(code)s", code=line.code), 2000)],
                    filters=[strip],
                ),
            )
            setattr(form_class, f"restricted_{line.id}", restricted_checkbox("note"))
        form: BatchStatusForm = form_class(**kwargs)
        form.plan, form.lines = plan, lines
        return form

    def _line_field(self, name: str, kind: type[F]) -> F:
        field = self[name]
        if not isinstance(field, kind):
            raise TypeError(f"{name} is a {type(field).__name__}, not a {kind.__name__}")
        return field

    def status_field(self, line: ActionLine) -> LineStatusField:
        return self._line_field(f"status_{line.id}", LineStatusField)

    def note_field(self, line: ActionLine) -> TextAreaField:
        return self._line_field(f"note_{line.id}", TextAreaField)

    def restricted_field(self, line: ActionLine) -> BooleanField:
        return self._line_field(f"restricted_{line.id}", BooleanField)

    def validate_as_of(self, field: DateInputField) -> None:
        _check_status_date(self.plan, field, _("Date of the status updates"))

    def validate(self, extra_validators: Mapping[str, Sequence[Any]] | None = None) -> bool:
        valid = super().validate(extra_validators)
        chosen = 0
        for line in self.lines:
            status, note = self.status_field(line), self.note_field(line)
            if status.errors:
                continue
            if status.data:
                chosen += 1
                if not note.data and not note.errors:
                    add_error(note, _("Enter a note for action line %(code)s", code=line.code))
                    valid = False
            elif note.data and not note.errors:
                # A note with no new status would be lost without a word.
                add_error(status, _("Select a new status for action line %(code)s, or clear its note", code=line.code))
                valid = False
        if valid and not chosen and self.lines:
            add_error(self.status_field(self.lines[0]), NO_CHANGE_MESSAGE)
            valid = False
        return valid

    def changes(self) -> list[LineChange]:
        """The change of each line given a new status; a line whose status is left alone keeps its note unsaved."""
        return [
            LineChange(line, self.status_field(line).data, self.note_field(line).data or "",
                       bool(self.restricted_field(line).data))
            for line in self.lines
            if self.status_field(line).data
        ]
