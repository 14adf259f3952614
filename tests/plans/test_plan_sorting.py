"""The plan page's table of areas sorted by a column through the links in its headings, without JavaScript."""

from datetime import UTC, date, datetime

import pytest

from app.extensions import db
from app.models import MeetingType
from tests.plans.helpers import area_order, area_row, count_statements

COUNTER_TERRORISM, INVESTMENT, CUSTOMS, TOURISM = (
    "1.1 Counter-terrorism", "2.2 Investment", "2.9 Customs", "2.10 Tourism")


@pytest.fixture
def plan(make, pakistan, signed_in):
    """Four areas whose figures differ column by column (worked by hand, on a day after every date below):

    area                 pillar     status               action lines        meetings  follow-ups
    1.1 Counter-terror.  Political  at risk, 1 Mar 2025  1 of 2 (50%)        0         1 open
    2.2 Investment       Economic   on track, 1 May 2025 1 of 1 (100%)       1         none
    2.9 Customs          Economic   off track, 1 Dec 2024  none (no lines)   0         none
    2.10 Tourism         Economic   none                 0 of 4 (0%)         2         2 open, 1 overdue
    """
    plan = make.plan(pakistan)
    political = make.pillar(plan, "Political-Security", position=1)
    economic = make.pillar(plan, "Economic", position=2)
    officer = signed_in.user
    counter = make.area(plan, political, code="1.1", name="Counter-terrorism")
    investment = make.area(plan, economic, code="2.2", name="Investment")
    customs = make.area(plan, economic, code="2.9", name="Customs")
    tourism = make.area(plan, economic, code="2.10", name="Tourism")
    make.status_update(officer, area=counter, status="at_risk", as_of=date(2025, 3, 1))
    make.status_update(officer, area=investment, status="on_track", as_of=date(2025, 5, 1))
    make.status_update(officer, area=customs, status="off_track", as_of=date(2024, 12, 1))
    addressed = make.action_line(counter)
    make.action_line(counter)
    make.status_update(officer, action_line=addressed, status="addressed", as_of=date(2025, 1, 1))
    make.status_update(officer, action_line=make.action_line(investment), status="being_addressed",
                       as_of=date(2025, 1, 1))
    for _ in range(4):
        make.action_line(tourism)
    make.meeting(pakistan, areas=[investment, tourism], held_on=date(2025, 2, 1))
    make.meeting(pakistan, type=MeetingType.JSCC, number=8, areas=[tourism], held_on=date(2025, 4, 1))
    make.follow_up(pakistan, title="Draft the counter-terrorism work plan", area=counter, due_on=date(2099, 1, 1))
    make.follow_up(pakistan, title="Agree the tourism forum", area=tourism, due_on=date(2020, 1, 1))
    make.follow_up(pakistan, title="Share the tourism figures", area=tourism, due_on=date(2099, 1, 1))
    return plan


def sorted_page(signed_in, plan, sort: str, direction: str) -> str:
    response = signed_in.get(f"/plans/{plan.id}?sort={sort}&dir={direction}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.mark.parametrize(("sort", "direction", "expected"), [
    # 2.10 after 2.9, as the codes are read, not as text
    ("area", "asc", [COUNTER_TERRORISM, INVESTMENT, CUSTOMS, TOURISM]),
    ("area", "desc", [TOURISM, CUSTOMS, INVESTMENT, COUNTER_TERRORISM]),
    # Worst first going up; an area without a status last whichever way
    ("status", "asc", [CUSTOMS, COUNTER_TERRORISM, INVESTMENT, TOURISM]),
    ("status", "desc", [INVESTMENT, COUNTER_TERRORISM, CUSTOMS, TOURISM]),
    # 0% < 50% < 100%; Customs, with no action lines, last
    ("coverage", "asc", [TOURISM, COUNTER_TERRORISM, INVESTMENT, CUSTOMS]),
    ("coverage", "desc", [INVESTMENT, COUNTER_TERRORISM, TOURISM, CUSTOMS]),
    ("updated", "desc", [INVESTMENT, COUNTER_TERRORISM, CUSTOMS, TOURISM]),
    # Counter-terrorism and Customs both 0: the tie in the order of their codes
    ("meetings", "desc", [TOURISM, INVESTMENT, COUNTER_TERRORISM, CUSTOMS]),
    ("meetings", "asc", [COUNTER_TERRORISM, CUSTOMS, INVESTMENT, TOURISM]),
    ("follow_ups", "desc", [TOURISM, COUNTER_TERRORISM, INVESTMENT, CUSTOMS]),
    ("pillar", "asc", [COUNTER_TERRORISM, INVESTMENT, CUSTOMS, TOURISM]),
])
def test_sorting_by_a_column_lists_the_areas_in_its_order(signed_in, plan, sort, direction, expected):
    assert area_order(sorted_page(signed_in, plan, sort, direction)) == expected


