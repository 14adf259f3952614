"""Importing people and their posts from a spreadsheet: one row per post, a person matched by name whatever its
capitals, accents or honorifics, a post matched by person, organisation, title and start date, so that a second
import of the same file changes nothing; every record audited as the import's."""

import codecs
import io
from datetime import date

import pytest
import sqlalchemy as sa
from markupsafe import escape
from openpyxl import load_workbook

from app.extensions import db
from app.models import Person, Position
from tests.imports import journey
from tests.imports.files import csv_bytes, xlsx
from tests.imports.journey import row, said
from tests.plans.helpers import beside

URL = "/people/import"
SOURCE = "Import of people from a file"
HEADINGS = ["Full name", "Honorific", "Email address", "Organisation", "Title of the post", "Start date", "End date"]
SHEET = [
    HEADINGS,
    ["ameer khurram rathore", "", "", "pakistan", "Ambassador of Pakistan to ASEAN", "15 January 2024", ""],
    ["Astanah Abdul Aziz", "Dato'", "Astanah@ASEAN.example", "ASEAN Secretariat",
     "Deputy Secretary-General for the Political-Security Community", "01/01/2024", ""],
    ["Astanah Abdul-Áziz", "", "", "asean secretariat", "Director", "2018-06-01", "31/12/2023"],
]


@pytest.fixture
def desk(make):
    """Pakistan and the ASEAN Secretariat, and the ambassador with the post he held before."""
    pakistan = make.organisation(name="Islamic Republic of Pakistan", short_name="Pakistan", iso_code="PK")
    secretariat = make.organisation(name="ASEAN Secretariat", short_name="ASEC", kind="regional_organisation")
    rathore = make.person(full_name="Ameer Khurram Rathore", honorific="H.E.")
    make.position(rathore, pakistan, title="Secretary for Asia-Pacific", starts_on=date(2021, 5, 1),
                  ends_on=date(2024, 1, 14))
    return pakistan, secretariat


def upload(visitor, content: bytes, name: str = "people.xlsx"):
    return journey.upload(visitor, URL, content, name).get_data(as_text=True)


def confirm(visitor, page: str) -> str:
    return journey.confirm(visitor, URL, page).get_data(as_text=True)


def posts() -> list[tuple[str, str | None, str | None, str, str, date | None, date | None]]:
    return [(p.person.full_name, p.person.honorific, p.person.email, p.organisation.short_name, p.title, p.starts_on,
             p.ends_on)
            for p in db.session.scalars(sa.select(Position).join(Position.person)
                                        .order_by(Person.full_name, Position.starts_on))]


def people() -> int:
    return db.session.scalar(sa.select(sa.func.count(Person.id)))


def test_the_list_page_offers_the_import_and_its_template(signed_in):
    assert 'href="/people/import"' in signed_in.get("/people/").get_data(as_text=True)
    page = signed_in.get(URL).get_data(as_text=True)
    assert 'href="/people/import-template.xlsx"' in page and 'href="/people/import-template.csv"' in page
    xlsx_file = signed_in.get("/people/import-template.xlsx")
    assert [list(r) for r in load_workbook(io.BytesIO(xlsx_file.data)).active.iter_rows(values_only=True)] \
        == [HEADINGS]
    assert signed_in.get("/people/import-template.csv").data == codecs.BOM_UTF8 + (
        ",".join(HEADINGS) + "\r\n").encode()
    assert signed_in.get("/people/import-template.pdf").status_code == 404


