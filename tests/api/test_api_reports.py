"""Issued reports and their summary figures as issued, read with a token.

The 2025 report of the shared history (tests/reports/conftest.py), worked out by hand in
tests/reports/test_period_figures.py: coverage 3 of 6 (50%) at the start and 4 of 6 (67%) at the end (addressed
3 of 6, 50%); Economic 3 of 4 (75%) and Socio-Cultural 1 of 2 (50%) at the end; Trade on track at the start and at
risk at the end, 2 of 3 (67%); two meetings (a courtesy call in March, a JSCC in October); follow-ups opened 3,
completed 1, open at the end 3, overdue at the end 2.
"""

from datetime import date

import pytest

from app.extensions import db
from app.reports.services import issue_period_report
from tests.reports.conftest import history, history_copy  # noqa: F401
from tests.reports.oldest_shape import store_oldest

PROBLEM = "application/problem+json"


@pytest.fixture
def issue(app, history):  # noqa: F811
    """``issue(include_restricted=False)``: the 2025 report of the history, issued by an editor."""

    def issued(include_restricted=False):
        from tests import factories

        editor = factories.user(role="editor", name="Aisyah Rahman")
        with app.test_request_context(method="POST"):  # issuing writes: as the form does
            report = issue_period_report(history, date(2025, 1, 1), date(2025, 12, 31), way_forward="Hold the 9th JSCC",
                                         issued_by=editor, include_restricted=include_restricted)
        db.session.commit()
        return report

    return issued


def coverage_text(coverage: dict) -> str:
    return coverage["text"]


def test_an_issued_report_gives_its_summary_figures_as_issued(history, issue, program, make):  # noqa: F811
    report = issue()
    reader = program("viewer", "read")
    answer = reader.read(f"/api/v1/reports/{report.id}", "ReportFigures")
    assert (answer["title"], answer["plan"]["label"], answer["partnership"]["slug"]) == (
        report.title, "2024-2028", "asean-pakistan")
    assert (answer["window_starts_on"], answer["window_ends_on"], answer["issued_by"]["name"]) == (
        "2025-01-01", "2025-12-31", "Aisyah Rahman")
    assert (answer["includes_restricted"], answer["figures_version"]) == (False, 6)
    assert (answer["window"]["counted_on"], answer["window"]["has_ended"]) == ("2025-12-31", True)
    assert answer["coverage"]["start"] == {"total": 6, "addressed": 1, "being_addressed": 2, "covered": 3,
                                           "percent": 50, "addressed_percent": 17, "text": "3 of 6 (50%)"}
    assert answer["coverage"]["end"] == {"total": 6, "addressed": 3, "being_addressed": 1, "covered": 4,
                                         "percent": 67, "addressed_percent": 50, "text": "4 of 6 (67%)"}
    economic, social = answer["pillars"]
    assert [(pillar["name"], pillar["coverage_end"]["text"]) for pillar in (economic, social)] == [
        ("Economic", "3 of 4 (75%)"), ("Socio-Cultural", "1 of 2 (50%)")]
    trade, investment = economic["areas"]
    assert (trade["name"], trade["status_start"], trade["status_end"], trade["coverage_end"]["text"]) == (
        "Trade", "on_track", "at_risk", "2 of 3 (67%)")
    assert (investment["name"], investment["status_end"]) == ("Investment", None)
    assert (answer["meetings_total"], [(row["type"], row["count"]) for row in answer["meetings_by_type"]]) == (
        2, [("courtesy_call", 1), ("jscc", 1)])
    assert answer["meetings_by_month"] == [{"month": "2025-03", "count": 1}, {"month": "2025-10", "count": 1}]
    assert answer["follow_up_counts"] == {"opened": 3, "completed": 1, "cancelled": 0, "open_at_end": 3,
                                          "overdue_at_end": 2}
    assert (answer["open_follow_ups_total"], answer["way_forward"]) == (3, "Hold the 9th JSCC")

    # Frozen: a later update changes the plan's figures, not the issued report's.
    line = history.areas[0].action_lines[2]
    make.status_update(make.user(), action_line=line, status="addressed", as_of=date(2025, 12, 1))
    again = reader.read(f"/api/v1/reports/{report.id}", "ReportFigures")
    assert coverage_text(again["coverage"]["end"]) == "4 of 6 (67%)"


def test_a_report_issued_in_the_oldest_shape_reads_in_todays(program, make):
    reader = program("viewer", "read")
    issued = store_oldest(make, reader.user)
    answer = reader.read(f"/api/v1/reports/{issued.id}", "ReportFigures")
    assert (answer["figures_version"], answer["includes_restricted"]) == (1, False)
    assert (answer["window"]["counted_on"], answer["window"]["name"]) == ("2024-12-31", "Calendar year 2024")
    assert answer["follow_up_counts"]["cancelled"] is None  # never counted then: unknown, not 0
    assert answer["meetings_by_month"] == [{"month": "2024-03", "count": 1}, {"month": "2024-08", "count": 1}]
    assert (answer["coverage"]["end"]["text"], answer["pillars"][0]["areas"][0]["status_start"]) == (
        "2 of 3 (67%)", None)


def test_a_report_issued_with_restricted_notes_is_listed_but_opened_only_by_editors(history, issue, program):  # noqa: F811
    plain, restricted = issue(), issue(include_restricted=True)
    viewer, editor = program("viewer", "read"), program("editor", "read")
    listed = viewer.read("/api/v1/reports", "ReportPage")["items"]
    assert [(item["id"], item["includes_restricted"]) for item in listed] == [(plain.id, False),
                                                                              (restricted.id, True)]
    refused = viewer.get(f"/api/v1/reports/{restricted.id}")
    assert (refused.status_code, refused.content_type) == (403, PROBLEM)
    assert "restricted notes" in refused.json["detail"]
    assert editor.read(f"/api/v1/reports/{restricted.id}", "ReportFigures")["includes_restricted"] is True
    assert viewer.get("/api/v1/reports/2147483647").status_code == 404


def test_reports_are_listed_by_partnership_and_plan_in_the_same_queries_for_one_or_many(
        history, issue, program, make, count_queries):  # noqa: F811
    reader = program("viewer", "read")
    first = issue()
    other = make.partnership(partner=make.organisation(name="Kingdom of Norway", short_name="Norway"))
    assert [item["id"] for item in reader.every_page(f"/api/v1/reports?partnership={history.partnership_id}")] == [
        first.id]
    assert reader.every_page(f"/api/v1/reports?partnership={other.id}") == []
    with count_queries() as one:
        assert len(reader.get("/api/v1/reports").json["items"]) == 1
    more = [issue(), issue(include_restricted=True), issue()]
    by_plan = f"/api/v1/reports?plan={history.id}"
    with count_queries() as many:
        listed = reader.get(by_plan).json["items"]
    assert [item["id"] for item in listed] == [first.id, *(report.id for report in more)]
    assert len(many) == len(one)
    assert not any("html" in statement for statement in many), "the list reads each report's document"
