"""The demo data: loaded through the services on an empty database, complete, marked, and idempotent.

Every expected number below was counted by hand from the files in seed/demo.
"""

import shutil
import tomllib
from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from app.activities.history import state_history
from app.extensions import db
from app.models import (
    Activity,
    CooperationArea,
    FollowUpAction,
    Meeting,
    MeetingType,
    Partnership,
    PartnershipLevel,
    PartnershipStatus,
    Plan,
    PlanState,
    User,
)
from seed.loader import DEMO_DIR, SeedDataError, load_demo

#: Rows per table after one load, counted from the files.
EXPECTED_ROWS = {
    "organisations": 10,  # ASEAN, 5 countries, 4 ministries
    "users": 4,
    "people": 10,
    "positions": 13,  # Rathore, Aasland and Raghavan changed posts: 2 each
    "partnerships": 4,
    "partnership_events": 7,  # Pakistan 1, Norway 1, UAE 1, India 4
    "plans": 6,  # Pakistan 2, Norway 2, UAE 1, India 1
    "plan_extensions": 2,  # Pakistan 2019-2021 to 2023, Norway 2021-2025 to 2026
    "pillars": 17,  # Pakistan 3 + 3, Norway 0 + 4, UAE 3, India 4
    "cooperation_areas": 45,  # Pakistan 5 + 14, Norway 8, UAE 8, India 10
    "action_lines": 93,  # Pakistan 4 + 33, Norway 17, UAE 17, India 22
    "meetings": 27,  # Pakistan 9, Norway 7, UAE 5, India 6
    "meeting_participants": 37,  # Pakistan 9, Norway 9, UAE 8, India 11
    "meeting_areas": 57,  # Pakistan 16, Norway 16, UAE 14, India 11
    "follow_up_actions": 25,  # Pakistan 7, Norway 6, UAE 5, India 7
    "status_updates": 202,  # Pakistan 75, Norway 43, UAE 31, India 53
    "issued_reports": 0,
    "activities": 11,  # Pakistan: 4 named by its Foreign Office under 2019-2021, 7 made up in 2025
    "activity_action_lines": 12,  # the forum serves two lines, every other activity one
    "activity_co_implementers": 3,
    "activity_state_entries": 22,  # 4 sourced, 1 each; then 3 + 3 + 2 + 3 + 3 + 2 + 2
    "report_remarks": 4,  # Pakistan, 2025: areas 2.1 and 3.4, lines 2.1.1 and 2.3.1, all made up
}
FIRST_RUN_SUMMARY = (
    "Demo data: 10 organisations, 4 users, 10 people, 13 positions, 4 partnerships, 7 partnership events, "
    "6 plans, 2 plan extensions, 17 pillars, 45 cooperation areas, 93 action lines, 27 meetings, "
    "37 participants, 25 follow-ups, 202 status updates, 11 activities, 4 report remarks (517 added on this run)"
)
DSG_POLITICAL_SECURITY = "Deputy Secretary-General of ASEAN for the ASEAN Political-Security Community"
AMBASSADOR_OF_PAKISTAN = "Ambassador of Pakistan to ASEAN"


def row_counts() -> dict[str, int]:
    return {
        table.name: db.session.scalar(sa.select(sa.func.count()).select_from(table))
        for table in db.metadata.sorted_tables
    }


@pytest.fixture
def loaded(app_context):
    """The demo loaded here and now (the other tests read a copy of the same rows: tests/seed/conftest.py)."""
    summary = load_demo()
    db.session.commit()
    return summary


def partnership(slug: str) -> Partnership:
    return db.session.scalar(sa.select(Partnership).where(Partnership.slug == slug))


def plan(slug: str, label: str) -> Plan:
    return db.session.scalar(
        sa.select(Plan).join(Plan.partnership).where(Partnership.slug == slug, Plan.label == label)
    )


