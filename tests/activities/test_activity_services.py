"""Recording an activity and changing its state, through the services: the values are the ones a desk officer would
type, and every refusal names the field it belongs beside and leaves nothing behind."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from app.activities import services
from app.activities.details import ActivityDetails
from app.activities.history import state_history
from app.activities.services import create_activity, set_activity_state, update_activity
from app.common.errors import DomainError
from app.extensions import db
from app.models import Activity, ActivityState, ActivityStateEntry


def details(desk, **changes) -> ActivityDetails:
    values = dict(kind="dialogue", title="ASEAN-Pakistan Business Forum", plan=desk.plan, action_lines=(desk.forum,),
                  funding_source="partner")
    return ActivityDetails(**{**values, **changes})


def refusal(call) -> tuple[str | None, str]:
    with pytest.raises(DomainError) as error:
        call()
    db.session.rollback()
    return error.value.field, error.value.message


def test_a_completed_forum_is_recorded_with_its_dates_funding_and_first_state(desk):
    forum = create_activity(desk.pakistan, details(
        desk, action_lines=(desk.forum, desk.study, desk.forum), planned_starts_on=date(2025, 5, 14),
        actual_starts_on=date(2025, 5, 14), actual_ends_on=date(2025, 5, 15), funded_by="Government of Pakistan",
        amount=Decimal("120000.50"), currency="usd", implementing_organisation=desk.government,
        co_implementers=(desk.asean, desk.asean), participants=180, meeting=desk.call, notes="  Held in Jakarta.  ",
    ), state="completed")
    db.session.commit()
    db.session.expire_all()

    saved = db.session.get(Activity, forum.id)
    assert (saved.partnership, saved.plan, saved.meeting) == (desk.pakistan, desk.plan, desk.call)
    # Each line once, in the plan's order; the co-implementer once.
    assert [line.code for line in saved.action_lines] == ["2.1.1", "2.1.2"]
    assert [org.name for org in saved.co_implementers] == ["Association of Southeast Asian Nations"]
    assert (saved.amount, saved.currency, saved.participants, saved.notes) == (
        Decimal("120000.50"), "USD", 180, "Held in Jakarta.")
    # No date given for the state: a completed activity is completed on its actual end date.
    assert [(entry.state, entry.effective_on) for entry in state_history(saved)] == [
        (ActivityState.COMPLETED, date(2025, 5, 15))]
    assert saved.state is ActivityState.COMPLETED and saved.is_restricted is False


def test_starting_fills_in_the_actual_start_and_completing_the_actual_end(desk):
    course = create_activity(desk.pakistan, details(desk, kind="training_course", title="Course for diplomats",
                                                    action_lines=(desk.diplomats,), planned_starts_on=date(2025, 2, 3)),
                             state="planned", state_on=date(2024, 11, 20))
    set_activity_state(course, "ongoing", date(2025, 2, 3), "First week in Islamabad")
    assert course.actual_starts_on == date(2025, 2, 3)
    set_activity_state(course, ActivityState.COMPLETED, date(2025, 2, 14))
    db.session.commit()

    assert (course.actual_starts_on, course.actual_ends_on, course.state) == (
        date(2025, 2, 3), date(2025, 2, 14), ActivityState.COMPLETED)
    assert [(entry.state.value, entry.effective_on, entry.note) for entry in state_history(course)] == [
        ("completed", date(2025, 2, 14), None),
        ("ongoing", date(2025, 2, 3), "First week in Islamabad"),
        ("planned", date(2024, 11, 20), None),
    ]


@pytest.mark.parametrize("changes, field, message", [
    ({"kind": None}, "kind", "Select the kind of activity"),
    ({"kind": "conference"}, "kind", "Select the kind of activity"),
    ({"title": "  "}, "title", "Enter the title of the activity"),
    ({"title": "x" * 301}, "title", "Title must be 300 characters or less"),
    ({"plan": None}, "plan_id", "Select the plan the activity comes under"),
    ({"action_lines": ()}, "action_line_ids", "Select the action lines the activity serves"),
    ({"planned_ends_on": date(2025, 5, 1)}, "planned_ends_on",
     "Enter the planned start date too, or leave the planned end date blank"),
    ({"planned_starts_on": date(2025, 5, 14), "planned_ends_on": date(2025, 5, 13)}, "planned_ends_on",
     "Planned end date must be the same as or after 14 May 2025, the planned start date"),
    ({"funding_source": None}, "funding_source", "Select who funds the activity, or Not known yet"),
    ({"amount": Decimal("-1")}, "amount", "Amount must be 0 or more"),
    ({"amount": Decimal("10.005"), "currency": "USD"}, "amount", "Amount must have no more than 2 decimal places"),
    ({"amount": Decimal("10000000000000"), "currency": "USD"}, "amount",
     "Amount must be less than 10,000,000,000,000"),
    ({"amount": Decimal("25000")}, "currency", "Enter the currency of the amount, for example USD"),
    ({"currency": "DOL"}, "currency", "Currency must be a 3-letter ISO 4217 code, for example USD or PKR"),
    ({"participants": -3}, "participants", "Number of participants must be between 0 and 1,000,000"),
])
def test_bad_details_are_refused_beside_their_field_and_nothing_is_saved(desk, changes, field, message):
    assert refusal(lambda: create_activity(desk.pakistan, details(desk, **changes), state="planned")) == (
        field, message)
    assert db.session.scalar(sa.select(sa.func.count(Activity.id))) == 0


def test_lines_meeting_and_plan_must_be_of_the_activity_s_partnership_and_plan(desk):
    assert refusal(lambda: create_activity(desk.pakistan, details(desk, action_lines=(desk.forum, desk.earlier_line)),
                                           state="planned")) == (
        "action_line_ids", "Action line 3.2.1 is not part of Practical Cooperation Areas (2024-2028) – select action "
                           "lines of one plan")
    assert refusal(lambda: create_activity(desk.pakistan, details(desk, meeting=desk.norway_call), state="planned"))[
        0] == "meeting_id"
    assert refusal(lambda: create_activity(desk.norway, details(desk), state="planned")) == (
        "plan_id", "Practical Cooperation Areas (2024-2028) is not a plan of ASEAN–Norway – select one of its plans")


def test_the_implementer_is_not_also_a_co_implementer(desk):
    assert refusal(lambda: create_activity(desk.pakistan, details(
        desk, implementing_organisation=desk.government, co_implementers=(desk.asean, desk.government)),
        state="planned")) == (
        "co_implementer_ids", "Government of Pakistan is the implementing organisation – leave it out of the "
                              "co-implementing organisations")


def test_actual_dates_are_not_in_the_future_and_fit_the_state(desk):
    tomorrow = date.today() + timedelta(days=1)
    assert refusal(lambda: create_activity(desk.pakistan, details(desk, actual_starts_on=tomorrow),
                                           state="ongoing")) == (
        "actual_starts_on", "Actual start date must be today or in the past")
    assert refusal(lambda: create_activity(desk.pakistan, details(desk, actual_starts_on=date(2025, 5, 14)),
                                           state="planned")) == (
        "actual_starts_on", "Leave the actual start date blank while the activity is planned")
    assert refusal(lambda: create_activity(desk.pakistan, details(
        desk, actual_starts_on=date(2025, 5, 14), actual_ends_on=date(2025, 5, 15)), state="ongoing")) == (
        "actual_ends_on", "Leave the actual end date blank until the activity is completed or cancelled")
    assert refusal(lambda: create_activity(desk.pakistan, details(desk), state="planned", state_on=tomorrow)) == (
        "state_on", "Date of the state must be today or in the past")


def test_a_state_change_is_dated_in_order_and_makes_sense(desk, monkeypatch):
    monkeypatch.setattr(services, "today", lambda: date(2025, 6, 30))
    forum = create_activity(desk.pakistan, details(desk, planned_starts_on=date(2025, 5, 14)), state="planned",
                            state_on=date(2025, 1, 10))
    db.session.commit()

    def change(state, day):
        return refusal(lambda: set_activity_state(db.session.get(Activity, forum.id), state, day))

    assert change("ongoing", date(2025, 7, 1)) == ("changed_on", "Date of the change must be today or in the past")
    assert change("ongoing", date(2025, 1, 9)) == (
        "changed_on", "Date of the change must be the same as or after 10 January 2025, the date of its last "
                      "recorded change")
    assert change("planned", date(2025, 2, 1)) == ("state", "The activity is already planned – select another state")
    assert change(None, date(2025, 2, 1)) == ("state", "Select the new state of the activity")
    assert change("ongoing", None) == ("changed_on", "Enter the date of the change")

    set_activity_state(db.session.get(Activity, forum.id), "ongoing", date(2025, 5, 14))
    db.session.commit()
    assert change("planned", date(2025, 5, 20)) == (
        "state", "The activity started on 14 May 2025 – clear its actual start date first if it has not started")
    assert change("completed", date(2025, 5, 13)) == (
        "changed_on", "Date of the change must be the same as or after 14 May 2025, the date of its last recorded "
                      "change")
    set_activity_state(db.session.get(Activity, forum.id), "completed", date(2025, 5, 15))
    db.session.commit()
    assert change("postponed", date(2025, 6, 1)) == (
        "state", "The activity ended on 15 May 2025 – clear its actual end date first if it has not ended")
    assert db.session.scalar(sa.select(sa.func.count(ActivityStateEntry.id))) == 3


def test_an_archived_activity_keeps_its_state_until_restored(desk):
    forum = desk_activity(desk)
    forum.archive()
    db.session.commit()
    assert refusal(lambda: set_activity_state(db.session.get(Activity, forum.id), "cancelled", date(2025, 3, 1))) == (
        "state", "This activity is archived – restore it before changing its state")


def desk_activity(desk) -> Activity:
    activity = create_activity(desk.pakistan, details(desk), state="planned", state_on=date(2025, 1, 10))
    db.session.commit()
    return activity


def test_an_edit_can_move_the_activity_to_lines_of_another_plan_and_keeps_its_state(desk):
    forum = desk_activity(desk)
    update_activity(forum, details(desk, title="Diplomatic course", kind="training_course", plan=desk.earlier_plan,
                                   action_lines=(desk.earlier_line,), is_restricted=True, notes="Internal"))
    db.session.commit()
    db.session.expire_all()

    saved = db.session.get(Activity, forum.id)
    assert (saved.plan, [line.code for line in saved.action_lines], saved.title, saved.state, saved.is_restricted) == (
        desk.earlier_plan, ["3.2.1"], "Diplomatic course", ActivityState.PLANNED, True)
    # Not knowing about the restriction leaves it as it is.
    update_activity(saved, details(desk, plan=desk.earlier_plan, action_lines=(desk.earlier_line,)))
    assert saved.is_restricted is True


def test_an_archived_line_is_not_chosen_anew_but_stays_on_an_activity_that_serves_it(desk):
    forum = desk_activity(desk)
    desk.study.archive()
    db.session.commit()
    assert refusal(lambda: update_activity(db.session.get(Activity, forum.id),
                                           details(desk, action_lines=(desk.forum, desk.study)))) == (
        "action_line_ids", "Action line 2.1.2 is archived – restore it or select another")
    desk.study.restore()
    update_activity(db.session.get(Activity, forum.id), details(desk, action_lines=(desk.forum, desk.study)))
    desk.study.archive()
    db.session.commit()
    update_activity(db.session.get(Activity, forum.id), details(desk, title="Business forum, Jakarta",
                                                                action_lines=(desk.forum, desk.study)))
    db.session.commit()
    assert [line.code for line in db.session.get(Activity, forum.id).action_lines] == ["2.1.1", "2.1.2"]
