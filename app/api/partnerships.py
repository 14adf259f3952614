"""Partnerships: each organisation's partnership with a partner, with its standing over time."""

from typing import Any

import marshmallow as ma
import sqlalchemy as sa
from sqlalchemy.orm import aliased, selectinload

from app.api.blueprint import bp, tag
from app.api.paging import PageArguments, keyset_page, page_schema
from app.api.references import OrganisationRefSchema, UserRefSchema
from app.api.schemas import ArchivedArguments, VersionedSchema, choice
from app.api.versions import one_record
from app.models import (
    Organisation,
    Partnership,
    PartnershipEvent,
    PartnershipEventKind,
    PartnershipLevel,
    PartnershipStatus,
)
from app.partnerships.listing import NO_STATUS

PARTNERSHIPS = tag("Partnerships")


class PartnershipEventSchema(ma.Schema):
    occurred_on = ma.fields.Date(required=True)
    kind = choice(PartnershipEventKind, required=True)
    status = choice(PartnershipStatus, required=True)
    level = choice(PartnershipLevel, allow_none=True, required=True)
    description = ma.fields.String(allow_none=True, required=True)


class PartnershipSchema(VersionedSchema):
    slug = ma.fields.String(required=True, metadata={"description": "The last part of its page's web address."})
    name = ma.fields.String(required=True, metadata={"description": "ASEAN–Pakistan"})
    organisation = ma.fields.Nested(OrganisationRefSchema, required=True)
    partner = ma.fields.Nested(OrganisationRefSchema, required=True)
    status = choice(PartnershipStatus, allow_none=True, required=True,
                    metadata={"description": "Its standing now: that of its latest event; null with none."})
    level = choice(PartnershipLevel, allow_none=True, required=True)
    notes = ma.fields.String(allow_none=True, required=True)
    desk_officer = ma.fields.Nested(UserRefSchema, allow_none=True, required=True,
                                    metadata={"description": "The officer who looks after it; null with none."})
    events = ma.fields.List(ma.fields.Nested(PartnershipEventSchema), required=True,
                            metadata={"description": "Its standing over time, oldest first."})


class PartnershipFilters(PageArguments, ArchivedArguments):
    status = ma.fields.String(
        validate=ma.validate.OneOf([*(s.value for s in PartnershipStatus), NO_STATUS]),
        metadata={"description": f"Only partnerships with this status now ({NO_STATUS}: none recorded)."})
    q = ma.fields.String(validate=ma.validate.Length(max=100),
                         metadata={"description": "Words in either side's name or the slug."})


PartnershipPage = page_schema(PartnershipSchema, "PartnershipPage")


def _status_now(partnership_id: Any) -> sa.ScalarSelect[Any]:
    return (sa.select(PartnershipEvent.status).where(PartnershipEvent.partnership_id == partnership_id)
            .order_by(PartnershipEvent.occurred_on.desc(), PartnershipEvent.id.desc()).limit(1).scalar_subquery())


def partnership_query(filters: dict[str, Any]) -> sa.Select[Partnership]:
    """The partnership list page's filters, on the records themselves."""
    query = sa.select(Partnership).options(
        selectinload(Partnership.organisation), selectinload(Partnership.partner), selectinload(Partnership.events),
        selectinload(Partnership.desk_officer))
    if status := filters.get("status"):
        now = _status_now(Partnership.id)
        query = query.where(now.is_(None) if status == NO_STATUS else now == status)
    if term := filters.get("q"):
        ours, theirs, pattern = aliased(Organisation), aliased(Organisation), f"%{term}%"
        query = (query.join(ours, Partnership.organisation_id == ours.id)
                 .join(theirs, Partnership.partner_id == theirs.id)
                 .where(sa.or_(Partnership.slug.ilike(pattern), ours.name.ilike(pattern),
                               ours.short_name.ilike(pattern), theirs.name.ilike(pattern),
                               theirs.short_name.ilike(pattern))))
    if not filters["archived"]:
        query = query.where(Partnership.archived_at.is_(None))
    return query


@bp.route("/partnerships")
@bp.doc(**PARTNERSHIPS, summary="List partnerships")
@bp.arguments(PartnershipFilters, location="query", as_kwargs=True)
@bp.response(200, PartnershipPage)
def partnerships(**filters: Any) -> dict[str, Any]:
    return keyset_page(partnership_query(filters), Partnership.id, filters)


@bp.route("/partnerships/<int:partnership_id>")
@bp.doc(**PARTNERSHIPS, summary="One partnership")
@bp.response(200, PartnershipSchema)
def partnership(partnership_id: int) -> Partnership:
    return one_record(Partnership, partnership_id)
