"""The matters arising for the 8th ASEAN–Pakistan JSCC as a Word document, read back with python-docx: its headings,
its tables (header rows repeated on each page, as the period report's) and the proposed agenda."""

import io
from datetime import date

import sqlalchemy as sa
from docx import Document
from docx.oxml.ns import qn

from app.extensions import db
from app.models import FollowUpAction, MeetingType
from tests.exports.conftest import docx_text, pdf_pages
from tests.exports.test_libreoffice import as_pdf
from tests.exports.test_word import rows_of_table
from tests.meetings.arising_scene import AGENDA, COMMITMENTS, jscc_series

WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def download(visitor, meeting):
    response = visitor.get(f"/meetings/{meeting.id}/matters-arising.docx")
    assert response.status_code == 200 and response.mimetype == WORD
    return response


def cells(row) -> list[str]:
    return ["".join(cell.itertext()) for cell in row.findall(qn("w:tc"))]


def test_headings_tables_and_agenda(signed_in, make):
    series = jscc_series(make)
    response = download(signed_in, series.seventh)
    assert response.headers["Content-Disposition"] == (
        "attachment; filename=asean-pakistan_matters-arising_8th-jscc.docx")
    data = response.data
    document = Document(io.BytesIO(data))
    assert [p.text for p in document.paragraphs if p.style.name == "Title"] == ["Matters arising for the 8th JSCC"]
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == [
        "Open follow-ups from earlier meetings", "Commitments of the 7th JSCC", "Status changes since the 7th JSCC",
        "Activities completed since the 7th JSCC", "Proposed agenda for the 8th JSCC",
    ]
    carried = rows_of_table(data, ["Follow-up", "Agreed at", "Owner", "Due", "State", "Last chase"])
    assert [cells(row) for row in carried[1:]] == [
        ["Send the list of training courses", "5th Joint Sectoral Cooperation Committee (JSCC)", "Anna Officer",
         "31 December 2011", "Open, overdue", "Owed by us"],
        ["Propose a customs workshop", "6th Joint Sectoral Cooperation Committee (JSCC)",
         "Mission of Pakistan to ASEAN (partner)", "30 June 2030", "In progress", "10 February 2025"],
    ]
    # The header row repeats at the top of each page.
    assert carried[0].find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    last = rows_of_table(data, ["Follow-up", "Owner", "Due", "State", "Last chase"])
    assert [cells(row)[0::3] for row in last[1:]] == [
        ["Circulate the draft work plan", "Done on 5 November 2024"],
        ["Propose dates for the business conference", "Open, overdue"],
        ["Share the training calendar", "Awaiting partner"],
        ["Nominate focal points", "Cancelled on 20 January 2025"],
    ]
    assert [cells(row)[-1] for row in last[1:]] == ["Owed by us", "Not chased", "Owed by us", "Owed by us"]
    changes = rows_of_table(data, ["Area or action line", "From", "To", "Changed on"])
    assert [cells(row) for row in changes[1:]] == [
        ["Area 2.1 Trade", "On track", "At risk", "1 February 2025"],
        ["Action line 2.1.1 Customs cooperation", "Being addressed", "Addressed", "10 April 2025"],
        ["Area 3.4 Education and human resource development", "No status yet", "On track", "1 March 2025"],
    ]
    activities = rows_of_table(data, ["Activity", "Kind", "Completed on"])
    assert [cells(row) for row in activities[1:]] == [
        ["Training programme on cyber security", "Training course", "20 May 2025"]]
    text = docx_text(data)
    assert COMMITMENTS in text
    paragraphs = [p.text for p in document.paragraphs]
    start = paragraphs.index("Proposed agenda for the 8th JSCC") + 1
    assert "\n".join(paragraphs[start:]) == AGENDA


def test_a_viewer_gets_no_restricted_notes(as_role, make):
    series = jscc_series(make)
    series.seventh.is_restricted = True
    db.session.scalar(sa.select(FollowUpAction).where(
        FollowUpAction.title == "Propose a customs workshop")).is_restricted = True
    db.session.commit()
    text = docx_text(download(as_role("viewer"), series.seventh).data)
    assert COMMITMENTS not in text and "Propose a customs workshop" not in text
    assert "Restricted note: visible to editors and admins" in text
    assert "Restricted follow-up action" in text


def test_a_series_of_one_meeting_says_nothing_is_carried_over(signed_in, make):
    partnership = make.partnership()
    first = make.meeting(partnership, MeetingType.JCC, date(2024, 5, 2), number=1)
    text = docx_text(download(signed_in, first).data)
    assert "The 1st JCC is the first recorded meeting of this series: nothing is carried over" in text
    assert "1. Opening remarks by the co-chairs\n2. Adoption of the agenda\n3. Matters arising from the 1st JCC" in text


def test_libreoffice_opens_it_with_its_page_numbers(signed_in, make, soffice, tmp_path):
    series = jscc_series(make)
    converted = as_pdf(soffice, {"arising.docx": download(signed_in, series.seventh).data}, tmp_path)
    pages = pdf_pages(converted["arising.docx"])
    text = "\n".join(pages)
    assert "Matters arising for the 8th JSCC" in text and "Training programme on cyber security" in text
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
