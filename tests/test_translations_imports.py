"""Every visible word of the import pages goes through the translations: people, organisations, a plan's status
history and structure, a partnership's past meetings; each page empty, refusing each kind of file, previewing rows to
create, to change, already there and with a problem, and saying what was saved once confirmed. Opened in the
pseudo-language of tests/test_translations.py, with data between ‹ and ›."""

import io
import re
from datetime import date, timedelta
from html import unescape

import pytest
from openpyxl import Workbook

from app.models import MeetingType
from tests.conftest import FormFiller
from tests.imports.files import csv_bytes, with_sheet_xml, xlsx
from tests.test_translations import in_pseudo_indonesian, pseudo_app, pseudo_app_made, untranslated
from tests.translations import compiled_catalogues

__all__ = ["pseudo_app", "pseudo_app_made"]  # the fixtures, found by pytest by their names here

TODAY = date.today()
PEOPLE, ORGANISATIONS = "/people/import", "/organisations/import"
ORGANISATION_HEADINGS = ["Name", "Short name", "Kind", "ISO 3166 code"]
#: The template's headings, on the page as the file must hold them: in English in every language, marked so.
ENGLISH = re.compile(r'(<(?:span|th scope="col") lang="en">)([^<]*)(</(?:span|th)>)')
#: The links to the template, inside the sentence that offers them: one message, its tags taken out.
LINKS = re.compile(r"</?a\b[^>]*>")


def words_left(html: str, *cells: str) -> list[str]:
    """What is left untranslated on an import page, once the template's headings and ``cells`` are taken as data:
    the values of the file's cells the preview shows as typed (a kind or a status in the template's English words,
    an ISO code)."""
    html = LINKS.sub("", ENGLISH.sub(r"\1‹\2›\3", html))
    for cell in cells:
        html = html.replace(f"<td>{cell}</td>", f"<td>‹{cell}›</td>")
    return untranslated(html)


def beside_the_file(html: str) -> str:
    """The message beside the file field, after its "Error:" for screen readers."""
    found = re.search(r'<p id="file-error"[^>]*>\s*<span class="visually-hidden">[^<]*</span> (.*?)</p>', html,
                      flags=re.DOTALL)
    assert found, "no message beside the file"
    return unescape(found.group(1))


def the_flash(html: str) -> str:
    found = re.search(r'<div class="alert alert-success[^>]*>(.*?)</div>', html, flags=re.DOTALL)
    assert found, "no message after saving"
    return found.group(0)


def upload(visitor: FormFiller, url: str, content: bytes, name: str = "import.xlsx") -> str:
    response = visitor.submit(url, {"file": (io.BytesIO(content), name), "action": "preview"})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def confirm(visitor: FormFiller, url: str, page: str, **changed: str) -> str:
    fields = {name: unescape(value) for name, value in re.findall(
        r'<input[^>]*name="(csrf_token|previewed|form_token|rows)"[^>]*value="([^"]*)"', page)}
    response = visitor.client.post(url, data={**fields, **changed, "action": "confirm"}, follow_redirects=True)
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.fixture
def desk(pseudo_app, make):
    """An editor reading the pseudo-language; ‹Norway›, a ministry (no ISO code: two capitals are not data), with its
    ambassador; a plan of ASEAN–‹Pakistan› in force with area 2.1 and action line 2.1.1 (its status recorded once),
    and the 7th JSCC."""
    visitor = in_pseudo_indonesian(pseudo_app, make)
    norway = make.organisation(name="‹Kingdom of Norway›", short_name="‹Norway›", kind="ministry")
    make.position(make.person(full_name="‹Kari Nordmann›"), norway, title="‹Ambassador›", starts_on=date(2024, 1, 15))
    pakistan = make.partnership(make.organisation(name="‹Islamic Republic of Pakistan›", short_name="‹Pakistan›"),
                                slug="asean-pakistan")
    plan = make.plan(pakistan, title="‹Practical Cooperation Areas›", starts_on=TODAY - timedelta(days=800),
                     ends_on=TODAY + timedelta(days=700))
    area = make.area(plan, make.pillar(plan, name="‹Economic›"), code="2.1", name="‹Trade›")
    line = make.action_line(area, code="2.1.1", text="‹Customs cooperation›")
    make.status_update(visitor.user, action_line=line, status="being_addressed", note="‹Started›",
                       as_of=TODAY - timedelta(days=30))
    make.meeting(pakistan, type=MeetingType.JSCC, number=7, held_on=date(2024, 9, 18))
    visitor.plan, visitor.partnership = plan, pakistan
    return visitor


