from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import Model
from app.models.base import Archivable, Choice, Timestamped, Versioned, choice_column
from app.models.organisation import Organisation
from app.models.user import User


class PartnershipStatus(Choice):
    DIALOGUE_PARTNER = "dialogue_partner"
    SECTORAL_DIALOGUE_PARTNER = "sectoral_dialogue_partner"
    DEVELOPMENT_PARTNER = "development_partner"
    SPECIAL_OBSERVER = "special_observer"
    GUEST = "guest"


class PartnershipLevel(Choice):
    """Only full dialogue partners have a level."""

    DIALOGUE_PARTNERSHIP = "dialogue_partnership"
    STRATEGIC_PARTNERSHIP = "strategic_partnership"
    COMPREHENSIVE_STRATEGIC_PARTNERSHIP = "comprehensive_strategic_partnership"


class PartnershipEventKind(Choice):
    CONFERRED = "conferred"
    UPGRADED = "upgraded"
    UNDER_CONSIDERATION = "under_consideration"
    SUSPENDED = "suspended"
    RESUMED = "resumed"
    DOWNGRADED = "downgraded"


class Partnership(Archivable, Timestamped, Versioned, Model):
    """An organisation's partnership with a partner, e.g. ASEAN–Pakistan."""

    __tablename__ = "partnerships"
    __table_args__ = (
        sa.UniqueConstraint("organisation_id", "partner_id"),
        sa.CheckConstraint("organisation_id <> partner_id", name="distinct_sides"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="RESTRICT"), index=True
    )
    partner_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="RESTRICT"), index=True)
    #: Readable identifier used in URLs and commands: "asean-pakistan".
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    notes: Mapped[str | None] = mapped_column(sa.Text)
    #: The officer who looks after the partnership: its meetings, quiet areas and chases are on their "My work".
    desk_officer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="RESTRICT"), index=True)

    organisation: Mapped[Organisation] = relationship(foreign_keys=[organisation_id])
    desk_officer: Mapped[User | None] = relationship()
    partner: Mapped[Organisation] = relationship(foreign_keys=[partner_id])
    events: Mapped[list[PartnershipEvent]] = relationship(
        back_populates="partnership",
        order_by="(PartnershipEvent.occurred_on, PartnershipEvent.id)",
    )

    @property
    def name(self) -> str:
        return partnership_name(self.organisation.short_name, self.partner.short_name)

    @property
    def current_event(self) -> PartnershipEvent | None:
        """The latest event by date: it carries the current status and level."""
        return self.events[-1] if self.events else None

    @property
    def status(self) -> PartnershipStatus | None:
        return self.current_event.status if self.current_event else None

    @property
    def level(self) -> PartnershipLevel | None:
        return self.current_event.level if self.current_event else None

    def __str__(self) -> str:
        return self.name


class PartnershipEvent(Timestamped, Model):
    """A dated change in a partnership's standing; the status and level are those in force after it."""

    __tablename__ = "partnership_events"
    __table_args__ = (
        sa.CheckConstraint(
            "level IS NULL OR status = 'dialogue_partner'", name="level_needs_dialogue_partner"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(
        sa.ForeignKey("partnerships.id", ondelete="CASCADE"), index=True
    )
    occurred_on: Mapped[date] = mapped_column(sa.Date, index=True)
    kind: Mapped[PartnershipEventKind] = mapped_column(choice_column(PartnershipEventKind, "event_kind"))
    status: Mapped[PartnershipStatus] = mapped_column(choice_column(PartnershipStatus, "partnership_status"))
    level: Mapped[PartnershipLevel | None] = mapped_column(choice_column(PartnershipLevel, "partnership_level"))
    #: Where the decision was taken or reported: "26th ASEAN Ministerial Meeting".
    description: Mapped[str | None] = mapped_column(sa.Text)

    partnership: Mapped[Partnership] = relationship(back_populates="events")



class FormerSlug(Model):
    """A slug a partnership had before it was changed: links, bookmarks and forms opened before the change still
    reach the partnership (answered with a redirect to its slug now)."""

    __tablename__ = "partnership_former_slugs"

    slug: Mapped[str] = mapped_column(sa.String(80), primary_key=True)
    partnership_id: Mapped[int] = mapped_column(sa.ForeignKey("partnerships.id", ondelete="RESTRICT"), index=True)

def partnership_name(ours: str, partner: str) -> str:
    """"ASEAN–Pakistan": apart from the model, for pages and reports that read plain columns."""
    return f"{ours}–{partner}"
