"""Fixtures the plan tests share."""

from datetime import date

import pytest


@pytest.fixture
def pakistan(make):
    return make.partnership()


@pytest.fixture
def batch(make):
    """Trade 2.1.1 (being addressed since 30 Sep 2024), 2.1.2, 2.1.3; Investment 2.2.1; plus an archived line
    and a line of an archived area, which the form leaves out."""
    from datetime import UTC, datetime

    author = make.user(name="Nur Aisyah", email="nur.aisyah@asean.example")
    plan = make.plan(make.partnership())
    economic = make.pillar(plan, "Economic")
    trade = make.area(plan, economic, code="2.1", name="Trade", position=1)
    investment = make.area(plan, economic, code="2.2", name="Investment", position=2)
    old = make.area(plan, economic, code="2.9", name="Old area", archived_at=datetime(2025, 1, 1, tzinfo=UTC))
    lines = {
        "2.1.1": make.action_line(trade, code="2.1.1", text="Customs cooperation"),
        "2.1.2": make.action_line(trade, code="2.1.2", text="Trade facilitation"),
        "2.1.3": make.action_line(trade, code="2.1.3", text="Rules of origin"),
        "2.2.1": make.action_line(investment, code="2.2.1", text="Investment promotion"),
    }
    make.action_line(trade, code="2.1.9", text="Dropped idea", archived_at=datetime(2025, 1, 1, tzinfo=UTC))
    make.action_line(old, code="2.9.1", text="Line of an old area")
    make.status_update(author, action_line=lines["2.1.1"], status="being_addressed", as_of=date(2024, 9, 30))
    plan.lines = lines
    return plan
