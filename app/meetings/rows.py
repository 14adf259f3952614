"""The participant and follow-up rows of the meeting form: what each row offers, the no-JavaScript "add another"
and "remove" buttons, and turning filled-in rows into what the services record."""

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from flask_babel import gettext
from wtforms import Field, FieldList, Form, FormField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # in WTForms, not in its stubs

from app.common.dates import page_date
from app.common.errors import DomainError, put_on_form
from app.meetings import services
from app.meetings.choices import (
    AreaGroup,
    PersonOption,
    Post,
    officer_names,
    officer_offered,
    organisation_names,
    organisation_offered,
    people_offered,
    person_options,
    post_held_on,
)
from app.meetings.edit_form import ChangeMeetingForm, posted_id
from app.meetings.fields import OptionsOnDemand
from app.meetings.forms import LogMeetingForm
from app.meetings.row_forms import FollowUpRow, ParticipantRow, refresh_list_errors
from app.models import CooperationArea, FollowUpAction, Meeting, Organisation, Person, User

#: The no-JavaScript buttons: "add_followup", "remove_participant-2", ...
LIST_ACTION = re.compile(r"^(add|remove)_(participant|followup)(?:-(\d{1,3}))?$")
LISTS = {"participant": "participants", "followup": "followups"}
#: The field a new or remaining row's keyboard focus goes to.
FIRST_FIELD = {"participants": "side", "followups": "title"}


def post_phrase(posts: list[Post] | None, day: date | None) -> str:
    """What the form says about a chosen person's post on the date of the meeting (the page's script words it the
    same way)."""
    if posts is None:
        return ""
    if day is None:
        return gettext("Enter the date of the meeting to see the post held that day")
    post = post_held_on(posts, day)
    if post:
        return gettext("Post on %(day)s: %(post)s", day=page_date(day), post=post)
    return gettext("No post recorded on %(day)s", day=page_date(day))


class PeopleOffered(OptionsOnDemand[Person]):
    """The people a participant row offers, with their posts: read only when the form is drawn (a ministry has
    1,600 people)."""

    def __init__(self, keep: Collection[int] = ()) -> None:
        self._people: list[PersonOption] = []
        self.keep = keep
        super().__init__(self._choices, lambda person_id: people_offered({person_id}, keep).get(person_id))

    def _choices(self) -> list[SelectChoice]:
        self._people = person_options(keep=self.keep)
        return [SelectChoice("", gettext("Choose a person"))] + [
            SelectChoice(str(person.id), person.label) for person in self._people
        ]

    def people(self) -> list[PersonOption]:
        self.read()
        return self._people


def _organisation_choices() -> list[SelectChoice]:
    return [SelectChoice("", gettext("Choose an organisation"))] + [
        SelectChoice(str(id), name) for id, name in organisation_names()]


def _officer_choices(keep: Collection[int] = ()) -> list[SelectChoice]:
    return [SelectChoice("", gettext("Not one of our officers"))] + [
        SelectChoice(str(id), name) for id, name in officer_names(keep)]


@dataclass(frozen=True)
class Kept:
    """What the form changing a meeting offers besides what is in use: the people at the meeting and the officers
    owning its follow-ups (even once archived or gone), and the areas its follow-ups name (even of another plan)."""

    people: frozenset[int] = frozenset()
    officers: frozenset[int] = frozenset()
    areas: tuple[CooperationArea, ...] = ()

    @classmethod
    def of(cls, meeting: Meeting, follow_ups: list[FollowUpAction]) -> "Kept":
        return cls(frozenset(p.person_id for p in meeting.participants if p.person_id is not None),
                   frozenset(f.owner_user_id for f in follow_ups if f.owner_user_id is not None),
                   tuple({f.area.id: f.area for f in follow_ups if f.area is not None}.values()))


@dataclass
class RowChoices:
    """What the rows offer, loaded once for the whole form."""

    day: date | None
    person_choices: PeopleOffered = field(default_factory=PeopleOffered)
    organisation_choices: OptionsOnDemand[Organisation] = field(
        default_factory=lambda: OptionsOnDemand(_organisation_choices, organisation_offered))
    user_choices: OptionsOnDemand[User] = field(
        default_factory=lambda: OptionsOnDemand(_officer_choices, officer_offered))
    areas: dict[int, CooperationArea] = field(default_factory=dict)
    area_choices: list[SelectChoice] = field(default_factory=list)

    @cached_property
    def posts(self) -> dict[int, list[Post]]:
        """Each person's posts, read as plain columns: the page may be shown again after a rollback."""
        return {person.id: person.posts for person in self.person_choices.people()}

    def post_text(self, person_id: int | None) -> str:
        return post_phrase(self.posts.get(person_id), self.day) if person_id is not None else ""

    def posts_for_script(self) -> dict[int, list[list[str]]]:
        """Every person's posts with their dates, so the page can name the post held on a date typed in."""
        def day(value: date | None) -> str:
            return value.isoformat() if value else ""

        return {person_id: [[day(start), day(end), title] for start, end, title in posts]
                for person_id, posts in self.posts.items()}

    def fill(self, row: ParticipantRow | FollowUpRow) -> None:
        if isinstance(row, ParticipantRow):
            row.person_id.choices = self.person_choices
            row.organisation_id.choices = self.organisation_choices
        else:
            row.owner_user_id.choices = self.user_choices
            row.area_id.choices = self.area_choices

    def blank(self, row_class: type[ParticipantRow] | type[FollowUpRow]) -> ParticipantRow | FollowUpRow:
        """An empty row for the page's ``<template>``: JavaScript copies it and puts a number for __INDEX__."""
        list_name = "participants" if issubclass(row_class, ParticipantRow) else "followups"
        row = row_class(formdata=None, prefix=f"{list_name}-__INDEX__-")
        self.fill(row)
        return row


