"""Period report figures against numbers worked out by hand from a small, fixed history.

The fixture: ASEAN–Pakistan, plan 2024-2028, report window = calendar year 2025.

Action lines and their updates (as of date: status)
  Economic pillar
    2.1 Trade        L1: 2024-06-30 being, 2025-03-31 addressed
                     L2: 2025-05-01 being, then a backdated 2025-04-01 not yet addressed (entered later)
                     L3: no update
    2.2 Investment   L4: 2024-11-15 addressed
  Socio-Cultural pillar
    3.1 Education    L5: 2024-02-01 being, 2025-08-01 discontinued
                     L6: 2025-12-31 addressed (the window's last day: inside)

At the start (as of 31 Dec 2024): L1 being, L4 addressed, L5 being -> covered 3 of 6 = 50%; addressed 1 of 6 = 17%
At the end (as of 31 Dec 2025): L1 addressed, L2 being (2025-05-01 is the latest by date, whatever was entered
last), L3 none, L4 addressed, L5 discontinued, L6 addressed -> covered 4 of 6 = 67%; addressed 3 of 6 = 50%
  Economic: L1 A, L2 B, L3 -, L4 A -> 3 of 4 (75%), addressed 2 of 4 (50%)
  Socio-Cultural: L5 D, L6 A -> 1 of 2 (50%), addressed 1 of 2 (50%)
  Trade: L1 A, L2 B, L3 - -> 2 of 3 (67%), addressed 1 of 3 (33%)

Trade's own status: on track 2024-05-01, at risk 2025-09-30, completed 2026-03-01 (after the window)
  -> start On track, end At risk. Changes in the window under Trade, by date: L1 2025-03-31, L2 2025-04-01,
  L2 2025-05-01, area 2025-09-30.

Meetings: courtesy call 2024-03-25 (before), courtesy call 2025-03-25 (Trade, Investment), 8th JSCC 2025-10-01
(Trade), an archived meeting 2025-06-01 and the 6th JSCC with no date -> 2 meetings: 1 courtesy call, 1 JSCC.

Follow-ups (opened, due, completed):
  F1 2024-03-25, due 2024-06-30, done 2024-06-01   -> closed before the window: left out
  F2 2024-10-01, due 2025-02-28, done 2025-02-20   -> completed in the window
  F3 2025-03-25, due 2025-06-30, open              -> opened in the window, overdue at the end
  F4 2025-10-01, due 2026-01-31, open              -> opened in the window, open (not overdue) at the end
  F5 2025-04-01, due 2025-11-30, done 2026-01-15   -> opened in the window; at the end still open and overdue
  F6 2026-02-01                                    -> opened after the window: left out
  -> opened 3 (F3, F4, F5), completed 1 (F2), open at the end 3 (F3, F4, F5), overdue at the end 2 (F3, F5)
"""

from datetime import date, datetime

from app.reports.period import build_period_report

WINDOW = (date(2025, 1, 1), date(2025, 12, 31))


def report_for(plan):
    return build_period_report(plan, *WINDOW, generated_by="Desk Officer", now=datetime(2026, 11, 28, 9, 0))


def area_named(report, name):
    return next(a for p in report["pillars"] for a in p["areas"] if a["name"] == name)


def test_coverage_at_the_window_edges(history):
    report = report_for(history)
    assert report["coverage"]["start"] == {"total": 6, "addressed": 1, "being_addressed": 2}
    assert report["coverage"]["end"] == {"total": 6, "addressed": 3, "being_addressed": 1}
    economic, social = report["pillars"]
    assert economic["coverage_end"] == {"total": 4, "addressed": 2, "being_addressed": 1}
    assert social["coverage_end"] == {"total": 2, "addressed": 1, "being_addressed": 0}
    assert area_named(report, "Trade")["coverage_end"] == {"total": 3, "addressed": 1, "being_addressed": 1}


def test_statuses_are_those_of_the_window_end_not_of_today(history):
    trade = area_named(report_for(history), "Trade")
    assert trade["status_start"]["label"] == "On track"
    assert trade["status_end"]["label"] == "At risk"  # completed on 1 March 2026 is after the window
    assert area_named(report_for(history), "Investment")["status_end"] is None
    assert [(c["as_of"], c["subject"], c["status"]) for c in trade["changes"]] == [
        ("2025-03-31", "Action line 2.1.1", "addressed"),
        ("2025-04-01", "Action line 2.1.2", "not_yet_addressed"),
        ("2025-05-01", "Action line 2.1.2", "being_addressed"),
        ("2025-09-30", "Area", "at_risk"),
    ]
    lines = {
        line["code"]: (line["status_start"]["value"], line["status_end"]["value"]) for line in trade["action_lines"]
    }
    assert lines == {
        "2.1.1": ("being_addressed", "addressed"),
        "2.1.2": ("not_yet_addressed", "being_addressed"),
        "2.1.3": ("not_yet_addressed", "not_yet_addressed"),
    }


def test_meetings_and_follow_ups_in_the_window(history):
    report = report_for(history)
    assert [(row["label"], row["count"]) for row in report["meetings_by_type"]] == [
        ("Courtesy call", 1), ("Joint Sectoral Cooperation Committee (JSCC)", 1)
    ]
    assert [m["held_on"] for m in report["meetings"]] == ["2025-03-25", "2025-10-01"]
    assert [m["name"] for m in area_named(report, "Trade")["meetings"]] == [
        "Courtesy call", "8th Joint Sectoral Cooperation Committee (JSCC)"
    ]
    assert report["follow_up_counts"] == {"opened": 3, "completed": 1, "cancelled": 0, "open_at_end": 3,
                                         "overdue_at_end": 2}
    assert {(f["title"], f["state"]) for f in report["open_follow_ups"]} == {
        ("F3", "overdue"), ("F4", "open"), ("F5", "overdue")
    }
    assert [(f["title"], f["state"]) for f in area_named(report, "Trade")["follow_ups"]] == [("F3", "overdue")]


def test_partnership_standing_as_of_the_window_end(history, make):
    from app.extensions import db
    from app.models import PartnershipEvent

    db.session.add(PartnershipEvent(partnership=history.partnership, occurred_on=date(2026, 5, 1), kind="upgraded",
                                    status="dialogue_partner", level="dialogue_partnership"))
    db.session.commit()
    standing = report_for(history)["partnership"]
    assert (standing["status"], standing["level"], standing["since"]) == (
        "Sectoral dialogue partner", None, "1993-07-23"
    )
