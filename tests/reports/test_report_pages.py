"""The period report page, issuing a report, and re-opening it unchanged after the data moves on."""

import re
from datetime import date

from app.extensions import db
from app.models import CooperationArea, IssuedReport

YEAR_2025 = {"window": "year", "year": "2025"}


def report_url(plan, **args):
    query = "&".join(f"{key}={value}" for key, value in {"plan": plan.id, **args}.items())
    return f"/partnerships/asean-pakistan/reports/period?{query}"


def issue(visitor, plan, way_forward="Hold the 9th JSCC in 2026.", **window):
    data = {"plan": plan.id, "way_forward": way_forward, **window}
    return visitor.submit("/partnerships/asean-pakistan/reports/issue", data, page=report_url(plan, **window))


def test_year_window_shows_the_hand_worked_figures(history, signed_in):
    page = signed_in.get(report_url(history, **YEAR_2025)).get_data(as_text=True)
    assert '<h1 class="mb-1">ASEAN–Pakistan period report</h1>' in page
    assert "1 January 2025 to 31 December 2025<span" in page  # the period below the title
    assert page.index('id="choose-heading">Plan and period<') < page.index('id="downloads-label"')
    assert "Change the plan or the period" not in page  # the choice is in view, not folded away
    assert "Calendar year 2025" in page
    assert "<strong>4 of 6 (67%)</strong> at the end" in page
    assert "3 of 6 (50%) at the start" in page
    assert "Sectoral dialogue partner" in page


def test_default_window_runs_from_the_plan_start_to_today(history, signed_in):
    page = signed_in.get("/partnerships/asean-pakistan/reports/period").get_data(as_text=True)
    today = date.today()
    assert f"1 January 2024 to {today.day} {today:%B %Y}" in page


def test_a_window_asked_for_without_a_plan_is_of_the_plan_in_force_and_is_the_one_issued(history, signed_in):
    page = signed_in.get("/partnerships/asean-pakistan/reports/period?window=year&year=2025").get_data(as_text=True)
    assert "1 January 2025 to 31 December 2025<span" in page
    assert "<strong>4 of 6 (67%)</strong> at the end" in page
    issued_window = re.findall(r'<input type="hidden" name="(plan|window|year)" value="([^"]*)">', page)
    assert issued_window == [("plan", str(history.id)), ("window", "year"), ("year", "2025")]


def test_bad_windows_are_explained_not_failed(history, signed_in):
    cases = [
        ({"window": "dates", "starts_on-day": "1", "starts_on-month": "6", "starts_on-year": "2025",
          "ends_on-day": "1", "ends_on-month": "1", "ends_on-year": "2025"},
         "End of the report period must be the same as or after its start"),
        ({"window": "dates", "starts_on-day": "1", "starts_on-month": "1", "starts_on-year": "2020",
          "ends_on-day": "1", "ends_on-month": "1", "ends_on-year": "2025"},
         "The report period must be within the plan, 1 January 2024 to 31 December 2028"),
        ({"window": "dates", "starts_on-day": "31", "starts_on-month": "2", "starts_on-year": "2025",
          "ends_on-day": "1", "ends_on-month": "1", "ends_on-year": "2026"},
         "Start of the report period must be a real date"),
        ({"window": "year", "year": "2031"}, "Select a year between 2024 and 2028"),
    ]
    for args, message in cases:
        response = signed_in.get(report_url(history, **args))
        page = response.get_data(as_text=True)
        assert response.status_code == 200, message
        assert page.count(message) == 2, message  # in the summary and beside the field
        assert "<title>Error: " in page
    response = signed_in.get("/partnerships/asean-pakistan/reports/period?plan=999999")
    assert "Select the plan from the list" in response.get_data(as_text=True)


def test_issued_report_stays_as_issued_while_the_live_report_moves_on(history, signed_in, make):
    response = issue(signed_in, history, **YEAR_2025)
    assert "Report issued: ASEAN–Pakistan period report, 1 January 2025 to 31 December 2025" in response.get_data(
        as_text=True
    )
    issued = db.session.scalar(db.select(IssuedReport))
    frozen_html = issued.html
    first_view = signed_in.get(f"/reports/{issued.id}").get_data(as_text=True)
    assert "Hold the 9th JSCC in 2026." in first_view
    assert "This is the first issued report of this plan." in first_view

    trade = db.session.scalar(db.select(CooperationArea).filter_by(name="Trade"))
    make.status_update(signed_in.user, area=trade, status="off_track", as_of=date(2025, 12, 1), note="Talks stalled")

    later_view = signed_in.get(f"/reports/{issued.id}").get_data(as_text=True)
    assert db.session.get(IssuedReport, issued.id).html == frozen_html
    assert "Talks stalled" not in later_view and "Talks stalled" not in frozen_html
    live = signed_in.get(report_url(history, **YEAR_2025)).get_data(as_text=True)
    assert "Talks stalled" in live
    # The live report compares itself with the issued one.
    assert "<td>Trade</td><td>At risk</td><td>Off track</td>" in live

    partnership_page = signed_in.get("/partnerships/asean-pakistan").get_data(as_text=True)
    assert f'href="/reports/{issued.id}"' in partnership_page


def test_issuing_needs_a_way_forward_and_an_editor(history, signed_in, as_role):
    response = issue(signed_in, history, way_forward="", **YEAR_2025)
    page = response.get_data(as_text=True)
    assert page.count("Enter the way forward") == 2
    assert db.session.scalar(db.select(db.func.count(IssuedReport.id))) == 0

    viewer = as_role("viewer")
    assert viewer.get(report_url(history, **YEAR_2025)).status_code == 200
    response = issue(viewer, history, **YEAR_2025)
    assert response.status_code == 403
    assert db.session.scalar(db.select(db.func.count(IssuedReport.id))) == 0


def test_report_queries_do_not_grow_with_the_data(history, signed_in, make, count_queries):
    with count_queries() as small:
        signed_in.get(report_url(history, **YEAR_2025))
    trade = db.session.scalar(db.select(CooperationArea).filter_by(name="Trade"))
    pakistan = history.partnership
    for n in range(10):
        area = make.area(history, trade.pillar, f"2.{n + 5}", f"Area {n}")
        line = make.action_line(area, f"2.{n + 5}.1")
        make.status_update(signed_in.user, action_line=line, status="being_addressed", as_of=date(2025, 2, 1))
        make.status_update(signed_in.user, area=area, status="on_track", as_of=date(2025, 2, 1))
        make.meeting(pakistan, held_on=date(2025, 2, n + 1), areas=[area])
        make.follow_up(pakistan, title=f"Follow-up {n}", opened_on=date(2025, 2, 1), area=area)
    with count_queries() as large:
        page = signed_in.get(report_url(history, **YEAR_2025)).get_data(as_text=True)
    assert "Area 9" in page
    assert len(large) == len(small)