def meeting(slug: str, type: MeetingType, *, number=None, held_on=None) -> Meeting:
    query = sa.select(Meeting).join(Meeting.partnership).where(Partnership.slug == slug, Meeting.type == type)
    query = query.where(Meeting.number == number) if number else query.where(Meeting.held_on == held_on)
    return db.session.scalar(query)


def test_loads_every_file_on_an_empty_database(loaded, demo_load):
    assert loaded == FIRST_RUN_SUMMARY
    counts = row_counts()
    for table, expected in EXPECTED_ROWS.items():
        assert counts[table] == expected, table
    # The copy the other tests read is of a load like this one, row for row.
    summary, rows = demo_load
    assert summary == loaded
    assert {table.name: len(table_rows) for table, table_rows in rows.items()} == counts


def test_a_second_run_adds_and_changes_nothing(demo):
    before = row_counts()
    plans_before = {p.label + p.partnership.slug: (p.state, p.ends_on) for p in db.session.scalars(sa.select(Plan))}

    summary = load_demo()
    db.session.commit()

    assert summary == FIRST_RUN_SUMMARY.replace("(517 added", "(0 added")
    assert row_counts() == before
    assert {p.label + p.partnership.slug: (p.state, p.ends_on) for p in db.session.scalars(sa.select(Plan))} == (
        plans_before
    )


def test_asean_pakistan_jscc_meetings_with_the_gap_in_dates(demo):
    jsccs = db.session.scalars(
        sa.select(Meeting).join(Meeting.partnership)
        .where(Partnership.slug == "asean-pakistan", Meeting.type == MeetingType.JSCC)
        .order_by(Meeting.number)
    ).all()
    assert [(m.number, m.held_on, m.ends_on) for m in jsccs] == [
        (1, date(1999, 2, 5), None),
        (2, date(2001, 2, 28), date(2001, 3, 1)),
        (3, date(2006, 6, 5), date(2006, 6, 6)),
        (4, date(2008, 6, 3), None),
        (5, date(2011, 5, 31), None),
        (6, None, None),
        (7, date(2023, 9, 18), None),
        (8, date(2025, 9, 23), None),  # made up for the demo
    ]
    assert jsccs[4].venue == "ASEAN Secretariat, Jakarta"


def test_the_seventh_jscc_records_posts_held_that_day_and_the_observer(demo):
    seventh = meeting("asean-pakistan", MeetingType.JSCC, number=7)
    people = {(p.person.full_name, p.position.title, p.side.value, p.role.value)
              for p in seventh.participants if p.person}
    assert people == {
        ("Satvinder Singh", "Deputy Secretary-General of ASEAN for the ASEAN Economic Community", "ours", "co_chair"),
        ("Ameer Khurram Rathore", "Secretary (Asia-Pacific), Ministry of Foreign Affairs of Pakistan", "partner",
         "co_chair"),
    }
    [delegation] = [p for p in seventh.participants if p.person is None]
    assert (delegation.organisation.short_name, delegation.side.value, delegation.role.value) == (
        "Timor-Leste", "other", "observer"
    )
    # It reviewed the plan then in force: areas of 2019-2021.
    assert {area.plan.label for area in seventh.areas} == {"2019-2021"}


def test_the_courtesy_call_of_25_march_2024(demo):
    call = meeting("asean-pakistan", MeetingType.COURTESY_CALL, held_on=date(2024, 3, 25))
    assert call.venue == "ASEAN Secretariat, Jakarta"
    assert "Practical Cooperation Areas (2024-2028)" in call.summary
    assert len(call.participants) == 2
    posts = {p.person.display_name: (p.position.title, p.side.value) for p in call.participants}
    assert posts == {
        "Ameer Khurram Rathore": (AMBASSADOR_OF_PAKISTAN, "partner"),
        "Dato' Astanah Abdul Aziz": (DSG_POLITICAL_SECURITY, "ours"),
    }
    assert [area.name for area in call.areas] == [
        "Trade", "Investment", "Education and human resource development", "Culture", "People-to-people",
    ]
    follow_ups = db.session.scalars(
        sa.select(FollowUpAction).where(FollowUpAction.meeting_id == call.id).order_by(FollowUpAction.title)
    ).all()
    assert [(f.title, f.status.value) for f in follow_ups] == [
        ("Propose dates for an ASEAN-Pakistan cultural week in Jakarta", "in_progress"),
        ("Send a concept note for an ASEAN-Pakistan business forum", "done"),
    ]


