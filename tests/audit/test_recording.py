"""Every create, update, archive and restore writes exactly one audit entry, in the transaction of the change."""

import json
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from app.areas.details import ActionLineDetails, AreaDetails, StatusDetails
from app.areas.services import add_action_line, add_area, record_status
from app.common.errors import DomainError
from app.extensions import db
from app.follow_ups.details import FollowUpDetails
from app.follow_ups.services import create_follow_up
from app.meetings.details import MeetingDetails
from app.meetings.services import (
    FollowUpEntry,
    NewPerson,
    ParticipantEntry,
    add_participant,
    log_meeting,
    log_meeting_in_full,
)
from app.models import AuditEntry, Meeting, Organisation, User
from app.partnerships.details import PartnershipDetails
from app.partnerships.services import create_partnership, record_partnership_event
from app.people.details import PersonDetails, PositionDetails
from app.people.services import add_position, create_person
from app.plans.details import PlanDetails
from app.plans.services import add_pillar, create_plan, extend_plan
from app.reports.services import issue_period_report
from app.users.details import UserDetails
from app.users.services import create_user
from tests.audit.helpers import ARCHIVED_AT, PAKISTAN, PLAN, entries_since, last_entry_id
from tests.conftest import search_index_paused

ASEAN = "Association of Southeast Asian Nations"
AMBASSADOR = "H.E. Ameer Khurram Rathore"


# Creating -------------------------------------------------------------------------------------------------------

def test_an_organisation_added_changed_archived_and_restored_through_the_forms(signed_in, monkeypatch):
    monkeypatch.setattr("app.models.base.utcnow", lambda: ARCHIVED_AT)
    marker = last_entry_id()
    me = signed_in.user.id
    signed_in.submit("/organisations/new", {"name": "Kingdom of Norway", "short_name": "Norway", "kind": "country",
                                            "iso_code": "no"})
    norway = db.session.scalar(sa.select(Organisation).where(Organisation.short_name == "Norway"))
    url = f"/organisations/{norway.id}"
    signed_in.submit(f"{url}/edit", {"name": "Kingdom of Norway", "short_name": "NOR", "kind": "country",
                                     "iso_code": "NO"})
    # Saved again without a change: nothing to log.
    signed_in.submit(f"{url}/edit", {"name": "Kingdom of Norway", "short_name": "NOR", "kind": "country",
                                     "iso_code": "NO"})
    signed_in.submit(f"{url}/archive")
    signed_in.submit(f"{url}/restore", page=url)

    assert entries_since(marker) == [
        ("create", "organisations", "Kingdom of Norway",
         {"name": [None, "Kingdom of Norway"], "short_name": [None, "Norway"], "kind": [None, "country"],
          "iso_code": [None, "NO"]}, me),
        ("update", "organisations", "Kingdom of Norway", {"short_name": ["Norway", "NOR"]}, me),
        ("archive", "organisations", "Kingdom of Norway", {"archived_at": [None, "2025-03-31T09:30:00+00:00"]}, me),
        ("restore", "organisations", "Kingdom of Norway", {"archived_at": ["2025-03-31T09:30:00+00:00", None]}, me),
    ]


def test_people_and_their_posts(app_context, sides):
    _, pakistan = sides
    marker = last_entry_id()
    person = create_person(PersonDetails(honorific="H.E.", full_name="Ameer Khurram Rathore",
                                         email="Ameer@MOFA.example"))
    add_position(person, PositionDetails(organisation=pakistan, title="Secretary for Asia-Pacific",
                                         starts_on=date(2021, 1, 4)))
    db.session.commit()
    add_position(person, PositionDetails(organisation=pakistan, title="Ambassador of Pakistan to ASEAN",
                                         starts_on=date(2024, 1, 10)), end_current=True)
    db.session.commit()

    assert entries_since(marker) == [
        ("create", "people", AMBASSADOR,
         {"honorific": [None, "H.E."], "full_name": [None, "Ameer Khurram Rathore"],
          "email": [None, "ameer@mofa.example"]}, None),
        ("create", "positions", "Secretary for Asia-Pacific",
         {"person": [None, AMBASSADOR], "organisation": [None, PAKISTAN], "title": [None, "Secretary for Asia-Pacific"],
          "starts_on": [None, "2021-01-04"]}, None),
        # One flush: the new post, and the old one ending the day before it starts.
        ("create", "positions", "Ambassador of Pakistan to ASEAN",
         {"person": [None, AMBASSADOR], "organisation": [None, PAKISTAN],
          "title": [None, "Ambassador of Pakistan to ASEAN"], "starts_on": [None, "2024-01-10"]}, None),
        ("update", "positions", "Secretary for Asia-Pacific", {"ends_on": [None, "2024-01-09"]}, None),
    ]


