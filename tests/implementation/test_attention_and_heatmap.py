"""Attention signals and the heatmap, on dates worked out by hand.

Today is 28 November 2026; 180 days earlier is 1 June 2026 (29 days left in June + 31 + 31 + 30 + 31 + 28 = 180),
so an area is quiet when its last update or meeting is before 1 June 2026. The plan-ending horizon is 183 days:
a plan ending 30 April 2027 is inside it, one ending 31 July 2027 is not.
"""

from datetime import date

import pytest

from app.implementation.attention import attention_signals
from app.implementation.heatmap import build_heatmap, heatmap_entries
from app.implementation.themes import COLUMNS

TODAY = date(2026, 11, 28)


@pytest.fixture
def desk(make):
    author = make.user()
    pakistan = make.partnership()
    plan = make.plan(pakistan)
    economic = make.pillar(plan, "Economic", 1)
    trade, investment, education, culture = (
        make.area(plan, economic, code, name)
        for code, name in (("2.1", "Trade"), ("2.2", "Investment"), ("3.1", "Education"), ("3.2", "Culture"))
    )
    make.status_update(author, area=trade, status="on_track", as_of=date(2026, 5, 31))
    make.status_update(author, area=investment, status="at_risk", as_of=date(2026, 5, 31))
    make.meeting(pakistan, held_on=date(2026, 6, 1), areas=[investment])
    line = make.action_line(education, "3.1.1")
    make.status_update(author, action_line=line, status="being_addressed", as_of=date(2026, 7, 1))
    make.follow_up(pakistan, title="Overdue by a day", due_on=date(2026, 11, 27), area=investment)
    make.follow_up(pakistan, title="Due today", due_on=date(2026, 11, 28), area=investment)
    make.follow_up(pakistan, title="Done late", due_on=date(2026, 1, 1), area=investment, status="done",
                   completed_on=date(2026, 2, 1))

    norway = make.partnership(make.organisation(name="Kingdom of Norway", short_name="Norway", iso_code="NO"))
    new_plan = make.plan(norway, label="2026-2030", starts_on=date(2026, 9, 1), ends_on=date(2030, 8, 31))
    make.area(new_plan, make.pillar(new_plan, "Economic"), "1.1", "Trade")

    uae = make.partnership(make.organisation(name="United Arab Emirates", short_name="UAE", iso_code="AE"))
    ending = make.plan(uae, label="2022-2027", starts_on=date(2022, 1, 1), ends_on=date(2027, 4, 30))
    energy = make.area(ending, make.pillar(ending, "Economic"), "1.1", "Energy")
    make.meeting(uae, held_on=date(2026, 10, 1), areas=[energy])
    done = make.action_line(energy, "1.1.1")
    make.action_line(energy, "1.1.2")  # no update yet: not yet addressed
    make.status_update(author, action_line=done, status="addressed", as_of=date(2026, 10, 1))

    india = make.partnership(make.organisation(name="Republic of India", short_name="India", iso_code="IN"))
    later = make.plan(india, label="2021-2027", starts_on=date(2021, 8, 1), ends_on=date(2027, 7, 31),
                      kind="plan_of_action")
    make.action_line(make.area(later, make.pillar(later, "Economic"), "1.1", "Trade", focal_point="x"), "1.1.1")
    make.meeting(india, held_on=date(2026, 11, 1), areas=later.areas)
    return {"pakistan": pakistan, "trade": trade, "investment": investment, "culture": culture}


def test_signals(app_context, desk):
    found = [(s.kind, s.partnership, s.subject, s.message) for s in attention_signals(TODAY)]
    assert found == [
        ("overdue", "ASEAN–Pakistan", "Investment", "1 overdue follow-up"),
        ("plan_ending", "ASEAN–UAE", "Practical Cooperation Areas (2022-2027)",
         "Ends on 30 April 2027 with 1 action line not yet addressed"),
        ("stale", "ASEAN–Pakistan", "Culture", "No status update or meeting ever"),
        ("stale", "ASEAN–Pakistan", "Trade", "No status update or meeting since 31 May 2026"),
    ]


def test_quiet_period_is_configurable(app, app_context, desk, monkeypatch):
    monkeypatch.setitem(app.config, "ATTENTION_STALE_DAYS", 181)  # 31 May 2026 is now inside the period
    stale = [s.subject for s in attention_signals(TODAY) if s.kind == "stale"]
    assert stale == ["Culture"]


def shown(row):
    """The theme cells of a heatmap row that hold areas: theme -> (status in words, count)."""
    return {theme.key: (cell.status.label if cell.status else "No status", cell.count_text)
            for theme, cell in zip(COLUMNS, row.cells, strict=True) if cell}


def test_heatmap_has_a_row_per_partnership_with_its_plan_in_force_by_theme(app_context, desk):
    rows = {row.partnership.name: row for row in build_heatmap(heatmap_entries(TODAY))}
    assert list(rows) == ["ASEAN–India", "ASEAN–Norway", "ASEAN–Pakistan", "ASEAN–UAE"]
    # Trade (on track) and Investment (at risk) share a column: the worse, at risk, shows for 1 of the 2.
    assert shown(rows["ASEAN–Pakistan"]) == {
        "trade": ("At risk", "1 of 2 areas"), "education": ("No status", "1 area"), "people": ("No status", "1 area"),
    }
    assert rows["ASEAN–Norway"].plan.label == "2026-2030"
    assert shown(rows["ASEAN–UAE"]) == {"energy": ("No status", "1 area")}
