"""Plans, their structure and their coverage as of a day, read with a viewer's read-only token.

The plan below, worked out by hand (statuses at the end of each day):

  Economic (position 1)   2.1 Trade       2.1.1 addressed 30 Jun 2024
                                          2.1.2 being addressed 30 Jun 2024
                                          2.1.3 no update
  Socio-Cultural (2)      3.1 Education   3.1.1 being addressed 1 Mar 2025
                                          3.1.2 archived 1 Sep 2024 (no update)

  as of 31 Dec 2024: 4 lines in use (3.1.2 archived by then); 2.1.1 A, 2.1.2 B -> 2 of 4 (50%), addressed 1 of 4 (25%)
                     Economic 2 of 3 (67%), addressed 1 of 3 (33%); Socio-Cultural 0 of 1 (0%)
  as of 30 Jun 2025: 3.1.1 B too -> 3 of 4 (75%), addressed 1 of 4 (25%); Socio-Cultural 1 of 1 (100%)
  as of 30 Jun 2024: 3.1.2 still in use -> 2 of 5 (40%)
  Trade's own status: on track (40%) from 1 May 2024, at risk from 1 Feb 2025.
"""

from datetime import UTC, date, datetime

import pytest

from app.extensions import db
from app.follow_ups import services as follow_up_services
from app.models import PlanExtension
from app.plans.pages import build_plan_page


@pytest.fixture
def plan(make):
    author = make.user(name="Aisyah Rahman")
    plan = make.plan(make.partnership())
    economic, social = make.pillar(plan, "Economic", 1), make.pillar(plan, "Socio-Cultural", 2)
    trade = make.area(plan, economic, "2.1", "Trade", focal_point="ASEC Trade Facilitation Division")
    education = make.area(plan, social, "3.1", "Education")
    l1, l2, _l3 = (make.action_line(trade, f"2.1.{n}", f"Trade line {n}", position=n) for n in (1, 2, 3))
    l4 = make.action_line(education, "3.1.1", "Scholarships", position=1)
    make.action_line(education, "3.1.2", "Exchanges", position=2, archived_at=datetime(2024, 9, 1, tzinfo=UTC))
    for line, status, as_of in ((l1, "addressed", date(2024, 6, 30)), (l2, "being_addressed", date(2024, 6, 30)),
                                (l4, "being_addressed", date(2025, 3, 1))):
        make.status_update(author, action_line=line, status=status, as_of=as_of)
    make.status_update(author, area=trade, status="on_track", progress=40, as_of=date(2024, 5, 1))
    make.status_update(author, area=trade, status="at_risk", as_of=date(2025, 2, 1))
    return plan


def figures(coverage: dict) -> tuple[int, int, int, int, str]:
    return coverage["total"], coverage["addressed"], coverage["being_addressed"], coverage["percent"], coverage["text"]


def test_coverage_as_of_a_day_is_counted_by_hand(program, plan):
    answer = program("viewer", "read").read(f"/api/v1/plans/{plan.id}/coverage?as_of=2024-12-31", "PlanCoverage")
    assert answer["as_of"] == "2024-12-31"
    assert answer["plan"] == {"id": plan.id, "label": "2024-2028", "title": "Practical Cooperation Areas (2024-2028)"}
    assert answer["coverage"] == {"total": 4, "addressed": 1, "being_addressed": 1, "covered": 2, "percent": 50,
                                  "addressed_percent": 25, "text": "2 of 4 (50%)"}
    economic, social = answer["pillars"]
    assert (economic["name"], figures(economic["coverage"])) == ("Economic", (3, 1, 1, 67, "2 of 3 (67%)"))
    assert (social["name"], figures(social["coverage"])) == ("Socio-Cultural", (1, 0, 0, 0, "0 of 1 (0%)"))
    trade = economic["areas"][0]
    assert trade["status"] == {"status": "on_track", "as_of": "2024-05-01", "progress": 40}
    assert [(line["code"], line["status"]) for line in trade["action_lines"]] == [
        ("2.1.1", "addressed"), ("2.1.2", "being_addressed"), ("2.1.3", None)]
    education = social["areas"][0]
    assert education["status"] is None
    assert [(line["code"], line["status"]) for line in education["action_lines"]] == [("3.1.1", None)]


