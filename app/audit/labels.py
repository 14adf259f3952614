"""What the audit log calls each record: the noun for its kind ("Meeting") and its label ("7th JSCC").

Labels read only what is in memory (the recording loads beforehand what they need, in a query per kind of record);
a piece still missing falls back to the record's kind and id, never to a query in the middle of a flush.
"""

from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar

import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from app.common.dates import long_date
from app.extensions import Model, db
from app.languages import DEFAULT_LANGUAGE
from app.models import (
    ActionLine,
    ActionLineStatus,
    Activity,
    ApiToken,
    AreaStatus,
    Attachment,
    CalendarFeed,
    ChaseChannel,
    CooperationArea,
    FollowUpAction,
    FollowUpChase,
    IssuedReport,
    Meeting,
    MeetingParticipant,
    MeetingType,
    Organisation,
    Partnership,
    PartnershipEvent,
    PartnershipEventKind,
    PartnershipLevel,
    PartnershipStatus,
    Person,
    Pillar,
    Plan,
    PlanExtension,
    Position,
    ReminderSettings,
    ReportRemark,
    StatusUpdate,
    User,
    ordinal,
)
from app.models.base import Choice, in_utc
from app.models.partnership import partnership_name

M = TypeVar("M", bound=Model)
#: What a column value becomes in the log's JSON.
JsonValue = str | int | float | bool | list[Any] | dict[str, Any] | None

#: Every record a person creates or changes, with the noun the log shows for it.
TRACKED: dict[type[Model], str] = {
    Organisation: _l("Organisation"),
    Person: _l("Person"),
    Position: _l("Position"),
    Partnership: _l("Partnership"),
    PartnershipEvent: _l("Partnership status change"),
    Plan: _l("Plan"),
    PlanExtension: _l("Plan extension"),
    Pillar: _l("Pillar"),
    CooperationArea: _l("Cooperation area"),
    ActionLine: _l("Action line"),
    StatusUpdate: _l("Status update"),
    Meeting: _l("Meeting"),
    MeetingParticipant: _l("Meeting participant"),
    FollowUpAction: _l("Follow-up"),
    FollowUpChase: _l("Chase of the partner"),
    Activity: _l("Activity"),
    User: _l("User"),
    IssuedReport: _l("Issued report"),
    ReportRemark: _l("Report remarks"),
    CalendarFeed: _l("Calendar feed"),
    ApiToken: _l("API token"),
    ReminderSettings: _l("Reminder e-mails"),
    Attachment: _l("Attachment"),
}
MODELS: dict[str, type[Model]] = {model.__tablename__: model for model in TRACKED}


def stored_noun(model: type[Model]) -> str:
    """The noun of ``model`` as the log keeps it in a record's label: in English, whoever made the change."""
    with force_locale(DEFAULT_LANGUAGE):
        return str(TRACKED.get(model, model.__name__))
LABEL_LENGTH = 300


def json_value(value: object) -> JsonValue:
    """A column value as JSON: choices by value, dates and times as ISO text (timestamps in UTC)."""
    if isinstance(value, Enum):
        stored: JsonValue = value.value
        return stored
    if isinstance(value, datetime):
        # Timestamps are kept in UTC; SQLite hands them back without a zone.
        value = in_utc(value)
        return value.isoformat()
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if value is None or isinstance(value, (bool, int, float, str, list, dict)):
        return value
    return str(value)


def record_key(record: object) -> int | None:
    """The record's id, whether it is just inserted or expired by an earlier commit."""
    state = sa.inspect(record)
    key: int | None = state.identity[0] if state.identity is not None else state.dict.get("id")
    return key


def _loaded(record: object, *names: str) -> list[Any]:
    """The columns ``names`` of ``record`` as the session holds them, of whatever type each column is."""
    state = sa.inspect(record)
    if state.key is None:
        # Just inserted by this flush: a column never set is NULL.
        return [state.dict.get(name) for name in names]
    if any(name not in state.dict for name in names):
        raise LookupError
    return [state.dict[name] for name in names]


def in_memory(near: object, model: type[M], key: object) -> M | None:
    """The ``model`` row with id ``key`` if the session of ``near`` already holds it, without a query."""
    session = sa.orm.object_session(near) or db.session()
    found = session.identity_map.get(sa.inspect(model).identity_key_from_primary_key((key,)))
    return found if isinstance(found, model) else None


def _related(record: object, relationship: str, model: type[M], column: str) -> M | None:
    """What ``record.<relationship>`` points at, if it is in memory; None when the link is empty."""
    values = sa.inspect(record).dict
    if relationship in values:
        loaded: M | None = values[relationship]
        return loaded
    key = _loaded(record, column)[0]
    if key is None:
        return None
    found = in_memory(record, model, key)
    if found is None:
        raise LookupError
    return found


def _choice(enum: type[Choice], value: object) -> str:
    try:
        return enum(str(value)).label  # a member's text is its value
    except ValueError:
        return str(value)


