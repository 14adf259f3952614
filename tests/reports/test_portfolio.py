"""The portfolio report as of 31 December 2025, on the hand-worked history of tests/reports/conftest.py.

ASEAN–Pakistan then: coverage 4 of 6 (67%), addressed 3 of 6 (50%) (worked in test_period_figures.py); Trade at
risk; open follow-ups F3, F4, F5 (3), overdue F3 and F5 (2). Meetings in the eight quarters 2024 Q1 .. 2025 Q4: the
2024-03-25 call (2024 Q1), the 2025-03-25 call (2025 Q1), the 8th JSCC of 2025-10-01 (2025 Q4); the archived
meeting and the undated 6th JSCC do not count -> [1, 0, 0, 0, 1, 0, 0, 1].
ASEAN–India is a dialogue partner with a comprehensive strategic level and no plan.
"""

from datetime import date, datetime

import pytest

from app.extensions import db
from app.models import PartnershipEvent
from app.reports.portfolio import build_portfolio_report, last_quarters

AS_OF = date(2025, 12, 31)


@pytest.fixture
def india(make):
    return make_india(make)


def make_india(make):
    """ASEAN–India, committed: a dialogue partner with a comprehensive strategic level and no plan."""
    india = make.partnership(make.organisation(name="Republic of India", short_name="India", iso_code="IN"),
                             status="dialogue_partner", since=date(1995, 12, 15))
    db.session.add(PartnershipEvent(partnership=india, occurred_on=date(2022, 11, 12), kind="upgraded",
                                    status="dialogue_partner", level="comprehensive_strategic_partnership"))
    db.session.commit()
    return india


def portfolio(**filters):
    return build_portfolio_report(AS_OF, **filters, generated_by="Desk Officer", now=datetime(2026, 11, 28, 9))


def test_every_partnership_as_of_a_date(history, india):
    report = portfolio()
    rows = {row["name"]: row for row in report["partnerships"]}
    assert list(rows) == ["ASEAN–India", "ASEAN–Pakistan"]
    pakistan = rows["ASEAN–Pakistan"]
    assert pakistan["coverage"] == {"total": 6, "addressed": 3, "being_addressed": 1}
    assert (pakistan["open_follow_ups"], pakistan["overdue_follow_ups"]) == (3, 2)
    assert pakistan["meetings_by_quarter"] == [1, 0, 0, 0, 1, 0, 0, 1]
    assert {a["name"]: (a["status"] or {}).get("label") for a in pakistan["areas"]} == {
        "Trade": "At risk", "Investment": None, "Education": None
    }
    assert (rows["ASEAN–India"]["status"], rows["ASEAN–India"]["level"], rows["ASEAN–India"]["plan"]) == (
        "Dialogue partner", "Comprehensive strategic partnership", None
    )
    assert report["quarters"] == [f"{year} Q{q}" for year in (2024, 2025) for q in (1, 2, 3, 4)]
    assert report["totals"]["overdue_follow_ups"] == 2
    assert report["filters"] == {"status": None, "level": None, "pillar": None}


def test_filters(history, india):
    assert [r["name"] for r in portfolio(status="dialogue_partner")["partnerships"]] == ["ASEAN–India"]
    assert [r["name"] for r in portfolio(level="comprehensive_strategic_partnership")["partnerships"]] == [
        "ASEAN–India"
    ]
    social = {r["name"]: r for r in portfolio(pillar="socio-cultural")["partnerships"]}["ASEAN–Pakistan"]
    assert [a["name"] for a in social["areas"]] == ["Education"]
    assert social["coverage"] == {"total": 2, "addressed": 1, "being_addressed": 0}


def test_quarters_run_back_across_a_year():
    assert last_quarters(date(2026, 2, 1), 3) == ["2025 Q3", "2025 Q4", "2026 Q1"]


