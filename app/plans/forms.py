import re
from datetime import date
from typing import Any, TypedDict

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.form import BaseForm
from wtforms.validators import DataRequired, InputRequired, Regexp, ValidationError

from app.common.conflicts import VersionField
from app.common.forms import ChoiceField, DateInputField, max_length, strip
from app.meetings.fields import MultiCheckboxField
from app.models import PlanKind, PlanState
from app.plans.details import PlanDetails
from app.plans.rollover import Carry, Codes, RolloverOffer
from app.plans.services import adopted_date_problem, end_date_problem

_WHOLE_NUMBER = re.compile(r"^\d{1,6}$", re.ASCII)


class WholeNumberField(StringField):
    """A whole number typed as text (``inputmode="numeric"``, never ``type="number"``), kept as typed.

    ``data`` stays the text; ``number`` is the value once the form is valid (None when left blank).
    """

    def __init__(self, label: str | None = None, validators: list[Any] | None = None, *, low: int, high: int,
                 message: str, **kwargs: Any) -> None:
        render_kw = {"inputmode": "numeric", "spellcheck": "false", **kwargs.pop("render_kw", {})}
        super().__init__(label, validators, filters=[strip], render_kw=render_kw, **kwargs)
        self.low, self.high, self.message = low, high, message

    def _text(self) -> str | None:
        if self.data is None:
            return None
        # Harmless extras people type: "40%", "40 %".
        return str(self.data).strip().rstrip("%").strip()

    def pre_validate(self, form: BaseForm) -> None:
        text = self._text()
        if text is None:
            return
        if not _WHOLE_NUMBER.match(text) or not self.low <= int(text) <= self.high:
            raise ValidationError(self.message)

    @property
    def number(self) -> int | None:
        text = self._text()
        return int(text) if text and _WHOLE_NUMBER.match(text) else None


def position_field() -> WholeNumberField:
    return WholeNumberField(_l("Position"), low=0, high=999,
                            message=_l("Position must be a whole number between 0 and 999"))


class PlanForm(VersionField, FlaskForm):
    kind = ChoiceField(_l("Kind of plan"), choice=PlanKind,
                       validators=[InputRequired(message=_l("Select the kind of plan"))])
    title = StringField(
        _l("Title"),
        validators=[DataRequired(message=_l("Enter the title of the plan")), max_length(_l("Title"), 300)],
        filters=[strip],
    )
    label = StringField(
        _l("Label"),
        validators=[
            DataRequired(message=_l("Enter a label for the plan")),
            max_length(_l("Label"), 40),
            Regexp(r"^[A-Za-z0-9-]+$", message=_l("Label must only include letters, numbers and hyphens")),
        ],
        filters=[strip],
    )
    starts_on = DateInputField(_l("Start date"), required=True, what="the start date of the plan")
    ends_on = DateInputField(_l("End date"), required=True, what="the end date of the plan")
    adopted_on = DateInputField(_l("Date adopted"), what="the date the plan was adopted")
    state = ChoiceField(
        _l("State of the plan"),
        choice=PlanState,
        validators=[InputRequired(message=_l("Select the state of the plan"))],
    )

    def validate_ends_on(self, field: DateInputField) -> None:
        if message := end_date_problem(self.starts_on.data, field.data):
            raise ValidationError(message)

    def validate_adopted_on(self, field: DateInputField) -> None:
        if message := adopted_date_problem(field.data):
            raise ValidationError(message)

    def details(self) -> PlanDetails:
        return PlanDetails(
            # Title and label are required: a valid form has them.
            kind=self.kind.data, title=self.title.data or "", label=self.label.data or "",
            starts_on=self.starts_on.data, ends_on=self.ends_on.data, adopted_on=self.adopted_on.data,
            state=self.state.data,
        )


class Extension(TypedDict):
    new_ends_on: date
    decision: str
    decided_on: date


