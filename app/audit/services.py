"""The audit log: who created, changed, archived or restored which record, and each field before and after.

No feature calls this. ``start_recording`` hooks the session's flush: after each flush, the changes SQLAlchemy
tracked on the records in ``TRACKED`` are written as ``AuditEntry`` rows with one INSERT on the flush's own
connection, so an entry commits or rolls back with the change it describes and no feature can forget to log.

An archive is an update of ``archived_at`` from NULL, a restore the reverse; a participant taken off a meeting
is logged as a change to the meeting. Values are stored as JSON: dates as ISO text, choices as their value,
records referred to by their label ("Economic"), a password only as "set" or "changed".
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import cache
from typing import Any, TypedDict

import sqlalchemy as sa
from sqlalchemy.orm import MANYTOONE, NO_VALUE, InstanceState, Session, SessionTransaction

from app.audit.labels import (
    LABEL_LINKS,
    TRACKED,
    JsonValue,
    in_memory,
    json_value,
    label_of,
    record_key,
    stored_noun,
)
from app.auth.sessions import acting_user_id
from app.extensions import Model, db
from app.languages import written_in_english
from app.models import (
    AuditAction,
    AuditEntry,
    Meeting,
    MeetingParticipant,
    utcnow,
)

#: Bookkeeping that says nothing a person changed.
SKIPPED_COLUMNS = frozenset({"id", "version", "created_at", "last_signed_in_at"})
#: An issued report's frozen document and figures: large, and never changed after issue. The day a follow-up's
#: state began: a copy of its state history's, which records the change itself.
SKIPPED_BY_TABLE = {"issued_reports": frozenset({"figures", "figures_version", "html"}),
                    "follow_up_actions": frozenset({"state_changed_on"}),
                    # Worked out from what is logged: a person's name as compared, a call's name from its participants.
                    "people": frozenset({"name_key"}),
                    "meetings": frozenset({"named_after_participants"}),
                    # When an API token was last used: written by the API, never by a person.
                    "api_tokens": frozenset({"last_used_at"}),
                    # An attached file's bytes: its name, size and SHA-256 say which file it is.
                    "attachments": frozenset({"content"})}
#: Logged as "set" or "changed" under the second name, never as the value.
SECRET_COLUMNS = {"password_hash": "password", "token_hash": "token"}
#: A removed child is logged as a change to its parent: (relationship, foreign key, parent model, log field).
REMOVED_FROM_PARENT: dict[type[Model], tuple[str, str, type[Model], str]] = {
    MeetingParticipant: ("meeting", "meeting_id", Meeting, "removed_participant"),
}

#: {field: [before, after]}, as an entry stores them.
Changes = dict[str, list[JsonValue]]
#: Values a record held before this flush changed them, for records changed without being loaded first.
EarlierValues = dict[tuple[type[Model], int], dict[str, Any]]


class EntryRow(TypedDict, total=False):
    """One row of ``audit_entries`` as this module inserts it."""

    action: AuditAction
    record_type: str
    record_id: int | None
    record_label: str
    changes: Changes
    occurred_at: datetime
    user_id: int | None
    source: str | None


_BEFORE_KEY = "audit.values_before"
#: Records read for the labels of this transaction's entries.
_KEPT_KEY = "audit.read_for_labels"
_SOURCE_KEY = "audit.source"


@contextmanager
def recorded_as(source: str) -> Iterator[None]:
    """Entries of the changes flushed inside the block name ``source``: "Import of the plan's structure"."""
    db.session.info[_SOURCE_KEY] = source
    try:
        yield
    finally:
        db.session.info.pop(_SOURCE_KEY, None)


class _Shape:
    """What the log needs to know about a model's columns and links, worked out once per model."""

    def __init__(self, model: type[Model]):
        mapper: sa.orm.Mapper[Model] = sa.inspect(model)
        skipped = SKIPPED_COLUMNS | SKIPPED_BY_TABLE.get(model.__tablename__, frozenset())
        self.columns = [attr.key for attr in mapper.column_attrs if attr.key not in skipped]
        #: foreign key column -> (relationship name, the model it points at)
        self.references: dict[str, tuple[str, type[Model]]] = {}
        for relationship in mapper.relationships:
            if relationship.direction is MANYTOONE and len(relationship.local_columns) == 1:
                (column,) = relationship.local_columns
                self.references[mapper.get_property_by_column(column).key] = (
                    relationship.key, relationship.mapper.class_,
                )
        self.collections = [
            relationship.key for relationship in mapper.relationships
            if relationship.secondary is not None and not relationship.viewonly
        ]
        self.restrictable = "is_restricted" in self.columns

    def field(self, column: str) -> str:
        if column in SECRET_COLUMNS:
            return SECRET_COLUMNS[column]
        return self.references[column][0] if column in self.references else column


_shapes: dict[type[Model], _Shape] = {}


