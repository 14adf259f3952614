"""A plan rolled over into its successor through the form, without JavaScript: what is carried, with which codes,
what is left out, the follow-ups carried, the old plan's figures untouched, the links both ways, and each refusal.

The plan is ``ImplementationDesk`` (today fixed at 30 June 2025). Worked by hand, as of today:
  Pillars: Political-Security, Economic. Areas in use: 1.1 Counter-terrorism, 2.1 Trade, 2.2 Investment (2.9 is
  archived: not offered).
  Lines not finished: 1.1.2 (no status), 2.1.1 (being addressed), 2.1.3 (not yet addressed), 2.2.1 and 2.2.2 (being
  addressed), 2.2.3 (no status). Finished, not offered: 1.1.1 and 2.1.2 addressed, 2.1.4 discontinued; 2.1.5 archived.
  Open follow-ups of Trade: the customs contact list (due 1 June 2025), the trade work plan (31 July 2025), the
  workshop venue (no due date); done and archived ones are not offered. This file adds one of the 8th JSCC with no
  area of its own, which discussed Trade and Investment: the JSCC minutes.
"""

import re
from datetime import date

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import ActionLine, AuditEntry, CooperationArea, FollowUpAction, Pillar, Plan, PlanState
from tests.plans.helpers import ImplementationDesk, beside
from tests.plans.test_plan_pages import plan_form


@pytest.fixture
def desk(make, monkeypatch):
    desk = ImplementationDesk(make, monkeypatch)
    desk.minutes = make.follow_up(desk.partnership, title="Circulate the JSCC minutes", meeting=desk.jscc,
                                  due_on=date(2025, 8, 15))
    return desk


def successor_form(codes="keep", state="draft", **left_out):
    data = plan_form(label="2029-2033", starts_on=date(2029, 1, 1), ends_on=date(2033, 12, 31), state=state,
                     codes=codes)
    for kind, records in left_out.items():
        data[f"left_out_{kind}"] = [str(record.id) for record in records]
    return data


def follow_up(desk, title):
    return db.session.scalar(sa.select(FollowUpAction).filter_by(partnership_id=desk.partnership.id, title=title))


def new_plan() -> Plan:
    db.session.expire_all()
    return db.session.scalar(sa.select(Plan).filter_by(label="2029-2033"))


def structure(plan: Plan) -> list[tuple]:
    """(pillar, area code, area name, [(line code, line text)]) of ``plan``, in plan order."""
    areas = db.session.scalars(sa.select(CooperationArea).filter_by(plan_id=plan.id)
                               .order_by(CooperationArea.position, CooperationArea.code))
    return [(area.pillar.name, area.code, area.name, [(line.code, line.text) for line in area.action_lines])
            for area in areas]


def carried_titles(area) -> list[str]:
    return sorted(row.title for row in db.session.scalars(
        sa.select(FollowUpAction).where(FollowUpAction.carried_areas.contains(area))))


def test_the_form_offers_what_is_not_finished_grouped_by_pillar_and_area(signed_in, desk):
    page = signed_in.get(f"/plans/{desk.plan.id}/successor").get_data(as_text=True)
    assert "<legend class=\"fs-5 fw-bold float-none w-auto px-1\">Pillar: Political-Security</legend>" in page
    assert "<legend class=\"fs-6 fw-bold\">Area 2.1 Trade</legend>" in page
    offered = re.findall(r"Leave out action line ([\d.]+)<", page)
    assert offered == ["1.1.2", "2.1.1", "2.1.3", "2.2.1", "2.2.2", "2.2.3"]
    assert "Leave out area 2.9" not in page
    # The kind of the plan it follows and "Draft" are chosen to begin with; the codes are asked for.
    chosen = re.findall(r'<input[^>]*name="(kind|state)"[^>]*value="([a-z_]+)"[^>]*checked', page)
    assert sorted(chosen) == [("kind", desk.plan.kind.value), ("state", "draft")]
    assert "2 action lines\n          addressed or discontinued: not carried" in page  # Trade: 2.1.2 and 2.1.4
    assert re.findall(r"Leave out “([^”]+)”", page) == [
        "Send the customs contact list", "Draft the trade work plan", "Circulate the JSCC minutes",
        "Confirm the workshop venue"]
    assert "Tagged with 2.1 Trade, 2.2 Investment; due 15 August 2025" in page
    assert 'checked' not in re.sub(r'<input[^>]*type="radio"[^>]*>', "", page.split("What to carry")[1])


