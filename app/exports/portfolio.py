"""The portfolio report as files: the same tables in Excel, CSV and Word, and the page itself as PDF."""

import io

from docx import Document
from flask import render_template
from openpyxl import Workbook

from app.exports import csv_zip, excel, pdf, word
from app.exports.tables import Column, Kind, Table, share, status_label
from app.exports.xml_text import xml_safe
from app.reports.portfolio_figures import PortfolioFigures


def portfolio_tables(report: PortfolioFigures) -> list[Table]:
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
        c = row["coverage"]
        covered = c["addressed"] + c["being_addressed"]
        coverage.rows.append([
            row["name"], row["status"] or "No status recorded", row["level"] or "",
            row["plan"]["label"] if row["plan"] else "None", c["total"], c["addressed"], c["being_addressed"],
            share(covered, c["total"]), share(c["addressed"], c["total"]), row["open_follow_ups"],
            row["overdue_follow_ups"],
        ])
        for area in row["areas"]:
            ac = area["coverage"]
            areas.rows.append([row["name"], area["pillar"], area["code"], area["name"], status_label(area["status"]),
                               ac["total"], share(ac["addressed"] + ac["being_addressed"], ac["total"])])
        meetings.rows.append([row["name"], *row["meetings_by_quarter"]])
    return [coverage, areas, meetings]


def portfolio_xlsx(report: PortfolioFigures) -> bytes:
    workbook = Workbook(write_only=True)
    for table in portfolio_tables(report):
        excel.write_table(workbook.create_sheet(table.title), table)
    workbook.properties.title = report["title"]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def portfolio_docx(report: PortfolioFigures) -> bytes:
    report = xml_safe(report)
    document = Document()
    word.set_up_pages(document, report["title"])
    document.core_properties.title = report["title"]
    document.add_heading(report["title"], level=0)
    totals = report["totals"]
    document.add_paragraph(
        f"{totals['partnerships']} partnerships as of {report['as_of']}; {totals['open_follow_ups']} follow-ups open, "
        f"{totals['overdue_follow_ups']} of them overdue."
    )
    for table in portfolio_tables(report):
        document.add_heading(table.title, level=1)
        word.add_table(document, table, caption=table.title)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def portfolio_pdf(report: PortfolioFigures) -> bytes:
    return pdf.html_to_pdf(render_template("reports/standalone.html", report=report, kind="portfolio"))


def portfolio_csv_zip(report: PortfolioFigures, stem: str) -> bytes:
    return csv_zip.zip_tables(portfolio_tables(report), stem)