def shape_of(model: type[Model]) -> _Shape:
    if model not in _shapes:
        _shapes[model] = _Shape(model)
    return _shapes[model]


def _referred(record: Model, relationship: str, model: type[Model], key: object) -> str | None:
    """The label of the ``model`` row with id ``key``, from objects already in memory; else kind and id."""
    if key is None:
        return None
    state = sa.inspect(record)
    candidates = [state.dict.get(relationship), *state.attrs[relationship].history.deleted]
    for candidate in candidates:
        if candidate is not None and record_key(candidate) == key:
            return label_of(candidate)
    known = in_memory(record, model, key)
    return label_of(known) if known is not None else f"{stored_noun(model)} {key}"


def _value(record: Model, shape: _Shape, column: str, value: object) -> JsonValue:
    if column in shape.references:
        relationship, model = shape.references[column]
        return _referred(record, relationship, model, value)
    return json_value(value)


def _labels(items: Iterable[Model]) -> list[str]:
    return sorted(label_of(item) for item in items)


def _created(record: Model, shape: _Shape) -> Changes:
    values = sa.inspect(record).dict
    changes: Changes = {}
    for column in shape.columns:
        value = values.get(column)
        if value is None:
            continue
        if column in SECRET_COLUMNS:
            changes[shape.field(column)] = [None, "set"]
        else:
            changes[shape.field(column)] = [None, _value(record, shape, column, value)]
    for collection in shape.collections:
        if values.get(collection):
            changes[collection] = [None, _labels(values[collection])]
    return changes


def _updated(record: Model, shape: _Shape, read_before: dict[str, Any]) -> Changes:
    state = sa.inspect(record)
    changes: Changes = {}
    for column in shape.columns:
        history = state.attrs[column].history
        if not history.has_changes():
            continue
        after = history.added[0] if history.added else None
        if history.deleted:
            before = history.deleted[0]
        elif column in read_before:
            before = read_before[column]
        else:
            before = None
        if before == after:
            continue
        if column in SECRET_COLUMNS:
            changes[shape.field(column)] = [None, "changed"]
        else:
            changes[shape.field(column)] = [
                _value(record, shape, column, before), _value(record, shape, column, after),
            ]
    for collection in shape.collections:
        history = state.attrs[collection].history
        if history.added or history.deleted:
            changes[collection] = [
                _labels([*history.unchanged, *history.deleted]), _labels([*history.unchanged, *history.added]),
            ]
    if changes and shape.restrictable and "is_restricted" not in changes and state.dict.get("is_restricted"):
        # Says the record was restricted when this change was made, so its notes stay hidden from viewers.
        changes["is_restricted"] = [True, True]
    return changes


def _action(changes: Changes) -> AuditAction:
    before, after = changes.get("archived_at", [None, None])
    if before is None and after is not None:
        return AuditAction.ARCHIVE
    if before is not None and after is None:
        return AuditAction.RESTORE
    return AuditAction.UPDATE


def _entry(record: Model, action: AuditAction, changes: Changes, *, record_type: str | None = None,
           record_id: int | None = None, label: str | None = None) -> EntryRow:
    return {
        "action": action,
        "record_type": record_type or record.__tablename__,
        "record_id": record_id if record_id is not None else record_key(record),
        "record_label": label if label is not None else label_of(record),
        "changes": changes,
    }


def _removed(record: Model, shape: _Shape) -> EntryRow:
    model = type(record)
    if model in REMOVED_FROM_PARENT:
        relationship, key, parent_model, field = REMOVED_FROM_PARENT[model]
        parent_id = sa.inspect(record).dict[key]
        parent = sa.inspect(record).dict.get(relationship) or in_memory(record, parent_model, parent_id)
        label = label_of(parent) if parent is not None else f"{stored_noun(parent_model)} {parent_id}"
        return _entry(record, AuditAction.UPDATE, {field: [label_of(record), None]},
                      record_type=parent_model.__tablename__, record_id=parent_id, label=label)
    changes: Changes = {name: [after, None] for name, (_, after) in _created(record, shape).items()}
    return _entry(record, AuditAction.UPDATE, changes)


def _needs_reading(state: InstanceState[Model], shape: _Shape) -> bool:
    """True when a changed record's earlier values were never loaded (it was changed after a commit expired
    it), so the log would not know what they were."""
    for key, original in state.committed_state.items():
        if key in shape.columns and original is NO_VALUE:
            return True
    for column, (relationship, _model) in shape.references.items():
        if relationship in state.committed_state and column not in state.dict:
            return True
    return False


