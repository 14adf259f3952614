"""Implementation status on the plan page: coverage, the table of areas and the batch form for action lines."""

import re
from datetime import date, timedelta

import pytest

from app.extensions import db
from app.implementation.coverage import coverage_totals, plan_coverage
from app.models import MeetingType
from tests.plans.helpers import (
    ImplementationDesk,
    area_row,
    batch_form,
    count_statements,
    date_fields,
    fix_today,
    line_updates,
)


@pytest.fixture
def desk(make, monkeypatch):
    return ImplementationDesk(make, monkeypatch)


def pillar_heading(page: str, pillar) -> str:
    start = page.index(f'id="pillar-{pillar.id}"')
    return page[start : page.index("</th>", start)]


def test_plan_page_shows_coverage_and_each_areas_activity(signed_in, desk):
    """Worked by hand from ImplementationDesk (today fixed at 30 June 2025):

    Counter-terrorism: 1.1.1 addressed, 1.1.2 none -> covered 1 of 2 (50%), addressed 1 of 2 (50%).
    Trade: 2.1.1 being addressed; 2.1.2 addressed (31 Jan 2025 is later than the backdated 1 Dec 2024);
      2.1.3 not yet; 2.1.4 discontinued (still counted); 2.1.5 archived (left out)
      -> covered 1 + 1 = 2 of 4 (50%), addressed 1 of 4 (25%).
    Investment: 2 being addressed of 3 -> 2 of 3 (66.7% -> 67%), addressed 0 of 3 (0%).
    Archived area 2.9 is left out.
    Economic pillar: 4 lines + 3 lines = 7; addressed 1; being addressed 1 + 2 = 3
      -> 4 of 7 (57.1% -> 57%), addressed 1 of 7 (14.3% -> 14%).
    Plan: 2 + 7 = 9 lines; addressed 1 + 1 = 2; being addressed 3 -> 5 of 9 (55.6% -> 56%), addressed 2 of 9 (22%).
    Trade meetings held by 30 June 2025: courtesy call (25 Mar 2024) and 8th JSCC (20 May 2025) = 2, latest the
      8th JSCC (the 9th on 15 July 2025 is upcoming, the cancelled call archived).
    Trade follow-ups open: open (due 1 Jun, overdue), in progress (due 31 Jul), awaiting partner = 3; 1 overdue.
    """
    page = signed_in.get(f"/plans/{desk.plan.id}").get_data(as_text=True)

    assert (
        "5 out of 9 (56%) action lines are being addressed or have been addressed; addressed only: 2 of 9 (22%)"
        in page
    )
    assert page.index("5 out of 9") < page.index("Pillars and cooperation areas")
    assert "1 of 2 (50%)</strong>; addressed only: 1 of 2 (50%)" in pillar_heading(page, desk.political)
    assert "4 of 7 (57%)</strong>; addressed only: 1 of 7 (14%)" in pillar_heading(page, desk.economic)

    trade = area_row(page, desk.trade)
    assert trade["Status"] == "On track 40%"
    assert trade["Last update"] == "31 March 2025 by Nur Aisyah"
    assert trade["Action lines"] == "2 of 4 (50%) being addressed or addressed"
    assert trade["Meetings"] == "2 meetings that discussed Trade"
    assert trade["Follow-ups"] == "3 open follow-ups on Trade 1 overdue"
    assert f'href="/areas/{desk.trade.id}#meetings">2<' in page and "bg-danger-subtle" in page

    investment = area_row(page, desk.investment)
    assert investment["Action lines"] == "2 of 3 (67%) being addressed or addressed"
    assert investment["Meetings"] == "1 meeting that discussed Investment"
    assert (investment["Status"], investment["Follow-ups"]) == ("No status yet", "None open")

    counter_terrorism = area_row(page, desk.counter_terrorism)
    assert (counter_terrorism["Action lines"], counter_terrorism["Meetings"]) == (
        "1 of 2 (50%) being addressed or addressed", "0")
    assert "Old area" not in page
    assert f'href="/plans/{desk.plan.id}/status">Update action lines<' in page


