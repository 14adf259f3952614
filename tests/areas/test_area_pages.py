import re
from datetime import UTC, date, datetime

from app.extensions import db
from app.models import ActionLine, CooperationArea
from tests.plans.helpers import count_statements


def areas_of(plan) -> list[tuple[str, str, str]]:
    db.session.expire_all()
    rows = db.session.scalars(db.select(CooperationArea).filter_by(plan_id=plan.id).order_by(CooperationArea.code))
    return [(area.code, area.name, area.pillar.name) for area in rows]


def test_add_an_area(signed_in, plan, economic):
    form_page = signed_in.get(f"/plans/{plan.id}/areas/new?pillar={economic.id}").get_data(as_text=True)
    assert re.search(rf'id="pillar-1" value="{economic.id}"\s+checked', form_page)  # preselected from the plan page

    response = signed_in.submit(
        f"/plans/{plan.id}/areas/new",
        {
            "pillar": str(economic.id),
            "code": " edu-01 ",
            "name": "Education",
            "focal_point": "ASEC Education Division",
            "description": "",
            "position": "",
        },
    )
    page = response.get_data(as_text=True)
    assert "Cooperation area added: EDU-01 Education" in page
    assert '<h1 class="mb-3">EDU-01 Education</h1>' in page
    area = db.session.scalar(db.select(CooperationArea).filter_by(code="EDU-01"))
    assert (area.name, area.pillar_id, area.focal_point, area.description, area.position) == (
        "Education",
        economic.id,
        "ASEC Education Division",
        None,
        1,
    )


def test_empty_area_form_explains_each_problem(signed_in, plan, economic):
    page = signed_in.submit(f"/plans/{plan.id}/areas/new", {"code": "", "name": "  "}).get_data(as_text=True)
    for message in ("Select the pillar", "Enter the area code", "Enter the name of the cooperation area"):
        assert page.count(message) == 2, message
    assert 'href="#pillar-0"' in page
    assert areas_of(plan) == []


def test_bad_area_values_get_clear_messages(signed_in, make, plan, economic):
    other_pillar = make.pillar(
        make.plan(
            plan.partnership,
            label="2019-2021",
            starts_on=date(2019, 1, 1),
            ends_on=date(2021, 12, 31),
            state="superseded",
        ),
        "Economic",
    )
    url = f"/plans/{plan.id}/areas/new"
    page = signed_in.submit(
        url, {"pillar": "999999", "code": "2 1", "name": "x" * 10_000, "focal_point": "y" * 201, "position": "-1"}
    ).get_data(as_text=True)
    assert "Select a pillar of this plan" in page
    assert "Area code must only include letters, numbers, dots and hyphens" in page
    assert "Name must be 200 characters or less" in page
    assert "Focal point must be 200 characters or less" in page
    assert "Position must be a whole number between 0 and 999" in page
    assert 'value="2 1"' in page and 'value="-1"' in page

    page = signed_in.submit(url, {"pillar": str(other_pillar.id), "code": "2.1", "name": "Trade"}).get_data(
        as_text=True
    )
    assert "Select a pillar of this plan" in page
    page = signed_in.submit(url, {"pillar": "abc", "code": "2.1.1.1.1.1.1.1.1.1.1.1", "name": "Trade"}).get_data(
        as_text=True
    )
    assert "Select the pillar" in page and "Area code must be 20 characters or less" in page
    assert areas_of(plan) == []


def test_area_code_is_unique_in_the_plan(signed_in, make, plan, economic):
    make.area(plan, economic, code="2.1", name="Trade")
    other_plan = make.plan(
        plan.partnership, label="2019-2021", starts_on=date(2019, 1, 1), ends_on=date(2021, 12, 31), state="superseded"
    )
    other_pillar = make.pillar(other_plan, "Economic")

    page = signed_in.submit(
        f"/plans/{plan.id}/areas/new", {"pillar": str(economic.id), "code": "2.1", "name": "Investment"}
    ).get_data(as_text=True)
    assert page.count("Area code 2.1 is already used in this plan – enter a different code") == 2
    assert 'value="Investment"' in page
    page = signed_in.submit(
        f"/plans/{other_plan.id}/areas/new", {"pillar": str(other_pillar.id), "code": "2.1", "name": "Investment"}
    ).get_data(as_text=True)
    assert "Cooperation area added: 2.1 Investment" in page


