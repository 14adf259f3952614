"""Reading the audit log: a record's history for its page, and entries in words ("Title: A → B").

A record's history takes in its parts shown on its page: a person's positions, a partnership's status
changes, a plan's pillars and extensions, a meeting's participants. Notes that can be restricted are shown
to viewers as "hidden" when the record was restricted at the time of the entry or is restricted now.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any, Protocol

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from app.audit.field_labels import field_label
from app.audit.labels import MODELS, TRACKED, JsonValue, label_of
from app.audit.services import REMOVED_FROM_PARENT, SECRET_COLUMNS, shape_of
from app.common.dates import page_date, page_date_time
from app.common.restricted import RESTRICTED_ACTION, RESTRICTED_ATTACHMENT, can_read_restricted, for_reader
from app.extensions import Model, db
from app.languages import LANGUAGES
from app.models import (
    ActionLineStatus,
    ApiToken,
    AreaStatus,
    AuditAction,
    AuditEntry,
    CalendarFeed,
    Choice,
    FollowUpChase,
    MeetingParticipant,
    Partnership,
    PartnershipEvent,
    Pillar,
    PlanExtension,
    Position,
    ReminderSettings,
    StatusUpdate,
    User,
)


class Tracked(Protocol):
    """A record whose changes are logged: the audit log names it by its table and id."""

    __tablename__: str

    @property
    def id(self) -> int: ...


#: Entries shown on a record's page; the full list is one link away.
RECENT = 20

#: The kinds of record that are parts of another.
Part = Position | PartnershipEvent | Pillar | PlanExtension | MeetingParticipant | FollowUpChase
#: The parts of a record whose changes show in its history: record type -> (part model, link to the record).
PARTS: dict[str, list[tuple[type[Part], sa.orm.InstrumentedAttribute[int]]]] = {
    "people": [(Position, Position.person_id)],
    "partnerships": [(PartnershipEvent, PartnershipEvent.partnership_id)],
    "plans": [(Pillar, Pillar.plan_id), (PlanExtension, PlanExtension.plan_id)],
    "meetings": [(MeetingParticipant, MeetingParticipant.meeting_id)],
    "follow_up_actions": [(FollowUpChase, FollowUpChase.follow_up_id)],
}

#: Fields whose values only editors and admins may read once their record is restricted.
RESTRICTED_FIELDS = {
    "meetings": frozenset({"summary", "asks", "commitments"}),
    "follow_up_actions": frozenset({"title", "description", "partner_office"}),
    "status_updates": frozenset({"note"}),
    "follow_up_chases": frozenset({"note"}),
    "activities": frozenset({"notes"}),
    # An attachment is as restricted as its record: its name and description can say as much as a note.
    "attachments": frozenset({"file_name", "description"}),
}
#: Records named by one of their restricted notes (a follow-up by its title), and what their page shows a viewer
#: in its place while restricted.
NAMED_BY_A_NOTE = {"follow_up_actions": RESTRICTED_ACTION, "attachments": RESTRICTED_ATTACHMENT}
#: A link as it was logged while a link set from Flask-Login's proxy was logged as the proxy's text: the model's
#: repr, "<User a@b.example>".
LOGGED_REPR = re.compile(r"<(\w+) (.+)>")

#: How a secret's change is logged (``SECRET_COLUMNS``), in words.
LOGGED_SECRETS = {"set": _l("set"), "changed": _l("changed")}
#: A part of the record in the record's history: "Position added: Ambassador".
PART_CHANGES = {
    AuditAction.CREATE: _l("%(part)s added: %(label)s"),
    AuditAction.UPDATE: _l("%(part)s changed: %(label)s"),
    AuditAction.ARCHIVE: _l("%(part)s archived: %(label)s"),
    AuditAction.RESTORE: _l("%(part)s restored: %(label)s"),
}


def _column_type(record_type: str, name: str) -> sa.types.TypeEngine[Any] | None:
    model = MODELS.get(record_type)
    if model is None or name in {relationship for relationship, _ in shape_of(model).references.values()}:
        return None
    column: sa.Column[Any] | None = sa.inspect(model).columns.get(name)
    return column.type if column is not None else None


def _without_repr(record_type: str, name: str, value: str) -> str:
    """A link logged as its record's repr in words: a user by their name (never the email), else the kind."""
    model = MODELS.get(record_type)
    linked = {relationship: target for relationship, target in shape_of(model).references.values()} if model else {}
    match = LOGGED_REPR.fullmatch(value)
    if name not in linked or match is None or match[1] != linked[name].__name__:
        return value
    if linked[name] is User and (named := db.session.scalar(sa.select(User.name).where(User.email == match[2]))):
        return named
    return str(TRACKED.get(linked[name], match[1]))