def test_codes_kept_and_what_is_left_out_is_not_carried(signed_in, desk):
    response = signed_in.submit(f"/plans/{desk.plan.id}/successor", successor_form(
        lines=[desk.customs.area.action_lines[2]],  # 2.1.3
        follow_ups=[follow_up(desk, "Confirm the workshop venue")]))
    assert "Successor plan added: Practical Cooperation Areas (2029-2033)" in response.get_data(as_text=True)
    plan = new_plan()
    assert plan.supersedes_id == desk.plan.id
    assert structure(plan) == [
        ("Political-Security", "1.1", "Counter-terrorism", [("1.1.2", "Action line 1.1.2")]),
        ("Economic", "2.1", "Trade", [("2.1.1", "Action line 2.1.1")]),
        ("Economic", "2.2", "Investment", [("2.2.1", "Action line 2.2.1"), ("2.2.2", "Action line 2.2.2"),
                                            ("2.2.3", "Action line 2.2.3")]),
    ]
    trade = db.session.scalar(sa.select(CooperationArea).filter_by(plan_id=plan.id, code="2.1"))
    investment = db.session.scalar(sa.select(CooperationArea).filter_by(plan_id=plan.id, code="2.2"))
    assert trade.carried_from_id == desk.trade.id and trade.action_lines[0].carried_from_id == desk.customs.id
    assert [p.carried_from_id for p in plan.pillars] == [desk.political.id, desk.economic.id]
    # Carried lines start with no status: not yet addressed.
    assert "0 out of 5 (0%) action lines" in signed_in.get(f"/plans/{plan.id}").get_data(as_text=True)

    assert carried_titles(trade) == ["Circulate the JSCC minutes", "Draft the trade work plan",
                                     "Send the customs contact list"]
    assert carried_titles(investment) == ["Circulate the JSCC minutes"]
    venue = follow_up(desk, "Confirm the workshop venue")
    assert venue.carried_areas == [] and venue.area_id == desk.trade.id
    # The same follow-ups, not copies, still of their own area.
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FollowUpAction)) == 6
    assert follow_up(desk, "Send the customs contact list").area_id == desk.trade.id

    sources = db.session.execute(sa.select(AuditEntry.record_type, sa.func.count()).where(
        AuditEntry.source == "Rollover of the 2024-2028 plan").group_by(AuditEntry.record_type)).all()
    assert dict(sources) == {"plans": 1, "pillars": 2, "cooperation_areas": 3, "action_lines": 5,
                             "follow_up_actions": 3}


def test_codes_numbered_again_in_the_order_carried(signed_in, desk):
    investment_lines = desk.investment.action_lines
    signed_in.submit(f"/plans/{desk.plan.id}/successor", successor_form(
        codes="renumber", pillars=[desk.political], lines=[investment_lines[1]]))  # 2.2.2
    assert structure(new_plan()) == [
        ("Economic", "1.1", "Trade", [("1.1.1", "Action line 2.1.1"), ("1.1.2", "Action line 2.1.3")]),
        ("Economic", "1.2", "Investment", [("1.2.1", "Action line 2.2.1"), ("1.2.2", "Action line 2.2.3")]),
    ]
    assert [pillar.name for pillar in new_plan().pillars] == ["Economic"]


def figures(signed_in, desk) -> tuple[str, str]:
    plan_page = signed_in.get(f"/plans/{desk.plan.id}").get_data(as_text=True)
    report = signed_in.get(f"/partnerships/{desk.partnership.slug}/reports/period?plan={desk.plan.id}"
                           "&window=year&year=2025").get_data(as_text=True)
    numbers = re.compile(r"\d+ (?:out )?of \d+ \(\d+%\)|>\d+ open<|\d+ overdue")
    return numbers.findall(plan_page), numbers.findall(report)