class ExtendPlanForm(FlaskForm):
    new_ends_on = DateInputField(_l("New end date"), required=True, what="the new end date of the plan")
    decision = TextAreaField(
        _l("Decision"),
        validators=[
            DataRequired(message=_l("Enter the decision to extend the plan")),
            max_length(_l("Decision"), 2000),
        ],
        filters=[strip],
    )
    decided_on = DateInputField(_l("Date of the decision"), required=True, what="the date of the decision")

    def values(self) -> Extension:
        # All three are required: a valid form has them.
        return {"new_ends_on": self.new_ends_on.data, "decision": self.decision.data or "",
                "decided_on": self.decided_on.data}


class PillarValues(TypedDict):
    name: str
    position: int | None


class PillarForm(VersionField, FlaskForm):
    name = StringField(
        _l("Name"),
        validators=[DataRequired(message=_l("Enter the name of the pillar")), max_length(_l("Name"), 200)],
        filters=[strip],
    )
    position = position_field()

    def values(self) -> PillarValues:
        return {"name": self.name.data or "", "position": self.position.number}  # a valid form has a name


#: The longest text the import reads at once: a whole plan's structure is a few thousand characters.
STRUCTURE_MAX = 100_000


class StructureImportForm(FlaskForm):
    """Text pasted from a plan document; ``previewed`` is the fingerprint of the preview being confirmed."""

    structure = TextAreaField(
        _l("Pillars, cooperation areas and action lines"),
        validators=[DataRequired(message=_l("Paste the pillars, cooperation areas and action lines of the plan")),
                    max_length(_l("The text"), STRUCTURE_MAX)],
    )
    previewed = HiddenField()


class RolloverForm(PlanForm):
    """The successor plan's own details (the plan form's, under its rules), and what to carry into it from the plan it
    supersedes: every pillar, area, action line and open follow-up offered is carried unless its "Leave out" box is
    ticked, so that nothing is lost by not reading the whole list."""

    codes = ChoiceField(_l("Codes of the cooperation areas and action lines"), choice=Codes)
    left_out_pillars = MultiCheckboxField(_l("Pillars to leave out"), unknown=_l("Select pillars of the old plan"))
    left_out_areas = MultiCheckboxField(_l("Areas to leave out"),
                                        unknown=_l("Select cooperation areas of the old plan"))
    left_out_lines = MultiCheckboxField(_l("Action lines to leave out"),
                                        unknown=_l("Select action lines of the old plan"))
    left_out_follow_ups = MultiCheckboxField(_l("Follow-ups to leave out"),
                                             unknown=_l("Select follow-ups of the old plan"))

    def offering(self, offer: RolloverOffer) -> "RolloverForm":
        """Offer what ``offer`` holds: only those ids are taken."""
        self.offer = offer
        offered = {
            self.left_out_pillars: [(p.pillar.id, p.pillar.name) for p in offer.pillars],
            self.left_out_areas: [(a.area.id, str(a.area)) for a in offer.areas],
            self.left_out_lines: [(line.id, line.code) for line in offer.lines],
            self.left_out_follow_ups: [(f.follow_up.id, f.follow_up.title) for f in offer.follow_ups],
        }
        #: The place of each offered id among its field's boxes: ids are "<field>-0", "-1", ... (the summary links
        #: to "-0"), whatever the order the page draws them in.
        self.positions: dict[str, dict[int, int]] = {}
        for field, choices in offered.items():
            field.choices = choices
            self.positions[field.name] = {value: index for index, (value, _) in enumerate(choices)}
        return self

    def box_id(self, field: MultiCheckboxField, value: int) -> str:
        return f"{field.id}-{self.positions[field.name][value]}"

    def validate_codes(self, field: ChoiceField) -> None:
        if field.data is None and next(self.offer.areas, None) is not None:
            raise ValidationError(_("Select whether to keep the codes or number them again"))

    def carry(self) -> Carry:
        def ids(field: MultiCheckboxField) -> frozenset[int]:
            return frozenset(value for value in field.data or [] if value is not None)

        return Carry(codes=Codes(self.codes.data or Codes.KEEP), pillars=ids(self.left_out_pillars),
                     areas=ids(self.left_out_areas), lines=ids(self.left_out_lines),
                     follow_ups=ids(self.left_out_follow_ups))
