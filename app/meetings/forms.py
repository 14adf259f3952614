from collections.abc import Iterable
from datetime import date

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, FieldList, FormField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # in WTForms, not in its stubs
from wtforms.validators import InputRequired

from app.common.conflicts import VersionField
from app.common.dates import page_date
from app.common.forms import DateInputField, max_length, strip
from app.common.restricted import restricted_checkbox
from app.meetings.agenda import AgendaField
from app.meetings.choices import chosen_partnership, partnership_options
from app.meetings.details import MeetingDetails
from app.meetings.fields import (
    ExtraValidators,
    MultiCheckboxField,
    OptionsOnDemand,
    RadioChoiceField,
    RecordSelectField,
    TimeTextField,
    WholeNumberField,
    add_error,
)
from app.meetings.row_forms import FollowUpRow, ParticipantRow, R, default_role, refresh_list_errors
from app.models import CooperationArea, MeetingFormat, MeetingType, OutcomeDocument, ParticipantRole, Partnership, Side
from app.people.names import name_key

SUMMARY_LIMIT = 10_000
ASKS_LIMIT = 5_000
COMMITMENTS_LIMIT = 5_000
HIGHEST_NUMBER = 999


def partnership_choices(keep: Partnership | None = None) -> OptionsOnDemand[Partnership]:
    """The partnership select of a form: every partnership in use when drawn, one look-up when saved."""
    return OptionsOnDemand(
        lambda: [SelectChoice("", gettext("Choose a partnership"))] + [
            SelectChoice(str(option.id), option.name) for option in partnership_options(keep)],
        lambda partnership_id: chosen_partnership(partnership_id, keep),
    )


