"""The home page heatmap read as a screen reader meets it: row header, column header, then the words of the cell."""

from datetime import date, timedelta

import lxml.html

from app.extensions import db

TODAY = date.today()


def read_heatmap(page: str) -> dict[str, dict[str, tuple[str, str | None]]]:
    """Partnership -> column header -> (the words of the cell, where its link leads). A cell spanning every column
    (a partnership with no plan in force) is filed under "all". What is hidden from screen readers is left out."""
    [table] = lxml.html.fromstring(page).xpath("//table[contains(@class, 'app-theme-grid')]")
    for hidden in table.xpath(".//*[@aria-hidden='true']"):
        hidden.drop_tree()
    columns = [" ".join(th.text_content().split()) for th in table.xpath("./thead/tr/th")][1:]
    grid = {}
    for tr in table.xpath("./tbody/tr"):
        cells = {}
        for column, td in zip(columns, tr.xpath("./td"), strict=False):
            links = td.xpath(".//a/@href")
            cells["all" if td.get("colspan") else column] = (" ".join(td.text_content().split()),
                                                              links[0] if links else None)
        grid[tr.xpath("./th/a")[0].text_content().strip()] = cells
    return grid


def partner(make, name):
    return make.partnership(make.organisation(name=f"Republic of {name}", short_name=name))


def pakistan_in_force(make):
    officer = make.user()
    plan = make.plan(partner(make, "Pakistan"), label="2025-2029", starts_on=TODAY - timedelta(days=300),
                     ends_on=TODAY + timedelta(days=1000))
    economic, social = make.pillar(plan, "Economic", 1), make.pillar(plan, "Socio-Cultural", 2)
    trade, investment, customs = (make.area(plan, economic, code, name) for code, name in
                                  (("2.1", "Trade"), ("2.2", "Investment"), ("2.3", "Customs")))
    culture = make.area(plan, social, "3.1", "Culture")
    for area, status in ((trade, "on_track"), (investment, "at_risk"), (customs, "on_track"), (culture, "completed")):
        make.status_update(officer, area=area, status=status, as_of=TODAY - timedelta(days=10))
    return plan, investment, culture


def test_each_partnership_keeps_its_row_and_a_cell_shows_the_worst_of_its_theme(signed_in, make):
    plan, investment, culture = pakistan_in_force(make)
    india = partner(make, "India")
    make.plan(india, label="2016-2020", starts_on=date(2016, 1, 1), ends_on=date(2020, 12, 31), state="superseded")
    make.plan(india, label="2021-2025", starts_on=date(2021, 1, 1), ends_on=date(2025, 12, 31), state="expired")
    # Still marked in force, but its end date has passed: no plan is in force.
    make.plan(partner(make, "Norway"), label="2021-2025", starts_on=date(2021, 1, 1), ends_on=date(2025, 6, 30))
    partner(make, "Oman")  # no plan at all
    make.plan(partner(make, "Chile"), starts_on=TODAY - timedelta(days=30), ends_on=TODAY + timedelta(days=1000))

    grid = read_heatmap(signed_in.get("/").get_data(as_text=True))

    assert list(grid) == ["ASEAN–Chile", "ASEAN–India", "ASEAN–Norway", "ASEAN–Oman", "ASEAN–Pakistan"]
    assert grid["ASEAN–Chile"] == {"all": ("No cooperation areas yet", None)}
    assert grid["ASEAN–India"] == {"all": ("No plan in force – last plan ended 31 December 2025", None)}
    assert grid["ASEAN–Norway"] == {"all": ("No plan in force – last plan ended 30 June 2025", None)}
    assert grid["ASEAN–Oman"] == {"all": ("No plan in force – no plan has been recorded yet", None)}
    pakistan = grid["ASEAN–Pakistan"]
    # Trade on track, Investment at risk, Customs on track: one of the three at risk, leading to it on the plan page.
    assert pakistan["Trade, investment and finance"] == ("At risk 1 of 3 areas",
                                                         f"/plans/{plan.id}#area-{investment.id}")
    assert pakistan["Culture and people-to-people"] == ("Completed 1 area", f"/areas/{culture.id}")
    assert pakistan["Health"] == ("No area", None)  # the dash is hidden from screen readers


def test_the_partnership_row_links_to_the_partnership(signed_in, make):
    india = partner(make, "India")
    make.plan(india, label="2021-2025", starts_on=date(2021, 1, 1), ends_on=date(2025, 12, 31), state="expired")
    [header] = lxml.html.fromstring(signed_in.get("/").get_data(as_text=True)).xpath(
        "//table[contains(@class, 'app-theme-grid')]/tbody/tr/th[@scope='row']/a")
    assert (header.text_content(), header.get("href")) == ("ASEAN–India", f"/partnerships/{india.slug}")


def test_the_heatmap_reads_the_same_number_of_times_however_many_partnerships(signed_in, make, count_queries):
    pakistan_in_force(make)
    with count_queries() as one:
        assert signed_in.get("/").status_code == 200
    for n in range(5):  # plans ending far past the horizon of "plans ending soon", which reads more when it signals
        plan = make.plan(partner(make, f"C{n}"), starts_on=TODAY - timedelta(days=30),
                         ends_on=TODAY + timedelta(days=1000))
        make.area(plan, code="2.1", name="Trade")
        make.plan(partner(make, f"E{n}"), starts_on=date(2019, 1, 1), ends_on=date(2023, 12, 31), state="expired")
    db.session.expire_all()
    with count_queries() as eleven:
        page = signed_in.get("/").get_data(as_text=True)
    assert len(read_heatmap(page)) == 11
    assert len(eleven) == len(one)
