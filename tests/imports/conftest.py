"""Fixtures the import tests share: a plan to import a structure into."""

import pytest


@pytest.fixture
def plan(make):
    return make.plan(make.partnership())
