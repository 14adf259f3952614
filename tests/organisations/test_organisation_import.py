"""Importing organisations from a spreadsheet: previewed row by row, saved whole on confirming, matched by name
ignoring case so that a second import of the same file changes nothing, every record audited as the import's."""

import base64
import codecs
import io
import zlib

import pytest
import sqlalchemy as sa
from markupsafe import escape
from openpyxl import load_workbook

from app.extensions import db
from app.imports.preview import pack_rows
from app.imports.table import SheetRow
from app.models import Organisation
from app.organisations.importer import OrganisationImporter
from tests.imports import journey
from tests.imports.files import csv_bytes, xlsx
from tests.imports.journey import row
from tests.plans.helpers import beside

URL = "/organisations/import"
SOURCE = "Import of organisations from a file"
HEADINGS = ["Name", "Short name", "Kind", "ISO 3166 code"]
SHEET = [
    HEADINGS,
    ["Kingdom of Norway", "Norway", "Country", "no"],
    ["Gulf Cooperation Council", "GCC", "regional organisation", ""],
    ["Ministry of Foreign Affairs of Pakistan", "MOFA Pakistan", "Ministry", None],
]


def upload(visitor, content: bytes, name: str = "organisations.xlsx"):
    return journey.upload(visitor, URL, content, name)


def confirm(visitor, page: str, **changed):
    return journey.confirm(visitor, URL, page, **changed)


def organisations() -> list[tuple[str, str, str, str | None]]:
    return [(o.name, o.short_name, o.kind.value, o.iso_code)
            for o in db.session.scalars(sa.select(Organisation).order_by(Organisation.name))]


def audited(action: str | None = None) -> int:
    return journey.audited(SOURCE, action)


def test_the_list_page_offers_the_import_and_its_template(signed_in):
    page = signed_in.get("/organisations/").get_data(as_text=True)
    assert 'href="/organisations/import"' in page
    xlsx_file = signed_in.get("/organisations/import-template.xlsx")
    assert [list(r) for r in load_workbook(io.BytesIO(xlsx_file.data)).active.iter_rows(values_only=True)] \
        == [HEADINGS]
    csv_file = signed_in.get("/organisations/import-template.csv")
    assert csv_file.data == codecs.BOM_UTF8 + b"Name,Short name,Kind,ISO 3166 code\r\n"
    assert signed_in.get("/organisations/import-template.pdf").status_code == 404


def test_a_file_is_previewed_then_imported_whole_and_a_second_time_changes_nothing(signed_in):
    page = upload(signed_in, xlsx(SHEET)).get_data(as_text=True)
    assert "3 to create, 0 to change, 0 already there. Nothing is saved until you confirm the import." in \
        " ".join(page.split())
    assert organisations() == []
    done = confirm(signed_in, page).get_data(as_text=True)
    assert "Import saved: 3 created, 0 changed, 0 already there" in done
    assert organisations() == [
        ("Gulf Cooperation Council", "GCC", "regional_organisation", None),
        ("Kingdom of Norway", "Norway", "country", "NO"),
        ("Ministry of Foreign Affairs of Pakistan", "MOFA Pakistan", "ministry", None),
    ]
    assert audited("create") == 3

    again = upload(signed_in, xlsx(SHEET)).get_data(as_text=True)
    assert "0 to create, 0 to change, 3 already there." in " ".join(again.split())
    assert "Import saved: 0 created, 0 changed, 3 already there" in confirm(signed_in, again).get_data(as_text=True)
    assert len(organisations()) == 3
    assert audited() == 3


def test_a_name_in_other_capitals_is_the_same_organisation_and_its_differences_will_change(signed_in, make):
    make.organisation(name="Kingdom of Norway", short_name="NOR", kind="other", iso_code=None)
    rows = [HEADINGS, ["KINGDOM OF NORWAY", "Norway", "Country", "NO"]]
    page = upload(signed_in, csv_bytes(rows), "organisations.csv").get_data(as_text=True)
    assert "0 to create, 1 to change, 0 already there." in " ".join(page.split())
    shown = row(page, 2)
    assert "Will change" in shown
    for change in ("Short name: NOR → Norway", "Kind: Other → Country", "ISO 3166 code: none → NO"):
        assert f"<li>{change}</li>" in shown
    assert "Import saved: 0 created, 1 changed, 0 already there" in confirm(signed_in, page).get_data(as_text=True)
    assert organisations() == [("Kingdom of Norway", "Norway", "country", "NO")]
    assert audited("update") == 1


def test_a_blank_iso_code_leaves_the_organisations_code_as_it_is(signed_in, make):
    make.organisation(name="Kingdom of Norway", short_name="Norway", kind="country", iso_code="NO")
    page = upload(signed_in, xlsx([HEADINGS[:3], ["Kingdom of Norway", "Norway", "Country"]])).get_data(as_text=True)
    assert "0 to create, 0 to change, 1 already there." in " ".join(page.split())


