"""`flask report` writing documents to send: every partnership whose plan covers the window, the way forward from
a remarks file or DRAFT on every page, the copy to send or the desk's working copy, and arguments that cannot work
together refused."""

import io
from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook

from app.common.dates import long_date
from app.models import utcnow
from tests.exports.conftest import pdf_pages

PAKISTAN_2025 = ["period", "--partnership", "asean-pakistan", "--year", "2025"]
WAY_FORWARD = "Hold the 9th JSCC in Islamabad in the first half of 2026.\nAgree the digital economy work plan."


@pytest.fixture
def five_partnerships(history, make):
    """Besides ASEAN–Pakistan (plan 2024-2028, in force): ASEAN–India, whose plan of action 2021-2025 has expired;
    ASEAN–Norway, whose only plan ended in 2024; ASEAN–UAE, whose 2025-2029 plan is still a draft; ASEAN–Japan, with
    no plan; and ASEAN–Korea, archived."""
    def partner(name, code):
        return make.partnership(make.organisation(name=name, short_name=name.split()[-1], iso_code=code))

    make.plan(partner("Republic of India", "IN"), label="2021-2025", starts_on=date(2021, 1, 1),
              ends_on=date(2025, 12, 31), state="expired", kind="plan_of_action")
    make.plan(partner("Kingdom of Norway", "NO"), label="2021-2024", starts_on=date(2021, 1, 1),
              ends_on=date(2024, 12, 31))
    make.plan(partner("United Arab Emirates", "AE"), label="2025-2029", starts_on=date(2025, 1, 1),
              ends_on=date(2029, 12, 31), state="draft")
    partner("State of Japan", "JP")
    korea = partner("Republic of Korea", "KR")
    korea.archived_at = utcnow()
    make.plan(korea, label="2021-2025", starts_on=date(2021, 1, 1), ends_on=date(2025, 12, 31))


def test_all_covers_every_plan_in_the_window_and_lists_the_others(five_partnerships, run, tmp_path):
    result = run("period", "--all", "--year", "2025", "--format", "html", "--output-dir", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "asean-india_2021-2025_2025-01-01_to_2025-12-31.html",  # expired since, but it covered 2025
        "asean-pakistan_2024-2028_2025-01-01_to_2025-12-31.html",
    ]
    assert "Wrote 2 reports to" in result.stdout
    listed = result.stdout.split("No report for 3 partnerships:\n", 1)[1].splitlines()
    assert listed == [
        "  asean-emirates: its plan 2025-2029 for 2025 is still a draft",
        "  asean-japan: no plan recorded",
        "  asean-norway: no plan covers 2025 (its plans: 2021-2024)",
    ]  # ASEAN–Korea is archived: not one of the desk's partnerships any more


def test_all_with_dates_clips_each_window_to_its_plan(five_partnerships, run, tmp_path):
    result = run("period", "--all", "--from", "2024-07-01", "--to", "2025-06-30", "--format", "html",
                 "--output-dir", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "asean-india_2021-2025_2024-07-01_to_2025-06-30.html",
        "asean-norway_2021-2024_2024-07-01_to_2024-12-31.html",  # the part of the window its plan covers
        "asean-pakistan_2024-2028_2024-07-01_to_2025-06-30.html",
    ]
    assert "  asean-emirates: its plan 2025-2029 for 1 July 2024 to 30 June 2025 is still a draft" in result.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["--year", "2025", "--from", "2025-01-01"], "Give either --year or --from and --to, not both"),
    (["--year", "2025", "--to", "2025-06-30"], "Give either --year or --from and --to, not both"),
])
def test_a_year_and_dates_together_are_refused(history, run, tmp_path, args, message):
    for command in (["period", "--partnership", "asean-pakistan", "--output", str(tmp_path / "x.html")],
                    ["period", "--all", "--output-dir", str(tmp_path)]):
        result = run(*command, *args, "--format", "html")
        assert result.exit_code == 2
        assert result.stderr.splitlines() == [
            f"Error: {message}: --year 2025 is --from 2025-01-01 --to 2025-12-31"]
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_pillar_is_an_error_not_an_empty_portfolio(history, run, tmp_path):
    output = tmp_path / "portfolio.html"
    result = run("portfolio", "--as-of", "2025-12-31", "--pillar", "Connectivity", "--format", "html",
                 "--output", str(output))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == ["Error: No pillar 'Connectivity'. Pillars: Economic, Socio-Cultural"]
    assert not output.exists()
    result = run("portfolio", "--as-of", "2025-12-31", "--pillar", "socio-cultural", "--format", "html",
                 "--output", str(output))
    assert result.exit_code == 0, result.output
    assert "3.1 Education" not in output.read_text() and "Education" in output.read_text()


