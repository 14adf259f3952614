"""Meetings: read with who attended, the areas discussed and the follow-ups agreed; logged and changed with the
rules of the "Log a meeting" and "Change meeting" forms (``app.api.writing``)."""

from typing import Any

import marshmallow as ma
from flask import url_for

from app.api.blueprint import bp, tag
from app.api.paging import PageArguments, keyset_page, page_schema
from app.api.references import (
    AreaRefSchema,
    OrganisationRefSchema,
    PartnershipRefSchema,
    PersonRefSchema,
)
from app.api.schemas import ArchivedArguments, VersionedSchema, choice
from app.api.versions import check_version, one_record
from app.api.writing import NO_CSRF, Names, judged, saved, text
from app.common.restricted import can_read_restricted, hidden_from_reader
from app.meetings import rows, services
from app.meetings.forms import MAX_FOLLOW_UPS, MAX_PARTICIPANTS, LogMeetingForm, MeetingForm
from app.meetings.pages import MAX_ID, follow_ups_of, meeting_list, meeting_page
from app.meetings.routes import load_meeting, meeting_details, prepare_meeting_form
from app.meetings.row_forms import DIFFERENT_PERSON
from app.models import (
    CooperationArea,
    FollowUpStatus,
    Meeting,
    MeetingFormat,
    MeetingType,
    OutcomeDocument,
    ParticipantRole,
    Side,
)

MEETINGS = tag("Meetings")
#: The log form calls the follow-up rows "followups" and their partner-side owner "partner_owner".
LOG_NAMES = Names({"follow_ups": "followups", "partner_office": "partner_owner"})
CHANGE_NAMES = Names()
RESTRICTED = " Null for a viewer when the record is restricted (is_restricted)."


class RestrictedText(ma.fields.String):
    """A note only editors and admins read: null for a viewer when its record (or ``record``'s) is restricted."""

    def __init__(self, description: str, *, record: str | None = None, **kwargs: Any) -> None:
        super().__init__(allow_none=True, required=True, metadata={"description": description + RESTRICTED},
                         **kwargs)
        self.record = record

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> str | None:
        if hidden_from_reader(getattr(obj, self.record) if self.record else obj):
            return None
        return super()._serialize(value, attr, obj, **kwargs)


class ParticipantPostSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    title = ma.fields.String(required=True)


class ParticipantSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    side = choice(Side, required=True)
    role = choice(ParticipantRole, required=True)
    person = ma.fields.Nested(PersonRefSchema, allow_none=True, required=True,
                              metadata={"description": "Null for a whole delegation."})
    post = ma.fields.Nested(ParticipantPostSchema, attribute="position", allow_none=True, required=True,
                            metadata={"description": "The post the person held on the meeting date, if known."})
    delegation = ma.fields.Nested(OrganisationRefSchema, attribute="organisation", allow_none=True, required=True,
                                  metadata={"description": "The organisation attending as a whole, if not a person."})


class FollowUpAgreedSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    title = RestrictedText("What is to be done.")
    status = choice(FollowUpStatus, required=True)
    due_on = ma.fields.Date(allow_none=True, required=True)
    owner_name = ma.fields.String(required=True, metadata={"description": "Our officer, or the partner side's."})
    is_restricted = ma.fields.Boolean(required=True)