def test_coverage_counted_by_the_database_agrees_with_the_line_by_line_count(app_context, make, monkeypatch):
    """As of 31 December 2024 (worked by hand): 1.1.1 not yet recorded; 2.1.1 being addressed (30 Sep 2024);
    2.1.2 being addressed (1 Dec 2024; the addressed of 31 Jan 2025 is later); 2.1.3 not yet; 2.1.4 not yet
    recorded; 2.2.x not yet recorded; 2.1.5 and the Old area's 2.9.1, archived only on 1 January 2025, still in use
    and not yet recorded -> plan 2 of 11 (18%), addressed 0; Trade 2 of 5 (40%); Investment 0 of 3."""
    desk = ImplementationDesk(make, monkeypatch)
    for as_of in (None, date(2024, 12, 31)):
        totals, lines = coverage_totals(desk.plan.id, as_of), plan_coverage(desk.plan.id, as_of)
        assert (totals.plan, totals.pillars, totals.areas) == (lines.plan, lines.pillars, lines.areas)
    totals = coverage_totals(desk.plan.id, date(2024, 12, 31))
    assert (totals.plan.text, totals.plan.addressed_text) == ("2 of 11 (18%)", "0 of 11 (0%)")
    assert totals.areas[desk.trade.id].text == "2 of 5 (40%)"
    assert totals.areas[desk.investment.id].text == "0 of 3 (0%)"
    assert coverage_totals(desk.plan.id).plan.headline == (
        "5 out of 9 (56%) action lines are being addressed or have been addressed; addressed only: 2 of 9 (22%)"
    )


def test_a_plan_without_action_lines_says_so(signed_in, make):
    plan = make.plan(make.partnership())
    make.area(plan, make.pillar(plan, "Economic"))
    page = signed_in.get(f"/plans/{plan.id}").get_data(as_text=True)
    assert "This plan has no action lines yet, so there is no coverage to report." in page
    assert "No action lines in this pillar yet" in page
    assert "Update action lines" not in page
    page = signed_in.get(f"/plans/{plan.id}/status").get_data(as_text=True)
    assert "This plan has no action lines in use" in page


# The batch form ---------------------------------------------------------------------------------------------


def test_batch_form_lists_every_live_line_with_its_current_status(signed_in, batch):
    page = signed_in.get(f"/plans/{batch.id}/status").get_data(as_text=True)
    assert "<h1 class=\"mb-3\">Update action lines</h1>" in page
    assert page.index(">Economic</h2>") < page.index("2.1 Trade") < page.index("2.1.1 Customs cooperation")
    assert page.index("2.1.3 Rules of origin") < page.index("2.2 Investment") < page.index("2.2.1 Investment promotion")
    assert "Dropped idea" not in page and "Line of an old area" not in page
    first = page[page.index("2.1.1 Customs cooperation") : page.index("2.1.2 Trade facilitation")]
    assert "Being addressed" in first and "as of 30 September 2024" in first
    assert "No status yet" in page[page.index("2.1.2 Trade facilitation") :]
    today = date.today()
    for part, value in (("day", today.day), ("month", today.month), ("year", today.year)):
        assert re.search(rf'name="as_of-{part}"[^>]*value="{value}"', page), part  # today by default
    assert page.count('<option selected value="">No change</option>') == 4
    assert f'href="/plans/{batch.id}"' in page  # back link