def test_people_and_posts_are_previewed_then_imported_whole_and_a_second_time_changes_nothing(signed_in, desk):
    page = upload(signed_in, xlsx(SHEET))
    assert "3 to create, 0 to change, 0 already there. Nothing is saved until you confirm the import." in said(page)
    assert "Adds the post to H.E. Ameer Khurram Rathore, already there" in row(page, 2)
    assert "Adds the person Dato&#39; Astanah Abdul Aziz" in row(page, 3)
    assert "Adds the post to the person added by row 3" in row(page, 4)
    assert people() == 1

    assert "Import saved: 3 created, 0 changed, 0 already there" in confirm(signed_in, page)
    assert posts() == [
        ("Ameer Khurram Rathore", "H.E.", None, "Pakistan", "Secretary for Asia-Pacific", date(2021, 5, 1),
         date(2024, 1, 14)),
        ("Ameer Khurram Rathore", "H.E.", None, "Pakistan", "Ambassador of Pakistan to ASEAN", date(2024, 1, 15),
         None),
        ("Astanah Abdul Aziz", "Dato'", "astanah@asean.example", "ASEC", "Director", date(2018, 6, 1),
         date(2023, 12, 31)),
        ("Astanah Abdul Aziz", "Dato'", "astanah@asean.example", "ASEC",
         "Deputy Secretary-General for the Political-Security Community", date(2024, 1, 1), None),
    ]
    assert people() == 2
    assert journey.audited(SOURCE, "create") == 4  # one person and three posts

    again = upload(signed_in, csv_bytes(SHEET), "people.csv")
    assert "0 to create, 0 to change, 3 already there." in said(again)
    assert "Import saved: 0 created, 0 changed, 3 already there" in confirm(signed_in, again)
    assert len(posts()) == 4 and people() == 2
    assert journey.audited(SOURCE) == 4


def test_a_row_with_a_problem_says_it_beside_the_row_and_nothing_is_saved(signed_in, desk, make):
    make.organisation(name="Kingdom of Thailand", short_name="Thailand", iso_code="TH", archived_at=date(2024, 1, 1))
    make.person(full_name="Maria Santos")
    make.person(full_name="MARIA SANTOS", honorific="Dr")
    rows = [
        HEADINGS,
        ["Jane Doe", "", "", "Republic of Atlantis", "Envoy", "", ""],                        # row 2
        ["Jane Doe", "", "jane@", "Pakistan", "Envoy", "", ""],                               # row 3
        ["Jane Doe", "", "", "Pakistan", "Envoy", "1 May 2024", "1 April 2024"],              # row 4
        ["Jane Doe", "", "", "Pakistan", "", "31/02/2024", ""],                               # row 5
        ["Jane Doe", "", "", "Thailand", "Envoy", "", ""],                                    # row 6
        ["Maria Santos", "", "", "Pakistan", "Envoy", "", ""],                                # row 7
        ["John Roe", "Mr", "", "Pakistan", "Counsellor", "2024-03-04", ""],                   # row 8
        ["john roe", "", "", "PAKISTAN", "counsellor", "4 March 2024", ""],                   # row 9
    ]
    page = upload(signed_in, xlsx(rows))
    assert beside(page, "file", "7 rows have a problem – correct the file where the preview shows it, then upload "
                                "it again")
    expected = {
        2: "Organisation Republic of Atlantis is not in the list of organisations – add it first, or write its name "
           "as the list shows it",
        3: "Enter an email address in the correct format, like name@example.org",
        4: "End date must be the same as or after 1 May 2024, the start date",
        5: "Start date 31/02/2024 must be a real date, like 4 March 2025 or 2025-03-04",
        6: "Organisation Kingdom of Thailand is archived – restore it before adding posts at it",
        7: "2 people are called Maria Santos: Maria Santos, Dr MARIA SANTOS – add this post on the person's page",
        9: "The post of counsellor at Pakistan of john roe is also in row 8 – keep one of them",
    }
    for number, message in expected.items():
        assert str(escape(message)) in row(page, number), number
    assert "To be created" in row(page, 8)
    assert "Confirm import" not in page

    refused = confirm(signed_in, page)
    assert beside(refused, "file", "7 rows have a problem – correct the file where the preview shows it, then "
                                   "upload it again")
    assert people() == 3 and len(posts()) == 1 and journey.audited(SOURCE) == 0


def test_a_blank_title_is_asked_for_as_the_post_form_asks(signed_in, desk):
    page = upload(signed_in, xlsx([HEADINGS, ["Jane Doe", "", "", "Pakistan", "", "", ""]]))
    assert "Enter the title of the post" in row(page, 2)


def test_a_viewer_cannot_import_and_is_not_offered_it(as_role):
    viewer = as_role("viewer")
    assert viewer.get(URL).status_code == 403
    assert 'href="/people/import"' not in viewer.get("/people/").get_data(as_text=True)
