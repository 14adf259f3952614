import re
from datetime import date, timedelta

import pytest

from app.areas.details import StatusDetails
from app.areas.services import record_status
from app.common.errors import DomainError
from app.extensions import db
from app.implementation.statuses import current_statuses
from app.models import StatusUpdate
from tests.plans.helpers import beside, count_statements, date_fields, kept


@pytest.fixture
def trade(make):
    plan = make.plan(make.partnership())
    return make.area(plan, make.pillar(plan, "Economic"), code="2.1", name="Trade")


def updates() -> list[tuple]:
    db.session.expire_all()
    rows = db.session.scalars(db.select(StatusUpdate).order_by(StatusUpdate.id))
    return [(u.area_id, u.action_line_id, u.status, u.progress, u.note, u.as_of) for u in rows]


def status_form(status="on_track", as_of=date(2025, 3, 31), note="Trade workshop held in Jakarta", progress=""):
    return {"status": status, "progress": progress, "note": note, **date_fields("as_of", as_of)}


def test_record_an_area_status(signed_in, trade):
    form_page = signed_in.get(f"/areas/{trade.id}/status/new").get_data(as_text=True)
    today = date.today()
    for part, value in (("day", today.day), ("month", today.month), ("year", today.year)):
        assert re.search(rf'name="as_of-{part}"[^>]*value="{value}"', form_page), part  # today by default
    for label in ("Not started", "On track", "At risk", "Off track", "Completed"):
        assert label in form_page
    assert "Being addressed" not in form_page
    assert 'inputmode="numeric"' in form_page and 'type="number"' not in form_page
    assert "maxlength" not in form_page  # too long is reported, never cut short

    response = signed_in.submit(f"/areas/{trade.id}/status/new", status_form(progress="40%"))
    page = response.get_data(as_text=True)
    assert "Status recorded for 2.1 Trade" in page
    assert "Trade workshop held in Jakarta" in page and "Desk Officer" in page
    assert updates() == [(trade.id, None, "on_track", 40, "Trade workshop held in Jakarta", date(2025, 3, 31))]
    assert db.session.scalar(db.select(StatusUpdate)).author_id == signed_in.user.id


def test_record_an_action_line_status(signed_in, make, trade):
    line = make.action_line(trade, code="2.1.1", text="Customs cooperation")
    form_page = signed_in.get(f"/action-lines/{line.id}/status/new").get_data(as_text=True)
    for label in ("Not yet addressed", "Being addressed", "Addressed", "Discontinued"):
        assert label in form_page
    assert "On track" not in form_page

    page = signed_in.submit(
        f"/action-lines/{line.id}/status/new", status_form("being_addressed", note="Customs dialogue started")
    ).get_data(as_text=True)
    assert "Status recorded for action line 2.1.1" in page and "Being addressed" in page
    assert updates() == [(None, line.id, "being_addressed", None, "Customs dialogue started", date(2025, 3, 31))]

    page = signed_in.submit(f"/action-lines/{line.id}/status/new", status_form("on_track")).get_data(as_text=True)
    assert "Select status of the action line from the list" in page
    assert len(updates()) == 1


def test_empty_status_form_explains_each_problem(signed_in, trade):
    page = signed_in.submit(f"/areas/{trade.id}/status/new", {"note": "   ", **date_fields("as_of")}).get_data(
        as_text=True
    )
    for message in (
        "Select the status of the area",
        "Enter a note about the status",
        "Enter the date of the status update",
    ):
        assert page.count(message) == 2, message
    assert 'href="#status-0"' in page and 'href="#as_of-day"' in page
    assert updates() == []


@pytest.mark.parametrize("progress", ["abc", "101", "-5", "4.5", "1e2"])
def test_progress_must_be_a_whole_number_from_0_to_100(signed_in, trade, progress):
    page = signed_in.submit(f"/areas/{trade.id}/status/new", status_form(progress=progress)).get_data(as_text=True)
    assert page.count("Progress must be a whole number between 0 and 100") == 2
    assert f'value="{progress}"' in page
    assert updates() == []


