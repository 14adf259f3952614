"""The period report as a Word document a desk officer can edit without fixing its layout.

Sections, pillars and areas are Heading 1, 2 and 3 (Word's navigation pane and table of contents use them),
tables repeat their header row on each page and never split a row, and the charts are pictures with alternative
text. A4, with the report's title in the page header and "Page N of M" in the footer.
"""

import io
from datetime import date

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm, Length, Pt
from docx.text.paragraph import Paragraph

from app.common.dates import long_date
from app.exports.charts import report_charts
from app.exports.copies import Copy, is_draft, made
from app.exports.properties import period_properties, set_word_properties
from app.exports.tables import (
    NO_STATUS,
    Column,
    Kind,
    Table,
    Value,
    follow_ups_table,
    meetings_table,
    whole_percent,
)
from app.exports.word_pages import TEXT_WIDTH_CM, mark_draft, set_up_pages, text_width_cm
from app.exports.word_xml import describe_picture, keep_rows_whole, repeat_and_shade_header_row, set_style_id
from app.exports.xml_text import xml_safe
from app.implementation.coverage import Coverage
from app.reports.as_of import at_end, counted_on, counting_note, has_ended
from app.reports.lists import list_total, shown_rows
from app.reports.period_figures import AreaFigures, Choice, PeriodFigures

MIME_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CHART_WIDTH = Cm(16)
CHARACTER_CM, CELL_PADDING_CM = 0.19, 0.45  # at TABLE_FONT_SIZE
#: Values up to this long (dates, statuses, names) are kept on one line where the page allows.
SHORT_VALUE = 18
LONG_TEXT_CM = 5
HEADER_FILL = "E9ECEF"
TABLE_FONT_SIZE = Pt(9)
#: Paragraph styles of Word's default template, by id (see ``set_style_id``), and its table style, by name.
CAPTION, BULLET = "Caption", "ListBullet"
TABLE_GRID = "Table Grid"


def period_docx(report: PeriodFigures, copy: Copy = Copy.RECIPIENT) -> bytes:
    """The report as a .docx; the desk's working copy with who recorded each change and who made the report."""
    report = xml_safe(report)
    document = Document()
    set_up_pages(document, report["title"])
    if is_draft(report):
        mark_draft(document)
    set_word_properties(document, period_properties(report))

    document.styles["Table Grid"].font.size = TABLE_FONT_SIZE
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
    changes_since_last(document, report)
    heading(document, "Way forward", level=1)
    if report.get("way_forward"):
        for paragraph in report["way_forward"].splitlines():
            document.add_paragraph(paragraph)
    else:
        document.add_paragraph("Written when the report is issued.")

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def styled(document: WordDocument, text: str, style_id: str) -> Paragraph:
    paragraph = document.add_paragraph(text)
    set_style_id(paragraph, style_id)
    return paragraph


def heading(document: WordDocument, text: str, level: int) -> Paragraph:
    """Title (level 0) or Heading 1 to 3: Word's navigation pane and table of contents list them."""
    return styled(document, text, "Title" if level == 0 else f"Heading{level}")


def summary_table(document: WordDocument, rows: list[tuple[str, str]]) -> None:
    table = document.add_table(rows=0, cols=2, style=TABLE_GRID)
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
        cells[0].paragraphs[0].runs[0].bold = True
        cells[0].width, cells[1].width = Cm(6), Cm(11)
    keep_rows_whole(table)


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
        for area in pillar["areas"]:
            area_section(document, area, copy)


def area_section(document: WordDocument, area: AreaFigures, copy: Copy) -> None:
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
    for label, text in (("Remarks", area["remarks"]), ("Way forward", area["way_forward"])):
        if text:
            document.add_paragraph(f"{label}: {text}")
    if area["action_lines"]:
        add_rows(document, f"Action lines, {area['name']}",
                 ["Code", "Action line", "At the start", "At the end", "Remarks", "Way forward"],
                 [[line["code"], line["text"], line["status_start"]["label"], line["status_end"]["label"],
                   line["remarks"], line["way_forward"]] for line in area["action_lines"]])


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


def add_table(document: WordDocument, table: Table, caption: str) -> None:
    add_rows(document, caption, [column.heading for column in table.columns],
             [[text(value, column.kind) for value, column in zip(row, table.columns, strict=True)]
              for row in table.rows])


def text(value: Value, kind: Kind) -> str:
    if value is None:
        return ""
    if kind is Kind.DATE and isinstance(value, date):  # a date column holds dates only
        return long_date(value)
    if kind is Kind.PERCENT and isinstance(value, int | float):  # a percent column holds shares only
        return f"{whole_percent(value)}%"
    return str(value)


def add_rows(document: WordDocument, caption: str, headings: list[str], rows: list[list[str]]) -> None:
    """A captioned table whose header row repeats on every page and whose rows never split across pages."""
    styled(document, caption, CAPTION).paragraph_format.keep_with_next = True
    table = document.add_table(rows=1, cols=len(headings), style=TABLE_GRID)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    widths = column_widths(headings, rows, text_width_cm(document))
    for cell, heading, width in zip(table.rows[0].cells, headings, widths, strict=True):
        cell.text = heading
        cell.width = width
        cell.paragraphs[0].runs[0].bold = True
    repeat_and_shade_header_row(table, HEADER_FILL)
    for row in rows:
        for cell, value, width in zip(table.add_row().cells, row, widths, strict=True):
            cell.text = str(value)
            cell.width = width
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    keep_rows_whole(table)
    document.add_paragraph()


def column_widths(headings: list[str], rows: list[list[str]], text_width: float = TEXT_WIDTH_CM) -> list[Length]:
    """Share the text width (``text_width`` cm): first so no word is broken, then so short values (dates, statuses,
    names) stay on one line, then what is left to the columns of long text (notes, action lines)."""
    # Each column's width without broken words, with short values whole, with all on a line.
    tiers: list[list[float]] = [[], [], []]
    for index, heading in enumerate(headings):
        values = [str(row[index]) for row in rows]
        words = [word for text in [heading, *values] for word in text.split()]
        short = [value for value in values if len(value) <= SHORT_VALUE]
        for tier, texts in zip(tiers, (words, [*words, *short], [heading, *values]), strict=True):
            tier.append(max(map(len, texts), default=1) * CHARACTER_CM + CELL_PADDING_CM)
        if len(short) < len(values):  # a column of long text is never squeezed to a word a line
            tiers[0][-1] = tiers[1][-1] = max(tiers[1][-1], min(LONG_TEXT_CM, tiers[2][-1]))
    widths = tiers[0]
    if sum(widths) >= text_width:
        return [Cm(width * text_width / sum(widths)) for width in widths]
    for goal in tiers[1:]:
        room = text_width - sum(widths)
        wanted = sum(g - w for g, w in zip(goal, widths, strict=True))
        if wanted <= 0:
            continue
        share = min(1.0, room / wanted)
        widths = [w + (g - w) * share for g, w in zip(goal, widths, strict=True)]
        if share < 1:
            break
    return [Cm(width * text_width / sum(widths)) for width in widths]  # the table spans the text width
