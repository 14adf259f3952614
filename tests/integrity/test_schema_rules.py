"""The rules that tie records together hold in the database itself: raw SQL that breaks one is refused by the
statement itself, on SQLite and PostgreSQL alike, and the same statement with the rule met goes in."""

from dataclasses import dataclass
from datetime import date

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.meetings.details import MeetingDetails
from app.meetings.services import update_meeting
from app.models import AuditEntry, CooperationArea, Meeting, Partnership

FOLLOW_UP = ("INSERT INTO follow_up_actions (partnership_id, meeting_id, area_id, title, status, partner_office, "
             "opened_on, due_on, state_changed_on, is_restricted, version) VALUES (:partnership, :meeting, :area, "
             "'Send the draft', 'open', 'Mission', '2024-03-25', :due, '2024-03-25', false, 1)")
STATUS = ("INSERT INTO status_updates (area_id, action_line_id, status, note, as_of, author_id, is_restricted, "
          "corrects_id) VALUES (:area, :line, :status, 'Noted', :as_of, :author, false, :corrects)")
PARTICIPANT = ("INSERT INTO meeting_participants (meeting_id, person_id, position_id, organisation_id, side, role) "
               "VALUES (:meeting, :person, :position, :organisation, 'partner', 'member')")


@dataclass
class Desk:
    """Two partnerships, each with a plan for 2024-2028; Pakistan's courtesy call of 25 March 2024."""

    pakistan: int
    norway: int
    plan: int
    pillar: int
    norway_plan: int
    trade: int
    education: int
    line: int
    energy: int
    call: int
    author: int
    ali: int
    ali_post: int
    budi_post: int
    embassy: int


@pytest.fixture
def desk(make):
    pakistan = make.partnership()
    norway = make.partnership(make.organisation(name="Kingdom of Norway", short_name="Norway", iso_code="NO"))
    plan = make.plan(pakistan)
    pillar = make.pillar(plan)
    trade = make.area(plan, pillar, code="2.1", name="Trade")
    education = make.area(plan, pillar, code="2.2", name="Education")
    norway_plan = make.plan(norway)
    energy = make.area(norway_plan, make.pillar(norway_plan), code="1.1", name="Energy")
    embassy = make.organisation(name="Embassy of Pakistan", short_name="Embassy", kind="other")
    ali, budi = make.person("Ali Khan"), make.person("Budi Santoso")
    return Desk(
        pakistan=pakistan.id, norway=norway.id, plan=plan.id, pillar=pillar.id, norway_plan=norway_plan.id,
        trade=trade.id, education=education.id, line=make.action_line(trade).id, energy=energy.id,
        call=make.meeting(pakistan, held_on=date(2024, 3, 25)).id, author=make.user().id, ali=ali.id,
        ali_post=make.position(ali, embassy).id, budi_post=make.position(budi, embassy).id, embassy=embassy.id,
    )


def run(statement: str, **values) -> None:
    with db.engine.begin() as connection:
        connection.execute(sa.text(statement), values)


def refused(statement: str, because: str, **values) -> None:
    """The statement is refused, there and then, not at commit, with an integrity error whose message contains
    ``because``; nothing is committed."""
    with db.engine.connect() as connection, pytest.raises(sa.exc.IntegrityError) as error:
        connection.execute(sa.text(statement), values)
    assert because in str(error.value)


#: A composite foreign key's refusal, in SQLite's words or by the constraint's name in PostgreSQL's.
def foreign_key(name: str) -> str:
    return name if db.engine.dialect.name == "postgresql" else "FOREIGN KEY constraint failed"


def test_a_follow_up_of_a_meeting_is_of_the_meeting_s_partnership(desk):
    values = dict(meeting=desk.call, area=None, due=None)
    refused(FOLLOW_UP, foreign_key("fk_follow_up_actions_meeting_of_partnership"), partnership=desk.norway, **values)
    run(FOLLOW_UP, partnership=desk.pakistan, **values)
    refused("UPDATE follow_up_actions SET partnership_id = :norway",
            foreign_key("fk_follow_up_actions_meeting_of_partnership"), norway=desk.norway)


def test_an_area_is_of_its_pillar_s_plan(desk):
    insert = ("INSERT INTO cooperation_areas (plan_id, pillar_id, code, name, position, version) "
              "VALUES (:plan, :pillar, '2.9', 'Tourism', 0, 1)")
    refused(insert, "A cooperation area must belong to the same plan as its pillar", plan=desk.norway_plan,
            pillar=desk.pillar)
    run(insert, plan=desk.plan, pillar=desk.pillar)
    refused("UPDATE cooperation_areas SET plan_id = :plan WHERE id = :area",
            "A cooperation area must belong to the same plan as its pillar", plan=desk.norway_plan, area=desk.trade)
    refused("UPDATE pillars SET plan_id = :plan WHERE id = :pillar",
            "A pillar cannot move to another plan while it holds cooperation areas", plan=desk.norway_plan,
            pillar=desk.pillar)


