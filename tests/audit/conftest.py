"""Fixtures the audit tests share: ASEAN–Pakistan with a plan, a pillar and an area, made through the services."""

from datetime import date

import pytest

from app.areas.details import AreaDetails
from app.areas.services import add_area
from app.extensions import db
from app.partnerships.details import PartnershipDetails
from app.partnerships.services import create_partnership
from app.plans.details import PlanDetails
from app.plans.services import add_pillar, create_plan
from tests.audit.helpers import PAKISTAN, PLAN


@pytest.fixture
def sides(make):
    asean = make.asean()
    pakistan = make.organisation(name=PAKISTAN, short_name="Pakistan", iso_code="PK")
    return asean, pakistan


@pytest.fixture
def desk(make, sides):
    """ASEAN–Pakistan with its 2024-2028 plan, an Economic pillar and Trade, made through the services."""
    asean, pakistan = sides
    partnership = create_partnership(PartnershipDetails(organisation=asean, partner=pakistan, slug="asean-pakistan"))
    plan = create_plan(partnership, PlanDetails(kind="practical_cooperation_areas", title=PLAN, label="2024-2028",
                                                   starts_on=date(2024, 1, 1), ends_on=date(2028, 12, 31),
                                                   state="in_force"))
    economic = add_pillar(plan, name="Economic")
    trade = add_area(plan, AreaDetails(pillar=economic, code="2.1", name="Trade"))
    db.session.commit()
    return partnership, plan, economic, trade