def test_status_date_rules(signed_in, trade):
    url = f"/areas/{trade.id}/status/new"
    tomorrow = date.today() + timedelta(days=1)
    page = signed_in.submit(url, status_form(as_of=tomorrow)).get_data(as_text=True)
    assert page.count("Date of the status update must be today or in the past") == 2
    page = signed_in.submit(url, status_form(as_of=date(2023, 12, 31))).get_data(as_text=True)
    assert (
        "Date of the status update must be between 1 January 2024 and 31 December 2028, the period of the plan" in page
    )
    page = signed_in.submit(url, {**status_form(), **date_fields("as_of", day="30", month="2", year="2025")}).get_data(
        as_text=True
    )
    assert "Date of the status update must be a real date" in page
    page = signed_in.submit(url, status_form(note="x" * 2001)).get_data(as_text=True)
    assert "Note must be 2,000 characters or less" in page
    assert updates() == []

    page = signed_in.submit(url, status_form(as_of=date(2024, 1, 1))).get_data(as_text=True)
    assert "Status recorded" in page


@pytest.mark.parametrize("subject", ["area", "action line"])
def test_a_date_outside_the_plan_is_named_on_the_first_post_with_every_other_problem(signed_in, make, trade, subject):
    """The plan runs from 1 January 2024 to 31 December 2028: a status of 31 December 2023, posted with no status
    and no note, gets all three messages at once, each beside its field and in the summary, and the date typed
    stays in its boxes."""
    url = (f"/areas/{trade.id}/status/new" if subject == "area"
           else f"/action-lines/{make.action_line(trade, code='2.1.1').id}/status/new")
    page = signed_in.submit(url, {"note": "", **date_fields("as_of", date(2023, 12, 31))}).get_data(as_text=True)
    outside = "Date of the status update must be between 1 January 2024 and 31 December 2028, the period of the plan"
    for field, message in (("status", f"Select the status of the {subject}"),
                           ("note", "Enter a note about the status"), ("as_of", outside)):
        assert beside(page, field, message), message
        assert page.count(message) == 2, message  # beside the field and in the summary
    assert f'href="#as_of-day">{outside}</a>' in page
    assert kept(page, "as_of", date(2023, 12, 31))
    assert updates() == []


def test_a_backdated_update_does_not_replace_a_later_one(signed_in, trade):
    url = f"/areas/{trade.id}/status/new"
    signed_in.submit(url, status_form("on_track", as_of=date(2025, 3, 31), note="Workshop held"))
    page = signed_in.submit(url, status_form("at_risk", as_of=date(2024, 9, 30), note="Funding was delayed")).get_data(
        as_text=True
    )
    current = page[page.index("Current status") : page.index("Status history")]
    assert "On track" in current and "31 March 2025" in current and "At risk" not in current
    history = page[page.index("Status history") : page.index("Meetings that discussed it")]
    assert history.index("Workshop held") < history.index("Funding was delayed")

    assert current_statuses(area_ids=[trade.id])[trade.id].note == "Workshop held"
    plan_page = signed_in.get(f"/plans/{trade.plan_id}").get_data(as_text=True)
    assert "On track" in plan_page and "At risk" not in plan_page


def test_status_updates_cannot_be_changed_or_removed(app, signed_in, make, trade):
    make.status_update(signed_in.user, area=trade, status="on_track")
    update = db.session.scalar(db.select(StatusUpdate))
    status_rules = [
        rule.rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("areas.") and "status" in rule.rule
    ]
    assert sorted(status_rules) == ["/action-lines/<int:action_line_id>/status/new", "/areas/<int:area_id>/status/new"]
    assert signed_in.get(f"/status-updates/{update.id}/edit").status_code == 404


