from __future__ import annotations

from datetime import date, time
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import Model, db
from app.models.base import Archivable, Choice, Timestamped, Versioned, choice_column
from app.models.organisation import Organisation
from app.models.partnership import Partnership
from app.models.person import Person, Position
from app.models.plan import CooperationArea


class MeetingType(Choice):
    COURTESY_CALL = "courtesy_call"
    CREDENTIALS = "credentials"
    JCC = "jcc"
    JSCC = "jscc"
    DPC = "dpc"
    SENIOR_OFFICIALS = "senior_officials"
    MINISTERIAL = "ministerial"
    SUMMIT = "summit"
    TRILATERAL = "trilateral"
    WORKING_GROUP = "working_group"
    OTHER = "other"

    @property
    def label(self) -> str:
        return gettext(MEETING_TYPE_LABELS[self])

    @property
    def english_label(self) -> str:
        """The words a meeting's name is made of ("8th Joint Sectoral Cooperation Committee (JSCC)"): a name, the
        same whoever reads it or logs the meeting, as the names stored from it are."""
        return MEETING_TYPE_LABELS[self]

    @property
    def is_committee(self) -> bool:
        """Committee meetings are numbered per partnership: "7th JSCC"."""
        return self in COMMITTEE_TYPES


def N_(words: str) -> str:
    """Words marked for the catalogue, translated where they are shown (``gettext``) and kept as they are here."""
    return words


MEETING_TYPE_LABELS = {
    MeetingType.COURTESY_CALL: N_("Courtesy call"),
    MeetingType.CREDENTIALS: N_("Presentation of credentials"),
    MeetingType.JCC: N_("Joint Cooperation Committee (JCC)"),
    MeetingType.JSCC: N_("Joint Sectoral Cooperation Committee (JSCC)"),
    MeetingType.DPC: N_("Development Partnership Committee (DPC)"),
    MeetingType.SENIOR_OFFICIALS: N_("Senior officials' dialogue"),
    MeetingType.MINISTERIAL: N_("Ministerial (Post Ministerial Conference)"),
    MeetingType.SUMMIT: N_("Summit"),
    MeetingType.TRILATERAL: N_("Trilateral"),
    MeetingType.WORKING_GROUP: N_("Working group"),
    MeetingType.OTHER: N_("Other"),
}
COMMITTEE_TYPES = frozenset({MeetingType.JCC, MeetingType.JSCC, MeetingType.DPC})


class MeetingFormat(Choice):
    IN_PERSON = "in_person"
    VIDEO = "video"
    HYBRID = "hybrid"

    @property
    def label(self) -> str:
        return str(_l("Videoconference")) if self is MeetingFormat.VIDEO else super().label


class OutcomeDocument(Choice):
    NONE = "none"
    JOINT_PRESS_STATEMENT = "joint_press_statement"
    CHAIRMANS_STATEMENT = "chairmans_statement"
    SUMMARY_RECORD = "summary_record"

    @property
    def label(self) -> str:
        words = {"none": _l("None"), "chairmans_statement": _l("Chairman's statement")}.get(self.value)
        return super().label if words is None else str(words)


class Side(Choice):
    OURS = "ours"
    PARTNER = "partner"
    OTHER = "other"

    @property
    def label(self) -> str:
        return str({"ours": _l("Our side"), "partner": _l("Partner side"), "other": _l("Other (observer)")}[self.value])


class ParticipantRole(Choice):
    CO_CHAIR = "co_chair"
    HEAD_OF_DELEGATION = "head_of_delegation"
    MEMBER = "member"
    DELEGATE = "delegate"
    OBSERVER = "observer"

    @property
    def label(self) -> str:
        return str(_l("Co-chair")) if self is ParticipantRole.CO_CHAIR else super().label


