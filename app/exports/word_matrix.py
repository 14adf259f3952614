"""The implementation matrix in the Word report: per pillar a summary by area, and per area a table of its action
lines with their status at the window's start and end, the activities of the window and what the desk wrote.

Editable tables like the report's others (``add_rows``): header row repeated on each page, rows kept whole, columns
as wide as their longest word, on the landscape pages the areas are laid out on.
"""

from docx.document import Document as WordDocument

from app.exports.tables import status_label
from app.exports.word_tables import CellText, Paragraphs, add_rows
from app.implementation.coverage import Coverage
from app.reports.lists import shown_activities
from app.reports.matrix_text import activities_left_out, activity_dates, activity_funding
from app.reports.period_figures import ActionLineFigures, AreaFigures, LineActivity, PillarFigures

MATRIX_HEADINGS = ["Code", "Action line", "Status at the start", "Status at the end", "Activities in the period",
                   "Remarks and way forward"]
#: Room kept for the action line's text, the activities and what the desk writes, however little there is yet.
MATRIX_LEAST_CM = (0, 5, 0, 0, 8, 6)
SUMMARY_HEADINGS = ["Area", "Status at the end", "Action lines being addressed or addressed at the start",
                    "At the end", "Addressed only, at the end"]


def pillar_summary(document: WordDocument, pillar: PillarFigures) -> None:
    """Each area of the pillar: its status and its lines being addressed or addressed, "2 of 3 (67%)"."""
    rows: list[list[CellText]] = []
    for area in pillar["areas"]:
        start, end = Coverage(**area["coverage_start"]), Coverage(**area["coverage_end"])
        rows.append([f"{area['code']} {area['name']}", status_label(area["status_end"]), start.text, end.text,
                     end.addressed_text])
    add_rows(document, f"Summary by area, {pillar['name']}", SUMMARY_HEADINGS, rows)


def area_matrix(document: WordDocument, area: AreaFigures) -> None:
    """What the desk wrote for the area, then its action lines, one row each."""
    for paragraph in written(area):
        runs = document.add_paragraph()
        for text, bold in paragraph:
            runs.add_run(text).bold = bold or None
    rows: list[list[CellText]] = [
        [line["code"], line["text"], line["status_start"]["label"], line["status_end"]["label"],
         activities_cell(line), written(line)]
        for line in area["action_lines"]
    ]
    if not rows:
        document.add_paragraph("This area has no action lines.")
        return
    add_rows(document, f"Implementation matrix, {area['code']} {area['name']}", MATRIX_HEADINGS, rows,
             MATRIX_LEAST_CM)


def activities_cell(line: ActionLineFigures) -> CellText:
    """The latest activities of the line (``shown_activities``), under a word on those left out."""
    shown = shown_activities(line)
    if not shown.rows:
        return "None in the period"
    left_out = activities_left_out(shown)
    return [*([[(left_out, False)]] if left_out else []),
            *(runs for activity in shown.rows for runs in activity_paragraphs(activity))]


def activity_paragraphs(activity: LineActivity) -> Paragraphs:
    """Its title in bold with its kind and state, then its dates, then who funded it and with how much."""
    state = activity["state"]["label"] if activity["state"] else "No state recorded by then"
    return [[(activity["title"], True), (f" ({activity['kind']}) – {state}", False)],
            [(activity_dates(activity), False)], [(activity_funding(activity), False)]]


def written(item: ActionLineFigures | AreaFigures) -> Paragraphs:
    """The remarks and the way forward, each when written, after its label in bold."""
    return [[(f"{label}: ", True), (text, False)]
            for label, text in (("Remarks", item["remarks"]), ("Way forward", item["way_forward"])) if text]
