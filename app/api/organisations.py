"""Organisations: the two sides of every partnership, and those people work for."""

from typing import Any

import marshmallow as ma

from app.api.blueprint import bp, tag
from app.api.paging import PageArguments, keyset_page, page_schema
from app.api.schemas import ArchivedArguments, VersionedSchema, choice
from app.api.versions import one_record
from app.models import Organisation, OrganisationKind
from app.organisations.pages import organisation_list

ORGANISATIONS = tag("Organisations")


class OrganisationSchema(VersionedSchema):
    name = ma.fields.String(required=True)
    short_name = ma.fields.String(required=True)
    kind = choice(OrganisationKind, required=True)
    iso_code = ma.fields.String(allow_none=True, required=True,
                                metadata={"description": "ISO 3166-1 alpha-2 code of a country; null otherwise."})


class OrganisationFilters(PageArguments, ArchivedArguments):
    kind = choice(OrganisationKind, metadata={"description": "Only organisations of this kind."})
    q = ma.fields.String(validate=ma.validate.Length(max=100),
                         metadata={"description": "Words in the name or short name."})


OrganisationPage = page_schema(OrganisationSchema, "OrganisationPage")


@bp.route("/organisations")
@bp.doc(**ORGANISATIONS, summary="List organisations")
@bp.arguments(OrganisationFilters, location="query", as_kwargs=True)
@bp.response(200, OrganisationPage)
def organisations(**filters: Any) -> dict[str, Any]:
    kind = filters.get("kind")
    query = organisation_list(kind=kind.value if kind else None, term=filters.get("q"),
                              include_archived=filters["archived"])
    return keyset_page(query, Organisation.id, filters)


@bp.route("/organisations/<int:organisation_id>")
@bp.doc(**ORGANISATIONS, summary="One organisation")
@bp.response(200, OrganisationSchema)
def organisation(organisation_id: int) -> Organisation:
    return one_record(Organisation, organisation_id)
