"""An officer chooses Bahasa Indonesia on their account page and reads the home page in it, dates included, on a
laptop and on a phone, with nothing for axe-core to find."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

TODAY = date.today()
#: The months as Indonesian writes them, for the dates expected below.
BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember")


def in_indonesian(day: date) -> str:
    return f"{day.day} {BULAN[day.month - 1]} {day.year}"


def desk(make):
    officer = make.user(role="editor", email="officer@asean.example", name="Desk Officer")
    pakistan = make.partnership(make.organisation(name="Islamic Republic of Pakistan", short_name="Pakistan"))
    plan = make.plan(pakistan, starts_on=TODAY - timedelta(days=200), ends_on=TODAY + timedelta(days=1000))
    trade = make.area(plan, code="2.1", name="Trade")
    make.status_update(officer, area=trade, status="at_risk", as_of=TODAY - timedelta(days=5))
    make.follow_up(pakistan, title="Share the draft work plan", owner=officer, opened_on=TODAY - timedelta(days=3),
                   due_on=TODAY + timedelta(days=10))
    india = make.partnership(make.organisation(name="Republic of India", short_name="India"))
    make.plan(india, label="2021-2025", starts_on=date(2021, 1, 1), ends_on=date(2025, 12, 31), state="expired")
    return officer


@pytest.mark.parametrize("viewport", [{"width": 1366, "height": 800}, {"width": 360, "height": 740}])
def test_an_officer_chooses_bahasa_indonesia_and_reads_the_home_page_in_it(site, make, viewport):
    site.page.set_viewport_size(viewport)
    site.sign_in(desk(make), PASSWORD)
    page = site.page
    site.open("/account")
    languages = page.get_by_role("group", name="Language of the pages")
    expect(languages.get_by_label("As my browser prefers")).to_be_checked()
    languages.get_by_label("Bahasa Indonesia").check()
    page.get_by_role("button", name="Save language").click()
    site.check_accessibility()

    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_role("heading", name="Akun Anda", level=1)).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("Halaman kini ditampilkan dalam bahasa yang Anda pilih")
    expect(page.get_by_role("group", name="Bahasa halaman").get_by_label("Bahasa Indonesia")).to_be_checked()

    site.open("/")
    expect(page).to_have_title("Beranda – Pemantau kemitraan")
    expect(page.get_by_role("heading", name="Meja kemitraan", level=1)).to_be_visible()
    table = page.get_by_role("table", name="Status pelaksanaan menurut tema")
    expect(table.get_by_role("columnheader", name="Perdagangan, investasi dan keuangan")).to_be_visible()
    expect(table.get_by_role("link", name="Berisiko 1 bidang")).to_be_visible()
    expect(table.get_by_role("row", name="ASEAN–India")).to_contain_text(
        "Tidak ada rencana yang berlaku – rencana terakhir berakhir 31 Desember 2025")
    mine = page.get_by_role("table", name="Tindak lanjut terbuka yang menjadi tanggung jawab Anda, tenggat terdekat "
                                          "lebih dulu")
    expect(mine.get_by_role("row", name="Share the draft work plan")).to_contain_text(
        in_indonesian(TODAY + timedelta(days=10)))
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