def show_value(record_type: str, name: str, value: JsonValue) -> str | None:
    """A logged value in words: dates as "25 March 2024", choices by their label, yes or no."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.startswith("<"):
        value = _without_repr(record_type, name, value)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or None
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if not isinstance(value, str):
        return str(value)  # no choice, date or time is logged as anything but text
    if name in SECRET_COLUMNS.values():
        return LOGGED_SECRETS.get(value, value)
    if record_type == "users" and name == "language":
        return LANGUAGES.get(value, value)  # each language by its own name, as the account page offers it
    if record_type == "status_updates" and name == "status":
        for vocabulary in (AreaStatus, ActionLineStatus):
            if vocabulary.holds(value):
                return vocabulary(value).label
    kind = _column_type(record_type, name)
    try:
        choices = kind.enum_class if isinstance(kind, sa.Enum) else None
        if choices is not None and issubclass(choices, Choice):
            return choices(value).label
        if isinstance(kind, sa.DateTime):
            return page_date_time(value)
        if isinstance(kind, sa.Date):
            return page_date(date.fromisoformat(value))
        if isinstance(kind, sa.Time):
            return time.fromisoformat(value).strftime("%H:%M")
    except (ValueError, TypeError, AttributeError):
        pass
    return str(value)


@dataclass
class Change:
    field: str
    before: str | None
    after: str | None
    #: The values are restricted and the reader is a viewer.
    hidden: bool = False
    #: A part taken off the record: only ``before`` names it.
    removal: bool = False


@dataclass
class Line:
    """One audit entry as a person reads it."""

    entry: AuditEntry
    #: "Created", "Changed", ... or, for a part of the record, "Position added: Ambassador".
    what: str
    changes: list[Change] = field(default_factory=list)

    @property
    def who(self) -> str:
        return self.entry.user.name if self.entry.user else gettext("System")

    @property
    def is_create(self) -> bool:
        return self.entry.action is AuditAction.CREATE


def describe(entry: AuditEntry, *, own_type: str | None = None, restricted_now: bool = False,
             reader_sees_restricted: bool | None = None) -> Line:
    """``entry`` in words. ``own_type`` is the record type of the page it shows on (its parts are named);
    ``restricted_now`` says the record is restricted today."""
    if reader_sees_restricted is None:
        reader_sees_restricted = can_read_restricted()
    action = AuditAction(entry.action)
    changes = entry.changes or {}
    if own_type is None or entry.record_type == own_type:
        what = action.label
    else:
        model = MODELS.get(entry.record_type)
        noun = TRACKED[model] if model is not None else entry.record_type
        what = str(PART_CHANGES[action]) % {"part": noun, "label": entry.record_label}
    restricted = restricted_now or any(value is True for value in changes.get("is_restricted", ()))
    secret = RESTRICTED_FIELDS.get(entry.record_type, frozenset()) if restricted and not reader_sees_restricted else ()
    removals = {spec[3] for spec in REMOVED_FROM_PARENT.values()}
    lines = []
    for name, pair in changes.items():
        before, after = (list(pair) + [None, None])[:2] if isinstance(pair, (list, tuple)) else (None, pair)
        if before == after or (name == "archived_at" and action in (AuditAction.ARCHIVE, AuditAction.RESTORE)):
            continue
        if name in secret:
            lines.append(Change(field_label(name), None, None, hidden=True))
            continue
        lines.append(Change(
            field_label(name), show_value(entry.record_type, name, before), show_value(entry.record_type, name, after),
            removal=name in removals,
        ))
    return Line(entry, what, lines)


def _scope(record_type: str, record_id: int) -> sa.ColumnElement[bool]:
    """Entries of the record and of its parts."""
    own = sa.and_(AuditEntry.record_type == record_type, AuditEntry.record_id == record_id)
    parts = [
        sa.and_(AuditEntry.record_type == model.__tablename__,
                AuditEntry.record_id.in_(sa.select(model.id).where(link == record_id)))
        for model, link in PARTS.get(record_type, ())
    ]
    return sa.or_(own, *parts)


#: Audit entries newest first.
NEWEST_FIRST = (AuditEntry.occurred_at.desc(), AuditEntry.id.desc())


def _with_user(query: sa.Select[AuditEntry]) -> sa.Select[AuditEntry]:
    return query.options(joinedload(AuditEntry.user))


def history_query(record_type: str, record_id: int) -> sa.Select[AuditEntry]:
    return _with_user(sa.select(AuditEntry).where(_scope(record_type, record_id)))


@dataclass
class RecordHistory:
    """The latest entries of a record and its parts, for its page."""

    record_type: str
    record_id: int
    lines: list[Line]
    #: More entries than shown.
    more: bool

    @property
    def full_url(self) -> str:
        return url_for("audit.record", type=self.record_type, id=self.record_id)


def is_restricted(record: object) -> bool:
    return bool(getattr(record, "is_restricted", False))


def label_for_reader(record: Model) -> str:
    """``record``'s name as its own page shows it to the person reading: a restricted title stays hidden."""
    placeholder = NAMED_BY_A_NOTE.get(type(record).__tablename__)
    return for_reader(label_of(record), record, placeholder) if placeholder else label_of(record)


