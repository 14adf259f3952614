"""The report's PDF and Word document made ahead of the click, while the page is read: a download sends the file
made from the same figures, and makes its own when anything it shows has changed since."""

from datetime import date

import pytest
import sqlalchemy as sa

from app.exports import pdf, word
from app.exports.ahead import fingerprint
from app.exports.copies import Copy
from app.extensions import db
from app.models import CooperationArea, User
from tests.exports.conftest import YEAR_2025, docx_text, fetch, pdf_pages, period_url

TITLE = "ASEAN–Pakistan period report, 1 January 2025 to 31 December 2025"


@pytest.fixture
def kept(app, tmp_path, monkeypatch):
    """Where the files made ahead are kept, for this test only (the suite makes every file on the click)."""
    monkeypatch.setitem(app.config, "REPORT_FILES_AHEAD_DIR", str(tmp_path))
    return tmp_path


@pytest.fixture
def layouts(monkeypatch):
    """How many times each document is laid out in this process from now on (not in the process that makes the
    files ahead, which has its own copy of the code)."""
    counts = {"pdf": 0, "docx": 0}

    def counted(format, make):
        def making(*args, **kwargs):
            counts[format] += 1
            return make(*args, **kwargs)
        return making

    monkeypatch.setattr(pdf, "html_to_pdf", counted("pdf", pdf.html_to_pdf))
    monkeypatch.setattr(word, "period_docx", counted("docx", word.period_docx))
    return counts


def read_the_page(visitor, plan):
    """The report page, read to its end, as a browser does: the files are started once it has gone."""
    with visitor.get(period_url(plan, **YEAR_2025)) as page:
        assert page.status_code == 200
        assert "ASEAN–Pakistan" in page.get_data(as_text=True)


def download(visitor, plan, format: str, **args) -> bytes:
    """The file, as its link on the page gives it: a file being made ahead is hurried and waited for."""
    return fetch(visitor, period_url(plan, format, **YEAR_2025, **args)).data


def kept_files(folder) -> dict[str, bytes]:
    return {path.suffix[1:]: path.read_bytes() for path in folder.iterdir() if path.suffix in (".pdf", ".docx")}


def test_reading_the_page_makes_the_files_and_the_download_sends_them(history, signed_in, kept, layouts):
    read_the_page(signed_in, history)
    sent = {format: download(signed_in, history, format) for format in ("pdf", "docx")}
    assert layouts == {"pdf": 0, "docx": 0}  # nothing laid out on the click
    assert sent == kept_files(kept)
    assert TITLE in pdf_pages(sent["pdf"])[0]
    assert TITLE in docx_text(sent["docx"])
    response = fetch(signed_in, period_url(history, "pdf", **YEAR_2025))
    assert response.headers["Content-Disposition"] == (
        "attachment; filename=asean-pakistan_2024-2028_2025-01-01_to_2025-12-31.pdf")
    assert {path.suffix for path in kept.iterdir()} == {".pdf", ".docx"}  # no job or mark left behind

    # Read again, the page starts nothing new: the same files are kept.
    read_the_page(signed_in, history)
    assert download(signed_in, history, "pdf") == sent["pdf"]
    assert len(list(kept.iterdir())) == 2


def test_the_files_are_in_english_whatever_the_readers_language(history, visitor, make, kept, layouts):
    reader = make.user(name="Siti Rahayu", language="id")
    visitor.sign_in(reader)
    read_the_page(visitor, history)
    text = "\n".join(pdf_pages(download(visitor, history, "pdf")))
    assert layouts["pdf"] == 0
    assert "31 December 2028" in text and "Desember" not in text  # the plan's end, as a download writes it


def test_a_change_since_the_page_was_read_is_in_the_file(history, signed_in, make, kept, layouts):
    read_the_page(signed_in, history)
    before = download(signed_in, history, "pdf")
    trade = db.session.scalar(sa.select(CooperationArea).where(CooperationArea.name == "Trade"))
    officer = db.session.scalar(sa.select(User).where(User.name == "Aisyah Rahman"))
    make.status_update(officer, area=trade, status="off_track", as_of=date(2025, 11, 3), note="Talks paused")

    data = download(signed_in, history, "pdf")
    assert layouts["pdf"] == 1 and data != before
    assert "Off track" in "\n".join(pdf_pages(data))


def test_the_working_copy_and_other_formats_are_made_on_the_click(history, signed_in, kept, layouts):
    read_the_page(signed_in, history)
    working = download(signed_in, history, "pdf", copy="working")
    assert layouts["pdf"] == 1
    assert TITLE in pdf_pages(working)[0]
    assert download(signed_in, history, "xlsx")[:2] == b"PK"
    download(signed_in, history, "docx")
    assert sorted(path.suffix for path in kept.iterdir()) == [".docx", ".pdf"]


def test_a_folder_that_cannot_be_written_leaves_every_file_made_on_the_click(history, signed_in, app, tmp_path,
                                                                            monkeypatch, layouts):
    not_a_folder = tmp_path / "report-files"
    not_a_folder.write_text("a file where the folder should be")
    monkeypatch.setitem(app.config, "REPORT_FILES_AHEAD_DIR", str(not_a_folder))
    read_the_page(signed_in, history)
    assert TITLE in pdf_pages(fetch(signed_in, period_url(history, "pdf", **YEAR_2025)).data)[0]
    assert layouts["pdf"] == 1


def test_the_fingerprint_follows_every_figure_but_not_the_minute(app_context):
    report = {"title": TITLE, "generated_at": "2026-12-07T10:24", "coverage": {"end": {"total": 6, "addressed": 2}}}
    same = fingerprint(report, Copy.RECIPIENT)
    assert fingerprint({**report, "generated_at": "2026-12-07T10:31"}, Copy.RECIPIENT) == same
    assert fingerprint({**report, "generated_at": "2026-12-08T09:00"}, Copy.RECIPIENT) != same  # "prepared on"
    assert fingerprint({**report, "coverage": {"end": {"total": 6, "addressed": 3}}}, Copy.RECIPIENT) != same
    assert fingerprint(report, Copy.WORKING) != same