meeting_areas = sa.Table(
    "meeting_areas",
    db.metadata,
    sa.Column("meeting_id", sa.ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("area_id", sa.ForeignKey("cooperation_areas.id", ondelete="RESTRICT"), primary_key=True, index=True),
)


class Meeting(Archivable, Timestamped, Versioned, Model):
    """A courtesy call, a numbered committee meeting or any other meeting of a partnership."""

    __tablename__ = "meetings"
    __table_args__ = (
        sa.UniqueConstraint("partnership_id", "type", "number"),
        sa.CheckConstraint("number IS NULL OR number > 0", name="number_positive"),
        sa.CheckConstraint("ends_on IS NULL OR (held_on IS NOT NULL AND ends_on >= held_on)", name="ends_after_start"),
        sa.Index("ix_meetings_partnership_held_on", "partnership_id", "held_on"),
        # What a follow-up's composite foreign key points at: its meeting, of its partnership. An index, not a
        # constraint, so SQLite takes it without rebuilding the table (and so without touching its children).
        sa.Index("uq_meetings_id_partnership_id", "id", "partnership_id", unique=True),
        # Newest first with undated meetings last (see ``newest_first``), at any page, by type or partnership.
        # Alembic cannot compare or reflect expression indexes: a batch rebuild of this table re-creates them.
        *(
            sa.Index(name, *leading, sa.text("(held_on IS NULL)"), sa.text("held_on DESC"), sa.text("id DESC"),
                     sqlite_where=sa.text("archived_at IS NULL"), postgresql_where=sa.text("archived_at IS NULL"))
            for name, leading in (
                ("ix_meetings_live_newest_first", ()),
                ("ix_meetings_live_type_newest_first", ("type",)),
                ("ix_meetings_live_partnership_newest_first", ("partnership_id",)),
            )
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(
        sa.ForeignKey("partnerships.id", ondelete="RESTRICT"), index=True
    )
    type: Mapped[MeetingType] = mapped_column(choice_column(MeetingType, "meeting_type"))
    #: Sequence number of a committee meeting ("7" for the 7th JSCC); NULL for other types.
    number: Mapped[int | None] = mapped_column()
    title: Mapped[str | None] = mapped_column(sa.String(300))
    #: What a call without a title is called, from who met whom (see ``app.meetings.naming``).
    named_after_participants: Mapped[str | None] = mapped_column(sa.String(300))
    #: NULL when the date is not known (the 6th ASEAN–Pakistan JSCC).
    held_on: Mapped[date | None] = mapped_column(sa.Date, index=True)
    starts_at: Mapped[time | None] = mapped_column(sa.Time)
    #: Last day of a meeting over several days.
    ends_on: Mapped[date | None] = mapped_column(sa.Date)
    venue: Mapped[str | None] = mapped_column(sa.String(300))
    format: Mapped[MeetingFormat] = mapped_column(
        choice_column(MeetingFormat, "meeting_format"), default=MeetingFormat.IN_PERSON
    )
    #: What was discussed.
    summary: Mapped[str | None] = mapped_column(sa.Text)
    #: What each side asked of the other.
    asks: Mapped[str | None] = mapped_column(sa.Text)
    #: What each side committed to.
    commitments: Mapped[str | None] = mapped_column(sa.Text)
    #: The agenda as adopted or proposed: numbered items, one a line (see ``app.meetings.agenda``).
    agenda: Mapped[str | None] = mapped_column(sa.Text)
    outcome_document: Mapped[OutcomeDocument] = mapped_column(
        choice_column(OutcomeDocument, "outcome_document"), default=OutcomeDocument.NONE
    )
    #: Where the outcome document can be found: a link or a file reference.
    outcome_reference: Mapped[str | None] = mapped_column(sa.String(500))
    #: The summary, asks and commitments are seen by editors and admins only, and left out of reports unless asked.
    is_restricted: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    partnership: Mapped[Partnership] = relationship()
    participants: Mapped[list[MeetingParticipant]] = relationship(
        back_populates="meeting", order_by="(MeetingParticipant.side, MeetingParticipant.id)"
    )
    areas: Mapped[list[CooperationArea]] = relationship(secondary=meeting_areas, order_by="CooperationArea.code")

    @classmethod
    def newest_first(cls) -> tuple[sa.ColumnElement[bool], sa.UnaryExpression[date | None],
                                   sa.UnaryExpression[int]]:
        """Latest date first, then latest logged; meetings whose date is not known last (the indexes' order)."""
        return cls.held_on.is_(None), cls.held_on.desc(), cls.id.desc()

    @classmethod
    def naming_columns(cls, table: sa.FromClause | None = None) -> tuple[sa.ColumnElement[Any], ...]:
        """What ``name_of_row`` reads, for reports and lists that select plain columns (of ``table``, a copy of the
        meetings as they stood, if given)."""
        columns = (table if table is not None else cls.__table__).c
        return tuple(columns[name] for name in ("type", "number", "title", "named_after_participants"))

    @property
    def name(self) -> str:
        return meeting_name(self.type, self.number, self.title, self.named_after_participants)

    def __str__(self) -> str:
        return self.name


def meeting_name(type: MeetingType, number: int | None, title: str | None,
                 named_after_participants: str | None = None) -> str:
    """What a meeting is called: its title, else "8th Joint Sectoral Cooperation Committee (JSCC)", else who called
    on whom ("Courtesy call by ... on ..."), else its type.

    Apart from the model so that reports reading plain columns name meetings the same way.
    """
    if title:
        return title
    if number:
        return f"{ordinal(number)} {type.english_label}"
    return named_after_participants or type.english_label


def name_of_row(row: Any) -> str:
    """``meeting_name`` of a row read with ``Meeting.naming_columns()``."""
    return meeting_name(row.type, row.number, row.title, row.named_after_participants)


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class MeetingParticipant(Model):
    """Someone at a meeting, with the post they held that day; or a whole delegation (an observer country)."""

    __tablename__ = "meeting_participants"
    __table_args__ = (
        sa.CheckConstraint("person_id IS NOT NULL OR organisation_id IS NOT NULL", name="person_or_delegation"),
        sa.UniqueConstraint("meeting_id", "person_id"),
        # The post recorded is one the participant held: a delegation has no post.
        sa.CheckConstraint("position_id IS NULL OR person_id IS NOT NULL", name="position_needs_person"),
        sa.ForeignKeyConstraint(["position_id", "person_id"], ["positions.id", "positions.person_id"],
                                name="fk_meeting_participants_position_of_person", ondelete="RESTRICT"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(sa.ForeignKey("people.id", ondelete="RESTRICT"), index=True)
    #: The post held on the meeting date, recorded so later job changes do not rewrite history.
    position_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("positions.id", ondelete="RESTRICT"), index=True
    )
    #: A delegation attending as a whole, e.g. Timor-Leste as observer.
    organisation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="RESTRICT"), index=True
    )
    side: Mapped[Side] = mapped_column(choice_column(Side, "side"))
    role: Mapped[ParticipantRole] = mapped_column(
        choice_column(ParticipantRole, "participant_role"), default=ParticipantRole.MEMBER
    )

    meeting: Mapped[Meeting] = relationship(back_populates="participants")
    person: Mapped[Person | None] = relationship()
    position: Mapped[Position | None] = relationship(foreign_keys=[position_id])
    organisation: Mapped[Organisation | None] = relationship()
