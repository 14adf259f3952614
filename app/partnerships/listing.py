"""The partnership list: one statement of plain columns per page, with each partnership's standing and plans."""

from functools import cache
from typing import Any, TypeVar

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import InstrumentedAttribute, aliased

from app.common.lists import AnyRows, Page, list_count, requested_page
from app.extensions import db
from app.models import Organisation, Partnership, PartnershipEvent, Plan

T = TypeVar("T")

#: The status filter's value for partnerships with no event recorded.
NO_STATUS = "none"

STATUS = sa.bindparam("status", type_=sa.String())
PATTERN = sa.bindparam("pattern", type_=sa.String())


def _latest_event(column: InstrumentedAttribute[T],
                  partnership_id: sa.SQLColumnExpression[int] = Partnership.id) -> sa.ScalarSelect[T]:
    """``column`` of the partnership's latest event (by date, then by entry order): its status or level now."""
    return (sa.select(column).where(PartnershipEvent.partnership_id == partnership_id)
            .order_by(PartnershipEvent.occurred_on.desc(), PartnershipEvent.id.desc()).limit(1).scalar_subquery())


def partnership_list(*, status: str | None = None, term: str | None = None,
                     archived: bool = False) -> Page[sa.Row[*tuple[Any, ...]]]:
    """The requested page of partnerships by name, narrowed by current status (``NO_STATUS``: none recorded), by
    words in either side's name or the slug, and to those in use unless ``archived``."""
    by_status = "none" if status == NO_STATUS else "one" if status else "any"
    matching, page_of = _list_statements(by_status, bool(term), archived)
    values: dict[str, object] = {"status": status, "pattern": f"%{term}%" if term else None}
    total = list_count(matching, values)
    page, per_page = requested_page(), current_app.config["PER_PAGE"]
    rows = db.session.execute(page_of, {**values, "per_page": per_page, "skipped": (page - 1) * per_page}).all()
    return Page(rows, total, page, per_page)


@cache
def _list_statements(by_status: str, with_term: bool, archived: bool) -> tuple[AnyRows, AnyRows]:
    """The partnerships that match, and the statement of a page of them with what the list shows of each.

    The page is picked first, by name, and only its partnerships' standing and plans are looked up: the list
    reads a page's worth of events and plans, not every partnership's. Built once per kind of filter, with named
    parameters for the filter's values: composing it on every visit cost more than running it.
    """
    organisation = aliased(Organisation, name="organisation")
    partner = aliased(Organisation, name="partner")
    matching = (
        sa.select(Partnership.id, Partnership.slug, Partnership.archived_at,
                  organisation.short_name.label("ours"), partner.short_name.label("partner"),
                  partner.kind.label("partner_kind"))
        .join(organisation, Partnership.organisation_id == organisation.id)
        .join(partner, Partnership.partner_id == partner.id)
    )
    if by_status == "none":
        matching = matching.where(_latest_event(PartnershipEvent.status).is_(None))
    elif by_status == "one":
        matching = matching.where(_latest_event(PartnershipEvent.status) == STATUS)
    if with_term:
        matching = matching.where(sa.or_(
            Partnership.slug.ilike(PATTERN), partner.name.ilike(PATTERN), partner.short_name.ilike(PATTERN),
            organisation.name.ilike(PATTERN), organisation.short_name.ilike(PATTERN),
        ))
    if not archived:
        matching = matching.where(Partnership.archived_at.is_(None))
    page = (matching.order_by(organisation.short_name, partner.short_name, Partnership.id)
            .limit(sa.bindparam("per_page", type_=sa.Integer()))
            .offset(sa.bindparam("skipped", type_=sa.Integer())).subquery("page"))
    plans = (sa.select(sa.func.count(Plan.id))
             .where(Plan.partnership_id == page.c.id, Plan.archived_at.is_(None)).scalar_subquery())
    page_of = (
        sa.select(page, _latest_event(PartnershipEvent.status, page.c.id).label("status"),
                  _latest_event(PartnershipEvent.level, page.c.id).label("level"), plans.label("plans"))
        .order_by(page.c.ours, page.c.partner, page.c.id)
    )
    return matching, page_of
