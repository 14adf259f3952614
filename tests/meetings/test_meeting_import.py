"""Importing a partnership's past meetings from a spreadsheet: each row logged as the meeting form logs it, a
committee meeting matched by its type and number and any other by its type and date, so that a second import of the
same file changes nothing; every meeting audited as the import's."""

from datetime import date

import pytest
import sqlalchemy as sa
from markupsafe import escape

from app.extensions import db
from app.models import Meeting, MeetingType
from tests.imports import journey
from tests.imports.files import csv_bytes, xlsx
from tests.imports.journey import row, said
from tests.plans.helpers import beside

URL = "/meetings/import/asean-pakistan"
SOURCE = "Import of meetings from a file"
HEADINGS = ["Date", "Type", "Number", "Title", "Summary"]
SHEET = [
    HEADINGS,
    ["5 Feb 1999", "JSCC", "1", "1st JSCC", "First meeting, in Bali"],
    ["", "Joint Sectoral Cooperation Committee (JSCC)", "6th", "", ""],
    ["18/09/2023", "jscc", "7", "", ""],
    ["2024-03-25", "Courtesy call", "", "Courtesy call by the Ambassador of Pakistan",
     "Trade, investment, education, culture and people-to-people exchanges"],
]


@pytest.fixture
def partnership(make):
    """ASEAN–Pakistan, with its 7th JSCC of 18 September 2023."""
    partnership = make.partnership()
    make.meeting(partnership, type=MeetingType.JSCC, number=7, held_on=date(2023, 9, 18))
    return partnership


def meetings() -> list[tuple[str, int | None, date | None, str | None, str | None, str]]:
    return [(m.type.value, m.number, m.held_on, m.title, m.summary, m.format.value)
            for m in db.session.scalars(sa.select(Meeting).order_by(Meeting.type, Meeting.number, Meeting.held_on))]


def test_the_partnership_page_offers_the_import_and_its_template(signed_in, partnership):
    assert f'href="{URL}"' in signed_in.get("/partnerships/asean-pakistan").get_data(as_text=True)
    page = signed_in.get(URL).get_data(as_text=True)
    assert 'href="/meetings/import-template.xlsx"' in page and 'href="/meetings/import-template.csv"' in page
    template = signed_in.get("/meetings/import-template.csv").data.decode("utf-8-sig")
    assert template == "Date,Type,Number,Title,Summary\r\n"
    assert signed_in.get("/meetings/import/no-such-partnership").status_code == 404


def test_past_meetings_are_previewed_then_imported_whole_and_a_second_time_change_nothing(signed_in, partnership):
    page = journey.upload(signed_in, URL, xlsx(SHEET)).get_data(as_text=True)
    assert "3 to create, 0 to change, 1 already there." in said(page)
    assert "Already there" in row(page, 4)
    done = journey.confirm(signed_in, URL, page).get_data(as_text=True)
    assert "Import saved: 3 created, 0 changed, 1 already there" in done
    assert meetings() == [
        ("courtesy_call", None, date(2024, 3, 25), "Courtesy call by the Ambassador of Pakistan",
         "Trade, investment, education, culture and people-to-people exchanges", "in_person"),
        ("jscc", 1, date(1999, 2, 5), "1st JSCC", "First meeting, in Bali", "in_person"),
        ("jscc", 6, None, None, None, "in_person"),
        ("jscc", 7, date(2023, 9, 18), None, None, "in_person"),
    ]
    assert journey.audited(SOURCE, "create") == 3

    again = journey.upload(signed_in, URL, csv_bytes(SHEET), "meetings.csv").get_data(as_text=True)
    assert "0 to create, 0 to change, 4 already there." in said(again)
    assert "Import saved: 0 created, 0 changed, 4 already there" in \
        journey.confirm(signed_in, URL, again).get_data(as_text=True)
    assert len(meetings()) == 4 and journey.audited(SOURCE) == 3


def test_a_row_with_a_problem_says_it_beside_the_row_and_nothing_is_saved(signed_in, partnership):
    rows = [
        HEADINGS,
        ["2024-03-25", "Tea party", "", "", ""],                        # row 2
        ["2024-03-25", "JSCC", "", "", ""],                             # row 3
        ["", "Courtesy call", "", "", ""],                              # row 4
        ["2024-03-25", "Courtesy call", "3", "", ""],                   # row 5
        ["1 September 2023", "JSCC", "7", "", ""],                      # row 6
        ["2024-04-01", "JSCC", "seventh", "", ""],                      # row 7
        ["2024-03-25", "Summit", "", "x" * 301, ""],                    # row 8
        ["26 March 2024", "summit", "", "", ""],                        # row 9
        ["2024-03-26", "Summit", "", "", ""],                           # row 10
        ["30 February 2024", "Summit", "", "", ""],                     # row 11
    ]
    page = journey.upload(signed_in, URL, xlsx(rows)).get_data(as_text=True)
    assert beside(page, "file", "9 rows have a problem – correct the file where the preview shows it, then upload "
                                "it again")
    expected = {
        2: "Type Tea party must be one of: Courtesy call, Presentation of credentials, Joint Cooperation Committee "
           "(JCC), Joint Sectoral Cooperation Committee (JSCC), Development Partnership Committee (DPC), Senior "
           "officials' dialogue, Ministerial (Post Ministerial Conference), Summit, Trilateral, Working group, Other",
        3: "Enter the number of the JSCC",
        4: "Enter the date of the meeting",
        5: "Only JCC, JSCC and DPC meetings have a number – leave the number blank",
        6: "The 7th JSCC for ASEAN–Pakistan is recorded on 18 September 2023 – correct the date in the file, or on "
           "the meeting's page",
        7: "Number must be a whole number",
        8: "Title must be 300 characters or less",
        10: "The summit of 26 March 2024 is also in row 9 – keep one of them",
        11: "Date of the meeting 30 February 2024 must be a real date, like 4 March 2025 or 2025-03-04",
    }
    for number, message in expected.items():
        assert str(escape(message)) in row(page, number), number
    assert "To be created" in row(page, 9)
    assert "Confirm import" not in page
    refused = journey.confirm(signed_in, URL, page).get_data(as_text=True)
    assert beside(refused, "file", "9 rows have a problem – correct the file where the preview shows it, then "
                                   "upload it again")
    assert len(meetings()) == 1 and journey.audited(SOURCE) == 0


def test_a_viewer_cannot_import_and_is_not_offered_it(partnership, as_role):
    viewer = as_role("viewer")
    assert viewer.get(URL).status_code == 403
    assert f'href="{URL}"' not in viewer.get("/partnerships/asean-pakistan").get_data(as_text=True)