class FollowUpsAgreed(ma.fields.List[Any]):
    """The follow-ups a meeting agreed that are in use, earliest due first (as its page lists them)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(ma.fields.Nested(FollowUpAgreedSchema), **kwargs)

    def get_value(self, obj: Any, attr: str, accessor: Any = None, default: Any = ma.missing) -> Any:
        return follow_ups_of(obj)


class MeetingListItemSchema(VersionedSchema):
    partnership = ma.fields.Nested(PartnershipRefSchema, required=True)
    type = choice(MeetingType, required=True)
    number = ma.fields.Integer(allow_none=True, required=True, metadata={"description": "7 for the 7th JSCC."})
    name = ma.fields.String(required=True, metadata={"description": "Its title, else \"7th Joint Sectoral "
                                                                    "Cooperation Committee (JSCC)\", else its type."})
    title = ma.fields.String(allow_none=True, required=True)
    held_on = ma.fields.Date(allow_none=True, required=True, metadata={"description": "Null when not known."})
    starts_at = ma.fields.Time(allow_none=True, required=True)
    ends_on = ma.fields.Date(allow_none=True, required=True)
    venue = ma.fields.String(allow_none=True, required=True)
    format = choice(MeetingFormat, required=True)
    outcome_document = choice(OutcomeDocument, required=True)
    outcome_reference = ma.fields.String(allow_none=True, required=True)
    is_restricted = ma.fields.Boolean(required=True, metadata={
        "description": "The summary, asks and commitments are for editors and admins only."})


class MeetingSchema(MeetingListItemSchema):
    summary = RestrictedText("What was discussed.")
    asks = RestrictedText("What each side asked of the other.")
    commitments = RestrictedText("What each side committed to.")
    agenda = ma.fields.String(allow_none=True, required=True, metadata={
        "description": "The agenda: numbered items, one a line."})
    areas = ma.fields.List(ma.fields.Nested(AreaRefSchema), required=True,
                           metadata={"description": "The cooperation areas discussed."})
    participants = ma.fields.List(ma.fields.Nested(ParticipantSchema), required=True)
    follow_ups = FollowUpsAgreed(required=True)


MeetingPage = page_schema(MeetingListItemSchema, "MeetingPage")


class MeetingFilters(PageArguments, ArchivedArguments):
    partnership = ma.fields.String(validate=ma.validate.Length(max=80),
                                   metadata={"description": "Its slug: asean-pakistan."})
    type = choice(MeetingType)
    year = ma.fields.Integer(validate=ma.validate.Range(min=1900, max=2200))
    held_from = ma.fields.Date(metadata={"description": "Held on or after this day."})
    held_to = ma.fields.Date(metadata={"description": "Held on or before this day."})
    area_id = ma.fields.Integer(validate=ma.validate.Range(min=1, max=MAX_ID),
                                metadata={"description": "Only meetings that discussed this cooperation area."})
    q = ma.fields.String(validate=ma.validate.Length(max=100), metadata={
        "description": "Words in the title, venue, type or summary (a restricted one only for editors and admins)."})


class MeetingChangesSchema(ma.Schema):
    """What a change of a meeting sends: only the fields that change (null empties one)."""

    partnership_id = ma.fields.Integer(allow_none=True)
    type = choice(MeetingType, allow_none=True, metadata={"description": "Needed."})
    number = ma.fields.Integer(allow_none=True, metadata={"description": "Needed for JCC, JSCC and DPC only."})
    title = text(allow_none=True)
    held_on = ma.fields.Date(allow_none=True, metadata={"description": "Needed, but for a committee meeting."})
    starts_at = ma.fields.Time(allow_none=True, metadata={"description": "14:30"})
    ends_on = ma.fields.Date(allow_none=True, metadata={"description": "Last day of a meeting over several days."})
    venue = text(allow_none=True)
    format = choice(MeetingFormat, allow_none=True)
    area_ids = ma.fields.List(ma.fields.Integer(), metadata={
        "description": "Areas discussed, of the partnership's plan covering the date of the meeting."})
    summary = text(allow_none=True)
    asks = text(allow_none=True)
    commitments = text(allow_none=True)
    agenda = text(allow_none=True)
    is_restricted = ma.fields.Boolean(metadata={"description": "Keep the summary, asks and commitments to editors "
                                                              "and admins, and out of reports unless included."})
    outcome_document = choice(OutcomeDocument, allow_none=True)
    outcome_reference = text(allow_none=True)

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("partial", True)
        super().__init__(**kwargs)


class ParticipantEntrySchema(ma.Schema):
    """Someone at the meeting: a person already recorded (``person_id``), or someone met for the first time
    (``full_name``, ``post_title`` and ``organisation_id``; ``honorific`` if any), recorded with that post from
    the meeting date."""

    side = choice(Side, allow_none=True, load_default=None, metadata={"description": "Needed."})
    role = choice(ParticipantRole, allow_none=True, metadata={"description": "Needed."})
    person_id = ma.fields.Integer(allow_none=True, metadata={"description": "A person already recorded."})
    full_name = text(allow_none=True, metadata={"description": "Someone met for the first time."})
    honorific = text(allow_none=True, metadata={"description": "Dr, H.E., Dato' ..."})
    post_title = text(allow_none=True, metadata={"description": "The post they held on the meeting date."})
    organisation_id = ma.fields.Integer(allow_none=True, metadata={"description": "Where they held it."})
    different_person = ma.fields.Boolean(load_default=False, metadata={"description": (
        "Someone met for the first time whose name is that of someone recorded (case, accents and honorifics "
        "such as H.E. or Dato' aside) is refused, the message naming the people recorded, unless this is true: "
        "they are a different person with the same name. Send person_id to record the one already there.")})


class FollowUpEntrySchema(ma.Schema):
    title = text(allow_none=True, metadata={"description": "Needed."})
    owner_user_id = ma.fields.Integer(allow_none=True, metadata={"description": "Our officer responsible, or ..."})
    partner_office = text(allow_none=True, metadata={"description": "... the owner on the partner side."})
    due_on = ma.fields.Date(allow_none=True, metadata={"description": "Not before the meeting."})
    area_id = ma.fields.Integer(allow_none=True)
    is_restricted = ma.fields.Boolean()


class NewMeetingSchema(MeetingChangesSchema):
    """A meeting to log, with who attended and the follow-ups agreed, all saved together or none."""

    format = choice(MeetingFormat, load_default=MeetingFormat.IN_PERSON)
    outcome_document = choice(OutcomeDocument, load_default=OutcomeDocument.NONE)
    participants = ma.fields.List(ma.fields.Nested(ParticipantEntrySchema), load_default=list,
                                  validate=ma.validate.Length(max=MAX_PARTICIPANTS))
    follow_ups = ma.fields.List(ma.fields.Nested(FollowUpEntrySchema), load_default=list,
                                validate=ma.validate.Length(max=MAX_FOLLOW_UPS))

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(partial=False, **kwargs)


def read_meeting(meeting_id: int) -> Meeting | None:
    one_record(Meeting, meeting_id)  # or 404; its version as ETag
    return meeting_page(meeting_id)


@bp.route("/meetings")
@bp.doc(**MEETINGS, summary="List meetings")
@bp.arguments(MeetingFilters, location="query", as_kwargs=True)
@bp.response(200, MeetingPage)
def meetings(**filters: Any) -> dict[str, Any]:
    kind = filters.get("type")
    query = meeting_list(
        partnership_slug=filters.get("partnership"), type=kind.value if kind else None,
        year=str(filters.get("year", "")), term=filters.get("q"), restricted_readable=can_read_restricted(),
        include_archived=filters["archived"])
    if "held_from" in filters:
        query = query.where(Meeting.held_on >= filters["held_from"])
    if "held_to" in filters:
        query = query.where(Meeting.held_on <= filters["held_to"])
    if "area_id" in filters:
        query = query.where(Meeting.areas.any(CooperationArea.id == filters["area_id"]))
    return keyset_page(query, Meeting.id, filters)


@bp.route("/meetings/<int:meeting_id>")
@bp.doc(**MEETINGS, summary="One meeting, with who attended, the areas discussed and the follow-ups agreed")
@bp.response(200, MeetingSchema)
def meeting(meeting_id: int) -> Meeting | None:
    return read_meeting(meeting_id)


def _rows_left_blank(form: LogMeetingForm, body: dict[str, Any]) -> None:
    """A row sent empty is refused as the form refuses a half-filled one (on the page a blank row is left out)."""
    for field_list, sent in ((form.participants, body["participants"]), (form.followups, body["follow_ups"])):
        for entry in field_list.entries[:len(sent)]:
            if entry.form.is_blank:
                entry.form.check()


def _as_the_form_asks(body: dict[str, Any]) -> dict[str, Any]:
    """The body with each participant's ``different_person`` as the form's answer to "Is this someone already
    recorded?"."""
    participants = [{key: value for key, value in row.items() if key != "different_person"}
                    | ({"recorded_person": DIFFERENT_PERSON} if row.get("different_person") else {})
                    for row in body["participants"]]
    return {**body, "participants": participants}


