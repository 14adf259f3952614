"""The portfolio report as files: the same tables in Excel, CSV and Word, and the page itself as PDF."""

import io

from docx import Document
from flask import render_template

from app.common.dates import long_date
from app.exports import csv_zip, pdf, word, word_tables
from app.exports.copies import Copy
from app.exports.properties import portfolio_properties, set_word_properties
from app.exports.spreadsheet import Book, write_table
from app.exports.tables import Column, Kind, Table, Value, share, status_label
from app.exports.word_pages import set_up_pages
from app.exports.xml_text import xml_safe
from app.reports.period_figures import CoverageFigures
from app.reports.portfolio_figures import PortfolioFigures

NO_PLAN = "No plan in force"


def portfolio_tables(report: PortfolioFigures, *, totals: bool = False) -> list[Table]:
    """The portfolio's tables; with ``totals``, a last row adding up the coverage and meetings of every partnership
    (for the Word document: a spreadsheet or CSV reader adds up, sorts and filters the rows themselves)."""
    coverage = Table("Coverage", "coverage", [
        Column("Partnership", max_width=30), Column("Status"), Column("Level"), Column("Plan", max_width=20),
        Column("Action lines", Kind.NUMBER), Column("Addressed", Kind.NUMBER),
        Column("Being addressed", Kind.NUMBER), Column("Being addressed or addressed", Kind.PERCENT),
        Column("Addressed only", Kind.PERCENT), Column("Open follow-ups", Kind.NUMBER),
        Column("Overdue follow-ups", Kind.NUMBER),
    ], [])
    areas = Table("Areas", "areas", [
        Column("Partnership", max_width=30), Column("Pillar", max_width=30), Column("Code", max_width=10),
        Column("Area"), Column("Status"), Column("Action lines", Kind.NUMBER),
        Column("Being addressed or addressed", Kind.PERCENT),
    ], [])
    meetings = Table("Meetings per quarter", "meetings_per_quarter",
                     [Column("Partnership", max_width=30), *(Column(q, Kind.NUMBER, 10) for q in report["quarters"])],
                     [])
    for row in report["partnerships"]:
        coverage.rows.append([row["name"], row["status"] or "No status recorded", row["level"] or "",
                              *plan_coverage(row["plan"]["label"] if row["plan"] else None, row["coverage"]),
                              row["open_follow_ups"], row["overdue_follow_ups"]])
        for area in row["areas"]:
            ac = area["coverage"]
            areas.rows.append([row["name"], area["pillar"], area["code"], area["name"], status_label(area["status"]),
                               ac["total"], share(ac["addressed"] + ac["being_addressed"], ac["total"])])
        meetings.rows.append([row["name"], *row["meetings_by_quarter"]])
    if totals:
        all_of = report["totals"]
        coverage.rows.append(["All partnerships", "", "",
                              *plan_coverage("", all_of["coverage"]), all_of["open_follow_ups"],
                              all_of["overdue_follow_ups"]])
        meetings.rows.append(["All partnerships", *all_of["meetings_by_quarter"]])
    return [coverage, areas, meetings]


def plan_coverage(plan: str | None, coverage: CoverageFigures) -> list[Value]:
    """The plan and coverage cells of a row: the plan's label (None: no plan in force, said in words, the figures
    left empty rather than 0 of 0), its action lines by status and the shares covered and addressed."""
    if plan is None:
        return [NO_PLAN, None, None, None, None, None]
    total, addressed, being = coverage["total"], coverage["addressed"], coverage["being_addressed"]
    return [plan, total, addressed, being, share(addressed + being, total) if total else None,
            share(addressed, total) if total else None]


def portfolio_xlsx(report: PortfolioFigures) -> bytes:
    book = Book()
    for table in portfolio_tables(report):
        write_table(book, table)
    return book.file(portfolio_properties(report))


def portfolio_docx(report: PortfolioFigures) -> bytes:
    report = xml_safe(report)
    document = Document()
    # Landscape: the coverage table has eleven columns, each as wide as its longest word.
    set_up_pages(document, report["title"], landscape=True)
    set_word_properties(document, portfolio_properties(report))
    document.styles[word_tables.TABLE_GRID].font.size = word_tables.TABLE_FONT_SIZE
    document.add_heading(report["title"], level=0)
    totals = report["totals"]
    document.add_paragraph(
        f"{word.plural(totals['partnerships'], 'partnership')} as of {long_date(report['as_of'])}; "
        f"{word.plural(totals['open_follow_ups'], 'follow-up')} open, {totals['overdue_follow_ups']} of them overdue."
    )
    for table in portfolio_tables(report, totals=True):
        document.add_heading(table.title, level=1)
        word_tables.add_table(document, table, caption=table.title)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def portfolio_pdf(report: PortfolioFigures, copy: Copy = Copy.RECIPIENT) -> bytes:
    """The portfolio as an A4 PDF laid out as the period report is: its title running above each page, "Page N of
    M" below, the same fonts."""
    return pdf.html_to_pdf(render_template("exports/portfolio_pdf.html", report=report,
                                           working_copy=copy is Copy.WORKING, properties=portfolio_properties(report)))


def portfolio_csv_zip(report: PortfolioFigures, stem: str) -> bytes:
    return csv_zip.zip_tables(portfolio_tables(report), stem)