def import_pages(desk) -> list[str]:
    return [PEOPLE, ORGANISATIONS, f"/plans/{desk.plan.id}/status/import", f"/plans/{desk.plan.id}/import/file",
            f"/meetings/import/{desk.partnership.slug}"]


def test_every_word_of_the_import_pages_is_translated_before_a_file_is_chosen(desk):
    for url in import_pages(desk):
        response = desk.get(url)
        assert response.status_code == 200, url
        page = response.get_data(as_text=True)
        assert words_left(page) == [], url
        assert "⟦Preview import⟧" in page, url
    page = desk.get(ORGANISATIONS).get_data(as_text=True)
    assert "⟦An XLSX or CSV file smaller than 1.024 KB, with up to 10.000 rows⟧" in page  # in Indonesian digits
    # The headings stay the template's, in English, as the file must hold them; what each holds is translated.
    assert '<span lang="en">ISO 3166 code</span> ⟦(optional)⟧' in page
    assert "⟦Two letters, for a country: PK⟧" in page


def far_to_the_right() -> bytes:
    workbook = Workbook()
    workbook.active.append(ORGANISATION_HEADINGS)
    for row in range(2, 600):  # a sheet 600 rows by 16,384 columns: too many cells to build
        workbook.active.cell(row, 1, "x")
    workbook.active["XFD1"] = "far"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


#: A file each import refuses whole, and the start of what it says beside the file (the pseudo-language's).
REFUSED = [
    (b"%PDF-1.7\n1 0 obj", "organisations.pdf", "⟦The file must be a spreadsheet saved as XLSX or CSV⟧"),
    (b"PK\x03\x04" + bytes(40), "organisations.xlsx", "⟦The file must be a spreadsheet saved as XLSX or CSV⟧"),
    (with_sheet_xml(xlsx([ORGANISATION_HEADINGS]), lambda xml: xml[:40]), "organisations.xlsx",
     "⟦The file must be a spreadsheet saved as XLSX or CSV⟧"),  # damaged
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "organisations.xlsx", "⟦The file is in the old Excel format"),
    (b"Name,Short name,Kind\r\nCaf\x81,x,y\r\n", "organisations.csv", "⟦The CSV file must be saved as UTF-8"),
    (far_to_the_right(), "organisations.xlsx", "⟦The spreadsheet holds too much to import at once"),
    (csv_bytes([ORGANISATION_HEADINGS]), "organisations.csv", "⟦The file has no rows under its headings"),
    (b",,\r\n,,\r\n", "organisations.csv", "⟦The file is empty"),
    # One form for any number in Bahasa Indonesia: the pseudo-language's is the English plural.
    (csv_bytes([["Name", "Kind"], ["‹Oman›", "Country"]]), "organisations.csv",
     "⟦The file has no columns Short name – the first row must hold the template's headings: Name, Short name, Kind, "
     "ISO 3166 code⟧"),
    (csv_bytes([["Name"], ["‹Oman›"]]), "organisations.csv", "⟦The file has no columns Short name, Kind –"),
    (csv_bytes([[*ORGANISATION_HEADINGS, "‹Colour›"], ["‹Oman›", "‹Oman›", "Country", "", "‹Red›"]]),
     "organisations.csv", "⟦The file has columns the template does not: ‹Colour› –"),
    (csv_bytes([[*ORGANISATION_HEADINGS, "Kind"], ["‹Oman›", "‹Oman›", "Country", "", "Country"]]),
     "organisations.csv", "⟦The file has the column Kind twice – keep one of them⟧"),
    (csv_bytes([[*ORGANISATION_HEADINGS, ""], ["‹Oman›", "‹Oman›", "Country", "", "‹Red›"]]),
     "organisations.csv", "⟦Column E holds values but has no heading"),
]


