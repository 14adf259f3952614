import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, StringField, TextAreaField
from wtforms.form import BaseForm
from wtforms.validators import InputRequired, StopValidation
from wtforms.widgets import TextInput

from app.activities.currencies import CURRENCY_CODES
from app.activities.details import ActivityDetails
from app.activities.services import (
    CURRENCY_MESSAGE,
    FUNDED_BY_LIMIT,
    LINES_MESSAGE,
    NOTES_LIMIT,
    PARTICIPANTS_LIMIT,
    TITLE_LIMIT,
    actual_date_problem,
    amount_problem,
    end_date_problem,
    state_dates_problem,
    today,
)
from app.common.conflicts import VersionField
from app.common.forms import DateInputField, max_length, strip
from app.common.restricted import restricted_checkbox
from app.meetings.fields import (
    ExtraValidators,
    MultiCheckboxField,
    RadioChoiceField,
    RecordSelectField,
    WholeNumberField,
    add_error,
)
from app.models import ActionLine, ActivityKind, ActivityState, FundingSource, Meeting, Organisation, Plan

#: Digits with commas or spaces between thousands, and a decimal point: "1,250,000.50", "1 250 000".
AMOUNT_PATTERN = re.compile(r"^\d{1,3}([, ]\d{3})*(\.\d+)?$|^\d+(\.\d+)?$")


def _upper(value: object) -> object:
    value = strip(value)
    return value.upper() if isinstance(value, str) else value


class AmountField(Field):
    """An amount of money typed as text (never ``type=number``), with thousands separated or not; ``data`` is the
    Decimal, or None when blank."""

    widget = TextInput()
    data: Decimal | None

    def __init__(self, label: str | None = None, validators: list[Any] | None = None, **kw: Any) -> None:
        super().__init__(label, validators, **kw)
        self.typed: str | None = None

    def process_formdata(self, valuelist: list[str]) -> None:
        self.typed = (valuelist[0] if valuelist else "").strip()[:50]
        text = self.typed.replace("\u00a0", " ").replace("\u202f", " ")
        if text.startswith("-"):
            self.data = Decimal(-1)  # refused as below 0, with the words for it
            return
        try:
            self.data = Decimal(text.replace(",", "").replace(" ", "")) if AMOUNT_PATTERN.match(text) else None
        except InvalidOperation:
            self.data = None

    def pre_validate(self, form: BaseForm) -> None:
        if self.typed and self.data is None:
            raise StopValidation(gettext("Amount must be a number, like 25000 or 1,250.50"))
        if problem := amount_problem(self.data):
            raise StopValidation(problem)

    def _value(self) -> str:
        if self.typed is not None:
            return self.typed
        return f"{self.data:,}" if self.data is not None else ""


