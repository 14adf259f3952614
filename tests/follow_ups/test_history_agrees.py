"""Every way follow-ups are recorded leaves their own status, due date and completion date in agreement with their
state history: the demo data, the synthetic data, and a follow-up edited and moved through its statuses."""

from datetime import date

import pytest

from app.extensions import db
from app.follow_ups import services
from app.follow_ups.chases import disagreeing_last_chases, record_chase
from app.follow_ups.details import FollowUpDetails
from app.follow_ups.history import disagreeing_follow_ups
from app.models import FollowUpAction, FollowUpChase
from seed.loader import load_demo
from seed.synthetic import SCALES, load_synthetic


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(services, "today", lambda: date(2026, 12, 6))


def test_the_demo_data_agrees_with_its_history(app_context):
    load_demo()
    db.session.commit()
    assert disagreeing_follow_ups() == []
    assert disagreeing_last_chases() == []
    # The demo shows a partner chased twice about the experts it owes, the later chase the last.
    experts = db.session.scalar(db.select(FollowUpAction).where(FollowUpAction.title.startswith("Nominate Pakistani")))
    chased = db.session.scalars(db.select(FollowUpChase.chased_on).where(FollowUpChase.follow_up_id == experts.id)
                                .order_by(FollowUpChase.chased_on)).all()
    assert [str(day) for day in chased] == ["2025-11-20", "2026-02-10"]
    assert str(experts.last_chased_on) == "2026-02-10"


def test_the_synthetic_data_agrees_with_its_history(app_context):
    load_synthetic(SCALES["tiny"], seed=7, until=date(2026, 12, 6))
    db.session.commit()
    assert disagreeing_follow_ups() == []
    assert disagreeing_last_chases() == []
    # Some partners were chased, only about what they owe and still to do, never after the last day.
    chased = db.session.execute(db.select(FollowUpAction.owner_user_id, FollowUpAction.status, FollowUpChase.chased_on)
                                .join(FollowUpChase, FollowUpChase.follow_up_id == FollowUpAction.id)).all()
    assert chased and all(owner is None and not status.is_closed and day <= date(2026, 12, 6)
                          for owner, status, day in chased)


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


def test_a_last_chase_that_contradicts_the_chases_is_found(app_context, make):
    pakistan = make.partnership()
    never, chased = (make.follow_up(pakistan, title=title, opened_on=date(2024, 1, 10)) for title in ("A", "B"))
    record_chase(chased, date(2024, 5, 1), "email")
    db.session.commit()
    assert disagreeing_last_chases() == []
    never.last_chased_on = date(2024, 5, 1)  # set with no chase behind it
    db.session.commit()
    assert disagreeing_last_chases() == [never.id]


def test_each_follow_up_keeps_the_day_its_current_state_began(app_context, make):
    """The day reports use to tell the follow-ups whose state changed since a day from the others: the latest day
    in its history, not the day of the last change recorded, and a contradiction of it is found."""
    pakistan = make.partnership()
    call = make.meeting(pakistan, held_on=date(2024, 3, 25))
    action = services.create_follow_up(pakistan, FollowUpDetails(title="Reply", meeting=call, partner_office="Mission",
                                                                 due_on=date(2024, 6, 30)))
    assert action.state_changed_on == date(2024, 3, 25)  # opened on the meeting's day
    services.set_follow_up_status(action, "done", date(2024, 6, 1))
    assert action.state_changed_on == date(2024, 6, 1)
    # The meeting moved a week earlier: the follow-up was opened then, an entry dated before the others.
    make_earlier = FollowUpDetails(title="Reply", meeting=make.meeting(pakistan, held_on=date(2024, 3, 18)),
                                   partner_office="Mission", due_on=date(2024, 6, 30))
    services.update_follow_up(action, make_earlier)
    db.session.commit()
    assert action.state_changed_on == date(2024, 6, 1)
    assert disagreeing_follow_ups() == []
    action.state_changed_on = date(2024, 5, 1)
    db.session.commit()
    assert disagreeing_follow_ups() == [action.id]
