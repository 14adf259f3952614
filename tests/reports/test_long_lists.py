"""A busy year: the report documents show the first rows of each long list and say how many more there are; the
counts stay exact and the Excel download lists every row.

The fixture, ASEAN–Pakistan in calendar year 2025, one area (2.1 Trade):
  7 status updates of Trade, on the 10th of January .. July ("Update 1" .. "Update 7")
    -> the documents show the latest 5 (Updates 3 to 7): "The latest 5 of 7 status changes are shown"
  27 courtesy calls discussing Trade, every 10 days from 1 January ("Meeting 01" .. "Meeting 27")
    -> the meetings table lists the latest 25 (Meetings 03 to 27) and leaves out 2 earlier ones;
       under Trade: "Discussed at 27 meetings ...; the latest 5" (Meetings 23 to 27)
  27 open follow-ups on Trade, agreed 15 January 2025, due 1 .. 27 February 2025 ("Follow-up 01" .. "27")
    -> all 27 open and overdue on 31 December 2025; the 25 due first are listed (01 to 25), 2 more are not;
       under Trade, the 5 due first (01 to 05) "and 22 more follow-ups on this area"
"""

import io
from datetime import date, timedelta

import pytest
from docx import Document
from openpyxl import load_workbook

from app.extensions import db
from app.models import IssuedReport

WINDOW = {"window": "year", "year": "2025"}


@pytest.fixture
def busy(make):
    author = make.user(name="Aisyah Rahman")
    pakistan = make.partnership()
    plan = make.plan(pakistan)
    trade = make.area(plan, make.pillar(plan, "Economic", 1), "2.1", "Trade")
    make.action_line(trade, "2.1.1")
    for n in range(1, 8):
        make.status_update(author, area=trade, status="on_track" if n % 2 else "at_risk", as_of=date(2025, n, 10),
                           note=f"Update {n}")
    for n in range(27):
        make.meeting(pakistan, held_on=date(2025, 1, 1) + timedelta(days=10 * n), title=f"Meeting {n + 1:02d}",
                     areas=[trade])
    for n in range(27):
        make.follow_up(pakistan, title=f"Follow-up {n + 1:02d}", opened_on=date(2025, 1, 15),
                       due_on=date(2025, 2, 1) + timedelta(days=n), area=trade)
    return plan


def url(plan, format=None):
    suffix = f"/{format}" if format else ""
    return f"/partnerships/asean-pakistan/reports/period{suffix}?plan={plan.id}&window=year&year=2025"


def test_the_page_shows_the_first_rows_and_says_how_many_more(signed_in, busy):
    page = signed_in.get(url(busy)).get_data(as_text=True)

    assert "The latest 5 of 7 status changes are shown; the Excel and CSV downloads list every one." in page
    assert "Update 3" in page and "Update 7" in page and "Update 2" not in page

    assert "27 meetings: the latest 25 are listed" in page
    assert "The 2 earlier meetings of the period are not listed here" in page
    assert "Meeting 03" in page and "Meeting 02" not in page
    assert ("Discussed at 27 meetings in the period, listed in the Excel and CSV downloads; the latest 5: "
            "Meeting 23") in page

    assert "27 open, 27 overdue, as of 31 December 2025: the 25 due first are listed" in page
    assert "Follow-up 25" in page and "Follow-up 26" not in page
    assert "2 more open follow-ups, due later or with no due date, are not listed here" in page
    assert "and 22 more follow-ups on this area, due later or with no due date" in page
    assert '<tfoot><tr><th scope="row">Total</th><td class="text-end fw-bold">27</td>' in page


def test_the_excel_download_lists_every_row(signed_in, busy):
    book = load_workbook(io.BytesIO(signed_in.get(url(busy, "xlsx")).data))

    def rows(sheet):
        values = list(book[sheet].iter_rows(values_only=True))
        return [dict(zip(values[0], row, strict=True)) for row in values[1:]]

    assert [row["Meeting"] for row in rows("Meetings")] == [f"Meeting {n:02d}" for n in range(1, 28)]
    assert [row["Follow-up"] for row in rows("Follow-ups")] == [f"Follow-up {n:02d}" for n in range(1, 28)]
    assert [row["Note"] for row in rows("Status changes")] == [f"Update {n}" for n in range(1, 8)]
    (trade,) = rows("Areas")
    assert (trade["Status changes in the period"], trade["Meetings discussing it"], trade["Follow-ups"]) == (7, 27, 27)
    figures = {row[0].value: row[1].value for row in book["Overview"].iter_rows(min_row=2, max_col=2)}
    assert figures["Meetings held in the period"] == 27
    assert figures["Follow-ups open at the end"] == 27


def test_the_word_document_cuts_the_lists_as_the_page_does(signed_in, busy):
    document = Document(io.BytesIO(signed_in.get(url(busy, "docx")).data))
    text = "\n".join([p.text for p in document.paragraphs]
                     + [cell.text for table in document.tables for row in table.rows for cell in row.cells])
    assert "The latest 5 of 7 status changes are shown" in text
    assert "27 meetings: the latest 25 are listed" in text
    assert "Meeting 03" in text and "Meeting 02" not in text
    assert "Follow-up 25" in text and "Follow-up 26" not in text
    assert "2 more open follow-ups, due later or with no due date, are not listed here" in text
    assert "and 22 more follow-ups on this area, due later or with no due date" in text


def test_a_report_issued_before_lists_were_cut_downloads_as_before(signed_in, busy):
    """Figures frozen before the totals existed carry every row and no totals: their lengths are the totals.

    Meetings per quarter, from the list: 1 January + 0, 10 .. 80 days is Q1 (9), + 90 .. 180 days (1 April to
    30 June) Q2 (10), + 190 .. 260 days (10 July to 18 September) Q3 (8).
    """
    response = signed_in.submit("/partnerships/asean-pakistan/reports/issue",
                                {"plan": busy.id, "way_forward": "Meet again.", **WINDOW}, page=url(busy))
    assert response.status_code == 200
    issued = db.session.scalar(db.select(IssuedReport))
    figures = {key: value for key, value in issued.figures.items()
               if key not in ("meetings_total", "open_follow_ups_total", "meetings_by_month", "every_row")}
    assert len(figures["meetings"]) == 27 and len(figures["open_follow_ups"]) == 27
    issued.figures, issued.figures_version = figures, 1
    db.session.commit()

    book = load_workbook(io.BytesIO(signed_in.get(f"/reports/{issued.id}/xlsx").data))
    overview = {row[0].value: row[1].value for row in book["Overview"].iter_rows(min_row=2, max_col=2)}
    assert overview["Meetings held in the period"] == 27
    assert book["Meetings"].max_row == 28 and book["Follow-ups"].max_row == 28
    document = Document(io.BytesIO(signed_in.get(f"/reports/{issued.id}/docx").data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert ("27 meetings held in the period, by quarter: 9 in 2025 Q1, 10 in 2025 Q2, 8 in 2025 Q3; none in the "
            "other quarters.") in text
    assert "The 2 earlier meetings of the period are not listed here" in text