def test_every_row_with_a_problem_says_it_beside_the_row_and_nothing_can_be_confirmed(signed_in, make):
    make.organisation(name="Islamic Republic of Pakistan", short_name="Pakistan", iso_code="PK")
    rows = [
        HEADINGS,
        ["", "Nameless", "Country", "XA"],                           # row 2
        ["Republic of Chile", "Chile", "Nation", "CL"],              # row 3
        ["Republic of Peru", "Peru", "Country", ""],                 # row 4
        ["Pakistan Mission", "PK Mission", "Country", "pk"],         # row 5
        ["Republic of Chile", "Chile", "Country", "CL"],             # row 6
        ["republic of chile", "Chile", "Country", "CL"],             # row 7
        ["Republic of Kenya", "Kenya", "Country", "KEN"],            # row 8
        ["Kenya Office", "Kenya", "Other", "CL"],                    # row 9
        ["Republic of Korea", "Korea", "Country", "KR"],             # row 10
    ]
    page = upload(signed_in, xlsx(rows)).get_data(as_text=True)
    assert beside(page, "file", "7 rows have a problem – correct the file where the preview shows it, then upload "
                                "it again")
    expected = {
        2: "Enter the name of the organisation",
        3: "Kind Nation must be one of: Regional organisation, Country, International organisation, Ministry, Other",
        4: "Enter the ISO 3166 code of the country",
        5: "ISO 3166 code PK is already used by Islamic Republic of Pakistan",
        7: "republic of chile is also in row 6 – keep one of them",
        8: "ISO 3166 country code must be 2 characters or less",
        9: "ISO 3166 code CL is also in row 6 – keep one of them",
    }
    for number, message in expected.items():
        assert str(escape(message)) in row(page, number), number
    assert "To be created" in row(page, 6) and "To be created" in row(page, 10)
    assert "2 to create, 0 to change, 0 already there, 7 with a problem." in " ".join(page.split())
    assert "Confirm import" not in page
    assert len(organisations()) == 1


def test_a_formula_cell_is_a_problem_of_its_row(signed_in):
    page = upload(signed_in, xlsx([HEADINGS, ["Kingdom of Norway", "=UPPER(A2)", "Country", "NO"]])).get_data(
        as_text=True)
    assert "Cell B2 holds a formula (=UPPER(A2)) – type the value itself instead of the formula" in row(page, 2)


def test_an_organisation_added_since_the_preview_is_not_added_twice(signed_in, make):
    page = upload(signed_in, xlsx(SHEET)).get_data(as_text=True)
    make.organisation(name="Gulf Cooperation Council", short_name="GCC", kind="regional_organisation", iso_code=None)
    again = confirm(signed_in, page).get_data(as_text=True)
    assert beside(again, "file", "The records changed since the preview – check the new preview below and confirm "
                                 "the import again")
    assert "2 to create, 0 to change, 1 already there." in " ".join(again.split())
    assert len(organisations()) == 1 and audited() == 0
    assert "Import saved: 2 created, 0 changed, 1 already there" in confirm(signed_in, again).get_data(as_text=True)
    assert len(organisations()) == 3


@pytest.mark.parametrize("rows", ["", "not json", '[[2, {"Name": "X"}, []]]', "[]"])
def test_a_confirmation_whose_rows_were_altered_asks_for_the_file_again(signed_in, rows):
    page = upload(signed_in, xlsx(SHEET)).get_data(as_text=True)
    answer = confirm(signed_in, page, rows=rows).get_data(as_text=True)
    assert beside(answer, "file", "Upload the file again and preview the import")
    assert organisations() == []


def test_a_confirmation_with_rows_other_than_the_preview_saves_nothing(signed_in):
    page = upload(signed_in, xlsx(SHEET)).get_data(as_text=True)
    other = pack_rows([SheetRow(2, {"Name": "Republic of Chile", "Short name": "Chile", "Kind": "Country",
                                    "ISO 3166 code": "CL"})])
    answer = confirm(signed_in, page, rows=other).get_data(as_text=True)
    assert "The records changed since the preview" in answer
    assert organisations() == []


def test_rows_that_unpack_to_more_than_a_file_could_are_refused(signed_in):
    page = upload(signed_in, xlsx(SHEET)).get_data(as_text=True)
    bomb = base64.urlsafe_b64encode(zlib.compress(b"[" + b" " * (100 * 1024 * 1024) + b"]", 9)).decode()
    assert len(bomb) < 200_000
    answer = confirm(signed_in, page, rows=bomb).get_data(as_text=True)
    assert beside(answer, "file", "Upload the file again and preview the import")


def test_a_windows_1252_csv_file_with_accents_and_semicolons(signed_in):
    rows = [HEADINGS, ["République de Côte d’Ivoire", "Côte d’Ivoire", "Country", "CI"]]
    page = upload(signed_in, csv_bytes(rows, "cp1252", ";"), "organisations.csv").get_data(as_text=True)
    confirm(signed_in, page)
    assert organisations() == [("République de Côte d’Ivoire", "Côte d’Ivoire", "country", "CI")]


def test_the_importer_lists_its_columns_for_the_template():
    assert [column.heading for column in OrganisationImporter.columns] == HEADINGS


def test_a_viewer_cannot_import_and_is_not_offered_it(as_role):
    viewer = as_role("viewer")
    assert viewer.get(URL).status_code == 403
    assert 'href="/organisations/import"' not in viewer.get("/organisations/").get_data(as_text=True)