def test_the_old_plans_figures_do_not_change(signed_in, desk):
    """Plan page worked by hand in test_plan_status.py: 5 out of 9 (56%), addressed 2 of 9 (22%); Trade 3 open,
    1 overdue. The JSCC minutes have no area, so no area counts them."""
    before = figures(signed_in, desk)
    assert "5 out of 9 (56%)" in before[0] and ">3 open<" in before[0] and "1 overdue" in before[0]
    assert before[1]
    signed_in.submit(f"/plans/{desk.plan.id}/successor", successor_form(state="in_force"))
    assert new_plan().supersedes.state is PlanState.SUPERSEDED
    assert figures(signed_in, desk) == before


def test_pages_link_each_carried_record_both_ways(signed_in, desk):
    signed_in.submit(f"/plans/{desk.plan.id}/successor", successor_form())
    plan = new_plan()
    trade = db.session.scalar(sa.select(CooperationArea).filter_by(plan_id=plan.id, code="2.1"))
    line = trade.action_lines[0]
    new_page = signed_in.get(f"/areas/{trade.id}").get_data(as_text=True)
    assert (f'Carried from <a href="/areas/{desk.trade.id}">2.1 Trade</a> in '
            "Practical Cooperation Areas (2024-2028)") in new_page
    assert "Send the customs contact list" in new_page
    # The carried follow-ups are in the area's follow-ups, after those agreed under it (none yet in the new plan).
    follow_ups = new_page[new_page.index('id="follow-ups"'):new_page.index('id="activities"')]
    assert "No follow-ups were agreed under this area in this plan." in follow_ups
    assert "Carried from the earlier plan" in follow_ups and "Send the customs contact list" in follow_ups
    old_page = signed_in.get(f"/areas/{desk.trade.id}").get_data(as_text=True)
    assert f'Carried into <a href="/areas/{trade.id}">2.1 Trade</a> in Practical Cooperation Areas (2029-2033)' \
        in old_page
    minutes = follow_up(desk, "Circulate the JSCC minutes")
    follow_up_page = signed_in.get(f"/follow-ups/{minutes.id}").get_data(as_text=True)
    assert (f'<a href="/areas/{trade.id}">2.1 Trade</a> in Practical Cooperation Areas (2029-2033)</div>'
            f'<div><a href="/areas/{trade.id + 1}">2.2 Investment</a> in') in follow_up_page
    line_page = signed_in.get(f"/action-lines/{line.id}").get_data(as_text=True)
    assert f'Carried from <a href="/action-lines/{desk.customs.id}">2.1.1</a> in' in line_page
    old_line_page = signed_in.get(f"/action-lines/{desk.customs.id}").get_data(as_text=True)
    assert f'Carried into <a href="/action-lines/{line.id}">2.1.1</a> in' in old_line_page


def nothing_saved(desk) -> bool:
    db.session.expire_all()
    return (new_plan() is None and db.session.scalar(sa.select(sa.func.count()).select_from(Pillar)) == 2
            and db.session.scalar(sa.select(sa.func.count()).select_from(ActionLine)) == 11
            and not any(f.carried_areas for f in db.session.scalars(sa.select(FollowUpAction))))


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"starts_on-year": "2023"}, "starts_on",
     "Start date of the plan must be after 1 January 2024, the start date of the 2024-2028 plan it supersedes"),
    ({"title": ""}, "title", "Enter the title of the plan"),
    ({"codes": ""}, "codes", "Select whether to keep the codes or number them again"),
])
def test_a_rollover_refused_beside_its_field_saves_nothing(signed_in, desk, change, field, message):
    response = signed_in.submit(f"/plans/{desk.plan.id}/successor", {**successor_form(), **change})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and beside(page, field, message)
    assert nothing_saved(desk)


def test_nothing_left_to_carry_is_refused(signed_in, desk):
    page = signed_in.submit(f"/plans/{desk.plan.id}/successor", successor_form(
        pillars=[desk.political, desk.economic])).get_data(as_text=True)
    assert beside(page, "left_out_pillars",
                  "Every pillar is left out, so nothing would be carried – carry at least one pillar")
    assert 'href="#left_out_pillars-0"' in page and 'value="2029-2033"' in page  # typed values kept
    assert nothing_saved(desk)


def test_a_follow_up_whose_areas_are_all_left_out_is_refused(signed_in, desk):
    page = signed_in.submit(f"/plans/{desk.plan.id}/successor", successor_form(
        areas=[desk.trade])).get_data(as_text=True)
    assert beside(page, "left_out_follow_ups", "The follow-up “Send the customs contact list” is tagged with areas "
                  "left out – carry one of its areas or leave the follow-up out")
    assert nothing_saved(desk)