def test_a_participant_s_post_is_their_own(desk):
    values = dict(meeting=desk.call, person=desk.ali, organisation=None)
    refused(PARTICIPANT, foreign_key("fk_meeting_participants_position_of_person"), position=desk.budi_post,
            **values)
    run(PARTICIPANT, position=desk.ali_post, **values)


def test_a_delegation_has_no_post(desk):
    refused(PARTICIPANT, "position_needs_person", meeting=desk.call, person=None, position=desk.ali_post,
            organisation=desk.embassy)
    run(PARTICIPANT, meeting=desk.call, person=None, position=None, organisation=desk.embassy)


def test_a_correction_corrects_an_update_of_the_same_subject(desk):
    area_update = dict(line=None, status="on_track", as_of="2024-06-30", author=desk.author)
    run(STATUS, area=desk.education, corrects=None, **area_update)
    run(STATUS, area=desk.trade, corrects=None, **area_update)
    with db.engine.connect() as connection:
        education_update, trade_update = connection.execute(
            sa.text("SELECT id FROM status_updates ORDER BY id")).scalars()
    message = "A correction must correct an earlier update of the same area or action line"
    refused(STATUS, message, area=desk.trade, corrects=education_update, **area_update)
    refused(STATUS, message, area=None, line=desk.line, status="addressed", as_of="2024-06-30", author=desk.author,
            corrects=trade_update)
    run(STATUS, area=desk.trade, corrects=trade_update, **area_update)


def test_a_meeting_discusses_areas_of_its_own_partnership_only(desk):
    insert = "INSERT INTO meeting_areas (meeting_id, area_id) VALUES (:meeting, :area)"
    message = "A meeting can only discuss cooperation areas of its own partnership's plans"
    refused(insert, message, meeting=desk.call, area=desk.energy)
    run(insert, meeting=desk.call, area=desk.trade)
    refused("UPDATE meeting_areas SET area_id = :area", message, area=desk.energy)
    refused("UPDATE meetings SET partnership_id = :norway", message, norway=desk.norway)
    run("DELETE FROM meeting_areas")
    run("UPDATE meetings SET partnership_id = :norway", norway=desk.norway)  # no areas discussed: free to move


def test_a_follow_up_s_area_is_of_its_partnership(desk):
    values = dict(partnership=desk.pakistan, meeting=None, due=None)
    message = "A follow-up's cooperation area must come from a plan of the follow-up's partnership"
    refused(FOLLOW_UP, message, area=desk.energy, **values)
    run(FOLLOW_UP, area=desk.trade, **values)
    refused("UPDATE follow_up_actions SET area_id = :area", message, area=desk.energy)
    refused("UPDATE plans SET partnership_id = :norway WHERE id = :plan", "cannot move to another partnership",
            norway=desk.norway, plan=desk.plan)


def test_a_follow_up_of_a_meeting_is_not_due_before_it(desk):
    """The call was held on 25 March 2024: due the day before is refused, due that day goes in."""
    values = dict(partnership=desk.pakistan, meeting=desk.call, area=None)
    message = "A follow-up of a meeting cannot be due before the meeting is held"
    refused(FOLLOW_UP, message, due="2024-03-24", **values)
    run(FOLLOW_UP, due="2024-03-25", **values)
    refused("UPDATE follow_up_actions SET due_on = '2024-03-01'", message)
    # Due on 25 March, so the meeting can move to that day at the latest.
    move = "UPDATE meetings SET held_on = :day WHERE id = :meeting"
    refused(move, "A meeting cannot be held after the due date of one of its follow-ups", day="2024-03-26",
            meeting=desk.call)
    run(move, day="2024-03-20", meeting=desk.call)
    run("UPDATE follow_up_actions SET due_on = NULL")
    run(move, day="2024-12-01", meeting=desk.call)


def test_a_status_update_is_dated_within_its_plan(desk):
    """The plan runs from 1 January 2024 to 31 December 2028, both days included."""
    area = dict(area=desk.trade, line=None, status="on_track", author=desk.author, corrects=None)
    line = dict(area=None, line=desk.line, status="addressed", author=desk.author, corrects=None)
    message = "A status update must be dated within its plan's period"
    refused(STATUS, message, as_of="2023-12-31", **area)
    refused(STATUS, message, as_of="2029-01-01", **line)
    run(STATUS, as_of="2024-01-01", **area)
    run(STATUS, as_of="2028-12-31", **line)
    shift = "UPDATE plans SET starts_on = :starts, ends_on = :ends WHERE id = :plan"
    covers = "A plan's period must cover the dates of the status updates of its areas and action lines"
    refused(shift, covers, starts="2024-01-02", ends="2028-12-31", plan=desk.plan)
    refused(shift, covers, starts="2024-01-01", ends="2028-12-30", plan=desk.plan)
    run(shift, starts="2023-01-01", ends="2029-12-31", plan=desk.plan)


