"""Importing a plan's structure from a spreadsheet in the template, and exporting it in that template."""

import io
import re
from html import unescape

import pytest
import sqlalchemy as sa
from markupsafe import escape
from openpyxl import Workbook, load_workbook

from app.extensions import db
from app.imports.messages import NOT_A_SPREADSHEET, TOO_MUCH, UNKNOWN_ENCODING, missing_columns
from app.models import ActionLine, AuditEntry, Pillar
from app.plans.structure_file import COLUMNS
from app.plans.structure_import import FILE_IMPORT_SOURCE
from tests.plans.helpers import beside
from tests.plans.test_structure_import import structure

#: 2 pillars, 3 areas, 7 action lines (12 records), with a blank row, repeats left blank, an area without lines
#: given first and a trailing dot on a code.
SHEET = [
    list(COLUMNS),
    ["Political-Security", "1.1", "Counter-terrorism", "1.1.1", "Exchange information on terrorist financing."],
    ["", "1.1", "", "1.1.2", "Hold a joint workshop on violent extremism online."],
    [None, None, None, None, None],
    ["", "", "", "1.1.3.", "Train law enforcement officers."],
    ["Economic", "2.2", "Investment", "", ""],
    ["Economic", "2.1", "Trade", "2.1.1", "Convene a business forum."],
    ["Economic", "2.1", "Trade", "2.1.2", "Study trade complementarities."],
    ["Economic", "2.2", "Investment", "2.2.1", "Share information on investment regimes."],
    ["Economic", "2.2", "Investment", "2.2.2", "Organise investment roadshows."],
]


@pytest.fixture
def plan(make, pakistan):
    return make.plan(pakistan)


def xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(visitor, plan, content: bytes, name: str):
    url = f"/plans/{plan.id}/import/file"
    return visitor.submit(url, {"file": (io.BytesIO(content), name), "action": "preview"})


def confirm(visitor, plan, page: str):
    fields = {name: unescape(value) for name, value in re.findall(
        r'<input[^>]*name="(csrf_token|previewed|form_token|rows)"[^>]*value="([^"]*)"', page)}
    assert set(fields) == {"csrf_token", "previewed", "form_token", "rows"}
    return visitor.client.post(f"/plans/{plan.id}/import/file", data={**fields, "action": "confirm"},
                               follow_redirects=True)


def test_the_template_downloads_with_its_headings(signed_in):
    response = signed_in.get("/plans/structure-template.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [list(COLUMNS)]


def test_an_xlsx_file_is_previewed_then_imported_whole_and_again_nothing(signed_in, plan):
    page = upload(signed_in, plan, xlsx(SHEET), "structure.xlsx").get_data(as_text=True)
    assert "12 to create, 0 already in the plan." in page
    assert db.session.scalar(sa.select(sa.func.count(Pillar.id))) == 0
    assert "Structure imported: 12 created, 0 already there" in confirm(signed_in, plan, page).get_data(as_text=True)
    assert structure(plan) == [
        ("Political-Security", "1.1", "Counter-terrorism", [
            ("1.1.1", "Exchange information on terrorist financing."),
            ("1.1.2", "Hold a joint workshop on violent extremism online."),
            ("1.1.3", "Train law enforcement officers."),
        ]),
        ("Economic", "2.2", "Investment", [("2.2.1", "Share information on investment regimes."),
                                           ("2.2.2", "Organise investment roadshows.")]),
        ("Economic", "2.1", "Trade", [("2.1.1", "Convene a business forum."),
                                      ("2.1.2", "Study trade complementarities.")]),
    ]
    assert db.session.scalar(
        sa.select(sa.func.count(AuditEntry.id)).where(AuditEntry.source == FILE_IMPORT_SOURCE)) == 12
    again = upload(signed_in, plan, xlsx(SHEET), "structure.xlsx").get_data(as_text=True)
    assert "0 to create, 12 already in the plan." in again


def csv_bytes(rows, encoding: str) -> bytes:
    return "\r\n".join(",".join(cell or "" for cell in row) for row in rows).encode(encoding)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_a_csv_file_in_utf_8_with_or_without_bom_or_windows_1252(signed_in, plan, encoding):
    rows = [list(COLUMNS), ["Socio-Cultural", "3.4", "Culture", "3.4.1", "Hold a cultural week – “ASEAN–Pakistan”."]]
    page = upload(signed_in, plan, csv_bytes(rows, encoding), "structure.csv").get_data(as_text=True)
    assert "3 to create, 0 already in the plan." in page
    confirm(signed_in, plan, page)
    assert structure(plan) == [
        ("Socio-Cultural", "3.4", "Culture", [("3.4.1", "Hold a cultural week – “ASEAN–Pakistan”.")]),
    ]


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)


@pytest.mark.parametrize(("content", "name", "message"), [
    (PNG, "structure.xlsx", NOT_A_SPREADSHEET),  # a picture renamed
    (PNG, "structure.csv", NOT_A_SPREADSHEET),
    (b"PK\x03\x04" + bytes(40), "structure.xlsx", NOT_A_SPREADSHEET),  # looks like a zip, is not one
    (csv_bytes(SHEET[:2], "utf-8"), "structure.txt", NOT_A_SPREADSHEET),
    (b"Pillar,Area,Line\r\nEconomic,2.1,2.1.1", "structure.csv",
     missing_columns(["Area code", "Line code", "Action line"], list(COLUMNS))),
    (bytes(COLUMNS[0], "ascii") + b",Area code,Area,Line code,Action line\r\n\x81\x8d", "structure.csv",
     UNKNOWN_ENCODING),
    (b"", "", "Select a spreadsheet file (XLSX or CSV) in the template"),
])
def test_a_file_that_is_not_the_template_is_refused_with_a_message(signed_in, plan, content, name, message):
    page = upload(signed_in, plan, content, name).get_data(as_text=True)
    assert beside(page, "file", str(escape(message)))
    assert "Confirm import" not in page
    assert db.session.scalar(sa.select(sa.func.count(Pillar.id))) == 0


