"""The audit log across the app, for administrators: filterable, paginated, never a 500."""

import re
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry
from app.models.rules import history_opened
from tests.audit.helpers import words


@pytest.fixture
def admin(as_role):
    return as_role("admin")


@pytest.fixture
def log(make):
    """Six hand-made entries over four days by two officers and no one; the records exist, for the links."""
    siti = make.user(role="editor", email="siti@asean.example", name="Siti Rahman")
    budi = make.user(role="editor", email="budi@asean.example", name="Budi Santoso")
    area = make.area(make.plan(make.partnership()), code="2.1", name="Trade")
    with history_opened(db.session.connection()):  # only the entries below: the audit log is otherwise kept
        db.session.execute(sa.delete(AuditEntry))

    def entry(day, hour, user, action, record_type, record_id, label, changes):
        db.session.add(AuditEntry(
            occurred_at=datetime(2025, 3, day, hour, 0, tzinfo=UTC), user_id=user.id if user else None,
            action=action, record_type=record_type, record_id=record_id, record_label=label, changes=changes,
        ))

    entry(3, 9, None, "create", "cooperation_areas", area.id, "2.1 Trade", {"name": [None, "Trade"]})
    entry(4, 10, siti, "update", "cooperation_areas", area.id, "2.1 Trade and investment",
          {"name": ["Trade", "Trade and investment"]})
    entry(4, 23, budi, "create", "organisations", area.plan.partnership.partner_id, "Islamic Republic of Pakistan",
          {"name": [None, "Islamic Republic of Pakistan"], "kind": [None, "country"]})
    entry(5, 0, siti, "archive", "cooperation_areas", area.id, "2.1 Trade and investment",
          {"archived_at": [None, "2025-03-05T00:00:00+00:00"]})
    entry(6, 8, siti, "restore", "cooperation_areas", area.id, "2.1 Trade and investment",
          {"archived_at": ["2025-03-05T00:00:00+00:00", None]})
    entry(6, 9, budi, "update", "plans", area.plan_id, "Practical Cooperation Areas (2024-2028)",
          {"ends_on": ["2028-12-31", "2029-12-31"], "state": ["in_force", "extended"]})
    db.session.commit()
    return {"siti": siti, "budi": budi, "area": area}


def rows(page: str) -> list[str]:
    table = page[page.index("<tbody>") : page.index("</tbody>")]
    return [words(row.split("</tr>")[0]) for row in table.split("<tr>")[1:]]


def shown(admin, query="") -> list[str]:
    """(when, what) of each row: the columns that tell the hand-made entries apart."""
    page = admin.get(f"/admin/audit{query}").get_data(as_text=True)
    if "No entries match" in page:
        return []
    return [re.match(r"(\d+ March 2025 \d\d:\d\d)", row).group(1) for row in rows(page)]


ALL = ["6 March 2025 09:00", "6 March 2025 08:00", "5 March 2025 00:00", "4 March 2025 23:00", "4 March 2025 10:00",
       "3 March 2025 09:00"]


@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_only_administrators_read_the_audit_log(as_role, role):
    assert as_role(role).get("/admin/audit").status_code == 403


def test_administrators_find_it_in_the_menu(admin):
    assert 'href="/admin/audit"' in admin.get("/").get_data(as_text=True)


def test_every_entry_newest_first_with_who_what_and_each_change(admin, log):
    page = admin.get("/admin/audit").get_data(as_text=True)
    assert "6 entries, newest first" in page
    assert rows(page) == [
        "6 March 2025 09:00 Budi Santoso Plan Practical Cooperation Areas (2024-2028) "
        "Changed End date: 31 December 2028 → 31 December 2029 State: In force → Extended",
        "6 March 2025 08:00 Siti Rahman Cooperation area 2.1 Trade and investment Restored",
        "5 March 2025 00:00 Siti Rahman Cooperation area 2.1 Trade and investment Archived",
        "4 March 2025 23:00 Budi Santoso Organisation Islamic Republic of Pakistan "
        "Created Name: Islamic Republic of Pakistan Kind: Country",
        "4 March 2025 10:00 Siti Rahman Cooperation area 2.1 Trade and investment "
        "Changed Name: Trade → Trade and investment",
        "3 March 2025 09:00 System Cooperation area 2.1 Trade Created Name: Trade",
    ]
    area = log["area"]
    assert f'<a href="/areas/{area.id}">2.1 Trade and investment</a>' in page
    assert f'<a href="/plans/{area.plan_id}">Practical Cooperation Areas (2024-2028)</a>' in page
    assert f'<a href="/organisations/{area.plan.partnership.partner_id}">Islamic Republic of Pakistan</a>' in page