def test_archived_subjects_take_no_new_status(app_context, make, trade):
    author = make.user()
    trade.archive()
    with pytest.raises(DomainError) as refused:
        record_status(author, StatusDetails(status="on_track", note="x", as_of=date(2025, 1, 1)), area=trade)
    assert refused.value.message == "This area is archived – restore it before recording its status"


def test_current_statuses_now_and_as_of_a_past_date(app_context, make, trade):
    author = make.user()
    line_a = make.action_line(trade, code="2.1.1")
    line_b = make.action_line(trade, code="2.1.2")
    line_c = make.action_line(trade, code="2.1.3")
    investment = make.area(trade.plan, trade.pillar, code="2.2", name="Investment")
    make.status_update(author, area=trade, status="not_started", as_of=date(2024, 3, 1))
    make.status_update(author, area=trade, status="on_track", as_of=date(2024, 6, 30), note="first on 30 June")
    make.status_update(author, area=trade, status="at_risk", as_of=date(2024, 6, 30), note="second on 30 June")
    make.status_update(author, area=trade, status="completed", as_of=date(2025, 12, 1))
    make.status_update(author, area=investment, status="off_track", as_of=date(2025, 1, 15))
    make.status_update(author, action_line=line_a, status="not_yet_addressed", as_of=date(2024, 2, 1))
    make.status_update(author, action_line=line_a, status="addressed", as_of=date(2025, 5, 1))
    make.status_update(author, action_line=line_b, status="being_addressed", as_of=date(2024, 8, 1))

    def statuses(**kwargs):
        return {key: update.status for key, update in current_statuses(**kwargs).items()}

    areas = [trade.id, investment.id]
    assert statuses(area_ids=areas) == {trade.id: "completed", investment.id: "off_track"}
    # Two updates on one day: the one recorded later wins.
    assert statuses(area_ids=areas, as_of=date(2024, 12, 31)) == {trade.id: "at_risk"}
    assert statuses(area_ids=areas, as_of=date(2024, 6, 29)) == {trade.id: "not_started"}
    assert statuses(area_ids=areas, as_of=date(2024, 1, 1)) == {}
    assert statuses(area_ids=areas, as_of=date(2025, 1, 15)) == {trade.id: "at_risk", investment.id: "off_track"}

    lines = [line_a.id, line_b.id, line_c.id]
    assert statuses(line_ids=lines) == {line_a.id: "addressed", line_b.id: "being_addressed"}
    assert statuses(line_ids=lines, as_of=date(2024, 12, 31)) == {
        line_a.id: "not_yet_addressed",
        line_b.id: "being_addressed",
    }
    assert current_statuses(area_ids=[]) == {}
    with pytest.raises(TypeError):
        current_statuses(area_ids=areas, line_ids=lines)

    db.session.expire_all()
    with count_statements() as executed:
        found = current_statuses(area_ids=areas, as_of=date(2025, 6, 30))
        names = {update.author.name for update in found.values()}
    assert len(executed) == 1
    assert names == {"Test Officer"}


def test_record_status_service_checks_its_inputs(app_context, make, trade):
    author = make.user()
    with pytest.raises(DomainError) as refused:
        record_status(author, StatusDetails(status="addressed", note="x", as_of=date(2025, 1, 1)), area=trade)
    assert (refused.value.field, refused.value.message) == ("status", "Select the status of the area")
    with pytest.raises(DomainError) as refused:
        record_status(author, StatusDetails(status="on_track", note="x", as_of=date(2025, 1, 1), progress=101),
                      area=trade)
    assert refused.value.field == "progress"
    with pytest.raises(DomainError) as refused:
        record_status(author, StatusDetails(status="on_track", note=" ", as_of=date(2025, 1, 1)), area=trade)
    assert refused.value.message == "Enter a note about the status"
    with pytest.raises(ValueError):
        record_status(author, StatusDetails(status="on_track", note="x", as_of=date(2025, 1, 1)))