def test_the_sorted_column_says_so_and_its_link_turns_the_order_round(signed_in, plan):
    page = sorted_page(signed_in, plan, "status", "asc")
    assert page.count("aria-sort=") == 1
    assert 'aria-sort="ascending">\n    <a href="/plans/' in page
    assert f'/plans/{plan.id}?sort=status&amp;dir=desc#areas">Status' in page
    assert f'/plans/{plan.id}?sort=area&amp;dir=asc#areas">Area' in page
    assert "Cooperation areas sorted by status, ascending." in page
    # Sorted, the table is one list with the pillar as a column; the link back shows it by pillar again.
    assert area_row(page, plan.areas[0])["Pillar"] == "Political-Security"
    assert f'href="/plans/{plan.id}#areas">Show by pillar</a>' in page
    assert 'scope="rowgroup"' not in page

    page = sorted_page(signed_in, plan, "status", "desc")
    assert 'aria-sort="descending"' in page and f'/plans/{plan.id}?sort=status&amp;dir=asc#areas">Status' in page


def test_by_pillar_unless_a_column_is_asked_for(signed_in, plan):
    for url in (f"/plans/{plan.id}", f"/plans/{plan.id}?sort=no-such-column&dir=up"):
        page = signed_in.get(url).get_data(as_text=True)
        assert "aria-sort=" not in page and "Cooperation areas by pillar" in page
        assert page.count('scope="rowgroup"') == 2
        assert page.index("Political-Security") < page.index(COUNTER_TERRORISM) < page.index("Economic")
        assert page.index("Economic") < page.index("2.2 Investment")


def test_sorting_adds_no_query(signed_in, plan):
    db.session.expire_all()
    with count_statements() as by_pillar:
        signed_in.get(f"/plans/{plan.id}")
    db.session.expire_all()
    with count_statements() as sorted_by_status:
        signed_in.get(f"/plans/{plan.id}?sort=follow_ups&dir=desc")
    assert len(sorted_by_status) == len(by_pillar)


def test_showing_archived_areas_keeps_the_order_chosen(signed_in, plan, make):
    archived = make.area(plan, plan.pillars[1], code="2.11", name="Old area",
                         archived_at=datetime(2025, 1, 1, tzinfo=UTC))
    page = sorted_page(signed_in, plan, "meetings", "desc")
    assert f'href="/plans/{plan.id}?archived=1&amp;sort=meetings&amp;dir=desc">Include archived areas' in page
    page = signed_in.get(f"/plans/{plan.id}?archived=1&sort=meetings&dir=desc").get_data(as_text=True)
    # The archived area has no meeting: with Counter-terrorism and Customs, 0, in the order of the codes.
    assert area_order(page) == [TOURISM, INVESTMENT, COUNTER_TERRORISM, CUSTOMS, "2.11 Old area"]
    assert area_row(page, archived)["Status"] == "No status yet"
