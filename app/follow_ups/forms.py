from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import InputRequired, ValidationError

from app.common.conflicts import VersionField
from app.common.forms import DateInputField, max_length, strip
from app.common.restricted import restricted_checkbox
from app.follow_ups import services
from app.follow_ups.details import FollowUpDetails
from app.follow_ups.services import OWNER_MESSAGE, due_before_meeting
from app.meetings.fields import RadioChoiceField, RecordSelectField, add_error
from app.models import ChaseChannel, CooperationArea, FollowUpStatus, Meeting, Person, User

DESCRIPTION_LIMIT = 5_000
NOTE_LIMIT = 2_000


class FollowUpForm(VersionField, FlaskForm):
    title = StringField(
        _l("Title"),
        validators=[InputRequired(message=_l("Enter a title for the follow-up")), max_length(_l("Title"), 300)],
        filters=[strip],
    )
    description = TextAreaField(
        _l("Description"), validators=[max_length(_l("Description"), DESCRIPTION_LIMIT)], filters=[strip]
    )
    partnership_id = RecordSelectField(
        _l("Partnership"), required=_l("Select the partnership"), unknown=_l("Select a partnership from the list")
    )
    meeting_id = RecordSelectField(_l("Meeting"), unknown=_l("Select a meeting of the partnership from the list"))
    area_id = RecordSelectField(
        _l("Cooperation area"), unknown=_l("Select a cooperation area of the partnership from the list")
    )
    owner_user_id = RecordSelectField(_l("Officer responsible"), unknown=_l("Select an officer from the list"))
    partner_person_id = RecordSelectField(_l("Partner-side person"), unknown=_l("Select a person from the list"))
    partner_office = StringField(
        _l("Partner-side office"), validators=[max_length(_l("Partner-side office"), 200)], filters=[strip]
    )
    due_on = DateInputField(_l("Due date"), what="the due date")
    is_restricted = restricted_checkbox("follow-up")

    #: Date of each meeting offered, set with the choices, so a due date is checked with the other fields.
    meeting_dates: dict[int, date | None] = {}

    def details(self, *, meeting: Meeting | None, area: CooperationArea | None, owner_user: User | None,
                partner_person: Person | None) -> FollowUpDetails:
        """The follow-up as typed, with the records chosen in its selects."""
        return FollowUpDetails(
            title=self.title.data or "", description=self.description.data, meeting=meeting, area=area,
            owner_user=owner_user, partner_person=partner_person, partner_office=self.partner_office.data,
            due_on=self.due_on.data, is_restricted=self.is_restricted.data,
        )

    def validate(self, extra_validators: Mapping[str, Sequence[Any]] | None = None) -> bool:
        valid = super().validate(extra_validators)
        if not self.due_on.errors and not self.meeting_id.errors:
            problem = due_before_meeting(self.due_on.data, self.meeting_dates.get(self.meeting_id.data))
            if problem:
                add_error(self.due_on, problem)
                valid = False
        owner_fields = (self.owner_user_id, self.partner_person_id, self.partner_office)
        if any(field.errors for field in owner_fields):
            return False
        ours = self.owner_user_id.data is not None
        theirs = self.partner_person_id.data is not None or bool(self.partner_office.data)
        if not ours and not theirs:
            add_error(self.owner_user_id, OWNER_MESSAGE)
            return False
        if ours and theirs:
            add_error(self.owner_user_id,
                      gettext("Select the officer responsible or name the partner-side owner, not both"))
            return False
        if self.partner_person_id.data is not None and self.partner_office.data:
            add_error(self.partner_person_id, gettext("Select a partner-side person or name an office, not both"))
            return False
        return valid


class StatusForm(VersionField, FlaskForm):
    status = RadioChoiceField(_l("Status"), choice=FollowUpStatus,
                              validators=[InputRequired(message=_l("Select the status"))])
    #: The day the change took effect (for a follow-up done, the day it was done): the history is dated by it.
    changed_on = DateInputField(_l("Date of the change"), required=True, what="the date of the change",
                                default=date.today)
    note = TextAreaField(_l("Note"), validators=[max_length(_l("Note"), NOTE_LIMIT)], filters=[strip])


class ChaseForm(FlaskForm):
    chased_on = DateInputField(_l("Date of the chase"), required=True, what="the date of the chase", default=date.today)
    channel = RadioChoiceField(_l("Channel"), choice=ChaseChannel,
                               validators=[InputRequired(message=_l("Select how the partner was chased"))])
    note = TextAreaField(_l("Note"), validators=[max_length(_l("Note"), NOTE_LIMIT)], filters=[strip])

    def validate_chased_on(self, field: DateInputField) -> None:
        # Also a rule of the service (``app.follow_ups.chases``): checked here too, so that it is listed with the
        # form's other problems rather than after they are put right.
        if field.data and field.data > services.today():
            raise ValidationError(gettext("Date of the chase must be today or in the past"))
