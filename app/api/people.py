"""People the desk meets, with the posts they held: titles live on posts, because people change jobs."""

from typing import Any

import marshmallow as ma
from sqlalchemy.orm import selectinload

from app.api.blueprint import bp, tag
from app.api.paging import PageArguments, keyset_page, page_schema
from app.api.references import OrganisationRefSchema
from app.api.schemas import ArchivedArguments, VersionedSchema, record_id
from app.api.versions import one_record
from app.models import Person, Position
from app.people.pages import people_query

PEOPLE = tag("People")


class PositionSchema(VersionedSchema):
    """A post at an organisation, from a date to a date (the end null while it is held; either null if unknown)."""

    # A post is never archived, only ended.
    class Meta:
        exclude = ("archived_at",)

    organisation = ma.fields.Nested(OrganisationRefSchema, required=True)
    title = ma.fields.String(required=True, metadata={"description": "Ambassador of Pakistan to ASEAN."})
    starts_on = ma.fields.Date(allow_none=True, required=True)
    ends_on = ma.fields.Date(allow_none=True, required=True)


class PersonSchema(VersionedSchema):
    honorific = ma.fields.String(allow_none=True, required=True, metadata={"description": "H.E., Dato', Dr."})
    full_name = ma.fields.String(required=True)
    display_name = ma.fields.String(required=True, metadata={"description": "As the pages name them: honorific "
                                                                           "and full name."})
    email = ma.fields.String(allow_none=True, required=True)
    notes = ma.fields.String(allow_none=True, required=True)
    positions = ma.fields.List(ma.fields.Nested(PositionSchema), required=True,
                               metadata={"description": "Their posts, latest start first (unknown starts last)."})


class PersonFilters(PageArguments, ArchivedArguments):
    organisation = record_id("Only people who have held a post at this organisation (its id).")
    q = ma.fields.String(validate=ma.validate.Length(max=100),
                         metadata={"description": "Words in the name or honorific."})


PersonPage = page_schema(PersonSchema, "PersonPage")


@bp.route("/people")
@bp.doc(**PEOPLE, summary="List people")
@bp.arguments(PersonFilters, location="query", as_kwargs=True)
@bp.response(200, PersonPage)
def people(**filters: Any) -> dict[str, Any]:
    query = people_query(term=filters.get("q"), organisation_id=filters.get("organisation"),
                         include_archived=filters["archived"])
    return keyset_page(query, Person.id, filters)


@bp.route("/people/<int:person_id>")
@bp.doc(**PEOPLE, summary="One person, with their posts")
@bp.response(200, PersonSchema)
def person(person_id: int) -> Person:
    return one_record(Person, person_id, selectinload(Person.positions).joinedload(Position.organisation))