def test_batch_form_records_one_update_per_changed_line(signed_in, batch):
    """Three of the four lines get a new status: 2.1.1 addressed, 2.1.3 and 2.2.1 being addressed; 2.1.2 is left
    as it is. Expected: three updates (plus the earlier one of 2.1.1), each dated 20 May 2025 (backdated) and by
    the signed-in officer; the flash says 3."""
    data = batch_form(
        batch,
        **{
            "2_1_1": ("addressed", "Customs cooperation agreed at the 8th JSCC"),
            "2_1_3": ("being_addressed", "Working group on rules of origin set up"),
            "2_2_1": ("being_addressed", "Investment forum planned"),
        },
    )
    response = signed_in.submit(f"/plans/{batch.id}/status", data)
    page = response.get_data(as_text=True)
    assert response.request.path == f"/plans/{batch.id}"
    assert "3 action lines updated" in page
    assert line_updates(batch) == [
        ("2.1.1", "being_addressed", "Progress noted", date(2024, 9, 30), "Nur Aisyah"),
        ("2.1.1", "addressed", "Customs cooperation agreed at the 8th JSCC", date(2025, 5, 20), "Desk Officer"),
        ("2.1.3", "being_addressed", "Working group on rules of origin set up", date(2025, 5, 20), "Desk Officer"),
        ("2.2.1", "being_addressed", "Investment forum planned", date(2025, 5, 20), "Desk Officer"),
    ]
    # 4 lines: 2.1.1 addressed; 2.1.3 and 2.2.1 being addressed; 2.1.2 none -> 3 of 4 (75%), addressed 1 of 4 (25%).
    headline = "3 out of 4 (75%) action lines are being addressed or have been addressed; addressed only: 1 of 4 (25%)"
    assert headline in page

    page = signed_in.submit(
        f"/plans/{batch.id}/status", batch_form(batch, as_of=date.today(), **{"2_1_2": ("addressed", "Done")})
    ).get_data(as_text=True)
    assert "1 action line updated" in page
    assert len(line_updates(batch)) == 5


def test_an_error_on_one_line_saves_nothing_and_keeps_everything_typed(signed_in, batch):
    data = batch_form(
        batch,
        **{
            "2_1_1": ("addressed", "Customs cooperation agreed at the 8th JSCC"),
            "2_1_3": ("being_addressed", "   "),
            "2_2_1": ("being_addressed", "Investment forum planned"),
        },
    )
    page = signed_in.submit(f"/plans/{batch.id}/status", data).get_data(as_text=True)
    assert page.count("Enter a note for action line 2.1.3") == 2  # in the summary and beside the line
    assert f'href="#note_{batch.lines["2.1.3"].id}"' in page
    assert line_updates(batch) == [("2.1.1", "being_addressed", "Progress noted", date(2024, 9, 30), "Nur Aisyah")]
    assert '<option selected value="addressed">Addressed</option>' in page
    assert page.count('<option selected value="being_addressed">Being addressed</option>') == 2
    assert "Customs cooperation agreed at the 8th JSCC</textarea>" in page
    assert "Investment forum planned</textarea>" in page
    for part, value in (("day", 20), ("month", 5), ("year", 2025)):
        assert re.search(rf'name="as_of-{part}"[^>]*value="{value}"', page), part
    assert page.startswith("<!doctype html>") and "<title>Error: Update action lines" in page


