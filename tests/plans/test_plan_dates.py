"""A plan's period holds its status updates and the meetings on its areas; its page counts as its reports do."""

from datetime import date
from html import unescape

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Plan, StatusUpdate
from tests.plans.helpers import beside, date_fields, kept
from tests.plans.test_plan_pages import plan_form


def long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


@pytest.fixture
def ended(make):
    """A plan of 2021-2022, over: 4 action lines, 2.1.1 and 2.1.2 being addressed since 1 June 2021, 2.1.3 marked
    addressed on 31 December 2022 (the plan's last day), 2.1.4 no status."""
    author = make.user(name="Nur Aisyah", email="nur.aisyah@asean.example")
    partnership = make.partnership()
    plan = make.plan(partnership, label="2021-2022", starts_on=date(2021, 1, 1), ends_on=date(2022, 12, 31),
                     state="expired")
    trade = make.area(plan, make.pillar(plan, "Economic"), code="2.1", name="Trade")
    lines = [make.action_line(trade, code=f"2.1.{n}", text=f"Action line 2.1.{n}") for n in range(1, 5)]
    for line in lines[:2]:
        make.status_update(author, action_line=line, status="being_addressed", as_of=date(2021, 6, 1))
    make.status_update(author, action_line=lines[2], status="addressed", as_of=date(2022, 12, 31))
    db.session.commit()
    return plan, lines


def test_a_status_dated_after_the_plans_end_is_refused_beside_the_date(signed_in, ended):
    plan, lines = ended
    before = db.session.scalar(sa.select(sa.func.count(StatusUpdate.id)))
    late = date(2023, 3, 1)
    response = signed_in.submit(f"/action-lines/{lines[3].id}/status/new", {
        "status": "addressed", "progress": "", "note": "Signed after the plan ended", **date_fields("as_of", late),
    })
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    message = "Date of the status update must be between 1 January 2021 and 31 December 2022, the period of the plan"
    assert page.count(message) == 2 and beside(page, "as_of", message)  # in the summary and beside the field
    assert kept(page, "as_of", late) and "Signed after the plan ended" in page
    assert db.session.scalar(sa.select(sa.func.count(StatusUpdate.id))) == before


def test_the_plan_page_counts_as_of_the_plans_end_like_the_whole_plan_report(signed_in, ended):
    """As of 31 December 2022: 2.1.1 and 2.1.2 being addressed, 2.1.3 addressed that very day -> 3 of 4 (75%),
    addressed only 1 of 4 (25%), on the page and in the report alike."""
    plan, _ = ended
    page = unescape(signed_in.get(f"/plans/{plan.id}").get_data(as_text=True))
    assert ("3 out of 4 (75%) action lines are being addressed or have been addressed; addressed only: 1 of 4 (25%)"
            in page)
    assert "Counted as of 31 December 2022, the plan's end" in page

    report = signed_in.get(f"/partnerships/{plan.partnership.slug}/reports/period?plan={plan.id}&window=plan")
    assert "<strong>3 of 4 (75%)</strong> at the end" in report.get_data(as_text=True)


def test_a_plan_in_force_is_counted_as_of_today(signed_in, make):
    plan = make.plan(make.partnership())
    make.action_line(make.area(plan), code="2.1.1")
    db.session.commit()
    page = unescape(signed_in.get(f"/plans/{plan.id}").get_data(as_text=True))
    assert f"Counted as of {long(date.today())}, as the plan's reports count it" in page


@pytest.fixture
def dated(make):
    """A 2024-2028 plan whose Trade area has statuses of 1 and 2 March 2024 and 1 February 2025, and a meeting on
    25 March 2024 that discussed it."""
    author = make.user(name="Nur Aisyah", email="nur.aisyah@asean.example")
    partnership = make.partnership()
    plan = make.plan(partnership)
    trade = make.area(plan, make.pillar(plan, "Economic"), code="2.1", name="Trade")
    customs = make.action_line(trade, code="2.1.1")
    make.status_update(author, area=trade, status="on_track", as_of=date(2024, 3, 1))
    make.status_update(author, action_line=customs, status="being_addressed", as_of=date(2024, 3, 2))
    make.status_update(author, action_line=customs, status="addressed", as_of=date(2025, 2, 1))
    make.meeting(partnership, held_on=date(2024, 3, 25), areas=[trade])
    db.session.commit()
    return plan


def plan_dates(plan) -> tuple[date, date]:
    db.session.expire_all()
    saved = db.session.get(Plan, plan.id)
    return saved.starts_on, saved.ends_on


def test_a_plans_start_cannot_move_after_its_status_updates_and_meetings(signed_in, dated):
    url = f"/plans/{dated.id}/edit"
    response = signed_in.submit(url, plan_form(starts_on=date(2024, 4, 1)))
    page = unescape(response.get_data(as_text=True))
    message = ("2 status updates are dated before 1 April 2024: 2.1 Trade (1 March 2024), action line 2.1.1 "
               "(2 March 2024); 1 meeting that discussed its areas was held before 1 April 2024: Courtesy call "
               "(25 March 2024) – the plan can start on 1 March 2024 at the latest")
    assert response.status_code == 200
    assert page.count(message) == 2
    assert beside(page, "starts_on", message)
    assert kept(page, "starts_on", date(2024, 4, 1))
    assert plan_dates(dated) == (date(2024, 1, 1), date(2028, 12, 31))

    # The first of them is the latest start there can be.
    response = signed_in.submit(url, plan_form(starts_on=date(2024, 3, 1)))
    assert "Plan saved" in response.get_data(as_text=True)
    assert plan_dates(dated) == (date(2024, 3, 1), date(2028, 12, 31))


def test_a_plans_end_cannot_move_before_its_status_updates(signed_in, dated):
    response = signed_in.submit(f"/plans/{dated.id}/edit", plan_form(ends_on=date(2024, 12, 31)))
    page = unescape(response.get_data(as_text=True))
    message = ("1 status update is dated after 31 December 2024: action line 2.1.1 (1 February 2025) – the plan can "
               "end on 1 February 2025 at the earliest")
    assert page.count(message) == 2 and beside(page, "ends_on", message)
    assert kept(page, "ends_on", date(2024, 12, 31))
    assert plan_dates(dated) == (date(2024, 1, 1), date(2028, 12, 31))