def test_rathore_moved_from_the_ministry_to_the_embassy(demo):
    call = meeting("asean-pakistan", MeetingType.COURTESY_CALL, held_on=date(2024, 3, 25))
    rathore = next(p.person for p in call.participants if p.side.value == "partner")
    assert [(p.title, p.starts_on, p.ends_on) for p in rathore.positions] == [
        (AMBASSADOR_OF_PAKISTAN, date(2024, 1, 15), None),
        ("Secretary (Asia-Pacific), Ministry of Foreign Affairs of Pakistan", None, date(2023, 12, 31)),
    ]


def test_pakistan_plans_roll_over_from_2019_2021_to_2024_2028(demo):
    old, new = plan("asean-pakistan", "2019-2021"), plan("asean-pakistan", "2024-2028")
    assert (old.state, old.starts_on, old.ends_on) == (PlanState.SUPERSEDED, date(2019, 1, 1), date(2023, 12, 31))
    [extension] = old.extensions
    assert (extension.previous_ends_on, extension.new_ends_on) == (date(2021, 12, 31), date(2023, 12, 31))
    assert new.supersedes is old
    assert (new.state, new.starts_on, new.ends_on) == (PlanState.IN_FORCE, date(2024, 1, 1), date(2028, 12, 31))
    assert new.title == "ASEAN-Pakistan Sectoral Dialogue Partnership: Practical Cooperation Areas (2024-2028)"
    assert [(pillar.name, len(pillar.areas)) for pillar in new.pillars] == [
        ("Political-Security", 1), ("Economic", 7), ("Socio-Cultural", 6),
    ]
    assert len(new.areas) == 14
    assert sum(len(area.action_lines) for area in new.areas) == 33
    customs = next(area for area in new.areas if area.name == "Customs")
    assert [(line.code, line.position) for line in customs.action_lines] == [("2.7.1", 1), ("2.7.2", 2)]


def test_every_partnership_has_its_standing_and_a_plan_with_content(demo):
    standings = {}
    for slug in ("asean-pakistan", "asean-norway", "asean-uae", "asean-india"):
        p = partnership(slug)
        standings[slug] = (p.status, p.level, p.current_event.occurred_on)
    assert standings == {
        "asean-pakistan": (PartnershipStatus.SECTORAL_DIALOGUE_PARTNER, None, date(1993, 7, 23)),
        "asean-norway": (PartnershipStatus.SECTORAL_DIALOGUE_PARTNER, None, date(2015, 8, 5)),
        "asean-uae": (PartnershipStatus.SECTORAL_DIALOGUE_PARTNER, None, date(2022, 8, 3)),
        "asean-india": (
            PartnershipStatus.DIALOGUE_PARTNER, PartnershipLevel.COMPREHENSIVE_STRATEGIC_PARTNERSHIP, date(2022, 11, 12)
        ),
    }
    india_levels = [e.level for e in partnership("asean-india").events]
    assert india_levels == [
        None, PartnershipLevel.DIALOGUE_PARTNERSHIP, PartnershipLevel.STRATEGIC_PARTNERSHIP,
        PartnershipLevel.COMPREHENSIVE_STRATEGIC_PARTNERSHIP,
    ]
    assert plan("asean-norway", "2021-2025").state == PlanState.EXTENDED
    assert plan("asean-norway", "2021-2025").ends_on == date(2026, 12, 31)
    assert plan("asean-india", "2021-2025").state == PlanState.EXPIRED