@pytest.mark.parametrize(("content", "name", "said"), REFUSED)
def test_every_word_of_a_refused_file_is_translated(desk, content, name, said):
    page = upload(desk, ORGANISATIONS, content, name)
    assert beside_the_file(page).startswith(said)
    assert words_left(page) == []


def test_every_word_of_a_file_too_large_or_too_long_or_not_chosen_is_translated(desk, pseudo_app, monkeypatch):
    monkeypatch.setitem(pseudo_app.config, "IMPORT_MAX_BYTES", 2048)
    monkeypatch.setitem(pseudo_app.config, "IMPORT_MAX_ROWS", 2)
    too_large = upload(desk, ORGANISATIONS, b"Name\r\n" + b"x" * 3000, "organisations.csv")
    too_long = upload(desk, ORGANISATIONS, csv_bytes([ORGANISATION_HEADINGS] + [["‹A›", "‹A›", "Ministry"]] * 3),
                      "organisations.csv")
    not_chosen = desk.submit(ORGANISATIONS, {"action": "preview"}).get_data(as_text=True)
    for page, said in [(too_large, "⟦The file must be smaller than 2 KB⟧"),
                       (too_long, "⟦The file has more than 2 rows – split it into files of 2 rows or fewer⟧"),
                       (not_chosen, "⟦Select a spreadsheet file (XLSX or CSV) in the template⟧")]:
        assert beside_the_file(page).endswith(said)
        assert words_left(page) == []
    assert "⟦An XLSX or CSV file smaller than 2 KB, with up to 2 rows⟧" in too_large


ORGANISATIONS_FILE = [
    ORGANISATION_HEADINGS,
    ["‹Kingdom of Norway›", "‹NO›", "Country", "NO"],  # row 2: changes its short name, kind and ISO code
    ["‹Gulf Cooperation Council›", "‹GCC›", "Regional organisation", ""],  # row 3: new
    ["‹Islamic Republic of Pakistan›", "‹Pakistan›", "Country", ""],  # row 4: already there
    ["‹Atlantis›", "‹Atlantis›", "‹Planet›", ""],  # row 5: not a kind
    ["‹Gulf Cooperation Council›", "‹GCC›", "Regional organisation", ""],  # row 6: row 3 again
    ["‹Oman›", "‹Oman›", "Country", ""],  # row 7: a country without its code
    ["‹Sultanate of Oman›", "‹Oman›", "Country", "NO"],  # row 8: Norway's code, given above
    ["‹Brunei›", "=1+1", "Country", "BN"],  # row 9: a formula
]


def test_every_word_of_a_preview_with_each_kind_of_row_and_its_confirmation_is_translated(desk, make):
    page = upload(desk, ORGANISATIONS, xlsx(ORGANISATIONS_FILE))
    assert words_left(page, "Country", "Regional organisation", "NO", "BN") == []
    assert "⟦1 to create, 1 to change, 1 already there, 5 with a problem." in page
    assert "⟦5 rows have a problem – correct the file where the preview shows it, then upload it again⟧" in page
    for shown in ["⟦Short name: ‹Norway› → ‹NO›⟧", "⟦Kind: ⟦Ministry⟧ → ⟦Country⟧⟧", "⟦ISO 3166 code: ⟦none⟧ → NO⟧",
                  "⟦To be created⟧", "⟦Will change⟧", "⟦Already there⟧", "⟦There is a problem⟧",
                  "⟦Kind ‹Planet› must be one of: Regional organisation, Country, International organisation, "
                  "Ministry, Other⟧", "⟦‹Gulf Cooperation Council› is also in row 3 – keep one of them⟧",
                  "⟦Enter the ISO 3166 code of the country⟧", "⟦ISO 3166 code NO is also in row 2 – keep one of them⟧",
                  "⟦Cell B9 holds a formula (=1+1) – type the value itself instead of the formula⟧"]:
        assert shown in page, shown

    page = upload(desk, ORGANISATIONS, xlsx(ORGANISATIONS_FILE[:4]))
    assert "⟦Confirm import⟧" in page and words_left(page, "Country", "Regional organisation", "NO") == []
    again = confirm(desk, ORGANISATIONS, page, rows="not what the preview read")
    assert beside_the_file(again).endswith("⟦Upload the file again and preview the import⟧")
    make.organisation(name="‹Gulf Cooperation Council›", short_name="‹GCC›", kind="regional_organisation")
    changed = confirm(desk, ORGANISATIONS, page)
    assert beside_the_file(changed).endswith("⟦The records changed since the preview – check the new preview below "
                                             "and confirm the import again⟧")
    for refused in (again, changed):
        assert words_left(refused, "Country", "Regional organisation", "NO") == []
    saved = confirm(desk, ORGANISATIONS, changed)
    assert "⟦Import saved: 0 created, 1 changed, 2 already there⟧" in the_flash(saved)
    assert untranslated(the_flash(saved)) == []


