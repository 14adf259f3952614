"""Pieces every model shares: timestamps, archiving and stored enumerations."""

from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from app.models.choice_words import CHOICE_WORDS


def utcnow() -> datetime:
    return datetime.now(UTC)


def in_utc(moment: datetime) -> datetime:
    """A stored timestamp as a moment in UTC: timestamps are kept in UTC, and SQLite hands them back without a zone."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


class Choice(StrEnum):
    """An enumeration stored as its value, with the words shown on screen."""

    @property
    def label(self) -> str:
        words = CHOICE_WORDS.get(self.value)
        return str(words) if words is not None else self.value.replace("_", " ").capitalize()

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(member.value, member.label) for member in cls]

    @classmethod
    def labels(cls) -> dict[str, str]:
        """Each stored value's words, looked up once: a report names the same few choices on hundreds of rows, and
        each lookup asks the request which language it is in."""
        return {member.value: member.label for member in cls}

    @classmethod
    def holds(cls, value: object) -> bool:
        """True when ``value`` is one of the stored values (a filter or form value read from a request)."""
        return any(member.value == value for member in cls)


def choice_column(enum: type[Choice], name: str) -> sa.Enum:
    """A portable enum column: a VARCHAR with a CHECK constraint, the same on SQLite and PostgreSQL."""
    return sa.Enum(
        enum,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=40,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(
        sa.DateTime(timezone=True), default=utcnow, server_default=sa.func.now()
    )


class Archivable:
    """Records are archived, never deleted from the interface; archived rows leave lists but stay restorable."""

    #: When the record was archived; NULL while it is in use.
    archived_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def archive(self) -> None:
        if self.archived_at is None:
            self.archived_at = utcnow()

    def restore(self) -> None:
        self.archived_at = None


class Versioned:
    """Counts the saves of a record, so an edit made from an out-of-date form is caught, never silently saved.

    SQLAlchemy adds ``WHERE version = <the version loaded>`` to every UPDATE and raises ``StaleDataError`` when
    someone else saved first; forms carry the version they were opened with, and services compare it too.
    """

    version: Mapped[int] = mapped_column(default=1, server_default="1")
    if TYPE_CHECKING:
        # Set by the declarative base on each model class this is mixed into.
        __table__: ClassVar[sa.FromClause]

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}
