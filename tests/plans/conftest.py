"""Fixtures the plan tests share."""

import pytest


@pytest.fixture
def pakistan(make):
    return make.partnership()