def test_coverage_moves_with_the_day_asked_for(program, plan):
    reader = program("viewer", "read")
    later = reader.read(f"/api/v1/plans/{plan.id}/coverage?as_of=2025-06-30", "PlanCoverage")
    assert figures(later["coverage"]) == (4, 1, 2, 75, "3 of 4 (75%)")
    assert figures(later["pillars"][1]["coverage"]) == (1, 0, 1, 100, "1 of 1 (100%)")
    assert later["pillars"][0]["areas"][0]["status"] == {"status": "at_risk", "as_of": "2025-02-01", "progress": None}
    earlier = reader.read(f"/api/v1/plans/{plan.id}/coverage?as_of=2024-06-30", "PlanCoverage")
    assert figures(earlier["coverage"]) == (5, 1, 1, 40, "2 of 5 (40%)")
    assert [line["code"] for line in earlier["pillars"][1]["areas"][0]["action_lines"]] == ["3.1.1", "3.1.2"]


def test_by_default_coverage_is_the_plan_pages_figure_for_the_same_day(program, plan, monkeypatch, as_role):
    monkeypatch.setattr(follow_up_services, "today", lambda: date(2025, 6, 30))
    answer = program("viewer", "read").read(f"/api/v1/plans/{plan.id}/coverage", "PlanCoverage")
    assert answer["as_of"] == "2025-06-30"
    page = build_plan_page(plan.id)
    assert page.counted_on == date(2025, 6, 30)
    assert figures(answer["coverage"]) == (page.coverage.total, page.coverage.addressed,
                                           page.coverage.being_addressed, page.coverage.percent, page.coverage.text)
    assert [pillar["coverage"]["text"] for pillar in answer["pillars"]] == [row.coverage.text for row in page.pillars]
    shown = as_role("viewer").get(f"/plans/{plan.id}").get_data(as_text=True)
    assert "3 out of 4 (75%) action lines are being addressed or have been addressed" in shown


def test_coverage_of_a_plan_that_has_ended_counts_as_of_its_last_day(program, make):
    old = make.plan(make.partnership(), label="2019-2021", starts_on=date(2019, 1, 1), ends_on=date(2021, 12, 31))
    answer = program("viewer", "read").read(f"/api/v1/plans/{old.id}/coverage", "PlanCoverage")
    assert (answer["as_of"], answer["pillars"], figures(answer["coverage"])) == (
        "2021-12-31", [], (0, 0, 0, 0, "0 of 0 (0%)"))


def test_a_day_out_of_range_or_a_plan_that_does_not_exist_is_a_problem(program, plan):
    reader = program("viewer", "read")
    for day in ("1899-12-31", "9999-12-31", "31-12-2024"):
        refused = reader.get(f"/api/v1/plans/{plan.id}/coverage?as_of={day}")
        assert refused.status_code == 422, day
        assert [error["parameter"] for error in refused.json["errors"]] == ["as_of"]
    assert reader.get("/api/v1/plans/2147483647/coverage").status_code == 404


def test_the_plan_lists_its_pillars_areas_and_action_lines_archived_ones_marked(program, plan):
    reader = program("viewer", "read")
    assert reader.get(f"/api/v1/plans/{plan.id}").headers["ETag"] == '"1"'
    answer = reader.read(f"/api/v1/plans/{plan.id}", "PlanDetail")
    assert (answer["label"], answer["state"], answer["kind"], answer["starts_on"], answer["ends_on"]) == (
        "2024-2028", "in_force", "practical_cooperation_areas", "2024-01-01", "2028-12-31")
    assert answer["partnership"]["name"] == "ASEAN–Pakistan"
    structure = [(pillar["name"], [(area["code"], area["name"], [(line["code"], line["archived_at"] is not None)
                                                                  for line in area["action_lines"]])
                                   for area in pillar["areas"]])
                 for pillar in answer["pillars"]]
    assert structure == [
        ("Economic", [("2.1", "Trade", [("2.1.1", False), ("2.1.2", False), ("2.1.3", False)])]),
        ("Socio-Cultural", [("3.1", "Education", [("3.1.1", False), ("3.1.2", True)])]),
    ]
    assert answer["pillars"][1]["areas"][0]["action_lines"][1]["archived_at"] == "2024-09-01T00:00:00Z"
    assert answer["pillars"][0]["areas"][0]["focal_point"] == "ASEC Trade Facilitation Division"