@bp.route("/meetings", methods=["POST"])
@bp.doc(**MEETINGS, summary="Log a meeting with its participants and follow-ups", description=(
    "The rules of the \"Log a meeting\" form, with its messages: a new person is recorded with the post given, from "
    "the meeting date, unless someone of that name is recorded (see different_person); a follow-up is not due before "
    "the meeting. A refusal saves nothing."))
@bp.arguments(NewMeetingSchema)
@bp.response(201, MeetingSchema, headers={"Location": {"schema": {"type": "string"},
                                                       "description": "The meeting's address in the API."}})
def log_meeting(body: dict[str, Any]) -> tuple[Meeting | None, dict[str, str]]:
    form = LogMeetingForm(formdata=LOG_NAMES.posted(_as_the_form_asks(body)), meta=NO_CSRF)
    page = prepare_meeting_form(form)
    choices = rows.load_choices(form, page.groups)
    judged(form, LOG_NAMES, also=lambda: _rows_left_blank(form, body))

    def log() -> int:
        assert page.partnership is not None  # the form requires one of those offered, so a valid form has one
        return services.log_meeting_in_full(
            page.partnership, meeting_details(form, page),
            participants=rows.participant_entries(form, choices), follow_ups=rows.follow_up_entries(form, choices),
        ).id

    meeting_id = saved(log, LOG_NAMES, form)
    return read_meeting(meeting_id), {"Location": url_for(".meeting", meeting_id=meeting_id)}


@bp.route("/meetings/<int:meeting_id>", methods=["PATCH"])
@bp.doc(**MEETINGS, summary="Change a meeting's details", description=(
    "Send the meeting's ETag as If-Match; the fields left out keep their values. The rules of the \"Change "
    "meeting\" form, with its messages. Participants and follow-ups are not changed here: the form changes the "
    "meeting's own details only."))
@bp.arguments(MeetingChangesSchema)
@bp.response(200, MeetingSchema)
def change_meeting(changes: dict[str, Any], meeting_id: int) -> Meeting | None:
    record = load_meeting(meeting_id)
    check_version(record)
    now = {name: getattr(record, name) for name in MeetingChangesSchema().fields if name != "area_ids"}
    body = {**now, "area_ids": [area.id for area in record.areas], **changes}
    form = MeetingForm(formdata=CHANGE_NAMES.posted(body), meta=NO_CSRF)
    page = prepare_meeting_form(form, record)
    judged(form, CHANGE_NAMES)
    saved(lambda: services.update_meeting(record, meeting_details(form, page), partnership=page.partnership),
          CHANGE_NAMES, form)
    return read_meeting(meeting_id)