def test_an_overlap_with_another_plan_in_force_is_refused(signed_in, desk, make):
    make.plan(desk.partnership, label="2030-2031", starts_on=date(2030, 1, 1), ends_on=date(2031, 12, 31))
    page = signed_in.submit(f"/plans/{desk.plan.id}/successor",
                            successor_form(state="in_force")).get_data(as_text=True)
    assert beside(page, "starts_on", "Plan dates must not overlap with the 2030-2031 plan "
                  "(1 January 2030 to 31 December 2031), which is in force")
    assert nothing_saved(desk)


def test_a_plan_with_a_successor_or_archived_is_not_rolled_over(signed_in, desk, make):
    desk.plan.archived_at = desk.plan.created_at
    db.session.commit()
    page = signed_in.submit(f"/plans/{desk.plan.id}/successor", successor_form(),
                            page=f"/plans/{desk.plan.id}").get_data(as_text=True)
    assert "The 2024-2028 plan is archived – restore it before adding a successor" in page
    desk.plan.archived_at = None
    make.plan(desk.partnership, label="2029-2030", starts_on=date(2029, 1, 1), ends_on=date(2030, 12, 31),
              supersedes=desk.plan, state="draft")
    page = signed_in.submit(f"/plans/{desk.plan.id}/successor", successor_form(),
                            page=f"/plans/{desk.plan.id}").get_data(as_text=True)
    assert "The 2024-2028 plan already has a successor: the 2029-2030 plan" in page
    assert nothing_saved(desk)


def test_a_viewer_cannot_roll_a_plan_over(visitor, make, desk):
    visitor.sign_in(make.user(role="viewer"))
    assert visitor.client.get(f"/plans/{desk.plan.id}/successor").status_code == 403
    assert visitor.client.post(f"/plans/{desk.plan.id}/successor", data=successor_form()).status_code in (400, 403)
    assert nothing_saved(desk)


def test_the_schema_refuses_an_origin_outside_the_superseded_plan(app_context, make):
    """Raw SQL, past every service: a successor's pillar, area or line may come only from the plan it supersedes."""
    pakistan = make.partnership()
    old = make.plan(pakistan, label="2019-2023", starts_on=date(2019, 1, 1), ends_on=date(2023, 12, 31))
    unrelated = make.plan(pakistan, label="2010-2014", starts_on=date(2010, 1, 1), ends_on=date(2014, 12, 31))
    new = make.plan(pakistan, label="2024-2028", supersedes=old, state="draft")
    origins = {plan: make.action_line(make.area(plan, make.pillar(plan, "Economic"), code="2.1"), code="2.1.1")
               for plan in (old, unrelated)}
    pillar = make.pillar(new, "Economic")
    area = make.area(new, pillar, code="2.1")
    inserts = {
        "pillars": ("INSERT INTO pillars (plan_id, name, position, carried_from_id) VALUES (:plan, :name, 0, :origin)",
                    {"plan": new.id}, lambda line: line.area.pillar_id),
        "cooperation_areas": ("INSERT INTO cooperation_areas (plan_id, pillar_id, code, name, position, "
                              "carried_from_id) VALUES (:plan, :pillar, :name, 'Trade', 0, :origin)",
                              {"plan": new.id, "pillar": pillar.id}, lambda line: line.area_id),
        "action_lines": ("INSERT INTO action_lines (area_id, code, text, position, carried_from_id) "
                         "VALUES (:area, :name, 'Customs', 0, :origin)", {"area": area.id}, lambda line: line.id),
    }
    for table, (statement, values, origin) in inserts.items():
        with pytest.raises(sa.exc.IntegrityError, match="A carried record must come from the plan its own plan "
                                                        "supersedes"):
            db.session.execute(sa.text(statement), {**values, "name": "9.9", "origin": origin(origins[unrelated])})
        db.session.rollback()
        db.session.execute(sa.text(statement), {**values, "name": "9.8", "origin": origin(origins[old])})
        db.session.commit()
        assert db.session.scalar(sa.text(f"SELECT count(*) FROM {table} WHERE carried_from_id IS NOT NULL")) == 1
