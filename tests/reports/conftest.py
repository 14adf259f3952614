"""A small, fixed history of ASEAN–Pakistan that report tests work out by hand.

The working is in test_period_figures.py's docstring.
"""

from datetime import date, datetime

import pytest

from app.extensions import db
from app.models import Plan
from tests import factories
from tests.conftest import copy_of_the_tables, made_once, put_back


@pytest.fixture
def run(app):
    """``run("period", "--year", "2025", ...)`` runs `flask report ...` and returns click's result."""
    runner = app.test_cli_runner()

    def invoke(*args):
        return runner.invoke(args=["report", *args])

    return invoke


@pytest.fixture(scope="session")
def history_copy(app) -> tuple[int, dict]:
    """The id of the history's plan and a copy of its rows, made once a run by ``build_history``."""
    with made_once(app):
        plan = build_history(factories)
        return plan.id, copy_of_the_tables()


@pytest.fixture
def history(app_context, history_copy):
    """The history below, committed: written from ``history_copy`` as ``build_history`` made it. Name it before any
    fixture that makes rows (a signed-in visitor): the copy brings its own keys."""
    plan_id, rows = history_copy
    put_back(rows)
    return db.session.get(Plan, plan_id)


def build_history(make):
    """The history below, committed; returns its plan."""
    author = make.user(name="Aisyah Rahman")
    pakistan = make.partnership()
    plan = make.plan(pakistan)
    economic = make.pillar(plan, "Economic", 1)
    social = make.pillar(plan, "Socio-Cultural", 2)
    trade = make.area(plan, economic, "2.1", "Trade")
    investment = make.area(plan, economic, "2.2", "Investment")
    education = make.area(plan, social, "3.1", "Education")
    l1, l2, l3 = (make.action_line(trade, f"2.1.{n}") for n in (1, 2, 3))
    l4 = make.action_line(investment, "2.2.1")
    l5, l6 = (make.action_line(education, f"3.1.{n}") for n in (1, 2))

    def line(subject, as_of, status):
        make.status_update(author, action_line=subject, status=status, as_of=as_of, note=f"{subject.code} {status}")

    line(l1, date(2024, 6, 30), "being_addressed")
    line(l1, date(2025, 3, 31), "addressed")
    line(l2, date(2025, 5, 1), "being_addressed")
    line(l2, date(2025, 4, 1), "not_yet_addressed")  # backdated, entered last
    line(l4, date(2024, 11, 15), "addressed")
    line(l5, date(2024, 2, 1), "being_addressed")
    line(l5, date(2025, 8, 1), "discontinued")
    line(l6, date(2025, 12, 31), "addressed")
    trade_history = ((date(2024, 5, 1), "on_track"), (date(2025, 9, 30), "at_risk"), (date(2026, 3, 1), "completed"))
    for as_of, status in trade_history:
        make.status_update(author, area=trade, status=status, as_of=as_of, note=f"Trade {status}")

    make.meeting(pakistan, held_on=date(2024, 3, 25))
    call = make.meeting(pakistan, held_on=date(2025, 3, 25), areas=[trade, investment])
    jscc = make.meeting(pakistan, type="jscc", number=8, held_on=date(2025, 10, 1), areas=[trade])
    make.meeting(pakistan, held_on=date(2025, 6, 1), archived_at=datetime(2025, 6, 2))
    make.meeting(pakistan, type="jscc", number=6, held_on=None)

    def follow_up(title, opened_on, due_on, completed_on=None, **extra):
        make.follow_up(pakistan, title=title, opened_on=opened_on, due_on=due_on, completed_on=completed_on,
                       status="done" if completed_on else "open", **extra)

    follow_up("F1", date(2024, 3, 25), date(2024, 6, 30), date(2024, 6, 1))
    follow_up("F2", date(2024, 10, 1), date(2025, 2, 28), date(2025, 2, 20))
    follow_up("F3", date(2025, 3, 25), date(2025, 6, 30), meeting=call, area=trade)
    follow_up("F4", date(2025, 10, 1), date(2026, 1, 31), meeting=jscc)
    follow_up("F5", date(2025, 4, 1), date(2025, 11, 30), date(2026, 1, 15))
    follow_up("F6", date(2026, 2, 1), None)
    return plan
