"""The Word and Excel reports opened by another office suite: LibreOffice, headless, turns each into a PDF without
an error, lays out what the files hold (page numbers computed from their fields), and draws every script."""

import io
import re
import subprocess
from pathlib import Path

from docx import Document
from pypdf import PdfReader

from tests.exports.conftest import YEAR_2025, fetch, pdf_pages, period_url
from tests.exports.glyphs import SCRIPTS, drawn_with, glyphs_missing
from tests.reports.test_matrix import with_activities  # noqa: F401  (a fixture)

PORTFOLIO = "/reports/portfolio/{format}?as_of-day=31&as_of-month=12&as_of-year=2025"


def as_pdf(soffice: str, files: dict[str, bytes], folder: Path) -> dict[str, bytes]:
    """Each file converted to PDF by LibreOffice in one run, with a profile of its own (so it never meets another
    LibreOffice running at the same time, such as the other database's pass of the suite). The files' names differ
    before their extensions, as the PDFs are named by that part alone."""
    for name, data in files.items():
        (folder / name).write_bytes(data)
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(folder / "pdf"), *(str(folder / name) for name in files)],
        capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stderr, result.stderr
    return {name: (folder / "pdf" / f"{Path(name).stem}.pdf").read_bytes() for name in files}


def downloads(visitor, plan, slug: str) -> dict[str, bytes]:
    return {
        "period-word.docx": fetch(visitor, period_url(plan, "docx", slug=slug, **YEAR_2025)).data,
        "period-excel.xlsx": fetch(visitor, period_url(plan, "xlsx", slug=slug, **YEAR_2025)).data,
        "portfolio-word.docx": fetch(visitor, PORTFOLIO.format(format="docx")).data,
        "portfolio-excel.xlsx": fetch(visitor, PORTFOLIO.format(format="xlsx")).data,
    }


def matrix_words(docx: bytes) -> set[str]:
    """Every word of the Word report's matrix tables (those headed by "Code", "Action line", ...)."""
    tables = [table for table in Document(io.BytesIO(docx)).tables if table.rows[0].cells[0].text == "Code"]
    return {word for table in tables for row in table.rows for cell in row.cells for word in cell.text.split()}


def test_each_word_and_excel_report_converts_to_pdf(with_activities, signed_in, soffice, tmp_path):  # noqa: F811
    files = downloads(signed_in, with_activities, "asean-pakistan")
    converted = as_pdf(soffice, files, tmp_path)
    pdfs = {name: pdf_pages(data) for name, data in converted.items()}
    title = "ASEAN–Pakistan period report, 1 January 2025 to 31 December 2025"

    word = pdfs["period-word.docx"]
    text = "\n".join(word)
    assert title in text
    assert "3 of 6 (50%) at the start; 4 of 6 (67%) at the end" in text  # worked in test_period_figures.py
    for number, page in enumerate(word, start=1):
        assert f"Page {number} of {len(word)}" in page  # Word's page fields, computed by LibreOffice
    # The matrix on landscape pages, with no word of it broken across two lines of a cell.
    sizes = [tuple(round(float(v)) for v in page.mediabox[2:]) for page in
             PdfReader(io.BytesIO(converted["period-word.docx"])).pages]
    matrix_pages = [number for number, page in enumerate(word) if "Activities in the period" in page]
    assert matrix_pages and all(sizes[number] == (842, 595) for number in matrix_pages)
    assert sizes[0] == sizes[-1] == (595, 842)
    words = set(text.split())
    assert {"Training", "programme", "banking", "finance", "15,000.00", "Discontinued"} <= matrix_words(
        files["period-word.docx"]) <= words
    excel = "\n".join(pdfs["period-excel.xlsx"])
    assert title in excel
    assert ("Action lines being addressed or addressed on 31 December 2025, by pillar: Economic 3 of 4 (75%); "
            "Socio-Cultural 1 of 2 (50%).") in excel  # the chart's sentence, under the chart's own figures
    # Each sheet fits the page's width: a whole row of the Areas sheet and of the Matrix sheet on one line.
    assert "Economic 2.1 Trade On track At risk 3 1 1 33% 67% 33% 4 2 1" in excel
    assert ("Economic 2.1 Trade 2.1.1 Customs cooperation Being addressed Addressed Training programme in banking "
            "and finance Training course 1 March 2025 14 March 2025 3 March 2025 16 March 2025") in excel

    portfolio = "\n".join(pdfs["portfolio-word.docx"])
    assert "Partnership portfolio as of 31 December 2025" in portfolio
    assert re.search(r"All partnerships\s+6\s+3\s+1\s+67%\s+50%\s+3\s+2", portfolio)
    assert "ASEAN–Pakistan Sectoral dialogue partner 2024-2028 6" in "\n".join(pdfs["portfolio-excel.xlsx"])


def test_every_script_is_drawn_in_word_and_excel(signed_in, every_script, script_fonts, soffice, tmp_path):
    for name, data in as_pdf(soffice, downloads(signed_in, every_script, "asean-thailand"), tmp_path).items():
        assert glyphs_missing(data) == [], name
        drawn = set().union(*drawn_with(data).values())
        for script, sample in SCRIPTS.items():
            assert set(sample.replace(" ", "")) <= drawn, f"{name}: {script}"