def test_every_word_of_the_people_import_is_translated(desk, make):
    for name in ("‹Royal Thai Embassy›", "‹Royal Thai Consulate›"):
        make.organisation(name=name, short_name="‹Thai›", kind="ministry")
    make.organisation(name="‹Old Ministry›", short_name="‹Old›", kind="ministry").archive()
    make.person(full_name="‹Ali Hassan›"), make.person(full_name="‹Ali Hassan›")
    make.person(full_name="‹Former Envoy›").archive()
    rows = [
        ["Full name", "Honorific", "Email address", "Organisation", "Title of the post", "Start date", "End date"],
        ["‹Siti Rahman›", "Dr", "", "‹Norway›", "‹Counsellor›", "2024-03-01", ""],  # a new person
        ["‹Siti Rahman›", "", "", "‹Norway›", "‹Minister›", "2025-03-01", ""],  # the same, another post
        ["‹Kari Nordmann›", "", "", "‹Kingdom of Norway›", "‹Ambassador›", "15/01/2024", ""],  # already there
        ["‹Kari Nordmann›", "", "", "‹Norway›", "‹Envoy›", "", ""],  # a post added to someone there
        ["‹Ola Nordmann›", "", "", "‹Atlantis›", "‹Envoy›", "", ""],  # no such organisation
        ["‹Siti Rahman›", "", "", "‹Norway›", "‹Counsellor›", "1 March 2024", ""],  # row 2 again
        ["‹Ola Nordmann›", "", "", "‹Norway›", "‹Envoy›", "‹31 Febtember 2024›", ""],  # not a date
        ["‹Ola Nordmann›", "", "", "‹Norway›", "‹Envoy›", "", "1 March 1800"],  # out of the years read
        ["‹Ola Nordmann›", "", "", "", "‹Envoy›", "", ""],  # no organisation
        ["‹Ola Nordmann›", "", "", "‹Thai›", "‹Envoy›", "", ""],  # the short name of two
        ["‹Ola Nordmann›", "", "", "‹Old›", "‹Envoy›", "", ""],  # archived
        ["‹Ali Hassan›", "", "", "‹Norway›", "‹Envoy›", "", ""],  # two people of that name
        ["‹Former Envoy›", "", "", "‹Norway›", "‹Envoy›", "", ""],  # archived
    ]
    page = upload(desk, PEOPLE, xlsx(rows))
    assert words_left(page, "Dr", "1 March 2024", "1 March 1800") == []
    for shown in ["⟦Adds the person Dr ‹Siti Rahman›⟧", "⟦Adds the post to the person added by row 2⟧",
                  "⟦Adds the post to ‹Kari Nordmann›, already there⟧",
                  "⟦Organisation ‹Atlantis› is not in the list of organisations",
                  "⟦⟦The post of ‹Counsellor› at ‹Norway› of ‹Siti Rahman›⟧ is also in row 2 – keep one of them⟧",
                  "⟦Start date ‹31 Febtember 2024› must be a real date", "⟦Year of the end date must be between",
                  "⟦Enter the organisation of the post⟧", "⟦Organisation ‹Thai› is the short name of 2 organisations",
                  "⟦Organisation ‹Old Ministry› is archived", "⟦2 people are called ‹Ali Hassan›",
                  "⟦‹Former Envoy› is archived – restore them"]:
        assert shown in page, shown
    saved = confirm(desk, PEOPLE, upload(desk, PEOPLE, xlsx(rows[:5])))
    assert "⟦Import saved: 3 created, 0 changed, 1 already there⟧" in the_flash(saved)
    assert untranslated(the_flash(saved)) == []


