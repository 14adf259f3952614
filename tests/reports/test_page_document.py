"""The report's document on its page is drawn once for the same figures, and again whenever anything it shows
differs: a figure, the links an editor gets beside each area, the language of those links."""

import re
from datetime import UTC, date, datetime

import pytest
from flask import template_rendered

from app.extensions import db
from app.models import ActionLine, IssuedReport, User
from tests.conftest import FormFiller
from tests.reports.test_report_pages import YEAR_2025, issue, report_url

DOCUMENT = "reports/_period_body.html"


@pytest.fixture
def drawings(app, monkeypatch):
    """The coverage at the end of each report document drawn, in order."""
    # Every visit in the same minute: the document says when the report was prepared, to the minute.
    monkeypatch.setattr("app.reports.routes.utcnow", lambda: datetime(2026, 12, 7, 9, 30, tzinfo=UTC))
    drawn: list[dict] = []

    def record(_sender, template, context, **_extra):
        if template.name == DOCUMENT:
            drawn.append(context["report"]["coverage"]["end"])

    with template_rendered.connected_to(record, app):
        yield drawn


def document(page: str) -> str:
    return page[page.index('<div lang="en">'):page.index("</article>")]


def named(model, **where):
    return db.session.scalar(db.select(model).filter_by(**where))


def test_the_same_report_is_drawn_once_and_again_once_a_figure_changes(history, signed_in, make, drawings):
    url = report_url(history, **YEAR_2025)
    first = signed_in.get(url).get_data(as_text=True)
    second = signed_in.get(url).get_data(as_text=True)
    # Drawn at the first visit, unless an earlier test of this run drew the very same document.
    assert len(drawings) <= 1
    assert document(second) == document(first)
    assert "<strong>4 of 6 (67%)</strong> at the end" in second

    # 2.1.3 addressed in July: five of the six lines at the end of 2025.
    make.status_update(named(User, name="Aisyah Rahman"), action_line=named(ActionLine, code="2.1.3"),
                       status="addressed", as_of=date(2025, 7, 1), note="Dialogue held")
    third = signed_in.get(url).get_data(as_text=True)
    assert drawings[-1] == {"total": 6, "addressed": 4, "being_addressed": 1}
    assert "<strong>5 of 6 (83%)</strong> at the end" in third
    assert "Dialogue held" in third


def test_the_remarks_links_are_in_the_language_of_whoever_reads(history, signed_in, drawings):
    url = report_url(history, **YEAR_2025)
    assert "Write remarks<span" in signed_in.get(url).get_data(as_text=True)
    signed_in.user.language = "id"
    db.session.commit()
    before = len(drawings)
    page = signed_in.get(url).get_data(as_text=True)
    assert "Tulis keterangan<span" in page
    assert "Write remarks<span" not in page
    assert len(drawings) == before + 1


def test_a_viewer_never_gets_the_links_drawn_for_an_editor_of_the_same_name(app, history, make, drawings):
    editor, viewer = (FormFiller(app.test_client()) for _ in range(2))
    editor.sign_in(make.user(role="editor", name="Desk Officer", email="editor@asean.example"))
    viewer.sign_in(make.user(role="viewer", name="Desk Officer", email="viewer@asean.example"))
    url = report_url(history, **YEAR_2025)
    assert len(re.findall(r"Write remarks<span", editor.get(url).get_data(as_text=True))) == 3
    before = len(drawings)
    seen = viewer.get(url).get_data(as_text=True)
    assert "<strong>4 of 6 (67%)</strong> at the end" in seen
    assert "Write remarks" not in seen
    assert "/reports/remarks/" not in seen
    assert len(drawings) == before + 1


def test_an_issue_refused_for_want_of_a_way_forward_shows_the_report_as_before(history, signed_in):
    response = issue(signed_in, history, way_forward="", **YEAR_2025)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert page.count("Enter the way forward") == 2  # in the summary and beside the field
    assert "<strong>4 of 6 (67%)</strong> at the end" in document(page)
    assert len(re.findall(r"Write remarks<span", page)) == 3
    assert db.session.scalar(db.select(db.func.count(IssuedReport.id))) == 0