def test_a_meeting_discusses_areas_of_a_plan_in_force_on_its_date(desk):
    insert = "INSERT INTO meeting_areas (meeting_id, area_id) VALUES (:meeting, :area)"
    message = "A meeting can only discuss cooperation areas of a plan in force on the meeting's date"
    before_the_plan = make_meeting(desk.pakistan, "2023-12-31")
    refused(insert, message, meeting=before_the_plan, area=desk.trade)
    run(insert, meeting=make_meeting(desk.pakistan, "2024-01-01"), area=desk.trade)
    run(insert, meeting=make_meeting(desk.pakistan, None), area=desk.trade)  # no date yet: nothing to compare
    run(insert, meeting=desk.call, area=desk.education)
    move = "UPDATE meetings SET held_on = :day WHERE id = :meeting"
    run(move, day="2028-12-31", meeting=desk.call)
    outside = "A meeting's date must lie within the period of the plans whose areas it discusses"
    refused(move, outside, day="2029-01-01", meeting=desk.call)
    refused(move, outside, day="2023-12-31", meeting=desk.call)
    run(move, day="2024-01-01", meeting=desk.call)
    run(move, day=None, meeting=desk.call)  # a date not known: nothing to compare
    run(move, day="2028-12-31", meeting=desk.call)
    run(move, day="2023-06-01", meeting=make_meeting(desk.pakistan, "2024-06-01"))  # discusses nothing
    shorten = "UPDATE plans SET ends_on = :ends WHERE id = :plan"
    refused(shorten, "A plan's period must cover the dates of the meetings that discuss its areas",
            ends="2028-12-30", plan=desk.plan)
    run(shorten, ends="2028-12-31", plan=desk.plan)


def test_an_edit_that_moves_a_meeting_and_its_areas_together_is_saved(desk, make):
    """The database reads the rule as each row changes; the ORM writes a meeting before its areas, so the edit
    drops the areas no longer discussed first. The call of 25 March 2024 discussed Trade (plan 2024-2028); moved to
    1 June 2023 it discusses Energy policy of the plan 2019-2023."""
    earlier = make.plan(db.session.get(Partnership, desk.pakistan), label="2019-2023", starts_on=date(2019, 1, 1),
                        ends_on=date(2023, 12, 31))
    energy_policy = make.area(earlier, code="3.1", name="Energy policy")
    call = db.session.get(Meeting, desk.call)
    call.areas = [db.session.get(CooperationArea, desk.trade)]
    db.session.commit()
    update_meeting(call, MeetingDetails(type=call.type, held_on=date(2023, 6, 1), areas=(energy_policy,)))
    db.session.commit()
    with db.engine.connect() as connection:
        assert connection.execute(sa.text("SELECT area_id FROM meeting_areas")).scalars().all() == [energy_policy.id]
    # The date alone moved back, away from the plan of the area it discusses; Trade (2024-2028) on 1 June 2023.
    refused("UPDATE meetings SET held_on = '2024-03-25'", "A meeting's date must lie within the period")
    refused("INSERT INTO meeting_areas (meeting_id, area_id) VALUES (:meeting, :area)",
            "A meeting can only discuss cooperation areas of a plan in force on the meeting's date",
            meeting=desk.call, area=desk.trade)


def test_an_edit_within_the_plan_is_one_entry_in_the_meeting_s_history(desk):
    """Moved from 25 March to 2 April 2024 with Education unticked: nothing in the way, so one flush, one entry."""
    call = db.session.get(Meeting, desk.call)
    trade, education = (db.session.get(CooperationArea, area) for area in (desk.trade, desk.education))
    call.areas = [trade, education]
    db.session.commit()
    before = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry))
    update_meeting(call, MeetingDetails(type=call.type, held_on=date(2024, 4, 2), areas=(trade,)))
    db.session.commit()
    entries = db.session.scalars(sa.select(AuditEntry).order_by(AuditEntry.id).offset(before)).all()
    assert [(entry.record_type, sorted(entry.changes)) for entry in entries] == [("meetings", ["areas", "held_on"])]


def test_an_edit_that_moves_a_meeting_to_another_partnership_with_its_areas_is_saved(desk):
    """The call discussed Pakistan's Trade; moved to Norway (no follow-ups hold it back) it discusses Energy."""
    call = db.session.get(Meeting, desk.call)
    call.areas = [db.session.get(CooperationArea, desk.trade)]
    db.session.commit()
    energy = db.session.get(CooperationArea, desk.energy)
    update_meeting(call, MeetingDetails(type=call.type, held_on=call.held_on, areas=(energy,)),
                   partnership=db.session.get(Partnership, desk.norway))
    db.session.commit()
    with db.engine.connect() as connection:
        assert connection.execute(sa.text("SELECT partnership_id FROM meetings")).scalar_one() == desk.norway
        assert connection.execute(sa.text("SELECT area_id FROM meeting_areas")).scalars().all() == [desk.energy]


def make_meeting(partnership: int, held_on: str | None) -> int:
    with db.engine.begin() as connection:
        return connection.execute(sa.text(
            "INSERT INTO meetings (partnership_id, type, held_on, format, outcome_document, is_restricted, version) "
            "VALUES (:partnership, 'courtesy_call', :held_on, 'in_person', 'none', false, 1) RETURNING id"),
            {"partnership": partnership, "held_on": held_on}).scalar_one()
