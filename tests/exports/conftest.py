"""Fixtures and independent readers for the exported files.

Each file is read back with a library that did not write it (pypdf, python-docx, openpyxl, the csv module), so
a test sees what a person opening the file would see.
"""

import csv
import io
import os
import posixpath
import shutil
import zipfile
from datetime import date
from functools import cache
from xml.etree import ElementTree

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.exports.glyphs import FONT_PACKAGES, SCRIPTS, missing_fonts
from tests.reports.conftest import (  # noqa: F401  (the hand-worked ASEAN–Pakistan history, made or copied; `flask report`)
    history,
    history_copy,
    run,
)

YEAR_2025 = {"window": "year", "year": "2025"}
LIBREOFFICE_PACKAGES = "apt-get install libreoffice-writer-nogui libreoffice-calc-nogui"
#: "Cooperation" in Thai, Vietnamese and Urdu.
THAI, VIETNAMESE, URDU = "ความร่วมมือ", "Hợp tác", "تعاون"


def period_url(plan, format: str | None = None, slug="asean-pakistan", **args) -> str:
    query = "&".join(f"{key}={value}" for key, value in {"plan": plan.id, **args}.items())
    suffix = f"/{format}" if format else ""
    return f"/partnerships/{slug}/reports/period{suffix}?{query}"


def fetch(visitor, url: str):
    response = visitor.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response


@cache
def pdf_pages(data: bytes) -> tuple[str, ...]:
    """The text of each page. Kept for the run: several tests read the same file (a module's report, downloaded
    once), and pypdf takes seconds over a long one."""
    return tuple(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def workbook(data: bytes):
    return load_workbook(io.BytesIO(data))


def charts_on_sheet(data: bytes, sheet: str) -> int:
    """How many charts the named sheet of a workbook draws, read from the file's parts as Excel reads them (openpyxl
    keeps the charts it reads to itself)."""
    def related(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
        """{id: (type, part)} of the part's relationships."""
        folder, name = posixpath.split(part)
        rels = f"{folder}/_rels/{name}.rels"
        if rels not in archive.namelist():
            return {}
        return {
            rel.get("Id", ""): (rel.get("Type", "").rsplit("/", 1)[-1],
                                posixpath.normpath(posixpath.join(folder, rel.get("Target", ""))).lstrip("/"))
            for rel in ElementTree.fromstring(archive.read(rels))
        }

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    relationship = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = ElementTree.fromstring(archive.read("xl/workbook.xml")).iter(f"{main}sheet")
        [sheet_id] = [entry.get(relationship, "") for entry in sheets if entry.get("name") == sheet]
        sheet_part = related(archive, "xl/workbook.xml")[sheet_id][1]
        drawings = [part for kind, part in related(archive, sheet_part).values() if kind == "drawing"]
        return sum(kind == "chart" for drawing in drawings for kind, _part in related(archive, drawing).values())


def sheet_rows(sheet) -> list[dict]:
    """A table sheet as dictionaries keyed by its header row."""
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def csv_tables(data: bytes) -> dict[str, list[dict]]:
    """Each CSV of the zip, by the table part of its name, as dictionaries; checks each starts with a BOM."""
    tables = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            raw = archive.read(name)
            assert raw.startswith(b"\xef\xbb\xbf"), f"{name} has no UTF-8 byte order mark"
            rows = csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))
            tables[name.rsplit("_", 1)[1].removesuffix(".csv")] = list(rows)
    return tables


def needs(what: str, install: str) -> None:
    """Skip a test whose system packages are missing, saying what to install; with CI=true, fail it."""
    message = f"{what}: install with `{install}`"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def script_fonts():
    """The fonts of every script the reports print (Noto); elsewhere the test says what to install."""
    if missing := missing_fonts():
        needs(f"Fonts missing: {', '.join(missing)}", FONT_PACKAGES)


@pytest.fixture(scope="session")
def soffice() -> str:
    """LibreOffice's command, which opens the Word and Excel files as a recipient's office suite would."""
    command = shutil.which("soffice")
    if command is None:
        needs("LibreOffice is missing", LIBREOFFICE_PACKAGES)
    return command


