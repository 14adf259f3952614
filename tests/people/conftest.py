"""Fixtures the people tests share: the two Pakistani organisations people hold posts at."""

import pytest


@pytest.fixture
def pakistan_mofa(make):
    return make.organisation(name="Ministry of Foreign Affairs of Pakistan", short_name="MoFA Pakistan",
                             kind="ministry", iso_code=None)


@pytest.fixture
def mission(make):
    return make.organisation(name="Mission of Pakistan to ASEAN", short_name="Pakistan Mission",
                             kind="other", iso_code=None)
