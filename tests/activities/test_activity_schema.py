"""The rules about activities hold in the database itself: raw SQL that breaks one is refused, on SQLite and
PostgreSQL alike, the same statement with the rule met goes in, and the state history is only ever added to."""

from datetime import date

import pytest
import sqlalchemy as sa

from app.common.errors import DomainError
from app.extensions import db
from app.meetings.details import MeetingDetails
from app.meetings.services import update_meeting
from app.models import ActivityStateEntry, HistoryIsAppendOnly
from app.models.rules import ACTIVITY_BROKEN_ROWS, broken_rows
from tests.integrity.test_schema_rules import foreign_key

ACTIVITY = ("INSERT INTO activities (partnership_id, plan_id, meeting_id, kind, title, planned_starts_on, "
            "planned_ends_on, actual_starts_on, actual_ends_on, state, funding_source, amount, currency, participants, "
            "is_restricted, version) VALUES (:partnership, :plan, :meeting, 'workshop', 'Workshop', :planned_start, "
            ":planned_end, :actual_start, :actual_end, :state, 'partner', :amount, :currency, :participants, false, 1) "
            "RETURNING id")
LINE = "INSERT INTO activity_action_lines (activity_id, action_line_id) VALUES (:activity, :line)"


def run(statement: str, **values):
    """The statement's first value, if it returns any (the id of a row inserted)."""
    with db.engine.begin() as connection:
        result = connection.execute(sa.text(statement), values)
        return result.scalar() if result.returns_rows else None


def refused(statement: str, because: str, **values) -> None:
    with pytest.raises(sa.exc.IntegrityError) as error:
        run(statement, **values)
    assert because in str(error.value)


def check(name: str) -> str:
    return f"ck_activities_{name}" if db.engine.dialect.name == "postgresql" else name


@pytest.fixture
def values(desk) -> dict:
    return dict(partnership=desk.pakistan.id, plan=desk.plan.id, meeting=None, planned_start=None, planned_end=None,
                actual_start=None, actual_end=None, state="planned", amount=None, currency=None, participants=None)


def test_an_activity_s_plan_and_meeting_are_of_its_partnership(desk, values):
    refused(ACTIVITY, foreign_key("fk_activities_plan_of_partnership"), **{**values, "plan": desk.norway_plan.id})
    refused(ACTIVITY, foreign_key("fk_activities_meeting_of_partnership"), **{**values, "meeting": desk.norway_call.id})
    run(ACTIVITY, **{**values, "meeting": desk.call.id})
    activity = run(ACTIVITY, **values)
    refused("UPDATE activities SET partnership_id = :norway WHERE id = :id",
            foreign_key("fk_activities_plan_of_partnership"), norway=desk.norway.id, id=activity)
    # The plan and the meeting cannot move to another partnership under it.
    refused("UPDATE plans SET partnership_id = :norway WHERE id = :plan", "", norway=desk.norway.id,
            plan=desk.plan.id)
    refused("UPDATE meetings SET partnership_id = :norway WHERE id = :call", "", norway=desk.norway.id,
            call=desk.call.id)


@pytest.mark.parametrize("changes, rule", [
    ({"planned_end": "2025-05-13", "planned_start": "2025-05-14"}, "planned_end_after_start"),
    ({"planned_end": "2025-05-13"}, "planned_end_after_start"),
    ({"actual_start": "2025-05-14", "actual_end": "2025-05-13", "state": "completed"}, "actual_end_after_start"),
    ({"actual_end": "2025-05-13", "state": "completed"}, "actual_end_after_start"),
    ({"actual_start": "2025-05-14"}, "started_is_not_planned"),
    ({"actual_start": "2025-05-14", "actual_end": "2025-05-15", "state": "ongoing"},
     "ended_is_completed_or_cancelled"),
    ({"amount": -1, "currency": "USD"}, "amount_not_negative"),
    ({"amount": 25000}, "amount_has_currency"),
    ({"currency": "usd"}, "currency_is_a_code"),
    ({"currency": "US"}, "currency_is_a_code"),
    ({"participants": -1}, "participants_not_negative"),
    ({"state": "finished"}, "activity_state"),
])
def test_dates_amounts_and_states_that_make_no_sense_are_refused(values, changes, rule):
    refused(ACTIVITY, check(rule), **{**values, **changes})


def test_the_same_row_with_every_rule_met_goes_in(values):
    assert run(ACTIVITY, **{**values, "planned_start": "2025-05-14", "planned_end": "2025-05-14",
                            "actual_start": "2025-05-14", "actual_end": "2025-05-15", "state": "completed",
                            "amount": 120000.5, "currency": "USD", "participants": 180})


def test_an_activity_serves_action_lines_of_its_own_plan_only(desk, values):
    message = "An activity's action lines must all come from the activity's plan"
    activity = run(ACTIVITY, **values)
    refused(LINE, message, activity=activity, line=desk.earlier_line.id)
    refused(LINE, message, activity=activity, line=desk.norway_line.id)
    run(LINE, activity=activity, line=desk.forum.id)
    refused("UPDATE activity_action_lines SET action_line_id = :line", message, line=desk.earlier_line.id)
    refused("UPDATE activities SET plan_id = :plan WHERE id = :id", message, plan=desk.earlier_plan.id, id=activity)
    # The lines and areas it serves keep their plan.
    refused("UPDATE action_lines SET area_id = :area WHERE id = :line",
            "An action line that activities serve cannot move to an area of another plan",
            area=desk.earlier_line.area_id, line=desk.forum.id)
    refused("UPDATE cooperation_areas SET plan_id = :plan, pillar_id = :pillar WHERE id = :area",
            "A cooperation area whose action lines activities serve cannot move to another plan",
            plan=desk.earlier_plan.id, pillar=desk.earlier_line.area.pillar_id, area=desk.trade.id)
    assert broken_rows(db.session.connection(), ACTIVITY_BROKEN_ROWS) == []


def test_a_line_serving_an_activity_is_not_deleted(desk, make):
    make.activity(desk.pakistan, desk.plan, [desk.forum])
    refused("DELETE FROM action_lines WHERE id = :line", "", line=desk.forum.id)


def test_the_state_history_is_only_added_to(desk, make):
    forum = make.activity(desk.pakistan, desk.plan, [desk.forum], state="planned", state_on=date(2025, 1, 10))
    entry = db.session.scalar(sa.select(ActivityStateEntry.id))
    message = "An activity state entry cannot be edited or deleted"
    refused("UPDATE activity_state_entries SET state = 'cancelled' WHERE id = :id", message, id=entry)
    refused("DELETE FROM activity_state_entries WHERE id = :id", message, id=entry)
    assert run("SELECT state FROM activity_state_entries WHERE id = :id", id=entry) == "planned"
    # Nor can the activity be deleted with its history.
    refused("DELETE FROM activities WHERE id = :id", "", id=forum.id)

    record = db.session.get(ActivityStateEntry, entry)
    record.effective_on = date(2025, 1, 1)
    with pytest.raises(HistoryIsAppendOnly, match="record a new entry"):
        db.session.flush()
    db.session.rollback()


def test_a_meeting_with_activities_agreed_at_it_keeps_its_partnership(desk, make):
    make.activity(desk.pakistan, desk.plan, [desk.forum], meeting=desk.call)
    with pytest.raises(DomainError) as error:
        update_meeting(desk.call, MeetingDetails(type="courtesy_call", held_on=date(2024, 3, 25)),
                       partnership=desk.norway)
    assert (error.value.field, error.value.message) == (
        "partnership_id", "This meeting has 1 activity agreed for ASEAN–Pakistan – it cannot move to another "
                          "partnership")
