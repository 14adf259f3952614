"""What every record of the API carries, and the field kinds the records share."""

from datetime import datetime
from typing import Any

import marshmallow as ma

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


class ArchivedArguments(ma.Schema):
    """The list filter every kind of archivable record has."""

    archived = ma.fields.Boolean(
        load_default=False, metadata={"description": "Include archived records (they are left out unless asked)."})


def choice(enum: type[Any], **kwargs: Any) -> ma.fields.Enum[Any]:
    """A field holding one of a ``Choice``'s stored values."""
    return ma.fields.Enum(enum, by_value=True, **kwargs)
