"""The period report as a Word document a desk officer can edit without fixing its layout.

Sections, pillars and areas are Heading 1, 2 and 3 (Word's navigation pane and table of contents use them),
tables repeat their header row on each page and never split a row, and the charts are pictures with alternative
text. A4, with the report's title in the page header and "Page N of M" in the footer.
"""

import io

from docx import Document
from docx.document import Document as WordDocument
from docx.shared import Cm

from app.common.dates import long_date
from app.exports.charts import report_charts
from app.exports.copies import Copy, is_draft, made
from app.exports.properties import period_properties, set_word_properties
from app.exports.tables import (
    NO_STATUS,
    Column,
    Table,
    Value,
    attachments_table,
    chases_table,
    follow_ups_table,
    meetings_table,
)
from app.exports.word_matrix import area_matrix, pillar_summary
from app.exports.word_pages import mark_draft, new_section, set_up_pages
from app.exports.word_tables import (
    BULLET,
    CAPTION,
    TABLE_FONT_SIZE,
    TABLE_GRID,
    add_rows,
    add_table,
    heading,
    keep_short_rows_whole,
    styled,
)
from app.exports.word_xml import describe_picture
from app.exports.xml_text import xml_safe
from app.implementation.coverage import Coverage
from app.reports.as_of import at_end, counted_on, counting_note, has_ended
from app.reports.chase_data import chases_caption
from app.reports.lists import list_total, shown_rows
from app.reports.period_figures import AreaFigures, Choice, PeriodFigures

MIME_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CHART_WIDTH = Cm(16)


def period_docx(report: PeriodFigures, copy: Copy = Copy.RECIPIENT) -> bytes:
    """The report as a .docx; the desk's working copy with who recorded each change and who made the report."""
    report = xml_safe(report)
    document = Document()
    set_up_pages(document, report["title"])
    if is_draft(report):
        mark_draft(document)
    set_word_properties(document, period_properties(report))

    document.styles[TABLE_GRID].font.size = TABLE_FONT_SIZE
    heading(document, report["title"], level=0)
    about(document, report, copy)
    overview(document, report)
    areas(document, report, copy)
    heading(document, "Meetings in the period", level=1)
    meetings = shown_rows(report, "meetings")
    if meetings.rows:
        caption = plural(meetings.total, "meeting")
        if meetings.more:
            caption += f": the latest {len(meetings.rows)} are listed"
        add_table(document, meetings_table(report, meetings.rows), caption=caption)
        not_listed(document, f"The {plural(meetings.more, 'earlier meeting')} of the period", meetings.more)
    else:
        document.add_paragraph("No meetings were held in the period.")
    follow_ups(document, report)
    chases(document, report)
    changes_since_last(document, report)
    heading(document, "Way forward", level=1)
    if report.get("way_forward"):
        for paragraph in report["way_forward"].splitlines():
            document.add_paragraph(paragraph)
    else:
        document.add_paragraph("Written when the report is issued.")
    heading(document, "Annex: attachments", level=1)
    if report["attachments"]:
        add_table(document, attachments_table(report), caption=plural(len(report["attachments"]), "attached file"))
    else:
        document.add_paragraph("No files are attached to the meetings, status updates, follow-ups or activities "
                               "of the period.")

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def summary_table(document: WordDocument, rows: list[tuple[str, str]]) -> None:
    table = document.add_table(rows=0, cols=2, style=TABLE_GRID)
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
        cells[0].paragraphs[0].runs[0].bold = True
        cells[0].width, cells[1].width = Cm(6), Cm(11)
    keep_short_rows_whole(document, table, rows, [Cm(6), Cm(11)])


def about(document: WordDocument, report: PeriodFigures, copy: Copy) -> None:
    heading(document, "About this report", level=1)
    plan, window = report["plan"], report["window"]
    summary_table(document, [
        ("Partnership", report["partnership"]["name"]),
        ("Plan", f"{plan['title']} ({plan['kind']})"),
        ("Plan period", f"{long_date(plan['starts_on'])} to {long_date(plan['ends_on'])}"),
        ("Report period", f"{window['name']}: {long_date(window['starts_on'])} to {long_date(window['ends_on'])}"),
        made(report, copy is Copy.WORKING),
    ])
    document.add_paragraph(counting_note(report))