def test_a_file_over_the_limit_is_refused(signed_in, plan, app, monkeypatch):
    monkeypatch.setitem(app.config, "IMPORT_MAX_BYTES", 2048)
    content = csv_bytes([list(COLUMNS)] + [["Economic", "2.1", "Trade", f"2.1.{n}", "x" * 40] for n in range(60)],
                        "utf-8")
    assert len(content) > 2048
    assert beside(upload(signed_in, plan, content, "big.csv").get_data(as_text=True), "file",
                  "The file must be smaller than 2 KB")


def test_a_problem_row_is_shown_with_its_spreadsheet_row(signed_in, plan):
    rows = [list(COLUMNS), ["Economic", "2.1", "Trade", "2.1.1", "Forum."], ["Economic", "", "", "2.9.1", "Orphan."]]
    page = upload(signed_in, plan, xlsx(rows), "structure.xlsx").get_data(as_text=True)
    assert beside(page, "file", "1 row has a problem – correct the file where the preview shows it, then preview again")
    shown = re.search(r'<tr id="row-4".*?</tr>', page, re.S)
    assert shown is not None
    assert '<td class="text-end">3</td>' in shown.group(0)  # row 3 of the spreadsheet
    assert "Area 2.9 is not in the file or the plan – add it above action line 2.9.1" in shown.group(0)


def test_a_plan_exported_then_imported_into_a_new_plan_gets_the_same_structure(signed_in, plan, make, pakistan):
    economic = make.pillar(plan, "Economic", position=1)
    make.pillar(plan, "Connectivity", position=2)  # no areas yet
    trade = make.area(plan, economic, code="2.1", name="Trade", position=1)
    make.area(plan, economic, code="2.2", name="Investment", position=2)  # no lines yet
    make.action_line(trade, code="2.1.1", text="=HYPERLINK(\"http://example.com\")", position=1)
    make.action_line(trade, code="2.1.2", text="Customs cooperation", position=2)
    exported = signed_in.get(f"/plans/{plan.id}/structure.xlsx")
    assert exported.headers["Content-Disposition"].endswith("_2024-2028_structure.xlsx")
    successor = make.plan(pakistan, label="2029-2033", state="draft")
    page = upload(signed_in, successor, exported.data, "structure.xlsx").get_data(as_text=True)
    assert "6 to create, 0 already in the plan." in page  # 2 pillars, 2 areas, 2 lines
    confirm(signed_in, successor, page)
    assert structure(successor) == structure(plan) == [
        ("Economic", "2.1", "Trade", [("2.1.1", "=HYPERLINK(\"http://example.com\")"),
                                      ("2.1.2", "Customs cooperation")]),
        ("Economic", "2.2", "Investment", []),
    ]
    assert db.session.scalar(sa.select(Pillar.name).where(Pillar.plan_id == successor.id, Pillar.position == 2)) \
        == "Connectivity"
    assert db.session.scalar(sa.select(sa.func.count(ActionLine.id))) == 4


def test_an_xlsx_file_that_unpacks_to_far_more_than_its_size_is_refused(signed_in, plan, app, monkeypatch):
    monkeypatch.setitem(app.config, "IMPORT_MAX_BYTES", 8192)
    content = xlsx([list(COLUMNS)] + [["Economic", "2.1", "Trade", f"2.1.{n}", "a" * 25_000] for n in range(8)])
    # 200,000 letters a pack into little, and unpack to more than 20 times 8 KB (163,840 bytes).
    assert len(content) < 8192
    page = upload(signed_in, plan, content, "structure.xlsx").get_data(as_text=True)
    assert beside(page, "file", str(TOO_MUCH))


def test_a_csv_file_saved_with_semicolons(signed_in, plan):
    content = ("Pillar;Area code;Area;Line code;Action line\r\n"
               "Economic;2.7;Customs;2.7.1;Exchange customs practice, and risk management.\r\n")
    page = upload(signed_in, plan, content.encode(), "structure.csv").get_data(as_text=True)
    confirm(signed_in, plan, page)
    assert structure(plan) == [
        ("Economic", "2.7", "Customs", [("2.7.1", "Exchange customs practice, and risk management.")]),
    ]


def test_rows_of_a_pillar_apart_in_the_file_stay_under_their_own_pillar(signed_in, plan):
    rows = [list(COLUMNS), ["Economic", "2.1", "Trade", "2.1.1", "Forum."],
            ["Socio-Cultural", "3.1", "Culture", "3.1.1", "Cultural week."],
            ["Economic", "2.2", "Investment", "2.2.1", "Roadshows."]]
    page = upload(signed_in, plan, xlsx(rows), "structure.xlsx").get_data(as_text=True)
    assert "8 to create, 0 already in the plan." in page  # 2 pillars, 3 areas, 3 lines
    confirm(signed_in, plan, page)
    assert structure(plan) == [
        ("Economic", "2.1", "Trade", [("2.1.1", "Forum.")]),
        ("Economic", "2.2", "Investment", [("2.2.1", "Roadshows.")]),
        ("Socio-Cultural", "3.1", "Culture", [("3.1.1", "Cultural week.")]),
    ]