def test_filters(admin, log):
    siti, budi = log["siti"].id, log["budi"].id
    assert shown(admin) == ALL
    assert shown(admin, f"?user={siti}") == [ALL[1], ALL[2], ALL[4]]
    assert shown(admin, f"?user={budi}") == [ALL[0], ALL[3]]
    assert shown(admin, "?user=none") == [ALL[5]]
    assert shown(admin, "?type=cooperation_areas") == [ALL[1], ALL[2], ALL[4], ALL[5]]
    assert shown(admin, "?action=create") == [ALL[3], ALL[5]]
    assert shown(admin, "?action=archive") == [ALL[2]]
    # Whole days, both ends included.
    assert shown(admin, "?since-day=4&since-month=3&since-year=2025") == ALL[:5]
    assert shown(admin, "?until-day=4&until-month=3&until-year=2025") == ALL[3:]
    assert shown(admin, "?since-day=4&since-month=3&since-year=2025&until-day=5&until-month=3&until-year=2025") == (
        ALL[2:5]
    )
    assert shown(admin, f"?user={siti}&type=cooperation_areas&action=update") == [ALL[4]]
    assert shown(admin, "?type=plans&action=archive") == []


def test_the_filter_form_keeps_what_was_chosen(admin, log):
    page = admin.get(f"/admin/audit?user={log['siti'].id}&type=plans&action=update&since-day=4&since-month=3"
                     "&since-year=2025").get_data(as_text=True)
    assert f'<option selected value="{log["siti"].id}">Siti Rahman (siti@asean.example)</option>' in page
    assert '<option selected value="plans">Plan</option>' in page
    assert '<option selected value="update">Changed</option>' in page
    assert re.search(r'name="since-day"[^>]*value="4"', page)
    assert "Clear the filters" in page


@pytest.mark.parametrize(("query", "message"), [
    ("?user=abc", "Select who from the list"),
    ("?user=999999", "Select who from the list"),
    ("?type=secrets", "Select kind of record from the list"),
    ("?action=delete", "Select action from the list"),
    ("?since-day=31&since-month=2&since-year=2025", "First day must be a real date"),
    ("?until-day=1&until-month=&until-year=2025", "Last day must include a month"),
    ("?until-day=1&until-month=1&until-year=25", "Year must include 4 numbers"),
    ("?since-day=6&since-month=3&since-year=2025&until-day=4&until-month=3&until-year=2025",
     "Last day must be the same as or after the first day"),
])
def test_bad_filter_values_are_explained_and_ignored(admin, log, query, message):
    response = admin.get(f"/admin/audit{query}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert page.count(message) == 2  # in the summary and beside the field
    expected = ALL[:2] if query.startswith("?since-day=6") else ALL  # the first day still applies
    assert shown(admin, query) == expected


def test_dates_far_off_do_not_break_the_page(admin, log):
    # Refused or accepted by the date boxes, they never reach the database as something it cannot hold.
    for year in ("0001", "9999", "1900", "2100"):
        assert admin.get(f"/admin/audit?since-day=1&since-month=1&since-year={year}").status_code == 200, year
        assert admin.get(f"/admin/audit?until-day=31&until-month=12&until-year={year}").status_code == 200, year
    assert shown(admin, "?until-day=31&until-month=12&until-year=1999") == []
    assert shown(admin, "?since-day=1&since-month=1&since-year=2000") == ALL


def test_pages(admin, make):
    area = make.area(make.plan(make.partnership()), code="2.1", name="Trade")
    for n in range(30):
        area.focal_point = f"Officer {n}"
        db.session.commit()
    first = admin.get("/admin/audit?type=cooperation_areas").get_data(as_text=True)
    assert "31 entries, newest first (page 1 of 2)" in first
    assert len(rows(first)) == 25 and "Officer 28 → Officer 29" in rows(first)[0]
    second = admin.get("/admin/audit?type=cooperation_areas&page=2").get_data(as_text=True)
    assert len(rows(second)) == 6 and rows(second)[-1].endswith("Created Plan: Practical Cooperation Areas "
                                                                 "(2024-2028) Pillar: Economic Code: 2.1 Name: Trade "
                                                                 "Position: 0")
    assert admin.get("/admin/audit?type=cooperation_areas&page=3").status_code == 302
    assert admin.get("/admin/audit?page=abc").status_code == 200