def test_a_plan_without_pillars_asks_for_one_first(signed_in, plan):
    page = signed_in.get(f"/plans/{plan.id}/areas/new").get_data(as_text=True)
    assert "This plan has no pillars yet" in page and f"/plans/{plan.id}/pillars/new" in page


def test_edit_archive_and_restore_an_area(signed_in, make, plan, economic):
    political = plan.pillars[0]
    trade = make.area(plan, economic, code="2.1", name="Trade")
    make.area(plan, economic, code="2.2", name="Investment")
    url = f"/areas/{trade.id}"
    edit_page = signed_in.get(f"{url}/edit").get_data(as_text=True)
    assert 'value="Trade"' in edit_page and "checked" in edit_page

    page = signed_in.submit(f"{url}/edit", {"pillar": str(economic.id), "code": "2.2", "name": "Trade"}).get_data(
        as_text=True
    )
    assert "Area code 2.2 is already used in this plan – enter a different code" in page
    page = signed_in.submit(
        f"{url}/edit", {"pillar": str(political.id), "code": "1.1", "name": "Counter-terrorism", "position": "0"}
    ).get_data(as_text=True)
    assert "Cooperation area saved: 1.1 Counter-terrorism" in page
    assert areas_of(plan) == [("1.1", "Counter-terrorism", "Political-Security"), ("2.2", "Investment", "Economic")]

    assert "Archive cooperation area “1.1 Counter-terrorism”?" in signed_in.get(f"{url}/archive").get_data(as_text=True)
    signed_in.submit(f"{url}/archive")
    plan_page = signed_in.get(f"/plans/{plan.id}").get_data(as_text=True)
    assert "Counter-terrorism" not in plan_page and "1 archived area is hidden" in plan_page
    assert "Counter-terrorism" in signed_in.get(f"/plans/{plan.id}?archived=1").get_data(as_text=True)
    area_page = signed_in.get(url).get_data(as_text=True)
    assert "This cooperation area is archived" in area_page and "Record a status update" not in area_page

    signed_in.submit(f"{url}/restore", page=url)
    assert "Counter-terrorism" in signed_in.get(f"/plans/{plan.id}").get_data(as_text=True)


def test_area_page_shows_summary_history_and_action_lines(signed_in, make, plan, economic):
    trade = make.area(plan, economic, code="2.1", name="Trade", focal_point="ASEC Trade Division")
    customs = make.action_line(trade, code="2.1.1", text="Customs cooperation")
    make.action_line(trade, code="2.1.2", text="Trade facilitation")
    make.action_line(trade, code="2.1.3", text="Old idea", archived_at=datetime(2025, 1, 1, tzinfo=UTC))
    author = make.user(name="Nur Aisyah")
    make.status_update(author, area=trade, status="not_started", as_of=date(2024, 3, 1), note="Kick-off pending")
    make.status_update(
        author, area=trade, status="on_track", as_of=date(2025, 3, 31), note="Workshop held", progress=40
    )
    make.status_update(author, area=trade, status="at_risk", as_of=date(2024, 9, 30), note="Funding delayed")
    make.status_update(author, action_line=customs, status="being_addressed", as_of=date(2025, 2, 1))

    page = signed_in.get(f"/areas/{trade.id}").get_data(as_text=True)
    assert "ASEC Trade Division" in page
    current = page[page.index("Current status") : page.index("Status history")]
    assert "On track" in current and "40%" in current and "31 March 2025" in current
    history = page[page.index("Status history") : page.index("Meetings that discussed it")]
    assert history.index("Workshop held") < history.index("Funding delayed") < history.index("Kick-off pending")
    assert "Nur Aisyah" in history
    lines = page[page.index("Action lines</h2>") :]
    assert "Customs cooperation" in lines and "Being addressed" in lines and "Trade facilitation" in lines
    assert "Old idea" not in lines and "1 archived action line is hidden" in lines
    assert "Record a status update" in page and "Add an action line" in page


