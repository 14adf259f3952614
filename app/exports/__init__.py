"""Period reports as files people send: PDF, Word, Excel, and CSV tables in a zip.

Every format reads the same report figures (``build_period_report``'s dictionary, or an issued report's frozen
copy), so every file shows the figures of the page.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from app.exports.copies import Copy
from app.models import IssuedReport
from app.reports.issued_figures import figures_of
from app.reports.period_figures import PeriodFigures
from app.reports.portfolio_figures import PortfolioFigures

FORMATS = ("pdf", "docx", "xlsx", "csv")
#: Formats laid out for reading, which show the first rows of a long list (see ``app.reports.lists.shown_rows``);
#: the others are data, with every row.
DOCUMENT_FORMATS = ("pdf", "docx")


@dataclass(frozen=True)
class ExportFile:
    data: bytes
    mimetype: str
    filename: str


def file_stem(report: PeriodFigures, issued_id: int | None = None) -> str:
    """Partnership, plan, window (and issue): asean-pakistan_2024-2028_2024-01-01_to_2024-12-31."""
    plan_label = re.sub(r"[^A-Za-z0-9.-]+", "-", report["plan"]["label"]).strip("-") or f"plan-{report['plan']['id']}"
    window = report["window"]
    stem = f"{report['partnership']['slug']}_{plan_label}_{window['starts_on']}_to_{window['ends_on']}"
    return f"{stem}_issued-{issued_id}" if issued_id else stem


def period_file(report: PeriodFigures, format: str, *, issued: IssuedReport | None = None,
                copy: Copy = Copy.RECIPIENT) -> ExportFile:
    """The report in ``format`` (one of FORMATS), as the copy to send or the desk's working copy
    (``app.exports.copies``). An issued report's files are made by ``issued_file``, which passes it as ``issued``
    with its figures as ``report``: never from today's data."""
    stem = file_stem(report, issued.id if issued else None)
    if format not in DOCUMENT_FORMATS and not report["every_row"]:
        raise ValueError(f"A {format} file lists every row: build the report without bounded lists")
    if format == "pdf":
        from app.exports import pdf

        # The frozen body is the working copy; the copy to send is laid out from the same frozen figures, as the
        # other formats always are.
        body = issued.html if issued and copy is Copy.WORKING else None
        return ExportFile(pdf.period_pdf(report, body_html=body, copy=copy), pdf.MIME_TYPE, f"{stem}.pdf")
    if format == "docx":
        from app.exports import word

        return ExportFile(word.period_docx(report, copy), word.MIME_TYPE, f"{stem}.docx")
    if format == "xlsx":
        from app.exports import excel

        return ExportFile(excel.period_xlsx(report, copy), excel.MIME_TYPE, f"{stem}.xlsx")
    if format == "csv":
        from app.exports import csv_zip

        return ExportFile(csv_zip.period_csv_zip(report, stem, copy), csv_zip.MIME_TYPE, f"{stem}_csv.zip")
    raise ValueError(f"Unknown format {format!r}: use one of {', '.join(FORMATS)}")


def issued_file(issued: IssuedReport, format: str, copy: Copy = Copy.RECIPIENT) -> ExportFile:
    """An issued report in ``format``, made from the figures it was issued with (read in today's shape) and, for
    the working copy's PDF, from its frozen body."""
    return period_file(figures_of(issued), format, issued=issued, copy=copy)


def portfolio_file(report: PortfolioFigures, format: str, copy: Copy = Copy.RECIPIENT) -> ExportFile:
    """The portfolio report in ``format`` (one of FORMATS); only its PDF says who made it, in the working copy."""
    from app.exports import csv_zip, excel, pdf, portfolio, word

    stem = f"portfolio_{report['as_of']}"
    makers: dict[str, tuple[Callable[[], bytes], str, str]] = {
        "pdf": (lambda: portfolio.portfolio_pdf(report, copy), pdf.MIME_TYPE, f"{stem}.pdf"),
        "docx": (lambda: portfolio.portfolio_docx(report), word.MIME_TYPE, f"{stem}.docx"),
        "xlsx": (lambda: portfolio.portfolio_xlsx(report), excel.MIME_TYPE, f"{stem}.xlsx"),
        "csv": (lambda: portfolio.portfolio_csv_zip(report, stem), csv_zip.MIME_TYPE, f"{stem}_csv.zip"),
    }
    if format not in makers:
        raise ValueError(f"Unknown format {format!r}: use one of {', '.join(FORMATS)}")
    make, mimetype, filename = makers[format]
    return ExportFile(make(), mimetype, filename)
