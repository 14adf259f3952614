"""The rows of the "Log a meeting" form's "add another" lists: a participant (someone recorded, or someone met for
the first time with the post they held) and a follow-up agreed. Each row judges itself and names itself in its
messages ("... for follow-up 3"); the form that holds the lists judges rules across rows."""

from typing import TypeVar

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from wtforms import Field, FieldList, Form, FormField, HiddenField, StringField

from app.common.forms import ChoiceField, DateInputField, strip
from app.common.numbers import page_number
from app.common.restricted import restricted_checkbox
from app.follow_ups.services import OWNER_MESSAGE
from app.meetings.fields import ExtraValidators, RadioSelectField, RecordSelectField, add_error
from app.models import ParticipantRole, Side
from app.people.namesakes import Namesake, already_recorded, recorded_namesakes

NAME_LIMIT = 200
HONORIFIC_LIMIT = 40
POST_LIMIT = 300
FOLLOW_UP_TITLE_LIMIT = 300
PARTNER_OWNER_LIMIT = 200


def _too_long(field: StringField, limit: int, what: str) -> None:
    """ "Name of participant 3 must be 200 characters or less": ``what`` already in the page's language."""
    if field.data and len(field.data) > limit and not field.errors:
        add_error(field, gettext("%(what)s must be %(limit)s characters or less", what=what, limit=page_number(limit)))


def _has_text(field: Field) -> bool:
    return field.raw_data[0].strip() not in ("", "None") if field.raw_data else bool(field.data)


class RowForm(Form):
    """One row of an "add another" list. Its messages name the row ("... for follow-up 3"): ``number`` is set
    by the form that holds the list, just before validation. A completely blank row is valid and ignored."""

    number = 0
    #: Fields whose content makes the row count as filled in.
    content_fields: tuple[str, ...] = ()

    @property
    def is_blank(self) -> bool:
        for name in self.content_fields:
            field = self[name]
            if isinstance(field, DateInputField):
                if any(field.parts.values()):
                    return False
            elif _has_text(field):
                return False
        return True

    def validate(self, extra_validators: ExtraValidators | None = None) -> bool:
        if self.is_blank:
            for field in self:
                field.errors = []
            return True
        super().validate(extra_validators)
        self.check()
        return not any(field.errors for field in self)

    def check(self) -> None:
        """Rules of one filled-in row; append messages to the fields at fault."""


R = TypeVar("R", bound=RowForm)


#: The answer to "Is this someone already recorded?" that says the new person is someone else of the same name.
DIFFERENT_PERSON = "different"


def default_role(side: Side, first_of_side: bool, committee: bool) -> ParticipantRole:
    """The role a participant row starts with, a guess the officer can change (the page's script, meeting-form.js
    defaultRole, follows the same rule). Each side is led by one person: at a committee, who co-chairs it; at
    anything else (a courtesy call: the caller and the one called on), the head of the delegation. Anyone else of
    a side is a member of its delegation; a third party attends as an observer."""
    if side is Side.OTHER:
        return ParticipantRole.OBSERVER
    if not first_of_side:
        return ParticipantRole.MEMBER
    return ParticipantRole.CO_CHAIR if committee else ParticipantRole.HEAD_OF_DELEGATION


