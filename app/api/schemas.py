"""What every record of the API carries, and the field kinds the records share."""

from datetime import datetime
from typing import Any

import marshmallow as ma

from app.common.restricted import hidden_from_reader
from app.models.base import in_utc


class Moment(ma.fields.DateTime):
    """A stored moment, always in UTC with its zone written ("2025-03-04T09:30:00Z"): SQLite keeps none."""

    def _serialize(self, value: datetime | None, attr: str | None, obj: Any, **kwargs: Any) -> str | None:
        if value is None:
            return None
        return in_utc(value).isoformat().replace("+00:00", "Z")


class RecordSchema(ma.Schema):
    """A record of the desk: its id, when it was entered and, once archived, when."""

    id = ma.fields.Integer(dump_only=True, required=True)
    created_at = Moment(dump_only=True, required=True, metadata={"description": "When it was entered (UTC)."})
    archived_at = Moment(dump_only=True, allow_none=True, required=True,
                         metadata={"description": "When it was archived (UTC); null while in use."})


class VersionedSchema(RecordSchema):
    """A record changed with optimistic locking: its version, which a change sends back as ``If-Match``."""

    version = ma.fields.Integer(dump_only=True, required=True,
                                metadata={"description": "Counts the saves of the record; also its ETag."})


#: The largest id a record may have (a 32-bit key): a filter naming a larger one could only find nothing.
MAX_ID = 2**31 - 1


def record_id(description: str) -> ma.fields.Integer:
    """A query parameter naming a record by its id."""
    return ma.fields.Integer(validate=ma.validate.Range(min=1, max=MAX_ID), metadata={"description": description})


class ArchivedArguments(ma.Schema):
    """The list filter every kind of archivable record has."""

    archived = ma.fields.Boolean(
        load_default=False, metadata={"description": "Include archived records (they are left out unless asked)."})


def choice(enum: type[Any], **kwargs: Any) -> ma.fields.Enum[Any]:
    """A field holding one of a ``Choice``'s stored values."""
    return ma.fields.Enum(enum, by_value=True, **kwargs)


class RestrictedText(ma.fields.String):
    """A note that only editors and admins read: null for a viewer when its record is restricted.

    ``owner``: the attribute naming the record whose ``is_restricted`` governs the note, when it is not the record
    the field is on (an activity's state history follows the activity).
    """

    def __init__(self, *, owner: str | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("metadata", {"description": "Null for a viewer when the record is restricted."})
        super().__init__(allow_none=True, required=True, **kwargs)
        self.owner = owner

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> str | None:
        record = getattr(obj, self.owner) if self.owner else obj
        if hidden_from_reader(record):
            return None
        return super()._serialize(value, attr, obj, **kwargs)


class Extended:
    """A record with more to show than its own columns (its status now, its history): the schema reads each name
    from ``extra`` first, then from the record."""

    def __init__(self, record: object, **extra: Any) -> None:
        self.record = record
        self.__dict__.update(extra)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.record, name)
