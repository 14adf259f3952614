"""Downloads from the report pages: who may, issued reports as issued, bad windows, the charts on the page,
non-Latin names in every format, and a server without WeasyPrint's system libraries."""

import importlib.abc
import io
import re
import sys
from collections import Counter
from datetime import date

import pytest
from docx import Document
from pypdf import PdfReader

from app.exports.pdf import load_weasyprint
from app.extensions import db
from app.models import CooperationArea, IssuedReport
from tests.exports.conftest import (
    THAI,
    URDU,
    VIETNAMESE,
    YEAR_2025,
    charts_on_sheet,
    csv_tables,
    docx_text,
    fetch,
    pdf_pages,
    period_url,
    sheet_rows,
    workbook,
)
from tests.reports.test_report_pages import issue as issue_report

FORMATS = ("pdf", "docx", "xlsx", "csv")
INSTALL = "apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"


def issue(visitor, plan) -> IssuedReport:
    response = issue_report(visitor, plan, **YEAR_2025)
    assert response.status_code == 200
    return db.session.scalar(db.select(IssuedReport).order_by(IssuedReport.id.desc()))


def contents(format: str, data: bytes):
    """What a reader of the file sees, without the file's own time stamps."""
    if format == "pdf":
        return pdf_pages(data)
    if format == "docx":
        return docx_text(data)
    if format == "xlsx":
        book = workbook(data)
        return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}
    return csv_tables(data)


def test_the_report_page_links_to_each_download_of_the_same_window(history, signed_in):
    page = fetch(signed_in, period_url(history, **YEAR_2025)).get_data(as_text=True)
    for format in FORMATS:
        for copy in ("recipient", "working"):  # the copy to send, and the desk's working copy
            url = (f"/partnerships/asean-pakistan/reports/period/{format}?plan={history.id}&amp;window=dates"
                   f"&amp;starts_on-day=1&amp;starts_on-month=1&amp;starts_on-year=2025"
                   f"&amp;ends_on-day=31&amp;ends_on-month=12&amp;ends_on-year=2025&amp;copy={copy}")
            assert f'href="{url}"' in page, format
    assert "PDF is unavailable" not in page


def test_viewers_may_download(history, as_role):
    viewer = as_role("viewer")
    for format in FORMATS:
        response = fetch(viewer, period_url(history, format, **YEAR_2025))
        assert response.headers["Content-Disposition"].startswith("attachment; filename=asean-pakistan_2024-2028_")


def test_signed_out_visitors_are_sent_to_sign_in(history, visitor):
    response = visitor.get(period_url(history, "xlsx", **YEAR_2025))
    assert response.status_code == 302
    assert "/sign-in" in response.headers["Location"]


def test_a_bad_window_goes_back_to_the_report_page_that_explains_it(history, signed_in):
    response = signed_in.get(period_url(history, "docx", window="year", year="2031"))
    assert response.status_code == 302
    page = signed_in.get(response.headers["Location"]).get_data(as_text=True)
    assert page.count("Select a year between 2024 and 2028") == 2


def test_unknown_partnership_report_or_format_is_not_found(history, signed_in):
    assert signed_in.get(period_url(history, "pdf", slug="asean-nowhere", **YEAR_2025)).status_code == 404
    assert signed_in.get(period_url(history, "odt", **YEAR_2025)).status_code == 404
    assert signed_in.get("/reports/999999/pdf").status_code == 404