class ParticipantRow(RowForm):
    # Side and role are not content: a row starts with both guessed, and is still blank until someone is named.
    content_fields: tuple[str, ...] = ("person_id", "full_name", "honorific", "post_title", "organisation_id")

    side = ChoiceField(_l("Side"), choice=Side, blank=_l("Choose a side"))
    role = ChoiceField(_l("Role"), choice=ParticipantRole, blank=_l("Choose a role"))
    person_id = RecordSelectField(_l("Person"), unknown=_l("Select a person from the list"))
    full_name = StringField(_l("Full name"), filters=[strip])
    #: Asked only when the name typed for someone new is the name of someone recorded: one of them (their id), or
    #: DIFFERENT_PERSON.
    recorded_person = RadioSelectField(_l("Is this someone already recorded?"), choices=[], validate_choice=False)
    honorific = StringField(_l("Honorific"), filters=[strip])
    post_title = StringField(_l("Post"), filters=[strip])
    organisation_id = RecordSelectField(_l("Organisation of the post"),
                                        unknown=_l("Select an organisation from the list"))

    @property
    def new_person_fields(self) -> tuple[Field, ...]:
        return (self.full_name, self.honorific, self.post_title, self.organisation_id)

    @property
    def is_new_person(self) -> bool:
        return any(_has_text(field) for field in self.new_person_fields)

    #: The people recorded under the name typed for someone new, found when the row was checked.
    namesakes: tuple[Namesake, ...] = ()

    @property
    def chosen_namesake(self) -> Namesake | None:
        """The recorded person chosen in place of the new one typed, if any."""
        return next((namesake for namesake in self.namesakes if str(namesake.id) == self.recorded_person.data), None)

    @property
    def confirmed_different(self) -> bool:
        return bool(self.recorded_person.data == DIFFERENT_PERSON)

    def _check_namesakes(self) -> bool:
        """Offer the people recorded under the name typed; True once the row says which person it is."""
        n = self.number
        self.namesakes = tuple(recorded_namesakes(self.full_name.data, self.honorific.data))
        self.recorded_person.choices = [
            (str(namesake.id), gettext("Use %(name)s, %(post)s", name=namesake.name, post=namesake.post_text))
            for namesake in self.namesakes]
        different = gettext("This is a different person with the same name")
        self.recorded_person.choices.append((DIFFERENT_PERSON, different))
        if not self.namesakes or self.chosen_namesake or self.confirmed_different:
            return True
        add_error(self.full_name, already_recorded(
            self.namesakes, choose_one=gettext("choose them for participant %(number)s", number=n),
            choose_any=gettext("choose one of them for participant %(number)s", number=n)))
        return False

    def validate(self, extra_validators: ExtraValidators | None = None) -> bool:
        n = self.number
        self.person_id.unknown = gettext("Select a person for participant %(number)s from the list", number=n)
        self.organisation_id.unknown = gettext(
            "Select the organisation of the post of participant %(number)s from the list", number=n)
        return super().validate(extra_validators)

    def check(self) -> None:
        n = self.number
        messages = (
            (self.side, gettext("Select the side of participant %(number)s from the list", number=n),
             gettext("Select the side of participant %(number)s", number=n)),
            (self.role, gettext("Select the role of participant %(number)s from the list", number=n),
             gettext("Select the role of participant %(number)s", number=n)),
        )
        for field, unknown, missing in messages:
            if field.errors:
                field.errors = [unknown]
            elif field.data is None:
                add_error(field, missing)
        if self.person_id.errors or self.organisation_id.errors:
            return
        if self.person_id.data is not None:
            if self.is_new_person:
                add_error(self.person_id, gettext(
                    "Select a person for participant %(number)s or enter a new person, not both", number=n))
            return
        if not self.is_new_person:
            add_error(self.person_id, gettext("Select a person for participant %(number)s or enter a new person’s name",
                                                      number=n))
            return
        if not self.full_name.data:
            add_error(self.full_name, gettext("Enter the name of participant %(number)s", number=n))
        _too_long(self.full_name, NAME_LIMIT, gettext("Name of participant %(number)s", number=n))
        _too_long(self.honorific, HONORIFIC_LIMIT, gettext("Honorific of participant %(number)s", number=n))
        # Which person the row is comes first: someone recorded needs no post typed.
        if (self.full_name.data and not self.full_name.errors and not self.honorific.errors
                and (not self._check_namesakes() or self.chosen_namesake)):
            return
        if not self.post_title.data:
            add_error(self.post_title, gettext("Enter the post held by participant %(number)s", number=n))
        _too_long(self.post_title, POST_LIMIT, gettext("Post of participant %(number)s", number=n))
        if self.organisation_id.data is None:
            add_error(self.organisation_id,
                      gettext("Select the organisation of the post of participant %(number)s", number=n))


class FollowUpRow(RowForm):
    # The officer is not content: the first row starts owned by the officer logging, and is blank until more is given.
    content_fields: tuple[str, ...] = ("title", "partner_owner", "due_on", "area_id")

    title = StringField(_l("Title"), filters=[strip])
    owner_user_id = RecordSelectField(_l("Officer responsible"), unknown=_l("Select an officer from the list"))
    partner_owner = StringField(_l("Or the owner on the partner side"), filters=[strip])
    due_on = DateInputField(_l("Due date"), what=_l("the due date"))
    area_id = RecordSelectField(_l("Cooperation area"),
                                unknown=_l("Select a cooperation area of the partnership from the list"))
    # Not one of the content fields: a row with only this ticked is still blank.
    is_restricted = restricted_checkbox("follow-up")
    #: The officer the row started owned by, a guess: naming an owner on the partner side instead replaces it.
    guessed_owner = HiddenField()

    def validate(self, extra_validators: ExtraValidators | None = None) -> bool:
        n = self.number
        self.owner_user_id.unknown = gettext("Select an officer for follow-up %(number)s from the list", number=n)
        self.area_id.unknown = gettext("Select a cooperation area for follow-up %(number)s from the list", number=n)
        return super().validate(extra_validators)

    def check(self) -> None:
        n = self.number
        if not self.title.data:
            add_error(self.title, gettext("Enter a title for follow-up %(number)s", number=n))
        _too_long(self.title, FOLLOW_UP_TITLE_LIMIT, gettext("Title of follow-up %(number)s", number=n))
        _too_long(self.partner_owner, PARTNER_OWNER_LIMIT,
                  gettext("Owner on the partner side for follow-up %(number)s", number=n))
        # The date field words its messages for a single date; in a list the row has to be named.
        self.due_on.errors = [
            f"Year of the due date for follow-up {n} must include 4 numbers" if message.startswith("Year ")
            else message.replace("Due date", f"Due date for follow-up {n}", 1)
            for message in self.due_on.errors
        ]
        if self.owner_user_id.errors or self.partner_owner.errors:
            return
        ours, theirs = self.owner_user_id.data is not None, bool(self.partner_owner.data)
        if ours and theirs and str(self.owner_user_id.data) == (self.guessed_owner.data or "").strip():
            # The officer was only the row's first guess, left as it was when an owner on the partner side was named.
            self.owner_user_id.data, ours = None, False
        if not ours and not theirs:
            add_error(self.owner_user_id, f"{OWNER_MESSAGE} for follow-up {n}")
        elif ours and theirs:
            add_error(self.owner_user_id, f"{OWNER_MESSAGE} for follow-up {n}, not both")


def refresh_list_errors(field_list: "FieldList[FormField[R]]") -> None:
    """A list's ``errors`` are a copy taken when it was validated: take it again after rules across rows."""
    field_list.errors = [entry.errors for entry in field_list.entries]
    if not any(field_list.errors):
        field_list.errors = []