def _earlier_values(session: Session, records: list[Model]) -> EarlierValues:
    """Values before the change of records changed without being loaded: one query per kind of record."""
    wanted: dict[type[Model], list[int]] = defaultdict(list)
    for record in records:
        state = sa.inspect(record)
        if state.identity is not None and state.modified and _needs_reading(state, shape_of(type(record))):
            wanted[type(record)].append(state.identity[0])
    values: EarlierValues = {}
    for model, ids in wanted.items():
        mapper: sa.orm.Mapper[Model] = sa.inspect(model)
        names = shape_of(model).columns
        query = sa.select(mapper.columns["id"], *(mapper.columns[name] for name in names))
        for row in session.connection().execute(query.where(mapper.columns["id"].in_(ids))):
            values[(model, row[0])] = dict(zip(names, row[1:], strict=True))
    return values


def _unready(session: Session, record: Model | None, model: type[Model], key: object,
             wanted: dict[type[Model], set[object]]) -> None:
    """Note for loading what a label needs and memory lacks: ``record`` (or the ``model`` row ``key``) when it
    is expired or absent, and what its own label reads through its links."""
    if record is None and key is not None:
        found = session.identity_map.get(sa.inspect(model).identity_key_from_primary_key((key,)))
        record = found if isinstance(found, model) else None
        if record is None:
            wanted[model].add(key)
            return
    if record is None:
        return
    state = sa.inspect(record)
    if state.identity is not None and state.expired_attributes:
        wanted[type(record)].add(state.identity[0])
        return
    for column, linked in LABEL_LINKS.get(type(record), ()):
        relationship = column.removesuffix("_id")
        if state.dict.get(relationship) is None:
            _unready(session, None, linked, state.dict.get(column), wanted)


@cache
def _records_of(model: type[Model]) -> sa.Select[Model]:
    """The records of ``model`` whose keys are bound as ``ids``: written once, not again at every flush."""
    return sa.select(model).where(sa.inspect(model).columns["id"].in_(sa.bindparam("ids", expanding=True)))


def _load_for_labels(session: Session, records: list[Model]) -> None:
    """Load what the labels of this flush need and memory lacks (records expired by an earlier commit, or never
    loaded): one query per kind of record, and none in a request that loads what it changes."""
    wanted: dict[type[Model], set[object]] = defaultdict(set)
    for record in records:
        _unready(session, record, type(record), None, wanted)
        state = sa.inspect(record)
        for column, (relationship, model) in shape_of(type(record)).references.items():
            for target in (state.dict.get(relationship), *state.attrs[relationship].history.deleted):
                _unready(session, target, model, None, wanted)
            _unready(session, None, model, state.dict.get(column), wanted)
    for _depth in range(3):
        if not wanted:
            break
        loaded: list[Model] = []
        for model, ids in wanted.items():
            loaded += session.scalars(_records_of(model), {"ids": list(ids)}).all()
        # The session holds what it loads only weakly, and labels find these through it, not through a link:
        # kept until the transaction ends, or the next flush would read them again.
        session.info.setdefault(_KEPT_KEY, []).extend(loaded)
        wanted = defaultdict(set)
        for record in loaded:
            _unready(session, record, type(record), None, wanted)


@written_in_english
def _prepare(session: Session, _context: object, _instances: object) -> None:
    records = [r for r in (*session.new, *session.dirty, *session.deleted) if type(r) in TRACKED]
    session.info[_BEFORE_KEY] = _earlier_values(session, records) if records else {}
    if records:
        _load_for_labels(session, records)


@written_in_english
def _write_entries(session: Session, _context: object) -> None:
    read_before = session.info.pop(_BEFORE_KEY, {})
    entries: list[EntryRow] = []
    for record in session.new:
        if type(record) in TRACKED:
            changes = _created(record, shape_of(type(record)))
            entries.append(_entry(record, AuditAction.CREATE, changes))
    for record in session.dirty:
        model = type(record)
        if model in TRACKED:
            changes = _updated(record, shape_of(model), read_before.get((model, record_key(record)), {}))
            if changes:
                entries.append(_entry(record, _action(changes), changes))
    for record in session.deleted:
        if type(record) in TRACKED:
            entries.append(_removed(record, shape_of(type(record))))
    if not entries:
        return
    occurred_at, user_id, source = utcnow(), acting_user_id(), session.info.get(_SOURCE_KEY)
    for entry in entries:
        entry["occurred_at"], entry["user_id"] = occurred_at, user_id
        # Named only when there is one: the statement then names just the columns it fills, and still runs on a
        # database at a revision from before the column (a migration's checks write records there).
        if source is not None:
            entry["source"] = source
    table = AuditEntry.__table__
    assert isinstance(table, sa.Table)  # a mapped class's, declared with its columns
    session.connection().execute(sa.insert(table), entries)


def _forget_kept(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(_KEPT_KEY, None)


def start_recording() -> None:
    """Log every flush of the app's session from now on (once, however many apps are created)."""
    for name, listener in (("before_flush", _prepare), ("after_flush", _write_entries),
                           ("after_transaction_end", _forget_kept)):
        if not sa.event.contains(db.session, name, listener):
            sa.event.listen(db.session, name, listener)
