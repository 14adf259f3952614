"""Issued reports read as issued, whatever shape their figures were stored in; every report's figures have the
shape their types declare.

The shape is checked at run time (``shape_problems``) rather than by running mypy from a test: mypy checks the
code, but the figures read back from an issued report's JSON are data it never sees, and the run-time check needs
nothing that the lock file does not install.
"""

import copy
from datetime import date, datetime

import pytest

from app.extensions import db
from app.models import IssuedReport
from app.reports.issued_figures import current_figures, figures_of
from app.reports.period import build_period_report
from app.reports.period_figures import PeriodFigures
from app.reports.portfolio import build_portfolio_report
from app.reports.portfolio_figures import PortfolioFigures
from app.reports.shape_check import shape_problems
from tests.reports.oldest_shape import BODY, oldest_figures, store_oldest
from tests.reports.test_report_pages import issue

YEAR_2025 = {"window": "year", "year": "2025"}


def test_a_report_issued_in_the_oldest_shape_opens_exactly_as_issued(signed_in, make):
    issued = store_oldest(make, signed_in.user)
    page = signed_in.get(f"/reports/{issued.id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert BODY in html
    for format in ("pdf", "docx", "xlsx", "csv"):
        assert f'href="/reports/{issued.id}/{format}?copy=recipient"' in html


def test_the_oldest_shape_reads_in_todays_shape_with_only_what_it_did_not_record_filled_in(app_context):
    stored = oldest_figures(plan_id=3)
    untouched = copy.deepcopy(stored)
    figures = current_figures(stored, 1)

    assert shape_problems(figures, PeriodFigures) == []
    assert stored == untouched  # what was issued is never rewritten
    # Counted as of the window's end, as every report was before the counting day.
    assert figures["window"]["counted_on"] == "2024-12-31" and figures["window"]["has_ended"] is True
    # Every row was kept: each list's length is its total.
    assert (figures["meetings_total"], figures["open_follow_ups_total"]) == (2, 1)
    area = figures["pillars"][0]["areas"][0]
    assert (area["changes_total"], area["meetings_total"], area["follow_ups_total"]) == (2, 2, 2)
    assert figures["every_row"] is True
    # The courtesy call on 25 March 2024 and the JSCC on 10 August 2024.
    assert figures["meetings_by_month"] == [{"month": "2024-03", "count": 1}, {"month": "2024-08", "count": 1}]
    # Cancellations were never counted: unknown, not none.
    assert figures["follow_up_counts"] == {"opened": 2, "completed": 1, "cancelled": None, "open_at_end": 1,
                                           "overdue_at_end": 1}
    assert figures["include_restricted"] is False
    assert figures["issued"] == {"at": "2025-01-15T10:00", "by": "Desk Officer"}
    # Issued before reports had an annex of attachments: it lists none.
    assert figures["attachments"] == []
    # Issued before chases were recorded: none listed, and their number unknown, not none.
    assert figures["chased_follow_ups"] == [] and figures["chases_total"] is None


def test_version_1_keeps_what_a_later_report_of_that_version_did_record(app_context):
    """A report issued in early December 2026, for a window still running, already had its counting day and its
    cancellations: they are kept, not replaced."""
    stored = oldest_figures(plan_id=3)
    stored["window"] = {"starts_on": "2026-01-01", "ends_on": "2026-12-31", "name": "Calendar year 2026",
                        "counted_on": "2026-12-06", "has_ended": False}
    stored["follow_up_counts"]["cancelled"] = 1
    stored["meetings_total"] = 30  # a total beside a cut list is not the list's length
    figures = current_figures(stored, 1)
    assert figures["window"]["counted_on"] == "2026-12-06" and figures["window"]["has_ended"] is False
    assert figures["follow_up_counts"]["cancelled"] == 1
    assert figures["meetings_total"] == 30


def test_a_version_this_code_does_not_know_is_refused(app_context):
    with pytest.raises(ValueError, match="Figures of version 7 cannot be read"):
        current_figures(oldest_figures(plan_id=3), 7)


def test_a_newly_issued_report_stores_the_current_version_in_the_current_shape(history, signed_in):
    assert issue(signed_in, history, **YEAR_2025).status_code == 200
    issued = db.session.scalar(db.select(IssuedReport))
    assert issued.figures_version == 6
    assert shape_problems(issued.figures, PeriodFigures) == []
    assert figures_of(issued) == issued.figures
    assert issued.figures["issued"]["by"] == "Desk Officer"


def test_live_reports_have_the_shape_their_types_declare(history, app_context):
    for bounded in (False, True):
        report = build_period_report(history, date(2025, 1, 1), date(2025, 12, 31), generated_by="Desk Officer",
                                     now=datetime(2026, 11, 28, 9, 0), bounded=bounded)
        assert shape_problems(report, PeriodFigures) == []
    portfolio = build_portfolio_report(date(2025, 12, 31), generated_by="Desk Officer",
                                       now=datetime(2026, 11, 28, 9, 0))
    assert portfolio["partnerships"][0]["areas"]  # the check reached the rows of each level
    assert shape_problems(portfolio, PortfolioFigures) == []


def test_figures_missing_a_required_key_or_holding_the_wrong_kind_of_value_are_caught(history, app_context):
    report = build_period_report(history, date(2025, 1, 1), date(2025, 12, 31), generated_by="Desk Officer",
                                 now=datetime(2026, 11, 28, 9, 0))
    figures: dict = copy.deepcopy(report)
    del figures["pillars"][1]["areas"][0]["changes_total"]
    del figures["follow_up_counts"]["cancelled"]
    figures["meetings_total"] = "3"
    figures["window"]["counted_on"] = None
    figures["partnership"]["motto"] = "Together"
    assert shape_problems(figures, PeriodFigures) == [
        "figures['partnership'] has 'motto', which PartnershipFigures does not declare",
        "figures['window']['counted_on'] is None, not str",
        "figures['follow_up_counts'] has no 'cancelled'",
        "figures['pillars'][1]['areas'][0] has no 'changes_total'",
        "figures['meetings_total'] is '3', not int",
    ]