def test_issued_downloads_stay_as_issued_after_the_data_changes(history, signed_in, make):
    issued = issue(signed_in, history)
    page = fetch(signed_in, f"/reports/{issued.id}").get_data(as_text=True)
    downloads = [f"/reports/{issued.id}/{format}?copy={copy}"
                 for format in FORMATS for copy in ("recipient", "working")]
    for url in downloads:
        assert f'href="{url}"' in page
    before, files = {}, {}
    for url in downloads:
        response = fetch(signed_in, url)
        files[url] = response.data
        format = url.split("/")[-1].split("?")[0]
        extension = {"csv": "_csv.zip"}.get(format, f".{format}")
        assert response.headers["Content-Disposition"] == (
            f"attachment; filename=asean-pakistan_2024-2028_2025-01-01_to_2025-12-31_issued-{issued.id}{extension}"
        )
        before[url] = contents(format, response.data)
    for copy in ("recipient", "working"):
        assert "Hold the 9th JSCC in 2026." in "\n".join(before[f"/reports/{issued.id}/pdf?copy={copy}"])
        assert "Hold the 9th JSCC in 2026." in before[f"/reports/{issued.id}/docx?copy={copy}"]
        pdf = files[f"/reports/{issued.id}/pdf?copy={copy}"]
        assert len({image.data for page in PdfReader(io.BytesIO(pdf)).pages for image in page.images}) == 3

    trade = db.session.scalar(db.select(CooperationArea).filter_by(name="Trade"))
    make.status_update(signed_in.user, area=trade, status="off_track", as_of=date(2025, 12, 1), note="Talks stalled")
    trade.name = "Trade and investment"
    db.session.commit()

    for url in downloads:
        after = contents(url.split("/")[-1].split("?")[0], fetch(signed_in, url).data)
        assert after == before[url], url
    live = fetch(signed_in, period_url(history, "docx", **YEAR_2025)).data
    assert "Talks stalled" in docx_text(live) and "2.1 Trade and investment" in docx_text(live)


def test_a_report_issued_before_charts_existed_prints_as_it_was(history, signed_in):
    issued = issue(signed_in, history)
    issued.html = re.sub(r'<div class="app-report-charts.*?</figure>\s*</div>', "", issued.html, flags=re.S)
    db.session.commit()
    assert "app-chart" not in issued.html
    # The working copy's PDF prints the frozen body (the copy to send is laid out again from the frozen figures).
    text = "\n".join(pdf_pages(fetch(signed_in, f"/reports/{issued.id}/pdf?copy=working").data))
    assert "3 of 6 (50%) at the start; 4 of 6 (67%) at the end" in text
    assert "Coverage by pillar" not in text


def test_a_plan_with_nothing_in_it_yet_downloads_in_every_format(signed_in, make):
    plan = make.plan(make.partnership())
    page = fetch(signed_in, period_url(plan, **YEAR_2025)).get_data(as_text=True)
    assert "<svg" not in page and "No meetings were held in the period." in page
    for format in FORMATS:
        fetch(signed_in, period_url(plan, format, **YEAR_2025))
    data = fetch(signed_in, period_url(plan, "xlsx", **YEAR_2025)).data
    assert sheet_rows(workbook(data)["Areas"]) == []
    assert charts_on_sheet(data, "Overview") == 0


def test_the_page_shows_the_charts_as_accessible_svg(history, signed_in):
    page = fetch(signed_in, period_url(history, **YEAR_2025)).get_data(as_text=True)
    svgs = re.findall(r"<svg [^>]*>", page)
    assert len(svgs) == 3
    for key in ("coverage", "statuses", "meetings"):
        opening = next(svg for svg in svgs if f'aria-labelledby="chart-{key}-title chart-{key}-desc"' in svg)
        assert 'role="img"' in opening
        assert f'<title id="chart-{key}-title">' in page and f'<desc id="chart-{key}-desc">' in page
    assert "Status of the 3 cooperation areas on 31 December 2025: 1 at risk, 2 with no status recorded." in page
    assert '<th scope="row" class="fw-normal">Economic</th><td class="text-end">3 of 4 (75%)</td>' in page
    ids = Counter(re.findall(r'\bid="([^"]+)"', page))
    assert [name for name, count in ids.items() if count > 1 and name.startswith("chart-")] == []
    assert "<style" not in page.split("<body", 1)[1]  # charts bring no page-wide styles


