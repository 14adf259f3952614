"""Every way follow-ups are recorded leaves their own status, due date and completion date in agreement with their
state history: the demo data, the synthetic data, and a follow-up edited and moved through its statuses."""

from datetime import date

import pytest

from app.extensions import db
from app.follow_ups import services
from app.follow_ups.details import FollowUpDetails
from app.follow_ups.history import disagreeing_follow_ups
from seed.loader import load_demo
from seed.synthetic import SCALES, load_synthetic


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(services, "today", lambda: date(2026, 12, 6))


def test_the_demo_data_agrees_with_its_history(app_context):
    load_demo()
    db.session.commit()
    assert disagreeing_follow_ups() == []


def test_the_synthetic_data_agrees_with_its_history(app_context):
    load_synthetic(SCALES["tiny"], seed=7, until=date(2026, 12, 6))
    db.session.commit()
    assert disagreeing_follow_ups() == []


def test_edits_and_changes_of_status_keep_the_history_in_agreement(app_context, make):
    pakistan = make.partnership()
    call = make.meeting(pakistan, held_on=date(2024, 3, 25))
    action = services.create_follow_up(pakistan, FollowUpDetails(title="Reply", meeting=call, partner_office="Mission",
                                                                 due_on=date(2024, 6, 30)))
    services.set_follow_up_status(action, "done", date(2024, 6, 1))
    services.set_follow_up_status(action, "awaiting_partner", date(2024, 8, 1))
    services.update_follow_up(action, FollowUpDetails(title="Reply", meeting=call, partner_office="Mission",
                                                       due_on=date(2027, 1, 31)))
    services.set_follow_up_status(action, "done")  # today, after the new due date took effect
    services.update_follow_up(action, FollowUpDetails(title="Reply", meeting=call, partner_office="Mission"))
    db.session.commit()
    assert disagreeing_follow_ups() == []
    # A contradiction is found: the due date changed behind the history's back.
    action.due_on = date(2027, 3, 31)
    db.session.commit()
    assert disagreeing_follow_ups() == [action.id]