def test_batch_form_errors(signed_in, batch):
    url = f"/plans/{batch.id}/status"
    customs = ("addressed", "Agreed")

    def problems(data) -> str:
        return signed_in.submit(url, data).get_data(as_text=True)

    page = problems(batch_form(batch))
    assert page.count("Select a new status for at least one action line") == 2
    page = problems(batch_form(batch, **{"2_1_2": ("", "A note with no status")}))
    assert page.count("Select a new status for action line 2.1.2, or clear its note") == 2
    assert "Select a new status for at least one action line" not in page
    page = problems(batch_form(batch, **{"2_1_1": ("on_track", "Agreed")}))
    assert page.count("Select the new status of action line 2.1.1 from the list") == 2
    page = problems(batch_form(batch, **{"2_1_1": ("addressed", "x" * 10_000)}))
    assert page.count("Note for action line 2.1.1 must be 2,000 characters or less") == 2

    page = problems(batch_form(batch, as_of=None, **{"2_1_1": customs}))
    assert page.count("Enter the date of the status updates") == 2
    not_a_date = date_fields("as_of", day="31", month="2", year="2025")
    page = problems({**batch_form(batch, **{"2_1_1": customs}), **not_a_date})
    assert page.count("Date of the status updates must be a real date") == 2
    page = problems(batch_form(batch, as_of=date.today() + timedelta(days=1), **{"2_1_1": customs}))
    assert page.count("Date of the status updates must be today or in the past") == 2
    page = problems(batch_form(batch, as_of=date(2023, 12, 31), **{"2_1_1": customs}))
    assert page.count(
        "Date of the status updates must be between 1 January 2024 and 31 December 2028, the period of the plan"
    ) == 2
    assert len(line_updates(batch)) == 1

    page = problems(batch_form(batch, as_of=date(2024, 1, 1), **{"2_1_1": customs}))
    assert "1 action line updated" in page


def test_batch_form_is_for_editors_only(as_role, make, batch):
    viewer = as_role("viewer")
    assert viewer.get(f"/plans/{batch.id}/status").status_code == 403
    assert viewer.client.post(f"/plans/{batch.id}/status").status_code in (400, 403)
    assert "Update action lines" not in viewer.get(f"/plans/{batch.id}").get_data(as_text=True)
    assert viewer.get("/plans/999999/status").status_code == 403


def test_unknown_plan_has_no_batch_form(signed_in):
    assert signed_in.get("/plans/999999/status").status_code == 404


# Query counts -----------------------------------------------------------------------------------------------


