"""The Word download, read back with python-docx: heading styles, tables, charts and the hand-worked figures."""

import io
import zipfile

from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from tests.exports.conftest import YEAR_2025, docx_text, fetch, period_url

WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def xml_part(data: bytes, name: str):
    """A part of the file as XML, read with lxml: python-docx has no public way to the settings tested here."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def rows_of_table(data: bytes, headings: list[str]) -> list:
    """The rows (``w:tr``) of the table whose first row holds ``headings``."""
    for table in xml_part(data, "word/document.xml").iter(qn("w:tbl")):
        rows = table.findall(qn("w:tr"))
        if ["".join(cell.itertext()) for cell in rows[0].findall(qn("w:tc"))] == headings:
            return rows
    raise LookupError(headings)


def headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def test_sections_pillars_and_areas_are_real_headings(history, signed_in):
    response = fetch(signed_in, period_url(history, "docx", **YEAR_2025))
    assert response.mimetype == WORD
    assert response.headers["Content-Disposition"] == (
        "attachment; filename=asean-pakistan_2024-2028_2025-01-01_to_2025-12-31.docx"
    )
    document = Document(io.BytesIO(response.data))
    assert [p.text for p in document.paragraphs if p.style.name == "Title"] == [
        "ASEAN–Pakistan period report, 1 January 2025 to 31 December 2025"
    ]
    assert headings(document, 1) == [
        "About this report", "Overview", "Cooperation areas by pillar", "Meetings in the period",
        "Follow-ups open at the end of the period", "Chases of the partner", "Changes since the last issued report",
        "Way forward", "Annex: attachments",
    ]
    assert headings(document, 2) == ["Economic", "Socio-Cultural"]
    assert headings(document, 3) == ["2.1 Trade", "2.2 Investment", "3.1 Education"]


def test_figures_tables_and_charts(history, signed_in):
    data = fetch(signed_in, period_url(history, "docx", **YEAR_2025)).data
    document = Document(io.BytesIO(data))
    text = docx_text(data)
    assert "3 of 6 (50%) at the start; 4 of 6 (67%) at the end" in text
    assert "Status at the start: On track – at the end: At risk" in text
    assert "Status at the start: No status recorded – at the end: No status recorded" in text

    tables = {tuple(cell.text for cell in table.rows[0].cells): table for table in document.tables}
    meetings = tables[("Date", "Meeting", "Type", "Venue", "Areas discussed", "Participants")]
    assert [[cell.text for cell in row.cells][:2] for row in meetings.rows[1:]] == [
        ["25 March 2025", "Courtesy call"], ["1 October 2025", "8th Joint Sectoral Cooperation Committee (JSCC)"],
    ]
    follow_ups = tables[("Follow-up", "From meeting", "Owner", "Agreed", "Due", "State")]
    assert sorted((row.cells[0].text, row.cells[5].text) for row in follow_ups.rows[1:]) == [
        ("F3", "Overdue"), ("F4", "Open"), ("F5", "Overdue")
    ]
    counts = tables[("Follow-up actions", "Number")]
    assert [[c.text for c in row.cells] for row in counts.rows[1:]] == [
        ["Agreed in the period", "3"], ["Completed in the period", "1"], ["Cancelled in the period", "0"],
        ["Open at the end", "3"], ["Overdue at the end", "2"],
    ]
    # A table's header row repeats on each page, and its rows do not split.
    rows = rows_of_table(data, ["Date", "Meeting", "Type", "Venue", "Areas discussed", "Participants"])
    assert [row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None for row in rows] == [True, False, False]
    assert all(row.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for row in rows)
    # The header row is shaded, as on the page.
    assert {shading.get(qn("w:fill")) for shading in rows[0].iter(qn("w:shd"))} == {"E9ECEF"}
    assert not any(row.find(f".//{qn('w:shd')}") is not None for row in rows[1:])

    # Captions, the areas' follow-up bullets and the tables carry Word's own styles.
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert {"Meetings held in the period", "Follow-up actions"} <= set(captions)
    # Of the follow-ups the year deals with, only F3 belongs to an area (2.1 Trade): the only bullet.
    bullets = [p.text.split(" – ")[0] for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["F3"]
    assert {table.style.name for table in document.tables} == {"Table Grid"}

    assert len(document.inline_shapes) == 3
    descriptions = [picture.get("descr") for picture in xml_part(data, "word/document.xml").iter(qn("wp:docPr"))]
    assert descriptions[2] == "2 meetings held in the period, by quarter: 1 in 2025 Q1, 1 in 2025 Q4; " \
                              "none in the other quarters."


def test_pages_are_a4_with_title_and_page_numbers(history, signed_in):
    data = fetch(signed_in, period_url(history, "docx", **YEAR_2025)).data
    document = Document(io.BytesIO(data))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert section.header.paragraphs[0].text == "ASEAN–Pakistan period report, 1 January 2025 to 31 December 2025"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        [footer] = [name for name in archive.namelist() if name.startswith("word/footer")]
    fields = [f.get(qn("w:instr")) for f in xml_part(data, footer).iter(qn("w:fldSimple"))]
    assert fields == ["PAGE", "NUMPAGES"]
    assert document.core_properties.title == "ASEAN–Pakistan period report, 1 January 2025 to 31 December 2025"
