"""Remarks and the way forward on each area and action line: drafted on the report page, shown in the matrix of the
live report and its downloads, frozen when the report is issued, and given to `flask report period --remarks`."""

import re
from datetime import UTC, date, datetime
from html import unescape

import pytest

from app.extensions import db
from app.models import ActionLine, AuditEntry, CooperationArea, IssuedReport, ReportRemark
from app.reports.drafts import RemarkAnswer, save_remarks
from app.reports.reproduce import differences
from tests.conftest import csrf_token
from tests.exports.conftest import csv_tables, docx_text, fetch, period_url, sheet_rows, workbook
from tests.reports.test_report_pages import YEAR_2025, issue, report_url

TRADE_REMARKS = "Trade talks resumed at the 8th JSCC."
TRADE_NEXT = "Agree the terms of the joint study at the 9th JSCC."
DIALOGUE_REMARKS = "The first dialogue of the trade promotion bodies met in October."
LIMIT_MESSAGE = "Way forward on 2.1.2 must be 2,000 characters or less"


def named(model, **where):
    return db.session.scalar(db.select(model).filter_by(**where))


def remarks_url(plan, area):
    return f"/partnerships/asean-pakistan/reports/remarks/{area.id}?plan={plan.id}&window=year&year=2025"


#: Calendar year 2025 as the report page's links spell it: by its dates, the window drafts are kept for.
YEAR_2025_BY_DATES = ("window=dates&starts_on-day=1&starts_on-month=1&starts_on-year=2025"
                      "&ends_on-day=31&ends_on-month=12&ends_on-year=2025")


def linked_remarks_url(plan, area):
    return f"/partnerships/asean-pakistan/reports/remarks/{area.id}?plan={plan.id}&{YEAR_2025_BY_DATES}"


def answers(trade, *lines, area_remarks="", area_way_forward="", opened_before=False, **texts):
    """The form's fields: the area's texts, each line's (``texts``: "<code>-remarks" keys), and the versions of the
    drafts as a page opened now carries them (``opened_before``: a page opened before any draft was saved)."""
    def version(**subject):
        draft = None if opened_before else named(ReportRemark, **subject)
        return str(draft.version) if draft else "0"

    data = {"area-remarks": area_remarks, "area-way_forward": area_way_forward,
            "area-version": version(area_id=trade.id)}
    for line in lines:
        for key in ("remarks", "way_forward"):
            data[f"line_{line.id}-{key}"] = texts.get(f"{line.code}-{key}", "")
        data[f"line_{line.id}-version"] = version(action_line_id=line.id)
    return data


def draft_count():
    return db.session.scalar(db.select(db.func.count(ReportRemark.id)))


@pytest.fixture
def trade(history):
    return named(CooperationArea, name="Trade")


@pytest.fixture
def trade_lines(trade):
    return [named(ActionLine, code=f"2.1.{n}") for n in (1, 2, 3)]