def test_follow_ups_are_done_open_and_overdue(demo):
    actions = db.session.scalars(sa.select(FollowUpAction)).all()
    by_status = {}
    for action in actions:
        by_status[action.status.value] = by_status.get(action.status.value, 0) + 1
    assert by_status == {"done": 12, "cancelled": 2, "in_progress": 4, "awaiting_partner": 4, "open": 3}
    overdue = sorted(a.title for a in actions if a.is_overdue(date(2026, 11, 28)))
    assert overdue == [
        "Agree the issues for the next round of the AITIGA review",
        "Agree the programme of the ASEAN-UAE halal food forum",
        "Confirm Norwegian funding for the blue economy workshop",
        "Draft the successor Practical Cooperation Areas",
        "Nominate Pakistani experts for the joint disaster-response training",
        "Propose dates for an ASEAN-Pakistan cultural week in Jakarta",
        "Share the draft Plan of Action (2026-2030) with the Member States",
    ]
    assert all(a.completed_on is not None for a in actions if a.status.value == "done")


def test_follow_ups_count_as_opened_when_they_were_agreed(demo):
    actions = db.session.scalars(sa.select(FollowUpAction)).all()
    from_meetings = [a for a in actions if a.meeting is not None]
    assert len(from_meetings) == 22
    assert all(a.opened_on == a.meeting.held_on for a in from_meetings)
    standalone = sorted((a.title, a.opened_on) for a in actions if a.meeting is None)
    assert standalone == [
        ("Publish the call for ASEAN-Norway scholarships", date(2025, 12, 10)),
        ("Update the ASEAN-Pakistan fact sheet on the ASEAN website", date(2024, 11, 15)),
        ("Update the list of ASEAN-India focal points", date(2026, 10, 5)),
    ]


def test_status_updates_span_2024_to_2026_and_are_authored_by_demo_officers(demo):
    rows = db.session.execute(
        sa.text("SELECT as_of, author_id FROM status_updates WHERE as_of >= :start"), {"start": date(2024, 1, 1)}
    ).all()
    years = {}
    for as_of, _ in rows:
        as_of = as_of if isinstance(as_of, date) else date.fromisoformat(as_of)
        years[as_of.year] = years.get(as_of.year, 0) + 1
    assert years == {2024: 100, 2025: 72, 2026: 20}
    authors = db.session.scalars(sa.select(User).order_by(User.email)).all()
    assert [(u.email, u.role.value) for u in authors] == [
        ("aung.kyawmin@demo.asean.example", "editor"),
        ("marco.delacruz@demo.asean.example", "editor"),
        ("nurul.ismail@demo.asean.example", "editor"),
        ("siti.rahmawati@demo.asean.example", "editor"),
    ]
    # Nobody can sign in as a demo officer with a password someone could guess.
    assert not any(u.check_password(guess) for u in authors for guess in ("", "password", "demo-admin-password"))


def test_current_area_status_is_the_latest_update(demo):
    from app.implementation.statuses import current_statuses

    culture = db.session.scalar(
        sa.select(CooperationArea).join(CooperationArea.plan).join(Plan.partnership)
        .where(Partnership.slug == "asean-pakistan", Plan.label == "2024-2028", CooperationArea.code == "3.4")
    )
    current = current_statuses(area_ids=[culture.id])[culture.id]
    assert (current.status, current.as_of) == ("off_track", date(2026, 9, 30))
    then = current_statuses(area_ids=[culture.id], as_of=date(2024, 12, 31))[culture.id]
    assert (then.status, then.as_of) == ("at_risk", date(2024, 12, 31))


def blocks(data: dict):
    """Every table in a demo file, with the section it belongs to."""
    for section, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                yield section, item
                for name, nested in item.items():
                    if isinstance(nested, list) and nested and isinstance(nested[0], dict) and name in (
                        "position", "extension", "area"
                    ):
                        yield from ((f"{section}.{name}", n) for n in nested)


