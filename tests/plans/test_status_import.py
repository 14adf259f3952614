"""Importing a plan's past status history from a spreadsheet: each row saved as the status forms save it, a row the
history already holds (the same line or area, status, date and note) left as it is, so that a second import of the
same file changes nothing; every update audited as the import's."""

from datetime import date

import pytest
import sqlalchemy as sa
from markupsafe import escape

from app.extensions import db
from app.models import StatusUpdate
from tests.imports import journey
from tests.imports.files import csv_bytes, xlsx
from tests.imports.journey import row, said
from tests.plans.helpers import beside

SOURCE = "Import of status history from a file"
HEADINGS = ["Area code", "Action line code", "Status", "Date", "Note"]
SHEET = [
    HEADINGS,
    ["", "2.1.1", "Being addressed", "30/06/2024", "Dialogue resumed"],
    ["", "2.1.1", "addressed", "15 March 2025", "Agreement signed"],
    ["2.1", "2.1.2", "NOT_YET_ADDRESSED", "2024-09-01", "Waiting for the partner"],
    ["2.1", "", "On track", "1 Oct 2024", "Two of three lines moving"],
]


@pytest.fixture
def plan(make, signed_in):
    """The 2024-2028 plan: area 2.1 with lines 2.1.1 and 2.1.2, area 3.1; both areas have a line X.1. Line 2.1.1 was
    being addressed on 30 June 2024."""
    plan = make.plan(make.partnership())
    trade = make.area(plan, code="2.1", name="Trade")
    education = make.area(plan, code="3.1", name="Education")
    first = make.action_line(trade, code="2.1.1")
    make.action_line(trade, code="2.1.2")
    make.action_line(trade, code="X.1")
    make.action_line(education, code="X.1")
    make.status_update(signed_in.user, action_line=first, status="being_addressed", as_of=date(2024, 6, 30),
                       note="Dialogue resumed")
    return plan


def url(plan) -> str:
    return f"/plans/{plan.id}/status/import"


def history() -> list[tuple[str, str, date, str]]:
    return [(u.area.code if u.area else u.action_line.code, u.status, u.as_of, u.note)
            for u in db.session.scalars(sa.select(StatusUpdate).order_by(StatusUpdate.id))]


def test_the_plan_page_offers_the_import_and_its_template(signed_in, plan):
    assert f'href="{url(plan)}"' in signed_in.get(f"/plans/{plan.id}").get_data(as_text=True)
    page = signed_in.get(url(plan)).get_data(as_text=True)
    assert 'href="/plans/status-template.xlsx"' in page and 'href="/plans/status-template.csv"' in page
    assert signed_in.get("/plans/status-template.csv").data.decode("utf-8-sig") == ",".join(HEADINGS) + "\r\n"


def test_past_statuses_are_previewed_then_imported_whole_and_a_second_time_change_nothing(signed_in, plan):
    page = journey.upload(signed_in, url(plan), xlsx(SHEET)).get_data(as_text=True)
    assert "3 to create, 0 to change, 1 already there." in said(page)
    assert "Already there" in row(page, 2)
    done = journey.confirm(signed_in, url(plan), page).get_data(as_text=True)
    assert "Import saved: 3 created, 0 changed, 1 already there" in done
    assert history() == [
        ("2.1.1", "being_addressed", date(2024, 6, 30), "Dialogue resumed"),
        ("2.1.1", "addressed", date(2025, 3, 15), "Agreement signed"),
        ("2.1.2", "not_yet_addressed", date(2024, 9, 1), "Waiting for the partner"),
        ("2.1", "on_track", date(2024, 10, 1), "Two of three lines moving"),
    ]
    assert {u.author_id for u in db.session.scalars(sa.select(StatusUpdate))} == {signed_in.user.id}
    assert journey.audited(SOURCE, "create") == 3

    again = journey.upload(signed_in, url(plan), csv_bytes(SHEET), "statuses.csv").get_data(as_text=True)
    assert "0 to create, 0 to change, 4 already there." in said(again)
    done = journey.confirm(signed_in, url(plan), again).get_data(as_text=True)
    assert "Import saved: 0 created, 0 changed, 4 already there" in done
    assert len(history()) == 4 and journey.audited(SOURCE) == 3


def test_a_row_with_a_problem_says_it_beside_the_row_and_nothing_is_saved(signed_in, plan):
    rows = [
        HEADINGS,
        ["", "9.9.9", "Addressed", "2024-05-01", "Noted"],                    # row 2
        ["", "2.1.1", "Done", "2024-05-01", "Noted"],                         # row 3
        ["", "2.1.1", "Addressed", "31 December 2023", "Noted"],              # row 4
        ["", "2.1.1", "Addressed", "2024-05-01", ""],                         # row 5
        ["", "X.1", "Addressed", "2024-05-01", "Noted"],                      # row 6
        ["2.1", "", "Addressed", "2024-05-01", "Noted"],                      # row 7
        ["", "2.1.2", "Addressed", "4 Mar 2024", "Noted"],                    # row 8
        ["", "2.1.2", "addressed", "2024-03-04", "Noted"],                    # row 9
        ["4.4", "", "On track", "2024-05-01", "Noted"],                       # row 10
        ["3.1", "X.1", "Addressed", "2024-05-01", "Noted"],                   # row 11
    ]
    page = journey.upload(signed_in, url(plan), xlsx(rows)).get_data(as_text=True)
    assert beside(page, "file", "8 rows have a problem – correct the file where the preview shows it, then upload "
                                "it again")
    expected = {
        2: "Action line 9.9.9 is not in this plan",
        3: "Status Done must be one of: Not yet addressed, Being addressed, Addressed, Discontinued",
        4: "Date of the status update must be between 1 January 2024 and 31 December 2028, the period of the plan",
        5: "Enter a note about the status",
        6: "Action line code X.1 is used in areas 2.1 and 3.1 – give the area code too",
        7: "Status Addressed must be one of: Not started, On track, At risk, Off track, Completed",
        9: "The status of action line 2.1.2 on 4 March 2024 is also in row 8 – keep one of them",
        10: "Area code 4.4 is not in this plan",
    }
    for number, message in expected.items():
        assert str(escape(message)) in row(page, number), number
    assert "To be created" in row(page, 8) and "To be created" in row(page, 11)
    assert "Confirm import" not in page
    refused = journey.confirm(signed_in, url(plan), page).get_data(as_text=True)
    assert beside(refused, "file", "8 rows have a problem – correct the file where the preview shows it, then "
                                   "upload it again")
    assert len(history()) == 1 and journey.audited(SOURCE) == 0


def test_a_status_recorded_since_the_preview_is_not_recorded_twice(signed_in, plan, make):
    page = journey.upload(signed_in, url(plan), xlsx(SHEET[:3])).get_data(as_text=True)
    line = db.session.scalar(sa.select(StatusUpdate)).action_line
    make.status_update(signed_in.user, action_line=line, status="addressed", as_of=date(2025, 3, 15),
                       note="Agreement signed")
    again = journey.confirm(signed_in, url(plan), page).get_data(as_text=True)
    assert beside(again, "file", "The records changed since the preview – check the new preview below and confirm "
                                 "the import again")
    assert "0 to create, 0 to change, 2 already there." in said(again)
    assert len(history()) == 2


def test_a_viewer_cannot_import_and_is_not_offered_it(make, as_role):
    plan = make.plan(make.partnership())
    make.area(plan)
    viewer = as_role("viewer")
    assert viewer.get(url(plan)).status_code == 403
    assert f'href="{url(plan)}"' not in viewer.get(f"/plans/{plan.id}").get_data(as_text=True)