class MeetingForm(AgendaField, VersionField, FlaskForm):
    partnership_id = RecordSelectField(
        _l("Partnership"), required=_l("Select the partnership"), unknown=_l("Select a partnership from the list")
    )
    type = RadioChoiceField(_l("Type of meeting"), choice=MeetingType,
                       validators=[InputRequired(message=_l("Select the type of meeting"))])
    number = WholeNumberField(_l("Number"), low=1, high=HIGHEST_NUMBER)
    title = StringField(_l("Title"), validators=[max_length(_l("Title"), 300)], filters=[strip])
    held_on = DateInputField(_l("Date of the meeting"), what=_l("the date of the meeting"))
    starts_at = TimeTextField(_l("Start time"), message=_l("Start time must be a real time, like 14:30"))
    ends_on = DateInputField(_l("End date"), what=_l("the end date"))
    venue = StringField(_l("Venue"), validators=[max_length(_l("Venue"), 300)], filters=[strip])
    format = RadioChoiceField(_l("Format"), choice=MeetingFormat,
                         validators=[InputRequired(message=_l("Select the format of the meeting"))])
    area_ids = MultiCheckboxField(
        _l("Areas discussed"), unknown=_l("Select areas discussed from the plan covering the date of the meeting")
    )
    summary = TextAreaField(_l("Summary"), validators=[max_length(_l("Summary"), SUMMARY_LIMIT)], filters=[strip])
    asks = TextAreaField(_l("Asks"), validators=[max_length(_l("Asks"), ASKS_LIMIT)], filters=[strip])
    commitments = TextAreaField(
        _l("Commitments"), validators=[max_length(_l("Commitments"), COMMITMENTS_LIMIT)], filters=[strip]
    )
    is_restricted = restricted_checkbox("meeting notes")
    outcome_document = RadioChoiceField(_l("Outcome document"), choice=OutcomeDocument,
                                   validators=[InputRequired(message=_l("Select the outcome document, or None"))])
    outcome_reference = StringField(
        _l("Reference to the outcome document"), validators=[max_length(_l("Reference"), 500)], filters=[strip]
    )

    def details(self, areas: Iterable[CooperationArea]) -> MeetingDetails:
        """The meeting as typed, with the ``areas`` it was found to offer that were ticked."""
        chosen = set(self.area_ids.data or [])
        return MeetingDetails(
            type=self.type.data, held_on=self.held_on.data, number=self.number.data, title=self.title.data,
            starts_at=self.starts_at.data, ends_on=self.ends_on.data, venue=self.venue.data, format=self.format.data,
            summary=self.summary.data, asks=self.asks.data, commitments=self.commitments.data,
            outcome_document=self.outcome_document.data, outcome_reference=self.outcome_reference.data,
            areas=tuple(area for area in areas if area.id in chosen), is_restricted=self.is_restricted.data,
            agenda=self.agenda.data,
        )

    @property
    def meeting_type(self) -> MeetingType | None:
        return MeetingType(self.type.data) if MeetingType.holds(self.type.data) else None

    #: The types whose meetings are numbered: the page's script shows the number only for these.
    committee_types = [kind.value for kind in MeetingType if kind.is_committee]

    @property
    def is_a_call(self) -> bool:
        return self.meeting_type is MeetingType.COURTESY_CALL

    @property
    def keeps_more_open(self) -> bool:
        """Whether the fields a call seldom needs (outcome document, its reference, agenda) show at once: for any
        other meeting, and for a call once one of them holds something or is in error, so nothing typed is hidden."""
        more = (self.outcome_reference, self.agenda)
        document = self.outcome_document.data
        return (not self.is_a_call or any(field.data or field.errors for field in more)
                or bool(self.outcome_document.errors) or (bool(document) and document != OutcomeDocument.NONE))

    def validate(self, extra_validators: ExtraValidators | None = None) -> bool:
        kind = self.meeting_type
        # A number left in the box is ignored, not refused, for a meeting that is not a committee's: the page's
        # script hides the box once such a type is chosen, and a message beside a hidden box could not be acted on.
        self.number.ignored = kind is not None and not kind.is_committee
        valid = super().validate(extra_validators)
        if self.held_on.errors:
            # Which plan's areas apply depends on the date: judge the areas once the date is right.
            self.area_ids.errors = []
        if kind is not None:
            if kind.is_committee and self.number.data is None and not self.number.errors:
                add_error(self.number, gettext("Enter the number of the %(committee)s", committee=kind.value.upper()))
                valid = False
            if not kind.is_committee and self.held_on.data is None and not self.held_on.errors:
                add_error(self.held_on, gettext("Enter the date of the meeting"))
                valid = False
        if self.ends_on.data and not self.ends_on.errors and not self.held_on.errors:
            if self.held_on.data is None:
                add_error(self.ends_on,
                          gettext("Leave the end date blank when the date of the meeting is not known"))
                valid = False
            elif self.ends_on.data < self.held_on.data:
                add_error(self.ends_on, gettext(
                    "End date must be the same as or after %(day)s, the date of the meeting",
                    day=page_date(self.held_on.data)))
                valid = False
        if (self.outcome_reference.data and self.outcome_document.data == OutcomeDocument.NONE
                and not self.outcome_reference.errors):
            add_error(self.outcome_reference, gettext("Select the outcome document, or leave the reference blank"))
            valid = False
        return valid


class ParticipantForm(FlaskForm):
    side = RadioChoiceField(
        _l("Side"), choice=Side, validators=[InputRequired(message=_l("Select the side the participant was on"))]
    )
    role = RadioChoiceField(_l("Role"), choice=ParticipantRole,
                       validators=[InputRequired(message=_l("Select the role of the participant"))])
    person_id = RecordSelectField(_l("Person"), unknown=_l("Select a person from the list"))
    organisation_id = RecordSelectField(_l("Delegation"), unknown=_l("Select a delegation from the list"))

    def validate(self, extra_validators: ExtraValidators | None = None) -> bool:
        valid = super().validate(extra_validators)
        if self.person_id.errors or self.organisation_id.errors:
            return False
        if self.person_id.data is None and self.organisation_id.data is None:
            add_error(self.person_id, gettext("Select the person who attended, or the delegation"))
            return False
        if self.person_id.data is not None and self.organisation_id.data is not None:
            add_error(self.person_id, gettext("Select a person or a delegation, not both"))
            return False
        return valid