def test_drafts_saved_through_the_form_show_in_the_report_and_its_downloads(history, trade, signed_in, trade_lines):
    report = signed_in.get(report_url(history, **YEAR_2025)).get_data(as_text=True)
    links = re.findall(r'<a href="([^"]+)">Write remarks<span class="visually-hidden"> on ([^<]+)</span>', report)
    areas = {name: named(CooperationArea, name=name) for name in ("Trade", "Investment", "Education")}
    assert [(unescape(href), subject) for href, subject in links] == [
        (linked_remarks_url(history, areas["Trade"]), "2.1 Trade"),
        (linked_remarks_url(history, areas["Investment"]), "2.2 Investment"),
        (linked_remarks_url(history, areas["Education"]), "3.1 Education"),
    ]
    form = signed_in.get(remarks_url(history, trade)).get_data(as_text=True)
    labels = re.findall(r'<label class="form-label fw-bold" for="([^"]+)">([^<]+)</label>', form)
    assert labels == [
        ("area-remarks", "Remarks on 2.1 (optional)"), ("area-way_forward", "Way forward on 2.1 (optional)"),
        *((f"line_{line.id}-{key}", f"{words} on {line.code} (optional)")
          for line in trade_lines for key, words in (("remarks", "Remarks"), ("way_forward", "Way forward"))),
    ]

    response = signed_in.submit(remarks_url(history, trade), answers(
        trade, *trade_lines, area_remarks=TRADE_REMARKS, area_way_forward=TRADE_NEXT,
        **{"2.1.3-remarks": DIALOGUE_REMARKS}), follow=False)
    assert response.status_code == 302
    assert response.headers["Location"] == report_url(history, **YEAR_2025) + f"#area-{trade.id}"
    page = signed_in.get(response.headers["Location"]).get_data(as_text=True)
    assert "Remarks saved: 2.1 Trade" in page
    assert f'<span class="fw-bold">Remarks:</span> {TRADE_REMARKS}' in page
    assert f'<span class="fw-bold">Way forward:</span> {TRADE_NEXT}' in page
    assert f'<span class="fw-bold">Remarks:</span> {DIALOGUE_REMARKS}' in page
    assert 'Change remarks<span class="visually-hidden"> on 2.1 Trade' in page
    assert 'Write remarks<span class="visually-hidden"> on 2.2 Investment' in page
    # Lines left empty get no draft; each draft made is in the audit log, by whoever wrote it.
    assert draft_count() == 2
    entries = db.session.scalars(db.select(AuditEntry).filter_by(record_type="report_remarks")).all()
    assert sorted(entry.record_label for entry in entries) == [
        "2.1, 1 January 2025 to 31 December 2025", "2.1.3, 1 January 2025 to 31 December 2025"]
    assert {entry.user_id for entry in entries} == {signed_in.user.id}
    # The report page opened on another window of the plan (from its start to today, as it opens by default) says
    # where the drafts are, and links there.
    elsewhere = signed_in.get("/partnerships/asean-pakistan/reports/period").get_data(as_text=True)
    assert "Remarks have been drafted for another period of this plan: each period keeps its own." in elsewhere
    assert (f'<a href="/partnerships/asean-pakistan/reports/period?plan={history.id}&amp;'
            f'{YEAR_2025_BY_DATES.replace("&", "&amp;")}">1 January 2025 to 31 December 2025</a>') in elsewhere
    assert TRADE_REMARKS not in elsewhere

    tables = csv_tables(fetch(signed_in, period_url(history, "csv", **YEAR_2025)).data)
    by_area = {row["Code"]: row for row in tables["areas"]}
    assert (by_area["2.1"]["Remarks"], by_area["2.1"]["Way forward"]) == (TRADE_REMARKS, TRADE_NEXT)
    assert (by_area["2.2"]["Remarks"], by_area["2.2"]["Way forward"]) == ("", "")
    by_line = {row["Code"]: (row["Remarks"], row["Way forward"]) for row in tables["action-lines"]}
    assert by_line == {"2.1.1": ("", ""), "2.1.2": ("", ""), "2.1.3": (DIALOGUE_REMARKS, ""), "2.2.1": ("", ""),
                       "3.1.1": ("", ""), "3.1.2": ("", "")}
    book = workbook(fetch(signed_in, period_url(history, "xlsx", **YEAR_2025)).data)
    sheet = {row["Code"]: row for row in sheet_rows(book["Action lines"])}
    assert sheet["2.1.3"]["Remarks"] == DIALOGUE_REMARKS
    words = docx_text(fetch(signed_in, period_url(history, "docx", **YEAR_2025)).data)
    assert f"Remarks: {TRADE_REMARKS}" in words and DIALOGUE_REMARKS in words


def test_a_save_over_someone_elses_keeps_what_was_typed_and_shows_theirs(history, trade, signed_in, trade_lines):
    url = remarks_url(history, trade)
    opened = signed_in.get(url).get_data(as_text=True)
    # Someone else saves the area's remarks while this page is open.
    save_remarks(history, date(2025, 1, 1), date(2025, 12, 31), [RemarkAnswer(trade, None, "Theirs", "", 0)])
    db.session.commit()

    data = answers(trade, *trade_lines, area_remarks="Mine", opened_before=True, **{"2.1.1-remarks": "Line mine"})
    response = signed_in.client.post(url, data={"csrf_token": csrf_token(opened), **data})
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    message = ("Someone else changed the remarks on 2.1 while you were writing: check their text and yours, "
               "then save again")
    assert page.count(message) == 2  # in the summary and beside the field
    assert ">\r\nMine</textarea>" in page and ">\r\nLine mine</textarea>" in page
    assert '<span class="fw-bold">Remarks:</span> Theirs' in page
    db.session.expire_all()
    assert [(d.remarks, d.version) for d in db.session.scalars(db.select(ReportRemark))] == [("Theirs", 1)]

    # The page moved the version on: saving it again keeps what is typed, deliberately.
    version = re.search(r'id="area-version" name="area-version" type="hidden" value="(\d+)"', page)[1]
    assert version == "1"
    response = signed_in.client.post(url, data={"csrf_token": csrf_token(page), **data, "area-version": version})
    assert response.status_code == 302
    db.session.expire_all()
    saved = {(d.area_id, d.action_line_id): (d.remarks, d.version) for d in db.session.scalars(db.select(ReportRemark))}
    assert saved == {(trade.id, None): ("Mine", 2), (None, trade_lines[0].id): ("Line mine", 1)}


