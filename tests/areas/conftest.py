"""A plan with two pillars, the second (Economic) the one the area tests add to."""

import pytest


@pytest.fixture
def plan(make):
    return make.plan(make.partnership())


@pytest.fixture
def economic(make, plan):
    make.pillar(plan, "Political-Security", position=1)
    return make.pillar(plan, "Economic", position=2)