def overview(document: WordDocument, report: PeriodFigures) -> None:
    heading(document, "Overview", level=1)
    partnership = report["partnership"]
    standing = partnership["status"] or "No status recorded"
    if partnership["level"]:
        standing += f", {partnership['level']}"
    if partnership["since"]:
        standing += f" (since {long_date(partnership['since'])})"
    start, end = Coverage(**report["coverage"]["start"]), Coverage(**report["coverage"]["end"])
    counts = report["follow_up_counts"]
    summary_table(document, [
        ("Status and level", standing),
        ("Action lines being addressed or addressed", f"{start.text} at the start; {end.text} at the end"),
        ("Action lines addressed only", f"{start.addressed_text} at the start; {end.addressed_text} at the end"),
    ])
    document.add_paragraph()
    meetings: list[list[Value]] = [[row["label"], row["count"]] for row in report["meetings_by_type"]]
    add_table(document, Table("Meetings held in the period", "", [Column("Type"), Column("Meetings")],
                              [*meetings, ["Total", list_total(report, "meetings")]]),
              caption="Meetings held in the period")
    cancelled: list[list[Value]] = (
        [["Cancelled in the period", counts["cancelled"]]] if counts["cancelled"] is not None else [])
    add_table(document, Table("Follow-up actions", "", [Column("Follow-up actions"), Column("Number")], [
        ["Agreed in the period", counts["opened"]], ["Completed in the period", counts["completed"]],
        *cancelled,
        [f"Open {at_end(report)}", counts["open_at_end"]], [f"Overdue {at_end(report)}", counts["overdue_at_end"]],
    ]), caption="Follow-up actions")
    for chart in report_charts(report):
        styled(document, chart.title, CAPTION).paragraph_format.keep_with_next = True
        if not chart.is_empty:
            add_picture(document, chart.png(), chart.title, chart.summary)
        document.add_paragraph(chart.summary)


def add_picture(document: WordDocument, png: bytes, title: str, description: str) -> None:
    document.add_picture(io.BytesIO(png), width=CHART_WIDTH)
    describe_picture(document.paragraphs[-1], title, description)


def areas(document: WordDocument, report: PeriodFigures, copy: Copy) -> None:
    """The pillars and their areas; with the implementation matrix, on landscape pages of their own (its six
    columns need the width), the report going on in portrait after them."""
    matrix = report["matrix"]
    if matrix:
        new_section(document, landscape=True)
    heading(document, "Cooperation areas by pillar", level=1)
    if not report["pillars"]:
        document.add_paragraph("This plan has no cooperation areas yet.")
    for pillar in report["pillars"]:
        heading(document, pillar["name"], level=2)
        end, start = Coverage(**pillar["coverage_end"]), Coverage(**pillar["coverage_start"])
        document.add_paragraph(
            f"Action lines being addressed or addressed: {end.text} at the end ({start.text} at the start); "
            f"addressed only: {end.addressed_text}."
        )
        if matrix:
            pillar_summary(document, pillar)
        for area in pillar["areas"]:
            area_section(document, area, copy, matrix)
    if matrix:
        new_section(document, landscape=False)


