"""The implementation matrix of the period report: under each action line of the 2025 report of the small history
(conftest.py), its status at the start and end of the year and the activities of the year.

Worked by hand for 1 January to 31 December 2025, counted as of 31 December 2025:

- 2.1.1: the banking and finance course, planned 1–14 March 2025, started 3 March and completed 16 March (so
  completed on the counting day), funded by the Government of Pakistan with 15,000.00 USD. The business
  opportunities conference (2.1.1 and 2.2.1) is planned for 10 February 2026: not in the year.
- 2.1.2: the study visit, planned from 1 November 2025 and postponed on 5 January 2026: planned on the counting day.
- 2.1.3: nothing. 2.2.1: nothing (the conference is in 2026).
- 3.1.1: the cyber security course, held 1 November 2024 to 20 January 2025: it overlaps the year's start.
- 3.1.2: nothing; the diplomatic course ended in May 2024, and an archived workshop of June 2025 is left out.

Statuses (from the history): 2.1.1 being addressed at the start, addressed at the end; 2.1.2 not yet addressed,
then being addressed; Trade's summary 1 of 3 (33%) at the start and 2 of 3 (67%) at the end, 1 of 3 (33%) addressed.
"""

import copy
import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from docx import Document

from app.activities.services import set_activity_state
from app.common.numbers import amount_text
from app.extensions import db
from app.models import ActionLine, Activity, IssuedReport
from app.reports.issued_figures import current_figures, figures_of
from app.reports.matrix_text import activity_dates
from app.reports.period import build_period_report
from app.reports.period_figures import PeriodFigures
from app.reports.reproduce import differences
from app.reports.shape_check import shape_problems
from tests.exports.conftest import csv_tables, fetch, pdf_pages, period_url
from tests.reports.test_report_pages import issue, report_url

YEAR_2025 = {"window": "year", "year": "2025"}


def lines_by_code(plan):
    return {line.code: line for line in db.session.scalars(db.select(ActionLine))}


def add_activities(make, plan):
    lines = lines_by_code(plan)
    pakistan = plan.partnership
    course = make.activity(pakistan, plan, [lines["2.1.1"]], title="Training programme in banking and finance",
                           planned_starts_on=date(2025, 3, 1), planned_ends_on=date(2025, 3, 14),
                           state_on=date(2025, 1, 10), funded_by="Government of Pakistan",
                           amount=Decimal("15000"), currency="USD")
    set_activity_state(course, "ongoing", date(2025, 3, 3))
    set_activity_state(course, "completed", date(2025, 3, 16))
    make.activity(pakistan, plan, [lines["2.1.1"], lines["2.2.1"]], title="Business Opportunities Conference",
                  kind="dialogue", planned_starts_on=date(2026, 2, 10), state_on=date(2025, 6, 1))
    visit = make.activity(pakistan, plan, [lines["2.1.2"]], title="Study visit to Karachi", kind="study_visit",
                          planned_starts_on=date(2025, 11, 1), state_on=date(2025, 5, 1), funding_source="ours")
    set_activity_state(visit, "postponed", date(2026, 1, 5))
    make.activity(pakistan, plan, [lines["3.1.1"]], title="Training programme on cyber security",
                  state="completed", actual_starts_on=date(2024, 11, 1), actual_ends_on=date(2025, 1, 20),
                  funding_source="cooperation_fund")
    make.activity(pakistan, plan, [lines["3.1.2"]], title="Diplomatic course", state="completed",
                  actual_starts_on=date(2024, 5, 1), actual_ends_on=date(2024, 5, 20))
    archived = make.activity(pakistan, plan, [lines["3.1.2"]], title="Archived workshop", kind="workshop",
                             planned_starts_on=date(2025, 6, 1), state_on=date(2025, 1, 1))
    archived.archived_at = datetime(2025, 7, 1)
    db.session.commit()


def report_2025(plan):
    return build_period_report(plan, date(2025, 1, 1), date(2025, 12, 31), generated_by="Desk Officer",
                               now=datetime(2026, 11, 28, 9, 0), today=date(2026, 11, 28))


def matrix(report):
    return {line["code"]: line for pillar in report["pillars"] for area in pillar["areas"]
            for line in area["action_lines"]}


@pytest.fixture
def with_activities(history, make):
    add_activities(make, history)
    return history


