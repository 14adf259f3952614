"""What the organisation list reads; nothing here changes a record."""

import sqlalchemy as sa

from app.models import Organisation, OrganisationKind

#: The organisation list's order: by name.
ORGANISATIONS_ORDER = (Organisation.name.asc(), Organisation.id.asc())


def organisation_list(*, kind: str | None, term: str | None, include_archived: bool) -> sa.Select[Organisation]:
    """The organisation list's query for the kind and words searched for, unordered."""
    query = sa.select(Organisation)
    if kind in {k.value for k in OrganisationKind}:
        query = query.where(Organisation.kind == kind)
    if term:
        pattern = f"%{term}%"
        query = query.where(sa.or_(Organisation.name.ilike(pattern), Organisation.short_name.ilike(pattern)))
    if not include_archived:
        query = query.where(Organisation.archived_at.is_(None))
    return query
