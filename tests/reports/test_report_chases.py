"""The period report's chases of the partner: the chases made in its window, per follow-up the partner owes, with
their number; frozen once issued.

On the hand-worked history (tests/reports/conftest.py), for the window 1 July to 30 September 2025:
F3 (agreed 25 March 2025, owed by the Mission) is chased on 30 June (the day before the window: left out),
1 July (e-mail) and 30 September (note verbale), the window's first and last days, and 1 October (after it: left
out); F7, owed by the Ambassador and restricted, is chased on 15 August by a call. So F3 is listed first (first
chased 1 July) with 2 chases, then F7 with 1: 3 chases about 2 follow-ups.
"""

from datetime import date, datetime

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.follow_ups.chases import record_chase
from app.models import FollowUpAction, IssuedReport
from app.reports.issued_figures import figures_of
from app.reports.period import build_period_report
from tests.reports.test_report_pages import issue, report_url

SUMMER_2025 = {"window": "dates", "starts_on-day": "1", "starts_on-month": "7", "starts_on-year": "2025",
               "ends_on-day": "30", "ends_on-month": "9", "ends_on-year": "2025"}
NOW = datetime(2026, 1, 5, 9, 0)
EXPECTED = [
    {"title": "F3", "owner": "Mission of Pakistan to ASEAN (partner)", "count": 2,
     "chases": [{"chased_on": "2025-07-01", "channel": "email", "channel_label": "E-mail"},
                {"chased_on": "2025-09-30", "channel": "note_verbale", "channel_label": "Note verbale"}]},
    {"title": "Restricted note", "owner": "Ameer Khurram Rathore (partner)", "count": 1,
     "chases": [{"chased_on": "2025-08-15", "channel": "call", "channel_label": "Call"}]},
]


def add_chases(make, plan):
    """The chases above, on the history's F3 and a new F7."""
    f3 = db.session.scalar(sa.select(FollowUpAction).where(FollowUpAction.title == "F3"))
    f7 = make.follow_up(plan.partnership, title="F7 Visit of the Minister", opened_on=date(2025, 5, 1),
                        partner_office=None, partner_person=make.person("Ameer Khurram Rathore"), is_restricted=True)
    for action, day, channel in ((f3, date(2025, 6, 30), "call"), (f3, date(2025, 7, 1), "email"),
                                 (f3, date(2025, 9, 30), "note_verbale"), (f3, date(2025, 10, 1), "email"),
                                 (f7, date(2025, 8, 15), "call")):
        record_chase(action, day, channel)
    db.session.commit()


def without_ids(chased):
    return [{key: value for key, value in follow_up.items() if key != "id"} for follow_up in chased]


@pytest.fixture
def chased(history, make):
    add_chases(make, history)
    return history


def test_the_window_counts_its_first_and_last_days_and_nothing_outside(chased, app_context):
    report = build_period_report(chased, date(2025, 7, 1), date(2025, 9, 30), generated_by="Desk Officer", now=NOW)
    assert without_ids(report["chased_follow_ups"]) == EXPECTED
    assert report["chases_total"] == 3
    # The June window ends the day before: it has the chase of 30 June, and none of July.
    june = build_period_report(chased, date(2025, 6, 1), date(2025, 6, 30), generated_by="Desk Officer", now=NOW)
    assert [(f["title"], f["count"]) for f in june["chased_follow_ups"]] == [("F3", 1)]
    assert june["chases_total"] == 1


def test_restricted_titles_show_when_included(chased, app_context):
    report = build_period_report(chased, date(2025, 7, 1), date(2025, 9, 30), generated_by="Desk Officer", now=NOW,
                                 include_restricted=True)
    assert [f["title"] for f in report["chased_follow_ups"]] == ["F3", "F7 Visit of the Minister"]


def test_the_report_page_lists_the_chases(chased, signed_in):
    page = signed_in.get(report_url(chased, **SUMMER_2025)).get_data(as_text=True)
    section = page[page.index('id="report-chases"'):page.index('id="report-changes"')]
    assert "3 chases of the partner in the period, on 2 follow-ups it owes" in section
    assert "1 July 2025 (E-mail)<br>30 September 2025 (Note verbale)" in section
    assert "15 August 2025 (Call)" in section
    assert "30 June 2025" not in section and "1 October 2025" not in section
    assert "Visit of the Minister" not in section and "Restricted note" in section


def test_a_window_with_no_chase_says_so(history, signed_in):
    page = signed_in.get(report_url(history, **SUMMER_2025)).get_data(as_text=True)
    assert "The partner was not chased about any follow-up in the period." in page


def test_an_issued_report_keeps_the_chases_it_was_issued_with(chased, signed_in, make):
    assert issue(signed_in, chased, **SUMMER_2025).status_code == 200
    issued = db.session.scalar(sa.select(IssuedReport))
    assert without_ids(issued.figures["chased_follow_ups"]) == EXPECTED
    assert issued.figures["chases_total"] == 3
    # A chase recorded later, dated into the window, does not change what was issued.
    f3 = db.session.scalar(sa.select(FollowUpAction).where(FollowUpAction.title == "F3"))
    record_chase(f3, date(2025, 8, 1), "meeting")
    db.session.commit()
    assert figures_of(db.session.get(IssuedReport, issued.id))["chases_total"] == 3


def test_a_report_issued_in_version_5_reads_with_no_chases_counted(chased, signed_in):
    """Issued before chases were recorded: none listed, and their number unknown, never 0."""
    assert issue(signed_in, chased, **SUMMER_2025).status_code == 200
    issued = db.session.scalar(sa.select(IssuedReport))
    stored = {key: value for key, value in issued.figures.items() if key not in ("chased_follow_ups", "chases_total")}
    issued.figures, issued.figures_version = stored, 5
    db.session.commit()
    figures = figures_of(db.session.get(IssuedReport, issued.id))
    assert figures["chased_follow_ups"] == [] and figures["chases_total"] is None