def write(run, tmp_path, format: str, *extra: str) -> bytes:
    output = tmp_path / f"report.{format}"
    result = run(*PAKISTAN_2025, "--format", format, "--output", str(output), *extra)
    assert result.exit_code == 0, result.output
    return output.read_bytes()


def remarks_file(tmp_path, text: str):
    path = tmp_path / "remarks.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_remarks_give_the_way_forward_and_a_cover_that_reads_as_final(history, run, tmp_path):
    remarks = remarks_file(tmp_path, f'# ASEAN–Pakistan, 2025\nway_forward = """\n{WAY_FORWARD}\n"""\n')
    today = long_date(date.today())
    html = write(run, tmp_path, "html", "--remarks", str(remarks)).decode()
    assert "Hold the 9th JSCC in Islamabad in the first half of 2026." in html
    assert f'<dt class="col-sm-4">Prepared</dt><dd class="col-sm-8 mb-0">{today}</dd>' in html
    pdf = "\n".join(pdf_pages(write(run, tmp_path, "pdf", "--remarks", str(remarks))))
    assert f"Prepared {today}" in pdf and "Agree the digital economy work plan." in pdf
    docx = Document(io.BytesIO(write(run, tmp_path, "docx", "--remarks", str(remarks))))
    text = "\n".join(p.text for p in docx.paragraphs) + "\n".join(
        cell.text for table in docx.tables for row in table.rows for cell in row.cells)
    assert "Agree the digital economy work plan." in text and f"Prepared{today}" in text.replace("\n", "")
    assert [p.text for p in docx.sections[0].header.paragraphs] == [
        "ASEAN–Pakistan period report, 1 January 2025 to 31 December 2025"]
    book = load_workbook(io.BytesIO(write(run, tmp_path, "xlsx", "--remarks", str(remarks))))
    overview = {row[0]: row[1] for row in book["Overview"].iter_rows(min_row=2, max_col=2, values_only=True)}
    assert overview["Prepared on"].date() == date.today()
    for document in (html, pdf, text, repr(list(overview.items()))):
        assert "not issued" not in document and "DRAFT" not in document and "Written when" not in document
    assert all(not sheet.oddHeader.right.text for sheet in book.worksheets)


def test_without_remarks_every_page_says_draft(history, run, tmp_path):
    pages = pdf_pages(write(run, tmp_path, "pdf"))
    assert all("DRAFT" in page.splitlines() for page in pages)
    text = "\n".join(pages)
    assert f"Draft Prepared on {long_date(date.today())}; not issued" in text
    assert "Way forward\nWritten when the report is issued." in text
    docx = Document(io.BytesIO(write(run, tmp_path, "docx")))
    assert [p.text for p in docx.sections[0].header.paragraphs] == [
        "ASEAN–Pakistan period report, 1 January 2025 to 31 December 2025", "DRAFT: not issued"]
    book = load_workbook(io.BytesIO(write(run, tmp_path, "xlsx")))
    assert book.sheetnames[:2] == ["Overview", "Matrix"]
    assert {sheet.oddHeader.right.text for sheet in book.worksheets} == {"DRAFT: not issued"}  # every sheet
    assert "<strong>DRAFT</strong>: not issued." in write(run, tmp_path, "html").decode()


@pytest.mark.parametrize(("content", "message"), [
    (None, "Cannot read the remarks file {path}: No such file or directory"),
    (b"\xff\xfeway_forward", "The remarks file {path} is not UTF-8 text: save it as UTF-8"),
    ('way_forward = "Hold the 9th JSCC', "The remarks file {path} is not valid TOML: "),
    ('way_foward = "Hold the 9th JSCC"', "The remarks file {path} has 'way_foward', which is not a remark: "
                                         "give way_forward, [area.\"CODE\"] or [action_line.\"CODE\"]"),
    ('way_forward = """\n   \n"""', 'The remarks file {path} has no way forward: write way_forward = """..."""'),
    ('way_forward = 2026', 'The remarks file {path} has no way forward: write way_forward = """..."""'),
    (f'way_forward = "{"x" * 10_001}"', "The way forward in {path} is 10,001 characters long: it must be 10,000 "
                                         "characters or less"),
])
def test_a_remarks_file_that_cannot_be_used_gets_one_line(history, run, tmp_path, content, message):
    path = tmp_path / "remarks.toml"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    elif content is not None:
        path.write_bytes(content)
    output = tmp_path / "report.html"
    result = run(*PAKISTAN_2025, "--format", "html", "--output", str(output), "--remarks", str(path))
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"Error: {message.format(path=path)}")
    assert not output.exists()


def test_remarks_are_for_one_report_not_all(history, run, tmp_path):
    remarks = remarks_file(tmp_path, 'way_forward = "Hold the 9th JSCC"')
    result = run("period", "--all", "--year", "2025", "--remarks", str(remarks), "--output-dir", str(tmp_path))
    assert result.exit_code == 2
    assert "leave out --partnership, --plan, --output and --remarks" in result.stderr