def test_too_long_a_text_is_explained_kept_and_nothing_is_saved(history, trade, signed_in, trade_lines):
    url = remarks_url(history, trade)
    too_long = "x" * 2_001
    response = signed_in.submit(url, answers(trade, *trade_lines, area_remarks="Fine",
                                             **{"2.1.2-way_forward": too_long}))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert page.count(LIMIT_MESSAGE) == 2 and "<title>Error: " in page
    assert too_long in page and ">\r\nFine</textarea>" in page
    assert draft_count() == 0

    response = signed_in.submit(url, answers(trade, *trade_lines, **{"2.1.2-way_forward": "x" * 2_000}))
    assert "Remarks saved: 2.1 Trade" in response.get_data(as_text=True)
    assert named(ReportRemark, action_line_id=trade_lines[1].id).way_forward == "x" * 2_000


def test_only_editors_write_remarks(history, trade, as_role, trade_lines):
    viewer = as_role("viewer")
    assert "Write remarks" not in viewer.get(report_url(history, **YEAR_2025)).get_data(as_text=True)
    assert viewer.get(remarks_url(history, trade)).status_code == 403
    page = viewer.get(report_url(history, **YEAR_2025)).get_data(as_text=True)
    response = viewer.client.post(remarks_url(history, trade), data={
        "csrf_token": csrf_token(page), **answers(trade, area_remarks="Viewer's")})
    assert response.status_code == 403
    assert draft_count() == 0


def test_issuing_freezes_the_drafts_and_later_edits_change_only_the_live_report(history, trade, signed_in, trade_lines):
    url = remarks_url(history, trade)
    signed_in.submit(url, answers(trade, *trade_lines, area_remarks=TRADE_REMARKS,
                                  **{"2.1.3-remarks": DIALOGUE_REMARKS}))
    issue(signed_in, history, **YEAR_2025)
    issued = db.session.scalar(db.select(IssuedReport))
    area = next(a for pillar in issued.figures["pillars"] for a in pillar["areas"] if a["code"] == "2.1")
    assert (area["remarks"], area["way_forward"]) == (TRADE_REMARKS, "")
    assert [line["remarks"] for line in area["action_lines"]] == ["", "", DIALOGUE_REMARKS]

    signed_in.submit(url, answers(trade, *trade_lines, area_remarks="Rewritten after issue",
                                  **{"2.1.3-remarks": DIALOGUE_REMARKS}))
    assert named(ReportRemark, area_id=trade.id).remarks == "Rewritten after issue"

    frozen = signed_in.get(f"/reports/{issued.id}").get_data(as_text=True)
    assert TRADE_REMARKS in frozen and "Rewritten after issue" not in frozen
    tables = csv_tables(fetch(signed_in, f"/reports/{issued.id}/csv").data)
    assert {row["Code"]: row["Remarks"] for row in tables["areas"]}["2.1"] == TRADE_REMARKS
    live = signed_in.get(report_url(history, **YEAR_2025)).get_data(as_text=True)
    assert "Rewritten after issue" in live and TRADE_REMARKS not in live
    # Remarks are words, not figures: the check of the issued report finds nothing to flag.
    assert differences(db.session.get(IssuedReport, issued.id)) == []
    check = signed_in.get(f"/reports/{issued.id}/check").get_data(as_text=True)
    assert "Remarks" not in check


def test_an_area_archived_since_the_period_still_takes_its_remarks_for_that_period(history, signed_in, trade,
                                                                                    trade_lines):
    """The 2025 report shows what was in use at the end of 2025, archived since or not, and so does the remarks
    page: Trade and 2.1.1 archived in 2026 are there; 2.1.3, archived in 2024, is not (the report leaves it out)."""
    first, _second, third = trade_lines
    trade.archived_at = first.archived_at = datetime(2026, 3, 1, tzinfo=UTC)
    third.archived_at = datetime(2024, 6, 1, tzinfo=UTC)
    db.session.commit()
    page = signed_in.get(remarks_url(history, trade))
    assert page.status_code == 200
    labels = re.findall(r'<label class="form-label fw-bold" for="[^"]+">Remarks on ([^ <]+)',
                        page.get_data(as_text=True))
    assert labels == ["2.1", "2.1.1", "2.1.2"]