class ActivityForm(VersionField, FlaskForm):
    partnership_id = RecordSelectField(
        _l("Partnership"), required=_l("Select the partnership"), unknown=_l("Select a partnership from the list"))
    plan_id = RecordSelectField(_l("Plan"), required=_l("Select the plan the activity comes under"),
                                unknown=_l("Select a plan of the partnership from the list"))
    action_line_ids = MultiCheckboxField(_l("Action lines it serves"),
                                         unknown=_l("Select action lines of the plan from the list"))
    kind = RadioChoiceField(_l("Kind of activity"), choice=ActivityKind,
                            validators=[InputRequired(message=_l("Select the kind of activity"))])
    title = StringField(_l("Title"), validators=[InputRequired(message=_l("Enter the title of the activity")),
                                             max_length(_l("Title"), TITLE_LIMIT)], filters=[strip])
    planned_starts_on = DateInputField(_l("Planned start date"), what="the planned start date")
    planned_ends_on = DateInputField(_l("Planned end date"), what="the planned end date")
    actual_starts_on = DateInputField(_l("Actual start date"), what="the actual start date")
    actual_ends_on = DateInputField(_l("Actual end date"), what="the actual end date")
    funding_source = RadioChoiceField(
        _l("Who funds it"), choice=FundingSource,
        validators=[InputRequired(message=_l("Select who funds the activity, or Not known yet"))])
    funded_by = StringField(_l("Fund or funder"), validators=[max_length(_l("Fund or funder"), FUNDED_BY_LIMIT)],
                            filters=[strip])
    amount = AmountField(_l("Amount"))
    currency = StringField(_l("Currency"), validators=[max_length(_l("Currency"), 3)], filters=[_upper])
    implementing_organisation_id = RecordSelectField(
        _l("Implementing organisation"), unknown=_l("Select an organisation from the list"))
    co_implementer_ids = MultiCheckboxField(_l("Co-implementing organisations"),
                                            unknown=_l("Select co-implementing organisations from the list"))
    participants = WholeNumberField(_l("Number of participants"), low=0, high=PARTICIPANTS_LIMIT)
    meeting_id = RecordSelectField(_l("Meeting where it was agreed"),
                                   unknown=_l("Select a meeting of the partnership from the list"))
    notes = TextAreaField(_l("Notes"), validators=[max_length(_l("Notes"), NOTES_LIMIT)], filters=[strip])
    is_restricted = restricted_checkbox("activity notes")

    #: The state the activity is in (an edit form's record's), for the rules on its actual dates.
    current_state: ActivityState | None = None

    def details(self, *, plan: Plan | None, lines: Iterable[ActionLine], meeting: Meeting | None,
                organisations: dict[int, Organisation]) -> ActivityDetails:
        """The activity as typed, with the records chosen: ``lines`` and ``organisations`` are those offered."""
        chosen = set(self.action_line_ids.data or [])
        implementer = self.implementing_organisation_id.data
        return ActivityDetails(
            kind=self.kind.data, title=self.title.data or "", plan=plan,
            action_lines=tuple(line for line in lines if line.id in chosen),
            funding_source=self.funding_source.data, planned_starts_on=self.planned_starts_on.data,
            planned_ends_on=self.planned_ends_on.data, actual_starts_on=self.actual_starts_on.data,
            actual_ends_on=self.actual_ends_on.data, funded_by=self.funded_by.data, amount=self.amount.data,
            currency=self.currency.data,
            implementing_organisation=organisations.get(implementer) if implementer is not None else None,
            co_implementers=tuple(organisations[i] for i in dict.fromkeys(self.co_implementer_ids.data or [])
                                  if i is not None and i in organisations),
            participants=self.participants.data, meeting=meeting, notes=self.notes.data,
            is_restricted=self.is_restricted.data,
        )

    @property
    def chosen_state(self) -> ActivityState | None:
        return self.current_state

    def validate(self, extra_validators: ExtraValidators | None = None) -> bool:
        valid = super().validate(extra_validators)
        if self.partnership_id.errors:
            # The plans offered are the partnership's: choose one once the partnership is right.
            self.plan_id.errors = []
        if self.plan_id.errors or self.partnership_id.errors:
            # Which lines are offered depends on the plan: judge them once the plan is right.
            self.action_line_ids.errors = []
        elif not self.action_line_ids.errors and not self.action_line_ids.data and self.plan_id.data is not None:
            add_error(self.action_line_ids, str(LINES_MESSAGE))
            valid = False
        for which, starts, ends in (("planned", self.planned_starts_on, self.planned_ends_on),
                                    ("actual", self.actual_starts_on, self.actual_ends_on)):
            if not starts.errors and not ends.errors and (problem := end_date_problem(starts.data, ends.data, which)):
                add_error(ends, problem)
                valid = False
        for field, what in ((self.actual_starts_on, gettext("Actual start date")),
                            (self.actual_ends_on, gettext("Actual end date"))):
            if not field.errors and (problem := actual_date_problem(field.data, what)):
                add_error(field, problem)
                valid = False
        state = self.chosen_state
        if state is not None and (misfit := state_dates_problem(
                state, None if self.actual_starts_on.errors else self.actual_starts_on.data,
                None if self.actual_ends_on.errors else self.actual_ends_on.data)):
            name, message = misfit
            if not self[name].errors:
                add_error(self[name], message)
                valid = False
        if not self.currency.errors and self.currency.data and self.currency.data not in CURRENCY_CODES:
            add_error(self.currency, str(CURRENCY_MESSAGE))
            valid = False
        if self.amount.data is not None and not self.amount.errors and not self.currency.data \
                and not self.currency.errors:
            add_error(self.currency, gettext("Enter the currency of the amount, for example USD"))
            valid = False
        implementer = self.implementing_organisation_id.data
        if implementer is not None and implementer in (self.co_implementer_ids.data or []) \
                and not self.co_implementer_ids.errors:
            add_error(self.co_implementer_ids, gettext(
                "The implementing organisation cannot also be a co-implementing organisation – leave it out of these"))
            valid = False
        return valid


class NewActivityForm(ActivityForm):
    """Recording an activity: its state now, and the day it took effect, besides its details."""

    state = RadioChoiceField(_l("State"), choice=ActivityState,
                             validators=[InputRequired(message=_l("Select the state of the activity"))])
    state_on = DateInputField(_l("Date of the state"), what="the date of the state")

    PAGE_ORDER = (
        "csrf_token", "partnership_id", "plan_id", "action_line_ids", "kind", "title", "state", "state_on",
        "planned_starts_on", "planned_ends_on", "actual_starts_on", "actual_ends_on",
    )

    @property
    def chosen_state(self) -> ActivityState | None:
        return ActivityState(self.state.data) if ActivityState.holds(self.state.data) else None

    def validate(self, extra_validators: ExtraValidators | None = None) -> bool:
        valid = super().validate(extra_validators)
        if self.state_on.data is not None and not self.state_on.errors and self.state_on.data > today():
            add_error(self.state_on, gettext("Date of the state must be today or in the past"))
            valid = False
        return valid


class EditActivityForm(ActivityForm):
    PAGE_ORDER = NewActivityForm.PAGE_ORDER


class StateForm(VersionField, FlaskForm):
    state = RadioChoiceField(_l("New state"), choice=ActivityState,
                             validators=[InputRequired(message=_l("Select the new state of the activity"))])
    #: The day the change took effect: the history is dated by it.
    changed_on = DateInputField(_l("Date of the change"), required=True, what="the date of the change",
                                default=date.today)
    note = TextAreaField(_l("Note"), validators=[max_length(_l("Note"), 2_000)], filters=[strip])