def test_area_page_queries_do_not_grow_with_action_lines(signed_in, make, plan, economic):
    def statements(lines: int) -> int:
        area = make.area(plan, economic, code=f"9.{lines}", name=f"Area with {lines} lines")
        author = make.user(email=f"author{lines}@asean.example")
        for n in range(lines):
            line = make.action_line(area, code=f"9.{lines}.{n}")
            make.status_update(author, action_line=line, status="addressed", as_of=date(2025, 1, 1))
        make.status_update(author, area=area, status="on_track", as_of=date(2025, 1, 1))
        url = f"/areas/{area.id}"
        db.session.expire_all()
        with count_statements() as executed:
            assert signed_in.get(url).status_code == 200
        return len(executed)

    assert statements(2) == statements(8)


def test_action_lines_add_edit_archive(signed_in, make, plan, economic):
    trade = make.area(plan, economic, code="2.1", name="Trade")
    url = f"/areas/{trade.id}/action-lines/new"

    page = signed_in.submit(url, {"code": "2.1.1", "text": "Customs cooperation", "position": ""}).get_data(
        as_text=True
    )
    assert "Action line added: 2.1.1" in page
    line = db.session.scalar(db.select(ActionLine).filter_by(code="2.1.1"))
    assert (line.area_id, line.text, line.position) == (trade.id, "Customs cooperation", 1)

    page = signed_in.submit(url, {"code": "", "text": ""}).get_data(as_text=True)
    assert page.count("Enter the action line code") == 2 and page.count("Enter the text of the action line") == 2
    page = signed_in.submit(url, {"code": "2.1.1", "text": "Again"}).get_data(as_text=True)
    assert "Action line code 2.1.1 is already used in this area – enter a different code" in page
    page = signed_in.submit(url, {"code": "2.1/2", "text": "x" * 2001}).get_data(as_text=True)
    assert "Action line code must only include letters, numbers, dots and hyphens" in page
    assert "Text must be 2,000 characters or less" in page
    assert db.session.scalar(db.select(db.func.count(ActionLine.id))) == 1

    edit_url = f"/action-lines/{line.id}/edit"
    assert "Customs cooperation" in signed_in.get(edit_url).get_data(as_text=True)
    page = signed_in.submit(edit_url, {"code": "2.1.9", "text": "Customs and trade facilitation"}).get_data(
        as_text=True
    )
    assert "Action line saved: 2.1.9" in page and "Customs and trade facilitation" in page
    db.session.expire_all()
    assert (line.code, line.text) == ("2.1.9", "Customs and trade facilitation")

    signed_in.submit(f"/action-lines/{line.id}/archive")
    db.session.expire_all()
    assert line.archived_at is not None
    assert "Customs and trade facilitation" not in signed_in.get(f"/areas/{trade.id}").get_data(as_text=True)
    signed_in.submit(f"/action-lines/{line.id}/restore", page=f"/action-lines/{line.id}")
    db.session.expire_all()
    assert line.archived_at is None


def test_unknown_records_are_404(signed_in):
    for url in (
        "/areas/999999",
        "/areas/999999/edit",
        "/plans/999999/areas/new",
        "/action-lines/999999",
        "/action-lines/999999/edit",
        "/areas/999999/status/new",
        "/action-lines/999999/status/new",
    ):
        assert signed_in.get(url).status_code == 404, url


def test_viewer_reads_but_cannot_change_areas(as_role, make):
    plan = make.plan(make.partnership())
    area = make.area(plan)
    line = make.action_line(area)
    viewer = as_role("viewer")
    for url in (
        f"/plans/{plan.id}/areas/new",
        f"/areas/{area.id}/edit",
        f"/areas/{area.id}/action-lines/new",
        f"/action-lines/{line.id}/edit",
        f"/areas/{area.id}/status/new",
        f"/action-lines/{line.id}/status/new",
        f"/areas/{area.id}/archive",
        f"/action-lines/{line.id}/archive",
    ):
        assert viewer.get(url).status_code == 403, url
    page = viewer.get(f"/areas/{area.id}").get_data(as_text=True)
    assert "2.1 Trade" in page and "Record a status update" not in page
    assert viewer.get(f"/action-lines/{line.id}").status_code == 200