def record_history(record: Tracked, *, limit: int = RECENT) -> RecordHistory:
    """The ``limit`` latest entries of ``record`` and its parts, newest first: one query."""
    record_type = type(record).__tablename__
    entries = db.session.scalars(history_query(record_type, record.id).order_by(*NEWEST_FIRST).limit(limit + 1)).all()
    sees = can_read_restricted()
    lines = [
        describe(entry, own_type=record_type, restricted_now=is_restricted(record), reader_sees_restricted=sees)
        for entry in entries[:limit]
    ]
    return RecordHistory(record_type, record.id, lines, more=len(entries) > limit)


# Where each kind of record is shown. Parts are shown on their parent's page; one query per kind of record on
# a page of entries finds the parent, never one per entry.
_DIRECT = {
    "organisations": ("organisations.detail", "organisation_id"),
    "people": ("people.detail", "person_id"),
    "plans": ("plans.detail", "plan_id"),
    "cooperation_areas": ("areas.detail", "area_id"),
    "action_lines": ("areas.action_line_detail", "action_line_id"),
    "meetings": ("meetings.detail", "meeting_id"),
    "follow_up_actions": ("follow_ups.detail", "action_id"),
    "activities": ("activities.detail", "activity_id"),
    "users": ("users.edit", "user_id"),
    "issued_reports": ("reports.issued", "report_id"),
}
_VIA = {
    "positions": (Position.person_id, "people"),
    "pillars": (Pillar.plan_id, "plans"),
    "plan_extensions": (PlanExtension.plan_id, "plans"),
    "meeting_participants": (MeetingParticipant.meeting_id, "meetings"),
    "follow_up_chases": (FollowUpChase.follow_up_id, "follow_up_actions"),
    "calendar_feeds": (CalendarFeed.user_id, "users"),
    "api_tokens": (ApiToken.user_id, "users"),
    "reminder_settings": (ReminderSettings.user_id, "users"),
}


def _direct_url(record_type: str, record_id: int) -> str:
    endpoint, argument = _DIRECT[record_type]
    values: dict[str, Any] = {argument: record_id}
    return url_for(endpoint, **values)


def record_urls(keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """The page showing each (record type, id), for links from the log; records no longer there are left out."""
    by_type: dict[str, set[int]] = {}
    for record_type, record_id in keys:
        by_type.setdefault(record_type, set()).add(record_id)
    urls: dict[tuple[str, int], str] = {}
    for record_type, ids in by_type.items():
        if record_type in _DIRECT:
            urls.update({(record_type, i): _direct_url(record_type, i) for i in ids})
        elif record_type in _VIA:
            link, parent_type = _VIA[record_type]
            model = link.class_
            for record_id, parent_id in db.session.execute(sa.select(model.id, link).where(model.id.in_(ids))):
                urls[(record_type, record_id)] = _direct_url(parent_type, parent_id)
        elif record_type == "partnerships":
            slugs = db.session.execute(sa.select(Partnership.id, Partnership.slug).where(Partnership.id.in_(ids)))
            urls.update({(record_type, i): url_for("partnerships.detail", slug=slug) for i, slug in slugs})
        elif record_type == "partnership_events":
            event_slugs = db.session.execute(
                sa.select(PartnershipEvent.id, Partnership.slug)
                .join(Partnership, Partnership.id == PartnershipEvent.partnership_id)
                .where(PartnershipEvent.id.in_(ids))
            )
            urls.update({(record_type, i): url_for("partnerships.detail", slug=slug) for i, slug in event_slugs})
        elif record_type == "status_updates":
            updates = db.session.execute(
                sa.select(StatusUpdate.id, StatusUpdate.area_id, StatusUpdate.action_line_id)
                .where(StatusUpdate.id.in_(ids))
            )
            for record_id, area_id, line_id in updates:
                # Of an area or of an action line, never both (a rule of the table).
                if area_id:
                    urls[(record_type, record_id)] = _direct_url("cooperation_areas", area_id)
                elif line_id is not None:
                    urls[(record_type, record_id)] = _direct_url("action_lines", line_id)
    return urls