def area_section(document: WordDocument, area: AreaFigures, copy: Copy, matrix: bool) -> None:
    heading(document, f"{area['code']} {area['name']}", level=3)
    document.add_paragraph(
        f"Status at the start: {status_text(area['status_start'])} – at the end: {status_text(area['status_end'])}"
    )
    coverage = Coverage(**area["coverage_end"])
    text = f"Action lines being addressed or addressed: {coverage.text}; addressed only: {coverage.addressed_text}"
    if area["focal_point"]:
        text += f". Focal point: {area['focal_point']}"
    document.add_paragraph(text)
    changes = shown_rows(area, "changes")
    if changes.rows:
        by = copy is Copy.WORKING  # who recorded each change: the desk's working copy only
        add_rows(document, f"Status changes in the period, {area['name']}",
                 ["As of", "Of", "Status", "Progress", "Note", *(["By"] if by else [])],
                 [[long_date(c["as_of"]), c["subject"], c["status_label"],
                   "" if c["progress"] is None else f"{c['progress']}%", c["note"], *([c["author"]] if by else [])]
                  for c in changes.rows])
        if changes.more:
            document.add_paragraph(f"The latest {len(changes.rows)} of {changes.total} status changes are shown; "
                                   f"the Excel and CSV downloads list every one.")
    else:
        document.add_paragraph("No status changes in the period.")
    meetings = shown_rows(area, "meetings")
    if meetings.rows:
        lead = "Discussed at"
        if meetings.more:
            lead += (f" {meetings.total} meetings in the period, listed in the Excel and CSV downloads; "
                     f"the latest {len(meetings.rows)}")
        document.add_paragraph(f"{lead}: " + "; ".join(
            f"{m['name']} ({long_date(m['held_on'])})" for m in meetings.rows))
    follow_ups = shown_rows(area, "follow_ups")
    for follow_up in follow_ups.rows:
        text = f"{follow_up['title']} – {follow_up['owner']} – {follow_up['state_label']}"
        if follow_up["due_on"]:
            text += f" (due {long_date(follow_up['due_on'])})"
        styled(document, text, BULLET)
    if follow_ups.more:
        styled(document, f"and {plural(follow_ups.more, 'more follow-up')} on this area, due later or with no due "
                         f"date", BULLET)
    if matrix:
        area_matrix(document, area)
    elif area["action_lines"]:
        add_rows(document, f"Action lines, {area['name']}", ["Code", "Action line", "At the start", "At the end"],
                 [[line["code"], line["text"], line["status_start"]["label"], line["status_end"]["label"]]
                  for line in area["action_lines"]])


def follow_ups(document: WordDocument, report: PeriodFigures) -> None:
    heading(document, f"Follow-ups open {'at the end of the period' if has_ended(report) else at_end(report)}",
            level=1)
    counts = report["follow_up_counts"]
    follow_ups = shown_rows(report, "open_follow_ups")
    if follow_ups.rows:
        caption = (f"{counts['open_at_end']} open, {counts['overdue_at_end']} overdue, "
                   f"as of {long_date(counted_on(report))}")
        if follow_ups.more:
            caption += f": the {len(follow_ups.rows)} due first are listed"
        add_table(document, follow_ups_table(report, follow_ups.rows), caption=caption)
        not_listed(document, f"{plural(follow_ups.more, 'more open follow-up')}, due later or with no due date,",
                   follow_ups.more)
    else:
        document.add_paragraph("No follow-ups were open at the end of the period.")


def chases(document: WordDocument, report: PeriodFigures) -> None:
    heading(document, "Chases of the partner", level=1)
    total, chased = report["chases_total"], report["chased_follow_ups"]
    if total is None:
        document.add_paragraph("This report was issued before chases of the partner were recorded.")
    elif chased:
        add_table(document, chases_table(report), caption=chases_caption(total, len(chased)))
    else:
        document.add_paragraph("The partner was not chased about any follow-up in the period.")


def changes_since_last(document: WordDocument, report: PeriodFigures) -> None:
    heading(document, "Changes since the last issued report", level=1)
    changes = report["changes_since_last"]
    if not changes["previous"]:
        document.add_paragraph("This is the first issued report of this plan.")
        return
    previous = changes["previous"]
    document.add_paragraph(f"Compared with “{previous['title']}”, issued on {long_date(previous['issued_on'])}.")
    if changes["items"]:
        add_rows(document, "Changes since the last issued report", ["What", "Then", "Now"],
                 [[item["subject"], item["before"], item["after"]] for item in changes["items"]])
    else:
        document.add_paragraph("No statuses or coverage have changed since then.")


def status_text(status: Choice | None) -> str:
    return status["label"] if status else NO_STATUS


def not_listed(document: WordDocument, rows_left_out: str, count: int) -> None:
    """Say what a bounded table left out, and where the whole list is."""
    if count:
        document.add_paragraph(f"{rows_left_out} {'are' if count != 1 else 'is'} not listed here; the Excel and CSV "
                               f"downloads list every one.")


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"
