import sqlalchemy as sa
from flask_babel import gettext

from app.common.errors import DomainError
from app.extensions import db
from app.models import Organisation, OrganisationKind
from app.organisations.details import OrganisationDetails


def _check_unique(organisation: Organisation | None, name: str, iso_code: str | None) -> None:
    others = sa.select(Organisation.id)
    if organisation is not None and organisation.id is not None:
        others = others.where(Organisation.id != organisation.id)
    # SQLite's lower() folds only ASCII letters, so the exact name is compared as well.
    same_name = sa.or_(Organisation.name == name, sa.func.lower(Organisation.name) == name.lower())
    if db.session.scalar(others.where(same_name)):
        raise DomainError("name", gettext("An organisation called %(name)s already exists – enter a different name",
                                          name=name))
    if iso_code and db.session.scalar(others.where(Organisation.iso_code == iso_code)):
        raise DomainError("iso_code", gettext("ISO 3166 code %(code)s is already used by another organisation",
                                              code=iso_code))


def save_organisation(organisation: Organisation | None, details: OrganisationDetails) -> Organisation:
    """Create an organisation (when ``organisation`` is None) or change one; flushes, never commits."""
    name, iso_code = details.name, details.iso_code
    kind = OrganisationKind(details.kind)
    if kind is OrganisationKind.COUNTRY and not iso_code:
        raise DomainError("iso_code", gettext("Enter the ISO 3166 code of the country"))
    _check_unique(organisation, name, iso_code)
    if organisation is None:
        organisation = Organisation()
        db.session.add(organisation)
    organisation.name = name
    organisation.short_name = details.short_name
    organisation.kind = kind
    organisation.iso_code = iso_code
    db.session.flush()
    return organisation