@pytest.fixture
def plans(make):
    """Pakistan's 2019-2021 plan, extended to 2023 and superseded by 2024-2028; Norway's 2021-2025 in force and an
    archived draft."""
    pakistan = make.partnership()
    old = make.plan(pakistan, label="2019-2021", starts_on=date(2019, 1, 1), ends_on=date(2023, 12, 31),
                    state="superseded")
    db.session.add(PlanExtension(plan=old, previous_ends_on=date(2021, 12, 31), new_ends_on=date(2023, 12, 31),
                                 decided_on=date(2021, 11, 15), decision="Extended to 2023 by the 6th JSCC"))
    new = make.plan(pakistan, supersedes=old)
    norway = make.partnership(partner=make.organisation(name="Kingdom of Norway", short_name="Norway"))
    current = make.plan(norway, label="2021-2025", starts_on=date(2021, 1, 1), ends_on=date(2025, 12, 31))
    draft = make.plan(norway, label="2026-2030", starts_on=date(2026, 1, 1), ends_on=date(2030, 12, 31),
                      state="draft", archived_at=datetime(2025, 1, 1, tzinfo=UTC))
    return {"pakistan": pakistan, "old": old, "new": new, "norway": current, "draft": draft}


@pytest.mark.parametrize(("query", "expected"), [
    ("", ["old", "new", "norway"]),
    ("?archived=true", ["old", "new", "norway", "draft"]),
    ("?partnership={pakistan}", ["old", "new"]),
    ("?in_force_on=2024-06-30", ["new", "norway"]),
    ("?in_force_on=2022-01-01", ["norway"]),
    ("?state=superseded", ["old"]),
    ("?state=draft&archived=true", ["draft"]),
])
def test_plans_are_listed_with_the_filters_of_the_pages(program, plans, query, expected):
    url = "/api/v1/plans" + query.format(pakistan=plans["pakistan"].id)
    listed = program("viewer", "read").every_page(url + ("&" if "?" in url else "?") + "limit=1")
    assert [item["id"] for item in listed] == [plans[name].id for name in expected]


def test_a_listed_plan_names_its_predecessor_successor_and_extensions(program, plans):
    listed = program("viewer", "read").read("/api/v1/plans", "PlanPage")["items"]
    old, new = listed[0], listed[1]
    assert old["superseded_by"] == {"id": plans["new"].id, "label": "2024-2028",
                                    "title": "Practical Cooperation Areas (2024-2028)"}
    assert (old["supersedes"], new["supersedes"]["label"], new["superseded_by"]) == (None, "2019-2021", None)
    assert old["extensions"] == [{"previous_ends_on": "2021-12-31", "new_ends_on": "2023-12-31",
                                  "decided_on": "2021-11-15", "decision": "Extended to 2023 by the 6th JSCC"}]


def test_a_page_of_plans_takes_the_same_queries_for_one_plan_or_many(program, make, count_queries):
    reader = program("viewer", "read")
    pakistan = make.partnership()
    make.plan(pakistan)
    reader.get("/api/v1/plans")  # the token's first use is written once
    with count_queries() as one:
        assert len(reader.get("/api/v1/plans").json["items"]) == 1
    for start in (2009, 2014, 2019):
        make.plan(make.partnership(partner=make.organisation()), label=f"{start}-{start + 4}",
                  starts_on=date(start, 1, 1), ends_on=date(start + 4, 12, 31))
    with count_queries() as many:
        assert len(reader.get("/api/v1/plans").json["items"]) == 4
    assert len(many) == len(one)


def test_an_area_and_an_action_line_with_their_status_now(program, plan):
    reader = program("viewer", "read")
    trade = reader.read(f"/api/v1/areas/{plan.areas[0].id}", "AreaDetail")
    assert (trade["code"], trade["pillar"]["name"], trade["plan"]["id"]) == ("2.1", "Economic", plan.id)
    assert trade["status"] == {"status": "at_risk", "as_of": "2025-02-01", "progress": None}
    assert [line["code"] for line in trade["action_lines"]] == ["2.1.1", "2.1.2", "2.1.3"]
    first = trade["action_lines"][0]
    line = reader.read(f"/api/v1/action-lines/{first['id']}", "ActionLineDetail")
    assert (line["code"], line["text"], line["area"]["code"], line["plan"]["label"]) == (
        "2.1.1", "Trade line 1", "2.1", "2024-2028")
    assert line["status"] == {"status": "addressed", "as_of": "2024-06-30", "progress": None}
    untouched = reader.read(f"/api/v1/action-lines/{trade['action_lines'][2]['id']}", "ActionLineDetail")
    assert untouched["status"] is None
    assert reader.get(f"/api/v1/areas/{plan.areas[0].id}").headers["ETag"] == '"1"'
