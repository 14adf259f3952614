"""The partnership list: one statement of plain columns per page, with each partnership's standing and plans."""

from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from app.common.lists import AnyRows, Page, paginate_rows
from app.models import Organisation, Partnership, PartnershipEvent, Plan

#: The status filter's value for partnerships with no event recorded.
NO_STATUS = "none"

STATUS = sa.bindparam("status", type_=sa.String())
PATTERN = sa.bindparam("pattern", type_=sa.String())


def current_partnership_statuses() -> sa.Subquery:
    """Each partnership's status and level now: those of its latest event (by date, then by entry order).

    Ranked in one pass over the events; a subquery per partnership instead ran once for every partnership (and
    PostgreSQL ran it twice).
    """
    newest_first = sa.func.row_number().over(
        partition_by=PartnershipEvent.partnership_id,
        order_by=(PartnershipEvent.occurred_on.desc(), PartnershipEvent.id.desc()),
    )
    ranked = sa.select(PartnershipEvent.partnership_id, PartnershipEvent.status, PartnershipEvent.level,
                       newest_first.label("rank")).subquery()
    return (sa.select(ranked.c.partnership_id, ranked.c.status, ranked.c.level)
            .where(ranked.c.rank == 1).subquery("current_status"))


def partnership_list(*, status: str | None = None, term: str | None = None,
                     archived: bool = False) -> Page[sa.Row[*tuple[Any, ...]]]:
    """The requested page of partnerships by name, narrowed by current status (``NO_STATUS``: none recorded), by
    words in either side's name or the slug, and to those in use unless ``archived``."""
    by_status = "none" if status == NO_STATUS else "one" if status else "any"
    statement, order = _list_statement(by_status, bool(term), archived)
    return paginate_rows(statement, order, {"status": status, "pattern": f"%{term}%" if term else None})


@cache
def _list_statement(by_status: str, with_term: bool,
                    archived: bool) -> tuple[AnyRows, tuple[sa.ColumnElement[Any], ...]]:
    # Built once per kind of filter, with named parameters for the filter's values: composing it on every visit
    # cost more than running it.
    organisation = aliased(Organisation, name="organisation")
    partner = aliased(Organisation, name="partner")
    current = current_partnership_statuses()
    plans = (sa.select(sa.func.count(Plan.id))
             .where(Plan.partnership_id == Partnership.id, Plan.archived_at.is_(None)).scalar_subquery())
    query = (
        sa.select(Partnership.id, Partnership.slug, Partnership.archived_at,
                  organisation.short_name.label("ours"), partner.short_name.label("partner"),
                  partner.kind.label("partner_kind"), current.c.status, current.c.level, plans.label("plans"))
        .join(organisation, Partnership.organisation_id == organisation.id)
        .join(partner, Partnership.partner_id == partner.id)
        .outerjoin(current, current.c.partnership_id == Partnership.id)
    )
    if by_status == "none":
        query = query.where(current.c.status.is_(None))
    elif by_status == "one":
        query = query.where(current.c.status == STATUS)
    if with_term:
        query = query.where(sa.or_(
            Partnership.slug.ilike(PATTERN), partner.name.ilike(PATTERN), partner.short_name.ilike(PATTERN),
            organisation.name.ilike(PATTERN), organisation.short_name.ilike(PATTERN),
        ))
    if not archived:
        query = query.where(Partnership.archived_at.is_(None))
    return query, (organisation.short_name.asc(), partner.short_name.asc(), Partnership.id.asc())
