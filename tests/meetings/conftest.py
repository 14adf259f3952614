"""Fixtures the meeting tests share: the Pakistan desk's people and officers, and ASEAN–Pakistan's two plans."""

from datetime import date

import pytest

from tests.meetings.scenes import Desk, pakistan_desk


@pytest.fixture
def desk(make) -> Desk:
    return pakistan_desk(make)


@pytest.fixture
def pakistan(make):
    """ASEAN–Pakistan with the 2019-2021 plan (extended to 2023) and the 2024-2028 plan, two areas each."""
    partnership = make.partnership()
    old = make.plan(partnership, label="2019-2021", starts_on=date(2019, 1, 1), ends_on=date(2023, 12, 31),
                    state="superseded")
    old_economic = make.pillar(old, "Economic")
    make.area(old, old_economic, code="2.1", name="Trade and investment")
    make.area(old, old_economic, code="2.2", name="Tourism")
    plan = make.plan(partnership, label="2024-2028")
    security = make.pillar(plan, "Political-Security", position=1)
    economic = make.pillar(plan, "Economic", position=2)
    socio = make.pillar(plan, "Socio-Cultural", position=3)
    make.area(plan, security, code="1.1", name="Counter-terrorism and transnational crime")
    make.area(plan, economic, code="2.1", name="Trade")
    make.area(plan, socio, code="3.4", name="Education and human resource development")
    return partnership
