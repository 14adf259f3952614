"""A record's history opens for whoever may open the record, hides what its page hides, and names people.

The history of an issued report that includes restricted notes is closed to viewers, as the report is; the history
of a restricted meeting, follow-up or status update hides its notes from viewers, as the page does; and a link to a
user reads as the user's name, never as an object's text with their email address in it.
"""

from datetime import date
from urllib.parse import urlencode

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import AuditAction, AuditEntry, IssuedReport
from tests.audit.helpers import entries_since, last_entry_id, words
from tests.plans.helpers import date_fields

SECRET = "Minister privately doubts the budget"
WAY_FORWARD = "Hold the 9th JSCC in Islamabad"


@pytest.fixture
def plan(make):
    plan = make.plan(make.partnership(slug="asean-pakistan"))
    area = make.area(plan)
    make.status_update(make.user(email="author@asean.example"), area=area, status="at_risk",
                       as_of=date(2025, 5, 1), note=SECRET, is_restricted=True)
    return plan


def issue(visitor, plan, *, include: bool) -> IssuedReport:
    """Issue the 2025 report through the report page's form, with or without the restricted notes."""
    window = {"plan": plan.id, "window": "year", "year": 2025, **({"include_restricted": 1} if include else {})}
    visitor.submit("/partnerships/asean-pakistan/reports/issue", {**window, "way_forward": WAY_FORWARD},
                   page=f"/partnerships/asean-pakistan/reports/period?{urlencode(window)}")
    return db.session.scalars(sa.select(IssuedReport)).one()


def read_as(visitor, make, role: str):
    visitor.submit("/sign-out", page="/")
    visitor.sign_in(make.user(role=role, email=f"reader-{role}@asean.example", name=f"Reader {role}"))
    return visitor


def history_url(record_type: str, record_id: int) -> str:
    return f"/history?type={record_type}&id={record_id}"


@pytest.mark.parametrize(("include", "role", "status"), [
    (True, "viewer", 403),
    (True, "editor", 200),
    (False, "viewer", 200),
])
def test_an_issued_report_and_its_history_open_for_the_same_readers(plan, signed_in, make, include, role, status):
    report = issue(signed_in, plan, include=include)
    reader = read_as(signed_in, make, role)
    history = reader.get(history_url("issued_reports", report.id))
    assert (reader.get(f"/reports/{report.id}").status_code, history.status_code) == (status, status)
    if status == 403:
        text = history.get_data(as_text=True)
        assert WAY_FORWARD not in text and "Issued by" not in text and "officer@asean.example" not in text


@pytest.mark.parametrize("where", ["history", "audit log"])
def test_the_issuer_is_named_and_their_email_never_shown(plan, as_role, where):
    admin = as_role("admin")
    report = issue(admin, plan, include=False)
    url = history_url("issued_reports", report.id) if where == "history" else "/admin/audit?type=issued_reports"
    html = admin.get(url).get_data(as_text=True)
    assert "Issued by: Admin User" in words(html)
    assert "&lt;User" not in html


def test_the_signed_in_officer_is_logged_by_name_as_the_author(plan, signed_in):
    """A route hands the service the officer's own record, so the log names them, never "User 3" or an object."""
    marker = last_entry_id()
    signed_in.submit(f"/areas/{plan.areas[0].id}/status/new", {
        "status": "on_track", "progress": "", "note": "Back on schedule", **date_fields("as_of", date(2025, 6, 2))})
    (_action, record_type, _label, changes, user_id), = entries_since(marker)
    assert (record_type, changes["author"], user_id) == ("status_updates", [None, "Desk Officer"], signed_in.user.id)


@pytest.mark.parametrize(("logged", "shown"), [
    ("<User admin@asean.example>", "Admin User"),
    # The address is no longer any user's: the kind of record, still never the address.
    ("<User former.officer@asean.example>", "User"),
])
def test_an_issuer_logged_as_an_object_before_is_shown_by_name(plan, as_role, logged, shown):
    admin = as_role("admin")
    report = issue(admin, plan, include=False)
    db.session.add(AuditEntry(action=AuditAction.UPDATE, record_type="issued_reports", record_id=report.id,
                              record_label=report.title, changes={"issued_by": [logged, "Admin User"]}))
    db.session.commit()
    for url in (history_url("issued_reports", report.id), "/admin/audit?type=issued_reports"):
        html = admin.get(url).get_data(as_text=True)
        assert f"Issued by: {shown} → Admin User" in words(html), url
        assert "&lt;User" not in html and "former.officer" not in html, url


def restricted_meeting(make, partnership):
    meeting = make.meeting(partnership, summary=SECRET, is_restricted=True)
    return "meetings", meeting.id, f"/meetings/{meeting.id}"


def restricted_follow_up(make, partnership):
    action = make.follow_up(partnership, title=SECRET, is_restricted=True)
    return "follow_up_actions", action.id, f"/follow-ups/{action.id}"


def restricted_status_update(make, partnership):
    area = make.area(make.plan(partnership))
    # Restricted from the start: a status update is never edited afterwards.
    update = make.status_update(make.user(email="author@asean.example"), area=area, status="at_risk", note=SECRET,
                                is_restricted=True)
    return "status_updates", update.id, f"/areas/{area.id}"


@pytest.mark.parametrize("role", ["viewer", "editor"])
@pytest.mark.parametrize("make_record", [restricted_meeting, restricted_follow_up, restricted_status_update])
def test_the_history_of_a_restricted_note_shows_it_to_whoever_its_page_shows_it_to(as_role, make, role, make_record):
    record_type, record_id, page_url = make_record(make, make.partnership())
    reader = as_role(role)
    page = reader.get(page_url)
    history = reader.get(history_url(record_type, record_id))
    assert (page.status_code, history.status_code) == (200, 200)
    shown = role == "editor"
    assert (SECRET in page.get_data(as_text=True), SECRET in history.get_data(as_text=True)) == (shown, shown)
    assert ("hidden (restricted)" in words(history.get_data(as_text=True))) is not shown