def test_partnership_plan_and_its_parts(app_context, sides, make):
    asean, pakistan = sides
    marker = last_entry_id()
    partnership = create_partnership(PartnershipDetails(organisation=asean, partner=pakistan, slug="asean-pakistan"))
    record_partnership_event(partnership, occurred_on=date(1993, 7, 23), kind="conferred",
                             status="sectoral_dialogue_partner", description="26th ASEAN Ministerial Meeting")
    plan = create_plan(partnership, PlanDetails(kind="practical_cooperation_areas", title=PLAN, label="2024-2028",
                                                   starts_on=date(2024, 1, 1), ends_on=date(2028, 12, 31),
                                                   state="in_force"))
    economic = add_pillar(plan, name="Economic")
    trade = add_area(plan, AreaDetails(pillar=economic, code="2.1", name="Trade",
                                       focal_point="Trade Facilitation Division"))
    add_action_line(trade, ActionLineDetails(code="2.1.1", text="Customs cooperation"))
    extend_plan(plan, new_ends_on=date(2029, 12, 31), decided_on=date(2024, 9, 18), decision="Extended by the 8th JSCC")
    db.session.commit()

    assert entries_since(marker) == [
        ("create", "partnerships", "ASEAN–Pakistan",
         {"organisation": [None, ASEAN], "partner": [None, PAKISTAN], "slug": [None, "asean-pakistan"]}, None),
        ("create", "partnership_events", "Conferred: Sectoral dialogue partner (23 July 1993)",
         {"partnership": [None, "ASEAN–Pakistan"], "occurred_on": [None, "1993-07-23"], "kind": [None, "conferred"],
          "status": [None, "sectoral_dialogue_partner"], "description": [None, "26th ASEAN Ministerial Meeting"]},
         None),
        ("create", "plans", PLAN,
         {"partnership": [None, "ASEAN–Pakistan"], "kind": [None, "practical_cooperation_areas"],
          "title": [None, PLAN], "label": [None, "2024-2028"], "starts_on": [None, "2024-01-01"],
          "ends_on": [None, "2028-12-31"], "state": [None, "in_force"]}, None),
        ("create", "pillars", "Economic", {"plan": [None, PLAN], "name": [None, "Economic"], "position": [None, 1]},
         None),
        ("create", "cooperation_areas", "2.1 Trade",
         {"plan": [None, PLAN], "pillar": [None, "Economic"], "code": [None, "2.1"], "name": [None, "Trade"],
          "focal_point": [None, "Trade Facilitation Division"], "position": [None, 1]}, None),
        ("create", "action_lines", "2.1.1 Customs cooperation",
         {"area": [None, "2.1 Trade"], "code": [None, "2.1.1"], "text": [None, "Customs cooperation"],
          "position": [None, 1]}, None),
        ("create", "plan_extensions", "Extended to 31 December 2029",
         {"plan": [None, PLAN], "previous_ends_on": [None, "2028-12-31"], "new_ends_on": [None, "2029-12-31"],
          "decided_on": [None, "2024-09-18"], "decision": [None, "Extended by the 8th JSCC"]}, None),
        ("update", "plans", PLAN, {"ends_on": ["2028-12-31", "2029-12-31"], "state": ["in_force", "extended"]}, None),
    ]


@pytest.fixture
def officer_and_ambassador(desk, make):
    """Our desk officer, and Pakistan's ambassador with his post since January 2024."""
    partnership = desk[0]
    officer = make.user(role="editor", email="officer@asean.example", name="Desk Officer")
    person = create_person(PersonDetails(honorific="H.E.", full_name="Ameer Khurram Rathore"))
    add_position(person, PositionDetails(organisation=partnership.partner, title="Ambassador of Pakistan to ASEAN",
                                         starts_on=date(2024, 1, 10)))
    db.session.commit()
    return officer, person