#: How many rows of each kind one submission can carry.
MAX_PARTICIPANTS = 30
MAX_FOLLOW_UPS = 20


def opening_data(type: str | None, officer_id: int) -> dict[str, object]:
    """What "Log a meeting" starts with, each a guess the officer can change, so that a call logged on the day needs
    only who was there and what was agreed: held today, in person, with no outcome document; each side led by one
    person (``default_role``); the first follow-up owned by the officer logging it."""
    kind = MeetingType(type) if type and MeetingType.holds(type) else None
    committee = kind is not None and kind.is_committee
    return {
        "type": kind.value if kind else None, "held_on": date.today(), "format": MeetingFormat.IN_PERSON.value,
        "outcome_document": OutcomeDocument.NONE.value,
        "participants": [{"side": side.value, "role": default_role(side, True, committee).value}
                         for side in (Side.OURS, Side.PARTNER)],
        "followups": [{"owner_user_id": officer_id, "guessed_owner": str(officer_id)}],
    }


class LogMeetingForm(MeetingForm):
    """The one form that logs a meeting with who attended and what was agreed."""

    participants = FieldList(
        FormField(ParticipantRow), min_entries=2, max_entries=MAX_PARTICIPANTS,
        default=lambda: [{"side": Side.OURS.value}, {"side": Side.PARTNER.value}],
    )
    followups = FieldList(FormField(FollowUpRow), min_entries=1, max_entries=MAX_FOLLOW_UPS)

    #: The order the page shows the fields in, which is the order the error summary lists them in.
    PAGE_ORDER = (
        "csrf_token", "partnership_id", "type", "number", "title", "held_on", "starts_at", "ends_on", "venue",
        "format", "participants", "area_ids", "summary", "asks", "commitments", "is_restricted", "outcome_document",
        "outcome_reference", "agenda", "followups",
    )

    def filled(self, field_list: "FieldList[FormField[R]]") -> list[tuple[int, R]]:
        """(row number, row) of the rows that are not blank."""
        return [(i, entry.form) for i, entry in enumerate(field_list.entries, 1) if not entry.form.is_blank]

    def validate(self, extra_validators: ExtraValidators | None = None) -> bool:
        for rows in ([e.form for e in self.participants.entries], [e.form for e in self.followups.entries]):
            for number, row in enumerate(rows, 1):
                row.number = number
        valid = super().validate(extra_validators)
        if self.held_on.errors:
            # The areas offered depend on the date: judge a row's area once the date is right.
            for entry in self.followups.entries:
                entry.form.area_id.errors = []
        self._check_repeated_people()
        self._check_due_dates()
        refresh_list_errors(self.participants)
        refresh_list_errors(self.followups)
        return valid and not self.participants.errors and not self.followups.errors

    def _check_repeated_people(self) -> None:
        seen: dict[tuple[str, object], int] = {}
        field: Field
        for number, row in self.filled(self.participants):
            if row.person_id.errors or row.full_name.errors:
                continue
            if row.person_id.data is not None:
                key, field = ("id", row.person_id.data), row.person_id
            elif chosen := row.chosen_namesake:
                key, field = ("id", chosen.id), row.full_name
            elif row.full_name.data:
                key, field = ("name", name_key(row.full_name.data, row.honorific.data)), row.full_name
            else:
                continue
            if key in seen:
                add_error(field, gettext("Participant %(number)s is already listed as participant %(earlier)s",
                                         number=number, earlier=seen[key]))
            else:
                seen[key] = number

    def _check_due_dates(self) -> None:
        held_on = self.held_on.data
        if held_on is None or self.held_on.errors:
            return
        for number, row in self.filled(self.followups):
            if row.due_on.data is not None and not row.due_on.errors and row.due_on.data < held_on:
                add_error(row.due_on, gettext("Due date for follow-up %(number)s must be the same as or after %(day)s, "
                                              "the date of the meeting", number=number, day=page_date(held_on)))
