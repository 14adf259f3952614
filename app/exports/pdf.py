"""The period report as a PDF, laid out by WeasyPrint from the same template as the page.

WeasyPrint needs Pango and HarfBuzz from the operating system. It is imported on first use only, so a server
without them still runs: `pdf_available()` says so, the pages offer the other formats and explain what to install.
"""

import re
from types import ModuleType

from flask import render_template
from markupsafe import Markup

from app.exports.charts import report_charts
from app.exports.copies import Copy
from app.exports.properties import period_properties
from app.reports.period_figures import PeriodFigures

MIME_TYPE = "application/pdf"
INSTALL_COMMAND = "apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
#: WeasyPrint's PDF/UA variant: a tagged PDF (its structure read out by screen readers), with its language, title
#: and properties in the metadata PDF/UA asks for.
TAGGED = "pdf/ua-1"
#: The chart pictures of a report body (see reports/_charts.html), which the PDF draws as PNG images.
CHART_GRAPHIC = re.compile(r'(<div class="app-chart-graphic" data-chart="(\w+)">).*?(</div>)', re.S)


class PdfUnavailable(RuntimeError):
    def __init__(self) -> None:
        super().__init__(f"PDF files cannot be made here: WeasyPrint's system libraries are missing. "
                         f"Install them with: {INSTALL_COMMAND}")


def load_weasyprint() -> ModuleType | None:
    """The weasyprint module, or None where it or the system libraries it loads are missing."""
    try:
        import weasyprint
    except (ImportError, OSError):  # OSError: Pango or HarfBuzz cannot be loaded
        return None
    return weasyprint


def pdf_available() -> bool:
    return load_weasyprint() is not None


def html_to_pdf(html: str) -> bytes:
    """``html`` laid out as a PDF tagged for screen readers (headings, tables and their headers, pictures' text),
    with every font it uses embedded."""
    if load_weasyprint() is None:
        raise PdfUnavailable()
    import weasyprint  # loaded just above: this names the module, typed by its stub
    # Everything the document shows is inside it (charts are data: URLs): nothing is fetched from elsewhere.
    fetcher = weasyprint.URLFetcher(allowed_protocols={"data"})
    return weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf(pdf_variant=TAGGED)


def period_pdf(report: PeriodFigures, body_html: str | None = None, copy: Copy = Copy.RECIPIENT) -> bytes:
    """The report as an A4 PDF; ``body_html`` is an issued report's frozen body (the desk's working copy, as the
    issued page shows it), printed as it was issued."""
    body = Markup(charts_as_png(body_html, report)) if body_html is not None else None
    return html_to_pdf(render_template("exports/period_pdf.html", report=report, body=body, chart_format="png",
                                       properties=period_properties(report), working_copy=copy is Copy.WORKING))


def charts_as_png(html: str, report: PeriodFigures) -> str:
    """The same body with its SVG charts drawn again, from the same figures, as PNG images."""
    charts = {chart.key: chart for chart in report_charts(report)}

    def picture(match: re.Match[str]) -> str:
        chart = charts.get(match[2])
        if chart is None or chart.is_empty:
            return match[0]
        alt = Markup.escape(chart.title)
        return f'{match[1]}<img src="{chart.png_data_uri()}" alt="{alt}">{match[3]}'

    return CHART_GRAPHIC.sub(picture, html)
