"""The activity list: latest start first with undated ones last, each filter (partnership, plan, area, state, funding
source, year) narrowing it as worked out below, and paging at any size."""

import re
from datetime import date

import pytest

from app.extensions import db


@pytest.fixture
def listed(desk, make):
    """Five activities in use and one archived:

    forum      Pakistan 2024-2028, 2.1.1 (trade)      completed 14-15 May 2025          partner
    course     Pakistan 2024-2028, 3.3.2 (education)  ongoing since 3 February 2024     partner
    courses    Pakistan 2019-2021, 3.2.1              completed, dates not known        partner
    maritime   Norway 2021-2025                        planned 1-2 March 2026            cooperation fund
    roadshow   Pakistan 2024-2028, 2.1.1 (trade)      cancelled, planned June 2024      ours
    archived   Pakistan 2024-2028, 2.1.2 (trade)      planned 2025                       partner
    """
    make.activity(desk.pakistan, desk.plan, [desk.forum], title="Business forum", kind="dialogue", state="completed",
                  actual_starts_on=date(2025, 5, 14), actual_ends_on=date(2025, 5, 15))
    make.activity(desk.pakistan, desk.plan, [desk.diplomats], title="Course for diplomats", state="ongoing",
                  actual_starts_on=date(2024, 2, 3))
    make.activity(desk.pakistan, desk.earlier_plan, [desk.earlier_line], title="Diplomatic courses",
                  state="completed", state_on=date(2023, 6, 8))
    make.activity(desk.norway, desk.norway_plan, [desk.norway_line], title="Maritime safety workshop", kind="workshop",
                  funding_source="cooperation_fund", planned_starts_on=date(2026, 3, 1),
                  planned_ends_on=date(2026, 3, 2))
    make.activity(desk.pakistan, desk.plan, [desk.forum], title="Investment roadshow", kind="project",
                  state="cancelled", funding_source="ours", planned_starts_on=date(2024, 6, 1),
                  planned_ends_on=date(2024, 6, 30), state_on=date(2024, 5, 2))
    archived = make.activity(desk.pakistan, desk.plan, [desk.study], title="Archived study",
                             planned_starts_on=date(2025, 9, 1))
    archived.archive()
    db.session.commit()


def titles(visitor, query: str = "") -> list[str]:
    page = visitor.get(f"/activities/{query}").get_data(as_text=True)
    return re.findall(r'<th scope="row"><a href="/activities/\d+">([^<]+)</a>', page)


def test_latest_start_first_and_undated_last(listed, signed_in):
    assert titles(signed_in) == ["Maritime safety workshop", "Business forum", "Investment roadshow",
                                 "Course for diplomats", "Diplomatic courses"]
    assert "5 activities, latest start first" in signed_in.get("/activities/").get_data(as_text=True)


def test_each_filter(desk, signed_in, listed):
    assert titles(signed_in, "?partnership=asean-pakistan") == [
        "Business forum", "Investment roadshow", "Course for diplomats", "Diplomatic courses"]
    assert titles(signed_in, f"?partnership=asean-pakistan&plan={desk.plan.id}") == [
        "Business forum", "Investment roadshow", "Course for diplomats"]
    assert titles(signed_in, f"?partnership=asean-pakistan&plan={desk.plan.id}&area={desk.trade.id}") == [
        "Business forum", "Investment roadshow"]
    assert titles(signed_in, "?state=completed") == ["Business forum", "Diplomatic courses"]
    assert titles(signed_in, "?funding=cooperation_fund") == ["Maritime safety workshop"]
    # A year lists what ran or was planned at some time in it: the ongoing course runs on through every year since.
    assert titles(signed_in, "?year=2025") == ["Business forum", "Course for diplomats"]
    assert titles(signed_in, "?year=2024") == ["Investment roadshow", "Course for diplomats"]
    assert titles(signed_in, "?year=2026") == ["Maritime safety workshop", "Course for diplomats"]
    assert titles(signed_in, "?q=course") == ["Course for diplomats", "Diplomatic courses"]
    assert "Archived study" in titles(signed_in, "?archived=1")
    # Filters that make no sense are ignored, never an error.
    assert len(titles(signed_in, "?state=finished&funding=x&year=99999&plan=abc")) == 5


def test_the_filters_offer_the_plans_and_areas_of_what_is_chosen(desk, signed_in, listed):
    page = signed_in.get(f"/activities/?partnership=asean-pakistan&plan={desk.plan.id}").get_data(as_text=True)
    assert f'<option value="{desk.earlier_plan.id}" >' in page
    assert f'<option value="{desk.trade.id}" >2.1 Trade</option>' in page
    years = re.findall(r'<option value="(\d{4})"', page)
    assert years == ["2026", "2025", "2024"]


def test_paging_at_any_size(listed, signed_in, app, monkeypatch):
    monkeypatch.setitem(app.config, "PER_PAGE", 2)
    assert titles(signed_in, "?page=1") == ["Maritime safety workshop", "Business forum"]
    assert titles(signed_in, "?page=2") == ["Investment roadshow", "Course for diplomats"]
    assert titles(signed_in, "?page=3") == ["Diplomatic courses"]
    assert "Activities (page 3 of 3)" in signed_in.get("/activities/?page=3").get_data(as_text=True)
    assert signed_in.get("/activities/?page=9").headers["Location"] == "/activities/"


def test_a_viewer_reads_the_list(as_role, listed):
    viewer = as_role("viewer")
    page = viewer.get("/activities/").get_data(as_text=True)
    assert "Business forum" in page and "Record an activity" not in page
    assert 'href="/activities/"' in page  # the main navigation