def test_each_line_lists_the_activities_of_the_window_with_their_state_on_the_counting_day(app_context,
                                                                                           with_activities):
    report = report_2025(with_activities)
    lines = matrix(report)

    assert report["matrix"] is True
    assert shape_problems(report, PeriodFigures) == []
    # Every line appears, with or without activities.
    assert {code: [a["title"] for a in line["activities"]] for code, line in lines.items()} == {
        "2.1.1": ["Training programme in banking and finance"],
        "2.1.2": ["Study visit to Karachi"],
        "2.1.3": [],
        "2.2.1": [],
        "3.1.1": ["Training programme on cyber security"],
        "3.1.2": [],
    }
    course = lines["2.1.1"]["activities"][0]
    assert {key: value for key, value in course.items() if key != "id"} == {
        "title": "Training programme in banking and finance",
        "kind": "Training course",
        "planned_starts_on": "2025-03-01", "planned_ends_on": "2025-03-14",
        "actual_starts_on": "2025-03-03", "actual_ends_on": "2025-03-16",
        "state": {"value": "completed", "label": "Completed"},
        "funding_source": {"value": "partner", "label": "The partner's own budget"},
        "funded_by": "Government of Pakistan",
        "amount": "15000.00",
        "currency": "USD",
    }
    # Postponed only in January 2026: planned on 31 December 2025.
    assert lines["2.1.2"]["activities"][0]["state"] == {"value": "planned", "label": "Planned"}
    assert lines["3.1.1"]["activities"][0]["state"]["value"] == "completed"
    assert (lines["2.1.1"]["status_start"]["value"], lines["2.1.1"]["status_end"]["value"]) == (
        "being_addressed", "addressed")
    assert (lines["2.1.2"]["status_start"]["value"], lines["2.1.2"]["status_end"]["value"]) == (
        "not_yet_addressed", "being_addressed")


def test_the_matrix_costs_the_same_statements_however_many_activities(history, signed_in, make, count_queries):
    with count_queries() as none:
        signed_in.get(report_url(history, **YEAR_2025))
    add_activities(make, history)
    with count_queries() as several:
        page = signed_in.get(report_url(history, **YEAR_2025)).get_data(as_text=True)
    assert "Training programme in banking and finance" in page
    assert len(several) == len(none)


def test_the_report_page_shows_the_matrix_per_area_and_the_summary_per_pillar(with_activities, signed_in):
    page = signed_in.get(report_url(with_activities, **YEAR_2025)).get_data(as_text=True)
    assert '<caption class="caption-top">Summary by area, Economic</caption>' in page
    # Trade: 1 of 3 lines at the start, 2 of 3 at the end, 1 of 3 addressed.
    trade_summary = page.split('<th scope="row" class="fw-normal">2.1 Trade</th>')[1].split("</tr>")[0]
    assert "<td>1 of 3 (33%)</td><td>2 of 3 (67%)</td><td>1 of 3 (33%)</td>" in trade_summary
    assert '<caption class="caption-top small">Implementation matrix, 2.1 Trade</caption>' in page
    for header in ("Code", "Action line", "Status at the start", "Status at the end", "Activities in the period",
                   "Remarks and way forward"):
        assert f'<th scope="col">{header}</th>' in page
    row = page.split('<th scope="row" class="fw-normal">2.1.1</th>')[1].split("</tr>")[0]
    assert ">Being addressed</span>" in row and ">Addressed</span>" in row
    assert "Held 3 March 2025 to 16 March 2025 (planned 1 March 2025 to 14 March 2025)" in row
    assert ">Completed</span>" in row
    assert "Funded by: Government of Pakistan, 15,000.00 USD" in row
    empty = page.split('<th scope="row" class="fw-normal">2.1.3</th>')[1].split("</tr>")[0]
    assert "None in the period" in empty
    visit = page.split('<th scope="row" class="fw-normal">2.1.2</th>')[1].split("</tr>")[0]
    assert "Planned 1 November 2025" in visit and ">Planned</span>" in visit
    assert "Funded by: Our organisation's own budget (ASEAN's own)" in visit.replace("&#39;", "'")
    for left_out in ("Business Opportunities Conference", "Diplomatic course", "Archived workshop"):
        assert left_out not in page


def test_a_report_issued_before_the_matrix_reads_without_it(with_activities, app_context):
    version_2 = copy.deepcopy(report_2025(with_activities))
    del version_2["matrix"]
    for pillar in version_2["pillars"]:
        for area in pillar["areas"]:
            del area["remarks"], area["way_forward"]
            for line in area["action_lines"]:
                del line["activities"], line["activities_total"], line["remarks"], line["way_forward"]
    untouched = copy.deepcopy(version_2)

    figures = current_figures(version_2, 2)

    assert version_2 == untouched
    assert shape_problems(figures, PeriodFigures) == []
    assert figures["matrix"] is False
    assert all(line["activities"] == [] for line in matrix(figures).values())


def test_an_issued_matrix_checks_out_against_the_data_as_it_stood_when_issued(with_activities, signed_in, make):
    assert issue(signed_in, with_activities, **YEAR_2025).status_code == 200
    issued = db.session.scalar(db.select(IssuedReport))
    assert matrix(figures_of(issued))["2.1.1"]["activities"][0]["state"]["value"] == "completed"
    assert differences(issued) == []
    # Logged after the report was issued, though dated in 2025: not what the report was issued with.
    lines = lines_by_code(with_activities)
    make.activity(with_activities.partnership, with_activities, [lines["2.1.3"]], title="Late-logged workshop",
                  kind="workshop", state="completed", actual_starts_on=date(2025, 4, 1),
                  actual_ends_on=date(2025, 4, 2))
    assert differences(issued) == []
    # The course's dates corrected after the report was issued, out of 2025: the report checks out against the
    # dates as they stood when it was issued, while the same report made today leaves the course out.
    course = db.session.scalars(db.select(Activity).filter_by(title="Training programme in banking and finance")).one()
    course.planned_starts_on, course.planned_ends_on = date(2026, 3, 1), date(2026, 3, 14)
    course.actual_starts_on, course.actual_ends_on = date(2026, 3, 3), date(2026, 3, 16)
    db.session.commit()
    assert differences(issued) == []
    assert matrix(report_2025(with_activities))["2.1.1"]["activities"] == []
    # The same report made today lists it.
    assert [a["title"] for a in matrix(report_2025(with_activities))["2.1.3"]["activities"]] == [
        "Late-logged workshop"]


