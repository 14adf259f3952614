from datetime import date, timedelta

from app.extensions import db

TODAY = date.today()


def add_partnership(make, n, officer):
    partnership = make.partnership(make.organisation(name=f"Country {n:02d}", short_name=f"C{n:02d}"))
    plan = make.plan(partnership, starts_on=TODAY - timedelta(days=400), ends_on=TODAY + timedelta(days=100))
    pillar = make.pillar(plan)
    for a in range(3):
        area = make.area(plan, pillar, f"1.{a}", f"Area {a}")
        make.action_line(area, f"1.{a}.1")
        make.status_update(officer, area=area, status="at_risk", as_of=TODAY - timedelta(days=300))
        make.follow_up(partnership, title=f"Overdue {n}-{a}", owner=officer, due_on=TODAY - timedelta(days=1),
                       area=area)
    make.meeting(partnership, held_on=TODAY - timedelta(days=5), areas=plan.areas)
    make.meeting(partnership, held_on=TODAY + timedelta(days=5))
    return partnership


def test_home_shows_my_work_and_the_desk(signed_in, make):
    add_partnership(make, 1, signed_in.user)
    colleague = make.user(name="Colleague")
    other = make.partnership(make.organisation(name="Kingdom of Norway", short_name="Norway", iso_code="NO"))
    make.follow_up(other, title="Colleague's overdue task", owner=colleague, due_on=TODAY - timedelta(days=3))
    make.follow_up(other, title="Colleague's later task", owner=colleague, due_on=TODAY + timedelta(days=3))
    page = signed_in.get("/").get_data(as_text=True)
    mine, overdue = page.split('id="overdue"')[0], page.split('id="overdue"')[1]
    assert "Overdue 1-0" in mine and "Colleague&#39;s overdue task" not in mine
    assert "Colleague&#39;s overdue task" in overdue and "Colleague&#39;s later task" not in page
    # heatmap cell: "Area 0" to "Area 2" fit no theme, so Other holds all three, each at risk
    assert '<span class="app-theme-status">At risk</span> <span class="app-theme-count">3 areas</span>' in page
    assert "3 overdue follow-up" not in page and "1 overdue follow-up" in page
    assert "Plans ending soon with action lines not yet addressed (1)" in page


def test_home_queries_do_not_grow_with_partnerships(signed_in, make, count_queries):
    add_partnership(make, 1, signed_in.user)
    with count_queries() as one:
        assert signed_in.get("/").status_code == 200
    for n in range(2, 7):
        add_partnership(make, n, signed_in.user)
    db.session.expire_all()
    with count_queries() as six:
        page = signed_in.get("/").get_data(as_text=True)
    assert "ASEAN–C06" in page
    assert len(six) == len(one)