def test_every_word_of_the_status_history_import_is_translated(desk, make):
    url = f"/plans/{desk.plan.id}/status/import"
    other = make.area(desk.plan, desk.plan.pillars[0], code="3.1", name="‹Tourism›")
    make.action_line(other, code="X.1", text="‹Visits›"), make.action_line(other, code="3.1.9", text="‹Old›").archive()
    make.action_line(make.area(desk.plan, desk.plan.pillars[0], code="4.1", name="‹Ports›"), code="X.1", text="‹Ships›")
    make.area(desk.plan, desk.plan.pillars[0], code="5.1", name="‹Closed›").archive()
    recorded = (TODAY - timedelta(days=30)).isoformat()
    rows = [
        ["Area code", "Action line code", "Status", "Date", "Note"],
        ["", "2.1.1", "Addressed", TODAY.isoformat(), "‹Signed›"],  # new
        ["", "2.1.1", "being_addressed", recorded, "‹Started›"],  # already there
        ["2.1", "", "On track", TODAY.isoformat(), "‹Moving›"],  # new, the area's own
        ["", "9.9.9", "‹Done›", "‹soon›", ""],  # every cell wrong
        ["", "", "Addressed", TODAY.isoformat(), "‹Signed›"],  # no code at all
        ["", "2.1.1", "Addressed", TODAY.isoformat(), "‹Signed›"],  # row 2 again
        ["", "2.1.1", "Addressed", (TODAY + timedelta(days=9)).isoformat(), "‹Later›"],  # in the future
        ["", "X.1", "Addressed", TODAY.isoformat(), "‹Signed›"],  # in two areas
        ["2.1", "3.1.9", "Addressed", TODAY.isoformat(), "‹Signed›"],  # in another area
        ["", "3.1.9", "Addressed", TODAY.isoformat(), "‹Signed›"],  # archived
        ["5.1", "", "On track", TODAY.isoformat(), "‹Signed›"],  # an archived area
        ["7.7", "", "On track", TODAY.isoformat(), "‹Signed›"],  # no such area
        ["", "2.1.1", "", "", ""],  # blanks
    ]
    page = upload(desk, url, xlsx(rows))
    assert words_left(page, "Addressed", "being_addressed", "On track", "X.1") == []
    for shown in ["⟦Action line 9.9.9 is not in this plan⟧", "⟦Enter the action line code, or the area code alone",
                  "⟦⟦The status of action line 2.1.1 on ", "is also in row 2 – keep one of them⟧",
                  "⟦⟦Date of the status update⟧ must be today or in the past⟧",
                  # The areas listed as the language lists (CLDR's words, not the catalogue's).
                  "⟦Action line code X.1 is used in areas 3.1 dan 4.1", "⟦Action line 3.1.9 is not in area 2.1⟧",
                  "⟦Action line 3.1.9 is archived", "⟦Area 5.1 is archived", "⟦Area code 7.7 is not in this plan⟧",
                  "⟦Enter the status of the action line: Not yet addressed, Being addressed"]:
        assert shown in page, shown
    saved = confirm(desk, url, upload(desk, url, xlsx(rows[:4])))
    assert "⟦Import saved: 2 created, 0 changed, 1 already there⟧" in the_flash(saved)
    assert untranslated(the_flash(saved)) == []