def test_meetings_participants_follow_ups_statuses_and_reports(app_context, desk, officer_and_ambassador,
                                                               monkeypatch):
    monkeypatch.setattr("app.reports.services.utcnow", lambda: datetime(2025, 1, 15, 10, 0, tzinfo=UTC))
    partnership, plan, _, trade = desk
    officer, person = officer_and_ambassador
    marker = last_entry_id()
    meeting = log_meeting(partnership, MeetingDetails(type="courtesy_call", held_on=date(2024, 3, 25),
                                                     venue="ASEAN Secretariat", areas=(trade,)))
    add_participant(meeting, side="partner", role="head_of_delegation", person=person)
    create_follow_up(partnership, FollowUpDetails(
        title="Share the draft work plan", meeting=meeting, area=trade, partner_office="Mission of Pakistan to ASEAN",
        due_on=date(2024, 6, 30),
    ))
    record_status(officer, StatusDetails(status="on_track", note="Trade workshop held", as_of=date(2024, 6, 30),
                                         progress=40), area=trade)
    report = issue_period_report(plan, date(2024, 1, 1), date(2024, 12, 31), way_forward="Meet again in 2025",
                                 issued_by=officer)
    db.session.commit()

    entries = entries_since(marker)
    assert entries[:4] == [
        ("create", "meetings", "Courtesy call",
         {"partnership": [None, "ASEAN–Pakistan"], "type": [None, "courtesy_call"], "held_on": [None, "2024-03-25"],
          "venue": [None, "ASEAN Secretariat"], "format": [None, "in_person"], "outcome_document": [None, "none"],
          "is_restricted": [None, False], "areas": [None, ["2.1 Trade"]]}, None),
        ("create", "meeting_participants", AMBASSADOR,
         {"meeting": [None, "Courtesy call"], "person": [None, AMBASSADOR],
          "position": [None, "Ambassador of Pakistan to ASEAN"], "side": [None, "partner"],
          "role": [None, "head_of_delegation"]}, None),
        ("create", "follow_up_actions", "Share the draft work plan",
         {"partnership": [None, "ASEAN–Pakistan"], "meeting": [None, "Courtesy call"], "area": [None, "2.1 Trade"],
          "title": [None, "Share the draft work plan"], "partner_office": [None, "Mission of Pakistan to ASEAN"],
          "opened_on": [None, "2024-03-25"], "due_on": [None, "2024-06-30"], "status": [None, "open"],
          "is_restricted": [None, False]}, None),
        ("create", "status_updates", "On track as of 30 June 2024",
         {"area": [None, "2.1 Trade"], "status": [None, "on_track"], "progress": [None, 40],
          "note": [None, "Trade workshop held"], "as_of": [None, "2024-06-30"], "author": [None, "Desk Officer"],
          "is_restricted": [None, False]}, None),
    ]
    action_, record_type, label, changes, user_id = entries[4]
    assert (action_, record_type, label, user_id) == ("create", "issued_reports", report.title, None)
    # The frozen document and figures stay on the report; the log keeps what identifies it.
    assert changes == {
        "partnership": [None, "ASEAN–Pakistan"], "plan": [None, PLAN], "window_starts_on": [None, "2024-01-01"],
        "window_ends_on": [None, "2024-12-31"], "title": [None, report.title],
        "way_forward": [None, "Meet again in 2025"], "issued_at": [None, "2025-01-15T10:00:00+00:00"],
        "issued_by": [None, "Desk Officer"],
    }
    assert len(entries) == 5


def test_a_meeting_logged_in_full_is_logged_row_by_row(app_context, desk, officer_and_ambassador):
    """The meeting form saves in one flush: each participant and follow-up still gets its own entry, naming the
    meeting it belongs to, even a person met for the first time."""
    partnership, _, _, trade = desk
    officer, person = officer_and_ambassador
    marker = last_entry_id()
    log_meeting_in_full(
        partnership, MeetingDetails(type="courtesy_call", held_on=date(2024, 3, 25),
                                    title="Courtesy call on the Secretary-General", areas=(trade,)),
        participants=[
            ParticipantEntry(side="partner", role="head_of_delegation", person=person),
            ParticipantEntry(side="partner", role="member", new_person=NewPerson(
                full_name="Sana Malik", post_title="First Secretary", organisation=partnership.partner)),
        ],
        follow_ups=[FollowUpEntry(title="Share the draft work plan", owner_user=officer, due_on=date(2024, 6, 30))],
    )
    db.session.commit()

    logged = {(record_type, label): changes for _, record_type, label, changes, _ in entries_since(marker)}
    meeting = "Courtesy call on the Secretary-General"
    assert logged[("meetings", meeting)]["areas"] == [None, ["2.1 Trade"]]
    assert logged[("meeting_participants", AMBASSADOR)]["meeting"] == [None, meeting]
    assert logged[("meeting_participants", "Sana Malik")] == {
        "meeting": [None, meeting], "person": [None, "Sana Malik"], "position": [None, "First Secretary"],
        "side": [None, "partner"], "role": [None, "member"]}
    assert logged[("people", "Sana Malik")]["full_name"] == [None, "Sana Malik"]
    assert logged[("follow_up_actions", "Share the draft work plan")]["meeting"] == [None, meeting]
    assert logged[("follow_up_actions", "Share the draft work plan")]["owner_user"] == [None, "Desk Officer"]
    assert len(logged) == 6  # the meeting, two participants, the new person and their post, the follow-up


