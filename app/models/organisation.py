import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import Model
from app.models.base import Archivable, Choice, Timestamped, Versioned, choice_column


class OrganisationKind(Choice):
    REGIONAL_ORGANISATION = "regional_organisation"
    COUNTRY = "country"
    INTERNATIONAL_ORGANISATION = "international_organisation"
    MINISTRY = "ministry"
    OTHER = "other"


class Organisation(Archivable, Timestamped, Versioned, Model):
    """ASEAN, its partners and the bodies people work for."""

    __tablename__ = "organisations"
    __table_args__ = (
        sa.CheckConstraint("kind <> 'country' OR iso_code IS NOT NULL", name="country_has_iso_code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)
    #: What the desk writes in tables and slugs: "ASEAN", "Pakistan", "UAE".
    short_name: Mapped[str] = mapped_column(sa.String(60))
    kind: Mapped[OrganisationKind] = mapped_column(choice_column(OrganisationKind, "organisation_kind"))
    #: ISO 3166-1 alpha-2 code, for countries.
    iso_code: Mapped[str | None] = mapped_column(sa.String(2), unique=True)

    def __str__(self) -> str:
        return self.short_name

    def __repr__(self) -> str:
        return f"<Organisation {self.short_name}>"