def _partnership_label(record: Partnership) -> str:
    try:
        organisation = _related(record, "organisation", Organisation, "organisation_id")
        partner = _related(record, "partner", Organisation, "partner_id")
        return partnership_name(_loaded(organisation, 'short_name')[0], _loaded(partner, 'short_name')[0])
    except (LookupError, AttributeError):
        slug: str = _loaded(record, "slug")[0]
        return slug


def _event_label(record: PartnershipEvent) -> str:
    kind, status, level, occurred_on = _loaded(record, "kind", "status", "level", "occurred_on")
    standing = _choice(PartnershipStatus, status) + (f", {_choice(PartnershipLevel, level)}" if level else "")
    return f"{_choice(PartnershipEventKind, kind)}: {standing} ({long_date(occurred_on)})"


def _meeting_label(record: Meeting) -> str:
    title, number, kind = _loaded(record, "title", "number", "type")
    if title:
        return str(title)
    name = _choice(MeetingType, kind)
    return f"{ordinal(number)} {name}" if number else name


def _participant_label(record: MeetingParticipant) -> str:
    person = _related(record, "person", Person, "person_id")
    organisation = _related(record, "organisation", Organisation, "organisation_id")
    if person is not None:
        return _person_label(person)
    if organisation is not None:
        return f"{_loaded(organisation, 'short_name')[0]} delegation"
    raise LookupError


def _person_label(record: Person) -> str:
    honorific, full_name = _loaded(record, "honorific", "full_name")
    return f"{honorific} {full_name}" if honorific else str(full_name)


def _status_label(record: StatusUpdate) -> str:
    status, as_of, area_id = _loaded(record, "status", "as_of", "area_id")
    vocabulary = AreaStatus if area_id is not None else ActionLineStatus
    return f"{_choice(vocabulary, status)} as of {long_date(as_of)}"


def _area_label(record: CooperationArea) -> str:
    return " ".join(_loaded(record, "code", "name"))


def _line_label(record: ActionLine) -> str:
    return " ".join(_loaded(record, "code", "text"))


def _remark_label(record: ReportRemark) -> str:
    """"2.1.3, 1 January 2025 to 31 December 2025": the subject's code and the report window."""
    starts_on, ends_on = _loaded(record, "window_starts_on", "window_ends_on")
    subject = (_related(record, "area", CooperationArea, "area_id")
               or _related(record, "action_line", ActionLine, "action_line_id"))
    return f"{_loaded(subject, 'code')[0]}, {long_date(starts_on)} to {long_date(ends_on)}"


def _token_label(record: ApiToken) -> str:
    """"Ministry portal of Desk Officer": the name its user gave it, and whose it is."""
    return f"{_loaded(record, 'name')[0]} of {_loaded(_related(record, 'user', User, 'user_id'), 'name')[0]}"


#: Links a label reads beyond the record's own columns.
LABEL_LINKS: dict[type[Model], tuple[tuple[str, type[Model]], ...]] = {
    Partnership: (("organisation_id", Organisation), ("partner_id", Organisation)),
    MeetingParticipant: (("person_id", Person), ("organisation_id", Organisation)),
    ReportRemark: (("area_id", CooperationArea), ("action_line_id", ActionLine)),
    CalendarFeed: (("user_id", User),),
    ApiToken: (("user_id", User),),
    ReminderSettings: (("user_id", User),),
}


#: Each kind of record's label; each function takes its own kind.
LABELS: dict[type[Model], Callable[[Any], str]] = {
    Organisation: lambda r: _loaded(r, "name")[0],
    Person: _person_label,
    Position: lambda r: _loaded(r, "title")[0],
    Partnership: _partnership_label,
    PartnershipEvent: _event_label,
    Plan: lambda r: _loaded(r, "title")[0],
    PlanExtension: lambda r: f"Extended to {long_date(_loaded(r, 'new_ends_on')[0])}",
    Pillar: lambda r: _loaded(r, "name")[0],
    CooperationArea: _area_label,
    ActionLine: _line_label,
    StatusUpdate: _status_label,
    Meeting: _meeting_label,
    MeetingParticipant: _participant_label,
    FollowUpAction: lambda r: _loaded(r, "title")[0],
    FollowUpChase: lambda r: f"{_choice(ChaseChannel, _loaded(r, 'channel')[0])} on "
                             f"{long_date(_loaded(r, 'chased_on')[0])}",
    Activity: lambda r: _loaded(r, "title")[0],
    User: lambda r: _loaded(r, "name")[0],
    IssuedReport: lambda r: _loaded(r, "title")[0],
    ReportRemark: _remark_label,
    CalendarFeed: lambda r: f"Calendar feed of {_loaded(_related(r, 'user', User, 'user_id'), 'name')[0]}",
    ApiToken: _token_label,
    ReminderSettings: lambda r: f"Reminder e-mails of {_loaded(_related(r, 'user', User, 'user_id'), 'name')[0]}",
    Attachment: lambda r: _loaded(r, "file_name")[0],
}


def label_of(record: Model) -> str:
    model = type(record)
    try:
        text = LABELS[model](record)
    except (LookupError, AttributeError, TypeError):
        # Never the record's repr: a user's carries the email address.
        text = f"{stored_noun(model)} {record_key(record)}"
    return text[:LABEL_LENGTH]