def test_every_download_of_a_report_with_a_matrix_opens_and_the_pdf_carries_it(with_activities, signed_in):
    for format in ("docx", "xlsx", "csv"):
        fetch(signed_in, period_url(with_activities, format, **YEAR_2025))
    text = " ".join(pdf_pages(fetch(signed_in, period_url(with_activities, "pdf", **YEAR_2025)).data))
    text = " ".join(text.split())
    assert "Implementation matrix, 2.1 Trade" in text
    assert "Training programme in banking and finance" in text
    assert "15,000.00 USD" in text


def test_a_busy_line_lists_its_latest_five_activities_in_documents_and_every_one_in_the_issued_report(
        history, signed_in, make):
    """Seven workshops under 2.1.3, on the 1st of each month from March to September 2025: the page lists the
    five latest (May to September) and says there are seven; the issued report keeps all seven, and a report
    issued in version 3 (no count beside the list) reads with its list's length as the count."""
    line = lines_by_code(history)["2.1.3"]
    for month in range(3, 10):
        make.activity(history.partnership, history, [line], title=f"Workshop of {date(2025, month, 1):%B}",
                      kind="workshop", state="completed", actual_starts_on=date(2025, month, 1),
                      actual_ends_on=date(2025, month, 1))
    row = signed_in.get(report_url(history, **YEAR_2025)).get_data(as_text=True).split(
        '<th scope="row" class="fw-normal">2.1.3</th>')[1].split("</tr>")[0]
    assert "7 in the period; the latest 5 are listed, the Excel and CSV downloads list every one." in row
    listed = [month for month in ("March", "April", "May", "June", "July", "August", "September")
              if f"Workshop of {month}" in row]
    assert listed == ["May", "June", "July", "August", "September"]
    word = Document(io.BytesIO(fetch(signed_in, period_url(history, "docx", **YEAR_2025)).data))
    cell = next(row.cells[4].text for table in word.tables for row in table.rows if row.cells[0].text == "2.1.3")
    assert cell.startswith("7 in the period; the latest 5 are listed, the Excel and CSV downloads list every one.")
    assert "Workshop of April" not in cell and "Workshop of September" in cell
    csv_rows = csv_tables(fetch(signed_in, period_url(history, "csv", **YEAR_2025)).data)["matrix"]
    assert sorted(row["Activity"] for row in csv_rows if row["Code"] == "2.1.3") == sorted(
        f"Workshop of {date(2025, month, 1):%B}" for month in range(3, 10))

    assert issue(signed_in, history, **YEAR_2025).status_code == 200
    issued = db.session.scalar(db.select(IssuedReport))
    kept = matrix(figures_of(issued))["2.1.3"]
    assert kept["activities_total"] == 7 and len(kept["activities"]) == 7
    version_3 = copy.deepcopy(issued.figures)
    for pillar in version_3["pillars"]:
        for area in pillar["areas"]:
            for each in area["action_lines"]:
                del each["activities_total"]
    assert matrix(current_figures(version_3, 3))["2.1.3"]["activities_total"] == 7


def test_amounts_read_with_thousands_separated_and_their_currency_after_them():
    assert amount_text("15000.00", "USD") == "15,000.00 USD"
    assert amount_text(Decimal("1250.5"), "PKR") == "1,250.50 PKR"
    assert amount_text(None, "USD") == ""


def test_an_activity_held_on_the_dates_planned_says_so_instead_of_giving_them_twice():
    def dates(planned: tuple[str | None, str | None], held: tuple[str | None, str | None]) -> str:
        activity = {"planned_starts_on": planned[0], "planned_ends_on": planned[1],
                    "actual_starts_on": held[0], "actual_ends_on": held[1]}
        return activity_dates(activity)  # type: ignore[arg-type]  (the dates are all it reads)

    march = ("2025-03-01", "2025-03-14")
    assert dates(march, march) == "Held 1 March 2025 to 14 March 2025, as planned"
    assert dates(march, ("2025-03-03", "2025-03-16")) == (
        "Held 3 March 2025 to 16 March 2025 (planned 1 March 2025 to 14 March 2025)")
    assert dates(("2025-05-12", None), ("2025-05-12", "2025-05-12")) == "Held 12 May 2025, as planned"
    assert dates(march, (None, None)) == "Planned 1 March 2025 to 14 March 2025"
    assert dates((None, None), ("2025-03-03", None)) == "Held 3 March 2025"