def test_every_word_of_the_meetings_and_structure_imports_is_translated(desk):
    url = f"/meetings/import/{desk.partnership.slug}"
    rows = [["Date", "Type", "Number", "Title", "Summary"],
            ["2024-03-26", "Courtesy call", "", "‹Call›", ""],  # new
            ["", "jscc", "", "", ""],  # no number
            ["2024-09-19", "jscc", "7", "", ""],  # the 7th JSCC, on another date
            ["2024-03-26", "Courtesy call", "", "", ""],  # row 2 again
            ["2024-05-01", "jscc", "‹seventh›", "", ""],  # not a number
            ["2024-05-01", "jscc", "1000", "", ""],  # too high a number
            ["2024-05-01", "Courtesy call", "2", "", ""],  # a number for a call
            ["2024-05-01", "", "", "", ""]]  # no type
    page = upload(desk, url, xlsx(rows))
    assert words_left(page, "Courtesy call", "jscc") == []
    for shown in ["⟦Enter the number of the JSCC⟧", "⟦Number must be a whole number⟧",
                  "⟦⟦The 7th JSCC for ASEAN–‹Pakistan›⟧ is recorded on 18 September 2024",
                  "is also in row 2 – keep one of them⟧", "⟦Number must be between 1 and",
                  "⟦Only JCC, JSCC and DPC meetings have a number", "⟦Enter the type of meeting: Courtesy call"]:
        assert shown in page, shown
    saved = confirm(desk, url, upload(desk, url, xlsx(rows[:2])))
    assert untranslated(the_flash(saved)) == []

    url = f"/plans/{desk.plan.id}/import/file"
    structure = [["Pillar", "Area code", "Area", "Line code", "Action line"],
                 ["‹Social›", "3.1", "‹Health›", "3.1.1", "‹Vaccines›"],
                 ["", "", "", "9.9.1", "‹Orphan›"], ["", "3.1", "‹Health›", "3.1.1", "‹Again›"]]
    page = upload(desk, url, xlsx(structure))
    assert words_left(page) == []
    for shown in ["⟦Area 9.9 is not in the file or the plan – add it above action line 9.9.1⟧",
                  "⟦Action line code 3.1.1 appears twice in the file⟧",
                  "⟦2 rows have a problem – correct the file where the preview shows it, then preview again⟧"]:
        assert shown in page, shown


def test_the_import_pages_read_in_indonesian(app, make, tmp_path):
    """Through the committed catalogue: the heading, the button and a refused file as an Indonesian reader finds
    them."""
    from app import create_app

    indonesian = create_app("testing", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
                            BABEL_TRANSLATION_DIRECTORIES=str(compiled_catalogues(tmp_path)))
    editor = make.user(role="editor", email="officer@asean.example", name="Officer", language="id")
    visitor = FormFiller(indonesian.test_client())
    visitor.sign_in(editor)
    page = visitor.get(ORGANISATIONS).get_data(as_text=True)
    assert '<h1 class="mb-3">Impor organisasi</h1>' in page
    assert ">Pratinjau impor</button>" in page
    assert "Berkas XLSX atau CSV yang lebih kecil dari 1.024 KB, dengan paling banyak 10.000 baris" in page
    refused = upload(visitor, ORGANISATIONS, b"%PDF-1.7", "organisations.pdf")
    assert beside_the_file(refused).endswith("Berkas harus berupa lembar kerja yang disimpan sebagai XLSX atau CSV")


def test_every_word_of_the_structure_pasted_with_problems_is_translated(desk):
    text = "\n".join(["2.5 ‹Orphan›", "1. ‹Security›", "1.1 ‹Police›", "1.1.1 ‹Train›", "1.1.1 ‹Again›", "1.2",
                      "1.1 ‹Police again›", "1. ‹Security›", "9.9.1 ‹Lost›", "", "‹CLOSING WORDS›"])
    page = desk.submit(f"/plans/{desk.plan.id}/import", {"structure": text, "action": "preview"}).get_data(as_text=True)
    assert words_left(page) == []
    for shown in ["⟦Area 2.5 has no pillar – add one above it⟧", "⟦Action line code 1.1.1 appears twice in the text⟧",
                  "⟦Enter the name of area 1.2 after its code⟧", "⟦Area code 1.1 appears twice in the text⟧",
                  "⟦Pillar ‹Security› appears twice in the text⟧",
                  "⟦Area 9.9 is not in the text or the plan – add it above action line 9.9.1⟧",
                  "⟦No cooperation area follows ‹CLOSING WORDS› – delete the line if it is not a pillar⟧",
                  "⟦7 rows have a problem – correct the text where the preview shows it, then preview again⟧"]:
        assert shown in page, shown
