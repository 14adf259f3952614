"""People with their posts, and activities with their state history, read with a token; restricted notes are null
for a viewer and shown to an editor."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from app.activities.details import ActivityDetails
from app.activities.services import create_activity
from app.extensions import db


@pytest.fixture
def people(make):
    """The ambassador changed posts at Pakistan's foreign service; the Deputy Secretary-General is at ASEAN."""
    pakistan = make.organisation(name="Islamic Republic of Pakistan", short_name="Pakistan", iso_code="PK")
    ambassador = make.person("Ameer Khurram Rathore", honorific="H.E.", email="rathore@mofa.example")
    make.position(ambassador, pakistan, "Secretary for Asia-Pacific", date(2022, 1, 1), date(2024, 2, 29))
    make.position(ambassador, pakistan, "Ambassador of Pakistan to ASEAN", date(2024, 3, 1))
    deputy = make.person("Astanah Abdul Aziz", honorific="Dato'")
    make.position(deputy, make.asean(), "Deputy Secretary-General for the Political-Security Community",
                  date(2022, 1, 1))
    former = make.person("Retired Officer", archived_at=datetime(2025, 1, 1, tzinfo=UTC))
    return {"pakistan": pakistan, "ambassador": ambassador, "deputy": deputy, "former": former}


@pytest.mark.parametrize(("query", "expected"), [
    ("", ["ambassador", "deputy"]),
    ("?archived=true", ["ambassador", "deputy", "former"]),
    ("?organisation={pakistan}", ["ambassador"]),
    ("?q=aziz", ["deputy"]),
    ("?q=dato", ["deputy"]),
])
def test_people_are_listed_with_the_filters_of_the_people_page(program, people, query, expected):
    url = "/api/v1/people" + query.format(pakistan=people["pakistan"].id)
    listed = program("viewer", "read").every_page(url + ("&" if "?" in url else "?") + "limit=1")
    assert [item["id"] for item in listed] == [people[name].id for name in expected]


def test_a_person_has_their_posts_latest_first_with_the_organisation_of_each(program, people):
    reader = program("viewer", "read")
    answer = reader.read(f"/api/v1/people/{people['ambassador'].id}", "Person")
    assert (answer["display_name"], answer["honorific"], answer["email"]) == (
        "H.E. Ameer Khurram Rathore", "H.E.", "rathore@mofa.example")
    assert [(post["title"], post["organisation"]["short_name"], post["starts_on"], post["ends_on"])
            for post in answer["positions"]] == [
        ("Ambassador of Pakistan to ASEAN", "Pakistan", "2024-03-01", None),
        ("Secretary for Asia-Pacific", "Pakistan", "2022-01-01", "2024-02-29"),
    ]
    assert reader.get(f"/api/v1/people/{people['ambassador'].id}").headers["ETag"] == '"1"'
    assert reader.get("/api/v1/people/2147483647").status_code == 404


def test_a_page_of_people_takes_the_same_queries_for_one_person_or_many(program, make, count_queries):
    reader = program("viewer", "read")
    asean = make.asean()
    make.position(make.person(), asean)
    reader.get("/api/v1/people")
    with count_queries() as one:
        assert len(reader.get("/api/v1/people").json["items"]) == 1
    for _ in range(4):
        person = make.person()
        make.position(person, asean, "Director")
        make.position(person, make.organisation(), "Minister")
    with count_queries() as many:
        assert len(reader.get("/api/v1/people").json["items"]) == 5
    assert len(many) == len(one)


@pytest.fixture
def desk(make):
    """Pakistan's plan with Trade (2.1.1, 2.1.2) and Education (3.1.1); Norway's plan with one line; activities:

    course   completed 4-15 Mar 2024, 2.1.1, funded by the partner (USD 15,000), restricted notes
    cyber    ongoing from 1 Feb 2025, 3.1.1, from a cooperation fund
    forum    planned for 1 Sep 2026, 2.1.2, funding not known
    norway   planned for 1 May 2025 (no end), Norway's line, our own budget
    old      planned, archived
    """
    pakistan = make.partnership()
    plan = make.plan(pakistan)
    trade = make.area(plan, code="2.1", name="Trade")
    education = make.area(plan, code="3.1", name="Education")
    forum_line, study = make.action_line(trade, "2.1.1", "Business forums"), make.action_line(trade, "2.1.2")
    cyber_line = make.action_line(education, "3.1.1", "Cyber security training")
    norway = make.partnership(partner=make.organisation(name="Kingdom of Norway", short_name="Norway"))
    norway_plan = make.plan(norway, label="2021-2025", starts_on=date(2021, 1, 1), ends_on=date(2025, 12, 31))
    norway_line = make.action_line(make.area(norway_plan, code="1.1", name="Maritime"), "1.1.1")
    course = create_activity(pakistan, ActivityDetails(
        kind="training_course", title="Diplomatic course for ASEAN diplomats", plan=plan, action_lines=(forum_line,),
        funding_source="partner", funded_by="Government of Pakistan", amount=Decimal("15000"), currency="USD",
        actual_starts_on=date(2024, 3, 4), actual_ends_on=date(2024, 3, 15),
        implementing_organisation=pakistan.partner, co_implementers=(make.asean(),), participants=24,
        notes="Budget shared in confidence", is_restricted=True,
    ), state="completed", state_note="All 24 trainees passed")
    db.session.commit()
    records = {
        "pakistan": pakistan, "plan": plan, "trade": trade, "norway_plan": norway_plan, "course": course,
        "cyber": make.activity(pakistan, plan, [cyber_line], title="Training programme on cyber security",
                               state="ongoing", state_on=date(2025, 2, 1), funding_source="cooperation_fund"),
        "forum": make.activity(pakistan, plan, [study], title="Business Opportunities Conference", kind="dialogue",
                               funding_source="not_known", planned_starts_on=date(2026, 9, 1)),
        "norway": make.activity(norway, norway_plan, [norway_line], title="Maritime workshop", kind="workshop",
                                funding_source="ours", planned_starts_on=date(2025, 5, 1)),
    }
    records["old"] = make.activity(pakistan, plan, [study], title="Old idea")
    records["old"].archive()
    db.session.commit()
    return records