@pytest.mark.parametrize("path", sorted(DEMO_DIR.glob("*.toml")), ids=lambda p: p.name)
def test_every_block_says_where_it_comes_from(path):
    """Real facts carry a source; made-up blocks are marked demo = true."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    for section, block in blocks(data):
        assert "source" in block or block.get("demo") is True, f"{path.name} [{section}] {block}"
        if section in ("follow_up", "status_review", "user") or (
                section == "activity" and block.get("plan") == "2024-2028"):
            assert block.get("demo") is True, f"{path.name} [{section}] {block}"


def test_the_flask_command_loads_and_commits(app):
    runner = app.test_cli_runner()

    result = runner.invoke(args=["seed", "demo"])

    assert result.exit_code == 0, result.output
    assert result.output.strip() == FIRST_RUN_SUMMARY
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Meeting.id))) == EXPECTED_ROWS["meetings"]
        db.session.remove()
    again = runner.invoke(args=["seed", "demo"])
    assert again.exit_code == 0, again.output
    assert again.output.strip().endswith("(0 added on this run)")


def copy_of_demo(tmp_path):
    target = tmp_path / "demo"
    shutil.copytree(DEMO_DIR, target)
    return target


def test_a_typo_in_a_file_stops_the_load_and_names_the_place(app_context, tmp_path):
    directory = copy_of_demo(tmp_path)
    people = directory / "people.toml"
    people.write_text(people.read_text().replace('title = "Ambassador of Norway', 'titel = "Ambassador of Norway'))

    place = "people.toml: person Ingrid Solvang, position without a title: unknown key"
    with pytest.raises(SeedDataError, match=place):
        load_demo(directory)
    db.session.rollback()


def test_a_record_the_services_refuse_stops_the_load_with_their_message(app_context, tmp_path):
    directory = copy_of_demo(tmp_path)
    uae = directory / "asean-uae.toml"
    uae.write_text(uae.read_text().replace("due_on = 2024-04-30", "due_on = 2024-01-31"))

    with pytest.raises(SeedDataError) as refused:
        load_demo(directory)
    db.session.rollback()
    assert str(refused.value) == (
        "asean-uae.toml: follow-up \"Send the UAE's proposals for renewable energy projects\": "
        "Due date must be the same as or after 20 February 2024, the date of the meeting"
    )


def test_the_projects_pakistan_named_on_8_june_2023_are_activities_of_the_earlier_plan(demo):
    earlier = plan("asean-pakistan", "2019-2021")
    named = db.session.scalars(sa.select(Activity).where(Activity.plan_id == earlier.id).order_by(Activity.id)).all()
    assert [(a.title, a.state.value, [line.code for line in a.action_lines]) for a in named] == [
        ("Diplomatic courses for ASEAN diplomats", "completed", ["3.2.1"]),
        ("Training programme in banking and finance for central bank officials of ASEAN Member States", "completed",
         ["2.1.2"]),
        ("Training programme on cyber security", "completed", ["1.1.1"]),
        ("Pakistan-ASEAN Business Opportunities Conference", "planned", ["2.1.1"]),
    ]
    assert {(a.funding_source.value, a.funded_by, a.starts_on) for a in named} == {
        ("partner", "Government of Pakistan", None)}
    assert {entry.effective_on for a in named for entry in state_history(a)} == {date(2023, 6, 8)}


def test_the_2024_2028_plan_has_activities_through_2025(demo):
    current = plan("asean-pakistan", "2024-2028")
    made_up = db.session.scalars(sa.select(Activity).where(Activity.plan_id == current.id)).all()
    assert len(made_up) == 7
    assert {a.starts_on.year for a in made_up} == {2025}
    forum = next(a for a in made_up if a.title == "ASEAN-Pakistan Business Forum, Jakarta")
    assert (forum.state.value, forum.actual_starts_on, forum.actual_ends_on, forum.amount, forum.currency) == (
        "completed", date(2025, 5, 14), date(2025, 5, 14), Decimal("85000.00"), "USD")
    assert sorted(a.state.value for a in made_up) == ["completed", "completed", "completed", "completed", "ongoing",
                                                      "postponed", "postponed"]
