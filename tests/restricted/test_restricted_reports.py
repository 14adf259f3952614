"""Restricted notes in period reports and their downloads: left out unless an editor or admin includes them."""

import io
import zipfile
from datetime import date, datetime

import pytest

from app.extensions import db
from app.models import IssuedReport
from app.reports.period import build_period_report

SECRET_NOTE = "Minister privately doubts the budget"
SECRET_TITLE = "Sound out the minister on the visa waiver"
OPEN_NOTE = "Customs pilot running"


@pytest.fixture
def plan(make):
    partnership = make.partnership(slug="asean-pakistan")
    plan = make.plan(partnership)
    area = make.area(plan, pillar=make.pillar(plan))
    author = make.user(email="author@asean.example")
    make.status_update(author, area=area, status="at_risk", as_of=date(2025, 5, 1), note=SECRET_NOTE,
                       is_restricted=True)
    make.status_update(author, area=area, status="on_track", as_of=date(2025, 4, 1), note=OPEN_NOTE)
    make.follow_up(partnership, title=SECRET_TITLE, area=area, opened_on=date(2025, 3, 1), is_restricted=True)
    db.session.flush()
    return plan


def page_url(plan, include=False):
    url = (f"/partnerships/asean-pakistan/reports/period?plan={plan.id}&window=dates"
           "&starts_on-day=1&starts_on-month=1&starts_on-year=2025&ends_on-day=31&ends_on-month=12&ends_on-year=2025")
    return url + ("&include_restricted=1" if include else "")


def download_text(visitor, url, format):
    response = visitor.get(url.replace("period?", f"period/{format}?"))
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())


def test_the_report_hides_restricted_text_but_keeps_counts_and_statuses(plan):
    figures = build_period_report(plan, date(2025, 1, 1), date(2025, 12, 31), generated_by="x",
                                  now=datetime(2026, 1, 1))
    area = figures["pillars"][0]["areas"][0]
    assert [c["note"] for c in area["changes"]] == [OPEN_NOTE, "Restricted note"]
    assert [c["status_label"] for c in area["changes"]] == ["On track", "At risk"]
    assert [f["title"] for f in figures["open_follow_ups"]] == ["Restricted note"]
    assert figures["follow_up_counts"]["opened"] == 1

    included = build_period_report(plan, date(2025, 1, 1), date(2025, 12, 31), generated_by="x",
                                   now=datetime(2026, 1, 1), include_restricted=True)
    area = included["pillars"][0]["areas"][0]
    assert [c["note"] for c in area["changes"]] == [OPEN_NOTE, SECRET_NOTE]
    assert [f["title"] for f in included["open_follow_ups"]] == [SECRET_TITLE]


@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_pages_and_downloads_leave_restricted_notes_out_by_default(plan, as_role, role):
    visitor = as_role(role)
    page = visitor.get(page_url(plan)).get_data(as_text=True)
    assert OPEN_NOTE in page and "Restricted note" in page
    assert SECRET_NOTE not in page and SECRET_TITLE not in page
    for format in ("csv", "xlsx"):
        text = download_text(visitor, page_url(plan), format)
        assert SECRET_NOTE not in text and SECRET_TITLE not in text


def test_an_editor_can_include_restricted_notes_in_the_page_and_its_downloads(plan, as_role):
    editor = as_role("editor")
    page = editor.get(page_url(plan)).get_data(as_text=True)
    assert "Include restricted notes" in page
    page = editor.get(page_url(plan, include=True)).get_data(as_text=True)
    assert SECRET_NOTE in page and SECRET_TITLE in page
    assert "include_restricted=1" in page  # carried into the download links
    text = download_text(editor, page_url(plan, include=True), "csv")
    assert SECRET_NOTE in text and SECRET_TITLE in text


def test_a_viewer_cannot_turn_the_option_on(plan, as_role):
    viewer = as_role("viewer")
    page = viewer.get(page_url(plan, include=True)).get_data(as_text=True)
    assert "Include restricted notes" not in page
    assert SECRET_NOTE not in page and SECRET_TITLE not in page
    for format in ("csv", "xlsx"):
        text = download_text(viewer, page_url(plan, include=True), format)
        assert SECRET_NOTE not in text and SECRET_TITLE not in text


def issue_form(plan, include):
    data = {"plan": plan.id, "window": "dates", "starts_on-day": 1, "starts_on-month": 1, "starts_on-year": 2025,
            "ends_on-day": 31, "ends_on-month": 12, "ends_on-year": 2025, "way_forward": "Next JSCC"}
    if include:
        data["include_restricted"] = "1"
    return data


@pytest.mark.parametrize("include", [False, True])
def test_an_issued_report_records_whether_it_included_restricted_notes(plan, as_role, include):
    editor = as_role("editor")
    response = editor.submit("/partnerships/asean-pakistan/reports/issue", issue_form(plan, include),
                             page=page_url(plan, include))
    assert response.status_code == 200
    issued = db.session.scalars(db.select(IssuedReport)).one()
    assert bool(issued.figures.get("include_restricted")) is include
    assert (SECRET_NOTE in issued.html) is include
    assert ("This report includes restricted notes" in response.get_data(as_text=True)) is include


def test_a_viewer_cannot_open_an_issued_report_that_includes_restricted_notes(plan, as_role, make):
    editor = as_role("editor")
    editor.submit("/partnerships/asean-pakistan/reports/issue", issue_form(plan, True), page=page_url(plan, True))
    issued = db.session.scalars(db.select(IssuedReport)).one()
    editor.submit("/sign-out", page="/")
    viewer = make.user(role="viewer", email="viewer@asean.example")
    editor.sign_in(viewer)
    assert editor.get(f"/reports/{issued.id}").status_code == 403
    assert editor.get(f"/reports/{issued.id}/csv").status_code == 403


def test_the_report_command_includes_restricted_notes_only_when_asked(app, plan, tmp_path):
    db.session.commit()
    for flags, shown in (([], False), (["--include-restricted"], True)):
        output = tmp_path / f"report-{shown}.zip"
        result = app.test_cli_runner().invoke(args=[
            "report", "period", "--partnership", "asean-pakistan", "--year", "2025", "--format", "csv",
            "--output", str(output), *flags])
        assert result.exit_code == 0, result.output
        with zipfile.ZipFile(output) as archive:
            text = "\n".join(archive.read(name).decode() for name in archive.namelist())
        assert (SECRET_NOTE in text) is shown
        assert (SECRET_TITLE in text) is shown