def test_users_are_logged_without_their_password(app_context):
    marker = last_entry_id()
    user = create_user(UserDetails(name="Siti Rahman", role="editor"), email="Siti@ASEAN.example",
                       password="a long password 1")
    db.session.commit()
    user.set_password("another long password")
    db.session.commit()

    assert entries_since(marker) == [
        ("create", "users", "Siti Rahman",
         {"email": [None, "siti@asean.example"], "name": [None, "Siti Rahman"], "password": [None, "set"],
          "role": [None, "editor"], "is_active": [None, True]}, None),
        ("update", "users", "Siti Rahman", {"password": [None, "changed"]}, None),
    ]
    logged = json.dumps([entry.changes for entry in db.session.scalars(sa.select(AuditEntry))])
    assert user.password_hash not in logged and "scrypt" not in logged and "pbkdf2" not in logged


def test_signing_in_is_not_a_change(visitor, make):
    user = make.user(email="viewer@asean.example")
    marker = last_entry_id()
    visitor.sign_in(user)
    assert db.session.get(User, user.id).last_signed_in_at is not None
    assert entries_since(marker) == []


# The same transaction ---------------------------------------------------------------------------------------------

def test_an_entry_is_written_with_the_change_and_goes_with_a_rollback(app_context, desk):
    _, _, _, trade = desk
    marker = last_entry_id()
    trade.name = "Trade and investment"
    db.session.flush()
    assert entries_since(marker) == [
        ("update", "cooperation_areas", "2.1 Trade and investment", {"name": ["Trade", "Trade and investment"]}, None)
    ]
    db.session.rollback()
    assert entries_since(marker) == []
    assert db.session.get(type(trade), trade.id).name == "Trade"


def test_a_request_that_fails_after_saving_leaves_no_entry(signed_in, make, monkeypatch):
    india = make.organisation(name="Republic of India", short_name="India", iso_code="IN")
    from app.organisations import routes

    real = routes.save_organisation

    def saves_then_refuses(organisation, details):
        real(organisation, details)  # flushed: the change and its entry are in the transaction
        raise DomainError("name", "Refused after saving")

    monkeypatch.setattr(routes, "save_organisation", saves_then_refuses)
    marker = last_entry_id()
    page = signed_in.submit(f"/organisations/{india.id}/edit", {"name": "Republic of India", "short_name": "Bharat",
                                                                "kind": "country", "iso_code": "IN"})
    assert "Refused after saving" in page.get_data(as_text=True)
    assert entries_since(marker) == []
    assert db.session.get(Organisation, india.id).short_name == "India"


def test_one_insert_for_all_the_entries_of_a_flush(app_context, desk, count_queries):
    partnership, plan, economic, _ = desk
    # As a request does: what is changed is loaded first (here the plan, and the partnership with its name).
    assert (plan.title, partnership.name) == (PLAN, "ASEAN–Pakistan")
    marker = last_entry_id()
    # The audit log's own statements: the search index, kept in step in the same flush, reads what it indexes.
    with search_index_paused(), count_queries() as statements:
        for n in range(5):
            db.session.add(type(economic)(plan=plan, name=f"Pillar {n}", position=10 + n))
        meeting = Meeting(partnership=partnership, type="courtesy_call", held_on=date(2024, 3, 25))
        db.session.add(meeting)
        db.session.commit()
    inserts = [s for s in statements if s.lstrip().upper().startswith("INSERT INTO AUDIT_ENTRIES")]
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(inserts) == 1 and selects == []
    assert len(entries_since(marker)) == 6