def test_thai_vietnamese_and_urdu_names_survive_every_format(signed_in, multilingual, script_fonts):
    names = [f"{THAI} area", f"{VIETNAMESE} area", f"{URDU} area"]
    url = period_url(multilingual, slug="asean-thailand", **YEAR_2025)

    pdf = "\n".join(pdf_pages(fetch(signed_in, url.replace("period?", "period/pdf?")).data))
    docx = docx_text(fetch(signed_in, url.replace("period?", "period/docx?")).data)
    for name in [*names, f"{THAI} pillar", f"{VIETNAMESE} meeting", f"{URDU} follow-up", f"{URDU} note"]:
        assert name in docx
        # pypdf moves the space at the edge of a right-to-left run ("تعاونarea"): compare the letters.
        assert re.sub(r"\s", "", name) in re.sub(r"\s", "", pdf)

    book = workbook(fetch(signed_in, url.replace("period?", "period/xlsx?")).data)
    assert [row["Cooperation area"] for row in sheet_rows(book["Areas"])] == names
    assert sheet_rows(book["Areas"])[1]["Focal point"] == f"{URDU} desk"
    assert sheet_rows(book["Meetings"])[0]["Meeting"] == f"{VIETNAMESE} meeting"
    assert sheet_rows(book["Follow-ups"])[0]["Follow-up"] == f"{URDU} follow-up"
    assert sheet_rows(book["Status changes"])[0]["Note"] == f"{URDU} note"

    tables = csv_tables(fetch(signed_in, url.replace("period?", "period/csv?")).data)
    assert [row["Cooperation area"] for row in tables["areas"]] == names
    assert tables["action-lines"][0]["Action line"] == f"{VIETNAMESE} line"
    assert tables["meetings"][0]["Meeting"] == f"{VIETNAMESE} meeting"
    assert tables["follow-ups"][0]["Follow-up"] == f"{URDU} follow-up"

    page = fetch(signed_in, url).get_data(as_text=True)
    assert f"{THAI} pillar 1 of 1 (100%)" in page  # the coverage chart's sentence


class RefuseWeasyPrint(importlib.abc.MetaPathFinder):
    """What importing WeasyPrint does where Pango is missing: cffi cannot load the library."""

    def find_spec(self, name, path=None, target=None):
        if name == "weasyprint" or name.startswith("weasyprint."):
            raise OSError("cannot load library 'libpango-1.0-0': No such file or directory")
        return None


@pytest.fixture(params=["import-error", "missing-library"])
def no_pango(request, monkeypatch):
    for name in [name for name in sys.modules if name == "weasyprint" or name.startswith("weasyprint.")]:
        monkeypatch.delitem(sys.modules, name)
    if request.param == "import-error":
        monkeypatch.setitem(sys.modules, "weasyprint", None)
    else:
        monkeypatch.setattr(sys, "meta_path", [RefuseWeasyPrint(), *sys.meta_path])
    assert load_weasyprint() is None


def test_without_pango_the_app_runs_and_pdf_says_what_to_install(history, signed_in, no_pango):
    issued = issue(signed_in, history)
    page = fetch(signed_in, period_url(history, **YEAR_2025)).get_data(as_text=True)
    assert "/reports/period/pdf?" not in page
    assert "PDF is unavailable on this server" in page and INSTALL in page
    assert "/reports/period/docx?" in page

    for url in (period_url(history, "pdf", **YEAR_2025), f"/reports/{issued.id}/pdf"):
        response = signed_in.get(url)
        assert response.status_code == 503
        text = response.get_data(as_text=True)
        assert "<h1 class=\"mt-3\">PDF is unavailable on this server</h1>" in text
        assert INSTALL in text
    issued_page = fetch(signed_in, f"/reports/{issued.id}").get_data(as_text=True)
    assert f"/reports/{issued.id}/pdf" not in issued_page and "PDF is unavailable on this server" in issued_page
    word = fetch(signed_in, f"/reports/{issued.id}/docx")
    assert Document(io.BytesIO(word.data)).paragraphs[0].text.startswith("ASEAN–Pakistan period report")