@pytest.fixture
def multilingual(make):
    """A partnership whose pillar, areas, meeting and follow-up carry Thai, Vietnamese and Urdu names."""
    author = make.user(name="Nguyễn Thị Hợp")
    partner = make.organisation(name="Kingdom of Thailand", short_name="Thailand", iso_code="TH")
    partnership = make.partnership(partner, slug="asean-thailand")
    plan = make.plan(partnership, label="2024-2028")
    pillar = make.pillar(plan, f"{THAI} pillar", 1)
    thai = make.area(plan, pillar, "1.1", f"{THAI} area")
    vietnamese = make.area(plan, pillar, "1.2", f"{VIETNAMESE} area", focal_point=f"{URDU} desk")
    make.area(plan, pillar, "1.3", f"{URDU} area")
    line = make.action_line(thai, "1.1.1", text=f"{VIETNAMESE} line")
    make.status_update(author, action_line=line, status="addressed", as_of=date(2025, 2, 1), note=f"{URDU} note")
    make.status_update(author, area=vietnamese, status="on_track", as_of=date(2025, 3, 1), note=f"{THAI} note")
    make.meeting(partnership, held_on=date(2025, 4, 2), title=f"{VIETNAMESE} meeting", areas=[thai])
    make.follow_up(partnership, title=f"{URDU} follow-up", opened_on=date(2025, 4, 2), due_on=date(2026, 1, 31))
    return plan


@pytest.fixture
def every_script(make):
    """ASEAN–Thailand's 2025, with a name in Thai, Urdu, Chinese and emoji (``SCRIPTS``) in each kind of text a report
    prints: areas, an action line, a focal point, a status note, a meeting and a follow-up."""
    thai, urdu, chinese, emoji = (SCRIPTS[name] for name in ("Thai", "Urdu", "Chinese", "Emoji"))
    author = make.user(name="Somchai Prasert")
    partnership = make.partnership(make.organisation(name="Kingdom of Thailand", short_name="Thailand",
                                                     iso_code="TH"), slug="asean-thailand")
    plan = make.plan(partnership, label="2024-2028")
    pillar = make.pillar(plan, "Socio-Cultural", 1)
    areas = [make.area(plan, pillar, f"3.{n}", f"{text} area") for n, text in enumerate(SCRIPTS.values(), start=1)]
    make.area(plan, pillar, "3.5", "Culture", focal_point=f"{urdu} desk")
    line = make.action_line(areas[1], "3.2.1", text=f"{urdu} exchanges")
    make.status_update(author, action_line=line, status="addressed", as_of=date(2025, 2, 1), note=f"{thai} note")
    make.status_update(author, area=areas[0], status="on_track", as_of=date(2025, 3, 1), note=f"{emoji} note")
    meeting = make.meeting(partnership, held_on=date(2025, 4, 2), title=f"{chinese} meeting", areas=areas[:3])
    make.follow_up(partnership, title=f"{emoji} follow-up", meeting=meeting, area=areas[2],
                   opened_on=date(2025, 4, 2), due_on=date(2026, 1, 31))
    return plan


def build_forty_areas(make):
    """A plan with 40 areas over 4 pillars, each with two action lines and a status change in 2025."""
    author = make.user(name="Aisyah Rahman")
    plan = make.plan(make.partnership())
    for p in range(4):
        pillar = make.pillar(plan, f"Pillar {p + 1}", p)
        for a in range(10):
            area = make.area(plan, pillar, f"{p + 1}.{a + 1}", f"Cooperation area number {p * 10 + a + 1:02d}")
            for n in (1, 2):
                make.action_line(area, f"{p + 1}.{a + 1}.{n}", text=f"Action line {n} of area {p * 10 + a + 1}")
            make.status_update(author, area=area, status="on_track", as_of=date(2025, 5, 1),
                               note="Work plan agreed with the partner and the sectoral body")
    return plan
