from datetime import UTC, date, datetime, timedelta

from app.extensions import db
from app.models import Plan
from tests.plans.helpers import area_row, count_statements, date_fields


def plan_form(label="2024-2028", starts_on=date(2024, 1, 1), ends_on=date(2028, 12, 31), state="in_force", **extra):
    data = {
        "kind": "practical_cooperation_areas",
        "title": f"Practical Cooperation Areas ({label})",
        "label": label,
        "state": state,
        **date_fields("starts_on", starts_on),
        **date_fields("ends_on", ends_on),
        **date_fields("adopted_on"),
    }
    data.update(extra)
    return data


def plans_of(partnership) -> list[tuple[str, str]]:
    db.session.expire_all()
    rows = db.session.scalars(db.select(Plan).filter_by(partnership_id=partnership.id).order_by(Plan.starts_on))
    return [(plan.label, plan.state.value) for plan in rows]


def test_add_a_plan(signed_in, pakistan):
    form_page = signed_in.get("/partnerships/asean-pakistan/plans/new").get_data(as_text=True)
    assert "Add a plan for ASEAN–Pakistan" in form_page and 'href="/partnerships/asean-pakistan"' in form_page

    response = signed_in.submit(
        "/partnerships/asean-pakistan/plans/new",
        plan_form(**date_fields("adopted_on", day="18", month="Sep", year="2023")),
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Plan added: Practical Cooperation Areas (2024-2028)" in page
    assert "1 January 2024 to 31 December 2028" in page
    assert "18 September 2023" in page
    plan = db.session.scalar(db.select(Plan).filter_by(label="2024-2028"))
    assert (plan.kind.value, plan.state.value, plan.starts_on, plan.ends_on, plan.adopted_on) == (
        "practical_cooperation_areas",
        "in_force",
        date(2024, 1, 1),
        date(2028, 12, 31),
        date(2023, 9, 18),
    )
    assert plan.partnership_id == pakistan.id


def test_empty_plan_form_explains_each_problem_and_saves_nothing(signed_in, pakistan):
    response = signed_in.submit(
        "/partnerships/asean-pakistan/plans/new",
        {"title": "", "label": "", **date_fields("starts_on"), **date_fields("ends_on"), **date_fields("adopted_on")},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<title>Error: Add a plan for ASEAN–Pakistan" in page
    for message in (
        "Select the kind of plan",
        "Enter the title of the plan",
        "Enter a label for the plan",
        "Enter the start date of the plan",
        "Enter the end date of the plan",
        "Select the state of the plan",
    ):
        assert page.count(message) == 2, message
    assert 'href="#kind-0"' in page and 'href="#starts_on-day"' in page
    assert plans_of(pakistan) == []


def test_bad_plan_values_get_clear_messages_and_are_kept(signed_in, pakistan):
    tomorrow = date.today() + timedelta(days=1)
    response = signed_in.submit(
        "/partnerships/asean-pakistan/plans/new",
        {
            **plan_form(label="2024/2028", kind="no-such-kind", title="x" * 10_000),
            **date_fields("starts_on", day="31", month="2", year="2025"),
            **date_fields("ends_on", day="1", month="", year="2028"),
            **date_fields("adopted_on", tomorrow),
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Select kind of plan from the list" in page
    assert "Title must be 300 characters or less" in page
    assert "Label must only include letters, numbers and hyphens" in page
    assert "Start date of the plan must be a real date" in page
    assert "End date of the plan must include a month" in page
    assert "Date the plan was adopted must be today or in the past" in page
    assert 'value="2024/2028"' in page and 'value="31"' in page
    assert plans_of(pakistan) == []


def test_end_before_start_is_refused(signed_in, pakistan):
    response = signed_in.submit(
        "/partnerships/asean-pakistan/plans/new",
        plan_form(starts_on=date(2025, 4, 1), ends_on=date(2025, 3, 1)),
    )
    page = response.get_data(as_text=True)
    assert page.count("End date of the plan must be after 1 April 2025, the start date") == 2
    assert 'href="#ends_on-day"' in page
    assert plans_of(pakistan) == []


def test_label_is_unique_within_the_partnership_only(signed_in, make, pakistan):
    make.plan(pakistan, label="2024-2028")
    norway = make.partnership(make.organisation(name="Kingdom of Norway", short_name="Norway", iso_code="NO"))

    response = signed_in.submit("/partnerships/asean-pakistan/plans/new", plan_form(label="2024-2028", state="draft"))
    assert (
        "Label 2024-2028 is already used by another plan of this partnership – enter a different label"
        in response.get_data(as_text=True)
    )
    response = signed_in.submit("/partnerships/asean-norway/plans/new", plan_form(label="2024-2028"))
    assert "Plan added" in response.get_data(as_text=True)
    assert plans_of(norway) == [("2024-2028", "in_force")]


def test_edit_a_plan_keeps_the_overlap_rule(signed_in, make, pakistan):
    make.plan(pakistan, label="2019-2021", starts_on=date(2019, 1, 1), ends_on=date(2021, 12, 31))
    draft = make.plan(
        pakistan, label="2021-2025", starts_on=date(2021, 1, 1), ends_on=date(2025, 12, 31), state="draft"
    )
    edit_page = signed_in.get(f"/plans/{draft.id}/edit").get_data(as_text=True)
    assert 'value="Practical Cooperation Areas (2021-2025)"' in edit_page

    response = signed_in.submit(
        f"/plans/{draft.id}/edit",
        plan_form(label="2021-2025", starts_on=date(2021, 1, 1), ends_on=date(2025, 12, 31), title="Renamed plan"),
    )
    assert (
        "Plan dates must not overlap with the 2019-2021 plan (1 January 2019 to 31 December 2021), which is in force"
        in response.get_data(as_text=True)
    )
    assert 'value="Renamed plan"' in response.get_data(as_text=True)
    assert plans_of(pakistan) == [("2019-2021", "in_force"), ("2021-2025", "draft")]

    response = signed_in.submit(
        f"/plans/{draft.id}/edit",
        plan_form(label="2022-2025", starts_on=date(2022, 1, 1), ends_on=date(2025, 12, 31), title="Renamed plan"),
    )
    assert "Plan saved: Renamed plan" in response.get_data(as_text=True)
    assert plans_of(pakistan) == [("2019-2021", "in_force"), ("2022-2025", "in_force")]


def test_archive_and_restore_a_plan(signed_in, make, pakistan):
    plan = make.plan(pakistan)
    url = f"/plans/{plan.id}"
    confirm = signed_in.get(f"{url}/archive").get_data(as_text=True)
    assert "Archive plan “Practical Cooperation Areas (2024-2028)”?" in confirm
    page = signed_in.submit(f"{url}/archive").get_data(as_text=True)
    assert "This plan is archived" in page
    db.session.expire_all()
    assert plan.archived_at is not None
    signed_in.submit(f"{url}/restore", page=url)
    db.session.expire_all()
    assert plan.archived_at is None


def test_plan_page_shows_pillars_areas_and_their_status(signed_in, make, pakistan):
    plan = make.plan(pakistan)
    economic = make.pillar(plan, "Economic", position=2)
    political = make.pillar(plan, "Political-Security", position=1)
    trade = make.area(plan, economic, code="2.1", name="Trade", focal_point="ASEC Trade Facilitation Division")
    make.area(plan, political, code="1.1", name="Counter-terrorism")
    make.action_line(trade, code="2.1.1")
    make.action_line(trade, code="2.1.2")
    make.action_line(trade, code="2.1.3", archived_at=datetime(2025, 1, 1, tzinfo=UTC))
    make.status_update(signed_in.user, area=trade, status="at_risk", as_of=date(2024, 6, 30))
    make.status_update(signed_in.user, area=trade, status="on_track", as_of=date(2025, 3, 31))

    page = signed_in.get(f"/plans/{plan.id}").get_data(as_text=True)
    assert page.index("Political-Security") < page.index("Counter-terrorism") < page.index("Economic")
    assert area_row(page, trade) == {
        "Area": "2.1 Trade", "Status": "On track", "Action lines": "0 of 2 (0%) being addressed or addressed",
        "Last update": "31 March 2025 by Desk Officer", "Meetings": "0", "Follow-ups": "None open",
        "Change": "Update status of 2.1 Trade",
    }  # the archived action line is not counted, and the earlier "at risk" is not the latest
    assert "At risk" not in page and "No status yet" in page
    assert f"/plans/{plan.id}/pillars/new" in page and f"/plans/{plan.id}/areas/new" in page
    # What the plan has achieved and its areas come first; what the plan is (kind, label, adoption) after them.
    assert page.index("Coverage") < page.index("Cooperation areas by pillar") < page.index("About this plan") < (
        page.index("Kind of plan"))
    assert "1 January 2024 to 31 December 2028" in page[:page.index("Coverage")]


def test_pillars_add_and_edit(signed_in, make, pakistan):
    plan = make.plan(pakistan)
    make.pillar(plan, "Economic", position=0)
    url = f"/plans/{plan.id}/pillars/new"

    page = signed_in.submit(url, {"name": "Socio-Cultural", "position": ""}).get_data(as_text=True)
    assert "Pillar added: Socio-Cultural" in page
    db.session.expire_all()
    assert [(p.name, p.position) for p in plan.pillars] == [("Economic", 0), ("Socio-Cultural", 1)]

    page = signed_in.submit(url, {"name": "", "position": "first"}).get_data(as_text=True)
    assert page.count("Enter the name of the pillar") == 2
    assert page.count("Position must be a whole number between 0 and 999") == 2
    assert 'value="first"' in page
    page = signed_in.submit(url, {"name": "economic"}).get_data(as_text=True)
    assert "A pillar called economic is already in this plan – enter a different name" in page
    page = signed_in.submit(url, {"name": "x" * 10_000}).get_data(as_text=True)
    assert "Name must be 200 characters or less" in page
    db.session.expire_all()
    assert len(plan.pillars) == 2

    socio = plan.pillars[1]
    edit_url = f"/pillars/{socio.id}/edit"
    assert 'value="Socio-Cultural"' in signed_in.get(edit_url).get_data(as_text=True)
    page = signed_in.submit(edit_url, {"name": "Economic", "position": "0"}).get_data(as_text=True)
    assert "A pillar called Economic is already in this plan" in page
    page = signed_in.submit(edit_url, {"name": "Socio-Cultural Community", "position": "0"}).get_data(as_text=True)
    assert "Pillar saved: Socio-Cultural Community" in page
    db.session.expire_all()
    assert (socio.name, socio.position) == ("Socio-Cultural Community", 0)


def test_unknown_records_are_404(signed_in):
    assert signed_in.get("/plans/999999").status_code == 404
    assert signed_in.get("/partnerships/no-such-partnership/plans/new").status_code == 404
    assert signed_in.get("/pillars/999999/edit").status_code == 404
    assert signed_in.get("/plans/999999/extend").status_code == 404


def test_viewer_reads_but_cannot_change_plans(as_role, make):
    partnership = make.partnership()
    plan = make.plan(partnership)
    pillar = make.pillar(plan)
    viewer = as_role("viewer")
    for url in (
        "/partnerships/asean-pakistan/plans/new",
        f"/plans/{plan.id}/edit",
        f"/plans/{plan.id}/extend",
        f"/plans/{plan.id}/successor",
        f"/plans/{plan.id}/pillars/new",
        f"/pillars/{pillar.id}/edit",
        f"/plans/{plan.id}/archive",
    ):
        assert viewer.get(url).status_code == 403, url
    page = viewer.get(f"/plans/{plan.id}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Practical Cooperation Areas (2024-2028)" in text
    assert "Extend plan" not in text and "Add a pillar" not in text


def plan_page_statements(signed_in, make, areas: int) -> int:
    partnership = make.partnership(
        make.organisation(name=f"Partner with {areas} areas", short_name=f"P{areas}", iso_code=None),
        slug=f"asean-p{areas}",
    )
    plan = make.plan(partnership)
    author = make.user(email=f"author{areas}@asean.example")
    pillars = [make.pillar(plan, "Economic", 1), make.pillar(plan, "Socio-Cultural", 2)]
    for n in range(areas):
        area = make.area(plan, pillars[n % 2], code=f"{n % 2 + 2}.{n}", name=f"Area {n}", focal_point="ASEC")
        make.action_line(area)
        make.action_line(area)
        make.status_update(author, area=area, status="on_track", as_of=date(2024, 6, 30))
        make.status_update(author, area=area, status="at_risk", as_of=date(2025, 6, 30))
    url = f"/plans/{plan.id}"
    db.session.expire_all()  # nothing fresh from set-up: the page must load what it shows
    with count_statements() as statements:
        response = signed_in.get(url)
    assert response.status_code == 200
    assert response.get_data(as_text=True).count("At risk") == areas
    return len(statements)


def test_plan_page_queries_do_not_grow_with_the_number_of_areas(signed_in, make):
    assert plan_page_statements(signed_in, make, 2) == plan_page_statements(signed_in, make, 10)