def load_choices(form: LogMeetingForm, groups: list[AreaGroup], kept: Kept = Kept()) -> RowChoices:
    day = form.held_on.data if not form.held_on.errors else None
    choices = RowChoices(day=day, person_choices=PeopleOffered(kept.people), user_choices=OptionsOnDemand(
        lambda: _officer_choices(kept.officers), lambda user_id: officer_offered(user_id, kept.officers)))
    choices.areas = {area.id: area for group in groups for area in group.areas}
    choices.area_choices = [SelectChoice("", gettext("No particular area"))] + [
        SelectChoice(str(area.id), str(area), optgroup=group.pillar.name) for group in groups for area in group.areas
    ] + [SelectChoice(str(area.id), str(area), optgroup="Named on a follow-up") for area in kept.areas
         if area.id not in choices.areas]
    choices.areas |= {area.id: area for area in kept.areas}
    for field_list in (form.participants, form.followups):
        for entry in field_list.entries:
            choices.fill(entry.form)
    # A saved form names several people: read them all at once, with their posts, for checking and for saving.
    choices.person_choices.record_all((entry.form.person_id.data for entry in form.participants.entries),
                                      lambda ids: people_offered(ids, kept.people))
    return choices


def apply_list_action(form: LogMeetingForm, action: str | None) -> str | None:
    """Add or remove a row as the no-JavaScript buttons ask; returns the id of the field to focus next, or None
    when ``action`` is not one of those buttons."""
    match = LIST_ACTION.match(action or "")
    if not match:
        return None
    verb, noun, position = match.group(1), match.group(2), match.group(3)
    field_list = form.participants if noun == "participant" else form.followups
    first = FIRST_FIELD[field_list.name]
    if verb == "add":
        if field_list.max_entries is None or len(field_list.entries) < field_list.max_entries:
            entry = field_list.append_entry()
            return f"{entry.id}-{first}"
        return f"{field_list.id}-add"
    index = int(position) if position is not None else -1
    if 0 <= index < len(field_list.entries):
        field_list.pop_entry(index)  # type: ignore[call-arg]  # WTForms 3.2 takes an index; its stubs lag behind
    if index < len(field_list.entries):
        return f"{field_list.entries[index].id}-{first}"
    return f"{field_list.id}-add"


def participant_entries(form: LogMeetingForm, choices: RowChoices) -> list[services.ParticipantEntry]:
    entries = []
    rows = form.filled(form.participants)
    for number, row in rows:
        chosen = row.chosen_namesake
        person = choices.person_choices.record(chosen.id if chosen else row.person_id.data)
        new_person = None if person else services.NewPerson(  # name and post are required of a new person
            full_name=row.full_name.data or "", honorific=row.honorific.data, post_title=row.post_title.data or "",
            organisation=choices.organisation_choices.record(row.organisation_id.data),
        )
        entries.append(services.ParticipantEntry(
            side=row.side.data, role=row.role.data, person=person, new_person=new_person, row=number - 1,
        ))
    return entries


def follow_up_entries(form: LogMeetingForm, choices: RowChoices) -> list[services.FollowUpEntry]:
    return [
        services.FollowUpEntry(
            title=row.title.data or "", owner_user=choices.user_choices.record(row.owner_user_id.data),
            partner_office=row.partner_owner.data, due_on=row.due_on.data, area=choices.areas.get(row.area_id.data),
            row=number - 1, is_restricted=bool(row.is_restricted.data),
        )
        for number, row in form.filled(form.followups)
    ]


def with_saved_records(form: ChangeMeetingForm, meeting: Meeting, in_use: list[FollowUpAction],
                       participants: list[services.ParticipantEntry], follow_ups: list[services.FollowUpEntry]) -> None:
    """Point each entry of the form that changes a meeting at the record its row was filled from. An id that is not
    one of the meeting's people or follow-ups in use makes the row a new one: the form says they are there."""
    people = {p.id: p for p in meeting.participants if p.person_id is not None}
    actions = {action.id: action for action in in_use}
    for entry, (_, participant_row) in zip(participants, form.filled(form.participants), strict=True):
        entry.saved = people.get(posted_id(participant_row.participant_id) or 0)
    for follow_up, (_, follow_up_row) in zip(follow_ups, form.filled(form.followups), strict=True):
        follow_up.saved = actions.get(posted_id(follow_up_row.follow_up_id) or 0)
        follow_up.saved_version = posted_id(follow_up_row.follow_up_version)


def _field_named(form: Form, name: str) -> Field | None:
    for candidate in form:
        if candidate.name == name:
            return candidate
        if isinstance(candidate, FieldList):
            for entry in candidate.entries:
                found = _field_named(entry.form, name) if isinstance(entry, FormField) else None
                if found is not None:
                    return found
    return None


def put_error(form: LogMeetingForm, error: DomainError) -> None:
    """Like ``put_on_form``, for refusals about a row too (``followups-2-title``)."""
    target = _field_named(form, error.field) if error.field and "-" in error.field else None
    if target is None:
        put_on_form(form, error)
        return
    target.errors = [*target.errors, error.message]
    refresh_list_errors(form.participants)
    refresh_list_errors(form.followups)