def test_portfolio_page(history, signed_in, india, make, count_queries):
    url = "/reports/portfolio?as_of-day=31&as_of-month=12&as_of-year=2025&status=&level=&pillar="
    with count_queries() as few:
        page = signed_in.get(url).get_data(as_text=True)
    assert "Partnership portfolio as of 31 December 2025" in page
    assert "4 of 6 (67%)" in page
    assert "2 partnerships." in page and "filtered" not in page
    assert 'class="app-cell app-heat-at_risk">Trade<span class="app-cell-status">At risk</span></span>' in page

    bad = signed_in.get("/reports/portfolio?as_of-day=31&as_of-month=2&as_of-year=2025&status=nonsense")
    text = bad.get_data(as_text=True)
    assert bad.status_code == 200
    assert "Date of the report must be a real date" in text and "Select partnership status from the list" in text

    for n in range(4):
        other = make.partnership(make.organisation(name=f"Country {n}", short_name=f"C{n}"))
        plan = make.plan(other)
        area = make.area(plan, make.pillar(plan), "1.1", f"Area {n}")
        make.status_update(signed_in.user, action_line=make.action_line(area, "1.1.1"), status="addressed",
                           as_of=date(2025, 6, 1))
        make.meeting(other, held_on=date(2025, 6, 1))
        make.follow_up(other, opened_on=date(2025, 1, 1), due_on=date(2025, 2, 1))
    with count_queries() as many:
        page = signed_in.get(url).get_data(as_text=True)
    assert "ASEAN–C3" in page
    assert len(many) == len(few)


def test_portfolio_downloads_carry_the_page_figures(history, signed_in, india):
    import csv
    import io
    import zipfile

    from openpyxl import load_workbook

    args = "as_of-day=31&as_of-month=12&as_of-year=2025"
    workbook = load_workbook(io.BytesIO(signed_in.get(f"/reports/portfolio/xlsx?{args}").data))
    rows = {row[0]: row for row in workbook["Coverage"].iter_rows(min_row=2, values_only=True)}
    pakistan = rows["ASEAN–Pakistan"]
    assert pakistan[4:9] == (6, 3, 1, pytest.approx(4 / 6), pytest.approx(3 / 6))
    assert pakistan[9:] == (3, 2)
    archive = zipfile.ZipFile(io.BytesIO(signed_in.get(f"/reports/portfolio/csv?{args}").data))
    name = next(n for n in archive.namelist() if "meetings_per_quarter" in n)
    table = list(csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
    assert table[0][1:] == [f"{year} Q{q}" for year in (2024, 2025) for q in (1, 2, 3, 4)]
    assert ["ASEAN–Pakistan", "1", "0", "0", "0", "1", "0", "0", "1"] in table
    response = signed_in.get(f"/reports/portfolio/docx?{args}")
    assert response.headers["Content-Disposition"].endswith("portfolio_2025-12-31.docx")


def test_downloads_say_no_plan_in_force_and_the_document_adds_up(history, signed_in, india):
    import io

    from docx import Document
    from openpyxl import load_workbook

    args = "as_of-day=31&as_of-month=12&as_of-year=2025"
    workbook = load_workbook(io.BytesIO(signed_in.get(f"/reports/portfolio/xlsx?{args}").data))
    rows = {row[0]: row for row in workbook["Coverage"].iter_rows(min_row=2, values_only=True)}
    # No plan: said in words, its coverage left empty rather than 0 of 0; its follow-ups still counted.
    assert rows["ASEAN–India"][3:] == ("No plan in force", None, None, None, None, None, 0, 0)
    assert list(rows) == ["ASEAN–India", "ASEAN–Pakistan"]  # the spreadsheet adds up its own rows

    document = Document(io.BytesIO(signed_in.get(f"/reports/portfolio/docx?{args}").data))
    coverage = next(table for table in document.tables if table.rows[0].cells[0].text == "Partnership"
                    and table.rows[0].cells[3].text == "Plan")
    cells = [[cell.text for cell in row.cells] for row in coverage.rows[1:]]
    assert cells[0][3:] == ["No plan in force", "", "", "", "", "", "0", "0"]
    # Pakistan 4 of 6 (3 addressed, 1 being addressed), India none: 6 lines, 67% and 50%; 3 open, 2 overdue.
    assert cells[-1] == ["All partnerships", "", "", "", "6", "3", "1", "67%", "50%", "3", "2"]
    assert "2 partnerships as of 31 December 2025; 3 follow-ups open, 2 of them overdue." in [
        paragraph.text for paragraph in document.paragraphs]