def plan_page_statements(signed_in, make, size: int) -> int:
    """A plan with ``size`` areas, each with ``size`` action lines (each with a status), two area updates,
    ``size`` meetings and ``size`` follow-ups (half overdue)."""
    partnership = make.partnership(
        make.organisation(name=f"Partner of size {size}", short_name=f"S{size}", iso_code=None), slug=f"asean-s{size}"
    )
    plan = make.plan(partnership)
    author = make.user(email=f"author{size}@asean.example")
    pillars = [make.pillar(plan, "Economic", 1), make.pillar(plan, "Socio-Cultural", 2)]
    areas = []
    for n in range(size):
        area = make.area(plan, pillars[n % 2], code=f"{n % 2 + 2}.{n}", name=f"Area {n}")
        areas.append(area)
        for m in range(size):
            line = make.action_line(area, code=f"{area.code}.{m}")
            make.status_update(author, action_line=line, status="addressed", as_of=date(2025, 1, 1))
        make.status_update(author, area=area, status="on_track", as_of=date(2024, 6, 30))
        make.status_update(author, area=area, status="at_risk", as_of=date(2025, 6, 30))
        for m in range(size):
            make.follow_up(partnership, title=f"Follow-up {m}", area=area,
                           due_on=date(2025, 1, 1) if m % 2 else date(2025, 12, 31))
    for n in range(size):
        make.meeting(partnership, type=MeetingType.JSCC, number=n + 1, held_on=date(2024, 2, 1) + timedelta(days=n),
                     areas=areas)
    db.session.expire_all()  # nothing fresh from set-up: the page must load what it shows
    with count_statements() as statements:
        response = signed_in.get(f"/plans/{plan.id}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert page.count("At risk") == size
    assert page.count(f"{size}<span class=\"visually-hidden\"> meetings that discussed") == size
    assert f"{size * size} out of {size * size} (100%)" in page
    return len(statements)


def test_plan_page_queries_do_not_grow_with_areas_lines_meetings_or_follow_ups(signed_in, make, monkeypatch):
    fix_today(monkeypatch)
    assert plan_page_statements(signed_in, make, 2) == plan_page_statements(signed_in, make, 6)


def test_batch_form_queries_do_not_grow_with_lines(signed_in, make):
    def statements(size: int) -> int:
        partnership = make.partnership(
            make.organisation(name=f"Partner {size}", short_name=f"B{size}", iso_code=None), slug=f"asean-b{size}"
        )
        plan = make.plan(partnership)
        author = make.user(email=f"batch{size}@asean.example")
        for n in range(size):
            area = make.area(plan, make.pillar(plan, f"Pillar {n}", n), code=f"{n}.1", name=f"Area {n}")
            for m in range(size):
                line = make.action_line(area, code=f"{n}.1.{m}")
                make.status_update(author, action_line=line, status="being_addressed", as_of=date(2025, 1, 1))
        db.session.expire_all()
        with count_statements() as executed:
            assert signed_in.get(f"/plans/{plan.id}/status").status_code == 200
        return len(executed)

    assert statements(2) == statements(5)


def test_a_refusal_after_some_lines_are_saved_rolls_the_whole_batch_back(signed_in, batch, monkeypatch):
    """The service flushes each line's update as it goes; a refusal on a later line must leave none stored."""
    from app.common.errors import DomainError
    from app.plans import routes

    real = routes.record_line_statuses

    def refuse_after_saving(author, plan, *, as_of, changes):
        real(author, plan, as_of=as_of, changes=changes)
        line = changes[-1][0]
        raise DomainError(f"note_{line.id}", f"Action line {line.code} was changed by someone else – check it")

    monkeypatch.setattr(routes, "record_line_statuses", refuse_after_saving)
    data = batch_form(batch, **{"2_1_1": ("addressed", "Agreed"), "2_2_1": ("being_addressed", "Forum planned")})
    page = signed_in.submit(f"/plans/{batch.id}/status", data).get_data(as_text=True)
    assert page.count("Action line 2.2.1 was changed by someone else – check it") == 2
    assert "Forum planned</textarea>" in page and '<option selected value="addressed">Addressed</option>' in page
    assert line_updates(batch) == [("2.1.1", "being_addressed", "Progress noted", date(2024, 9, 30), "Nur Aisyah")]


def test_batch_service_rules(app_context, make, batch):
    from app.areas.services import record_line_statuses
    from app.common.errors import DomainError

    author = make.user()
    customs = batch.lines["2.1.1"]
    other_plan = make.plan(batch.partnership, label="2029-2033", starts_on=date(2029, 1, 1),
                           ends_on=date(2033, 12, 31), state="draft")
    stranger = make.action_line(make.area(other_plan, make.pillar(other_plan)), code="9.9.9")
    too_early = "Date of the status updates must be between 1 January 2024 and 31 December 2028, the period of the plan"
    cases = [
        (dict(as_of=date(2025, 5, 20), changes=[]), (None, "Select a new status for at least one action line")),
        (dict(as_of=date(2025, 5, 20), changes=[(customs, "on_track", "x")]),
         (f"status_{customs.id}", "Select the new status of action line 2.1.1")),
        (dict(as_of=date(2025, 5, 20), changes=[(customs, "addressed", " ")]),
         (f"note_{customs.id}", "Enter a note for action line 2.1.1")),
        (dict(as_of=date(2025, 5, 20), changes=[(stranger, "addressed", "x")]),
         (f"status_{stranger.id}", "Action line 9.9.9 is not part of this plan")),
        (dict(as_of=date(2023, 5, 20), changes=[(customs, "addressed", "x")]),
         ("as_of", too_early)),
    ]
    for arguments, expected in cases:
        with pytest.raises(DomainError) as refused:
            record_line_statuses(author, batch, **arguments)
        assert (refused.value.field, refused.value.message) == expected
    customs.archive()
    with pytest.raises(DomainError) as refused:
        record_line_statuses(author, batch, as_of=date(2025, 5, 20), changes=[(customs, "addressed", "x")])
    assert refused.value.message == "Action line 2.1.1 is archived – restore it before recording its status"
