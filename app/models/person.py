from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import Model
from app.models.base import Archivable, Timestamped, Versioned
from app.models.organisation import Organisation
from app.people.names import name_key


class Person(Archivable, Timestamped, Versioned, Model):
    """Someone the desk meets. Titles live on positions, because people change posts."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Honorific as written in official reporting: "Dato'", "H.E.", "Dr".
    honorific: Mapped[str | None] = mapped_column(sa.String(40))
    full_name: Mapped[str] = mapped_column(sa.String(200), index=True)
    #: The name as compared, honorifics, accents and case aside (``app.people.names.name_key``): kept with every save,
    #: so that a form finds the people already recorded under a name typed for someone new by an index.
    name_key: Mapped[str] = mapped_column(sa.Text, index=True)
    email: Mapped[str | None] = mapped_column(sa.String(254))
    notes: Mapped[str | None] = mapped_column(sa.Text)

    positions: Mapped[list[Position]] = relationship(
        back_populates="person", order_by="Position.starts_on.desc().nulls_last()"
    )

    @property
    def display_name(self) -> str:
        return person_name(self.honorific, self.full_name)

    def position_on(self, day: date) -> Position | None:
        """The post held on ``day``; the most recently started one if posts overlap."""
        held = [p for p in self.positions if p.is_held_on(day)]
        return max(held, key=lambda p: p.starts_on or date.min, default=None)

    def __str__(self) -> str:
        return self.display_name


@sa.event.listens_for(Person, "before_insert")
@sa.event.listens_for(Person, "before_update")
def _keep_name_key(_mapper: sa.orm.Mapper[Person], _connection: sa.Connection, person: Person) -> None:
    person.name_key = name_key(person.full_name, person.honorific)


def person_name(honorific: str | None, full_name: str) -> str:
    """"H.E. Ms Jane Doe": apart from the model, for reports that read plain columns."""
    return f"{honorific} {full_name}" if honorific else full_name


class Position(Timestamped, Versioned, Model):
    """A post at an organisation, held by a person from a date to a date (open-ended while current)."""

    __tablename__ = "positions"
    __table_args__ = (
        sa.CheckConstraint("ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on", name="ends_after_start"),
        # What a meeting participant's composite foreign key points at: a post, of the participant.
        sa.Index("uq_positions_id_person_id", "id", "person_id", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(sa.ForeignKey("people.id", ondelete="RESTRICT"), index=True)
    organisation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="RESTRICT"), index=True
    )
    title: Mapped[str] = mapped_column(sa.String(300))
    #: NULL when the start is not known (common for a partner's earlier posts).
    starts_on: Mapped[date | None] = mapped_column(sa.Date, index=True)
    ends_on: Mapped[date | None] = mapped_column(sa.Date, index=True)

    person: Mapped[Person] = relationship(back_populates="positions")
    organisation: Mapped[Organisation] = relationship()

    def is_held_on(self, day: date) -> bool:
        return (self.starts_on is None or self.starts_on <= day) and (self.ends_on is None or day <= self.ends_on)

    def __str__(self) -> str:
        return self.title