@pytest.mark.parametrize(("query", "expected"), [
    ("", ["course", "cyber", "forum", "norway"]),
    ("?archived=true", ["course", "cyber", "forum", "norway", "old"]),
    ("?partnership={pakistan}", ["course", "cyber", "forum"]),
    ("?plan={norway_plan}", ["norway"]),
    ("?area={trade}", ["course", "forum"]),
    ("?state=ongoing", ["cyber"]),
    ("?funding=partner", ["course"]),
    ("?year=2024", ["course"]),
    ("?year=2025", ["cyber", "norway"]),
    ("?q=CYBER", ["cyber"]),
])
def test_activities_are_listed_with_the_filters_of_the_activity_list(program, desk, query, expected):
    ids = {name: record.id for name, record in desk.items()}
    url = "/api/v1/activities" + query.format(**ids)
    listed = program("viewer", "read").every_page(url + ("&" if "?" in url else "?") + "limit=2")
    assert [item["id"] for item in listed] == [ids[name] for name in expected]


def test_an_activity_with_its_history_lines_and_organisations_restricted_notes_hidden_from_a_viewer(program, desk):
    url = f"/api/v1/activities/{desk['course'].id}"
    seen = program("viewer", "read").read(url, "ActivityDetail")
    assert (seen["title"], seen["kind"], seen["state"], seen["actual_starts_on"], seen["actual_ends_on"]) == (
        "Diplomatic course for ASEAN diplomats", "training_course", "completed", "2024-03-04", "2024-03-15")
    assert (seen["funding_source"], seen["funded_by"], seen["amount"], seen["currency"], seen["participants"]) == (
        "partner", "Government of Pakistan", "15000.00", "USD", 24)
    assert (seen["partnership"]["name"], seen["plan"]["label"]) == ("ASEAN–Pakistan", "2024-2028")
    assert seen["implementing_organisation"]["short_name"] == "Pakistan"
    assert [organisation["short_name"] for organisation in seen["co_implementers"]] == ["ASEAN"]
    assert [(line["code"], line["text"], line["area"]["name"]) for line in seen["action_lines"]] == [
        ("2.1.1", "Business forums", "Trade")]
    assert (seen["is_restricted"], seen["notes"]) == (True, None)
    assert [(entry["state"], entry["effective_on"], entry["recorded_by"], entry["note"])
            for entry in seen["state_history"]] == [("completed", "2024-03-15", None, None)]
    shown = program("editor", "read").read(url, "ActivityDetail")
    assert (shown["notes"], shown["state_history"][0]["note"]) == ("Budget shared in confidence",
                                                                   "All 24 trainees passed")


def test_a_listed_activity_hides_restricted_notes_from_a_viewer_too(program, desk):
    listed = program("viewer", "read").read(f"/api/v1/activities?partnership={desk['pakistan'].id}",
                                            "ActivityPage")["items"]
    assert [(item["title"], item["is_restricted"], item["notes"]) for item in listed][0] == (
        "Diplomatic course for ASEAN diplomats", True, None)


def test_a_page_of_activities_takes_the_same_queries_for_one_or_many(program, make, count_queries):
    reader = program("viewer", "read")
    pakistan = make.partnership()
    plan = make.plan(pakistan)
    line = make.action_line(make.area(plan))
    make.activity(pakistan, plan, [line])
    reader.get("/api/v1/activities")
    with count_queries() as one:
        assert len(reader.get("/api/v1/activities").json["items"]) == 1
    for n in range(4):
        other = make.partnership(partner=make.organisation())
        other_plan = make.plan(other)
        make.activity(other, other_plan, [make.action_line(make.area(other_plan))], title=f"Workshop {n}",
                      implementing_organisation=other.partner)
    with count_queries() as many:
        assert len(reader.get("/api/v1/activities").json["items"]) == 5
    assert len(many) == len(one)


def test_an_out_of_range_filter_is_a_problem_naming_it(program):
    refused = program("viewer", "read").get("/api/v1/activities?year=1800&plan=0&state=dreaming")
    assert refused.status_code == 422
    assert sorted(error["parameter"] for error in refused.json["errors"]) == ["plan", "state", "year"]
