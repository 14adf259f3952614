"""The Excel download, read back with openpyxl: one sheet per section, typed cells, frozen and filterable headers."""

from datetime import datetime

import pytest

from tests.exports.conftest import YEAR_2025, charts_on_sheet, fetch, period_url, sheet_rows, workbook

EXCEL = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def book(history, signed_in):
    response = fetch(signed_in, period_url(history, "xlsx", **YEAR_2025))
    assert response.mimetype == EXCEL
    assert response.headers["Content-Disposition"] == (
        "attachment; filename=asean-pakistan_2024-2028_2025-01-01_to_2025-12-31.xlsx"
    )
    return workbook(response.data)


def overview(book) -> dict:
    return {row[0].value: row[1] for row in book["Overview"].iter_rows(min_row=2, max_col=2) if row[0].value}


def test_one_sheet_per_section_with_frozen_filterable_headers(book):
    assert book.sheetnames == ["Overview", "Matrix", "Matrix by area", "Areas", "Action lines", "Status changes",
                               "Meetings", "Follow-ups", "Chases", "Attachments"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.auto_filter.ref.startswith("A1:"), sheet.title
        assert sheet["A1"].font.bold, sheet.title
    areas = book["Areas"]
    assert areas.auto_filter.ref == "A1:Q4"  # 17 columns (the last two: remarks and way forward), a header, 3 areas
    widths = {cell.value: areas.column_dimensions[cell.column_letter].width for cell in areas[1]}
    assert widths["Code"] < widths["Cooperation area"] <= 40
    assert all(width >= 6 for width in widths.values())


def test_coverage_is_a_number_in_percent_format_and_dates_are_dates(book):
    figures = overview(book)
    coverage = figures["Being addressed or addressed at the end (share)"]
    assert coverage.data_type == "n"
    assert coverage.value == pytest.approx(4 / 6)
    assert "%" in coverage.number_format
    assert figures["Being addressed or addressed at the end"].value == 4
    assert figures["Action lines"].value == 6
    assert figures["Meetings held in the period"].value == 2
    assert figures["Follow-ups overdue at the end"].value == 2
    starts = figures["Report period starts"]
    assert starts.is_date and starts.value == datetime(2025, 1, 1)

    meeting_dates = [cell for (cell,) in book["Meetings"].iter_rows(min_row=2, max_col=1)]
    assert all(cell.is_date for cell in meeting_dates)
    assert [cell.value for cell in meeting_dates] == [datetime(2025, 3, 25), datetime(2025, 10, 1)]
    assert meeting_dates[0].number_format == "d mmmm yyyy"


def test_each_area_status_and_coverage(book):
    rows = {row["Cooperation area"]: row for row in sheet_rows(book["Areas"])}
    assert {name: row["Status at the end"] for name, row in rows.items()} == {
        "Trade": "At risk", "Investment": "No status recorded", "Education": "No status recorded"
    }
    assert rows["Trade"]["Being addressed or addressed at the end"] == pytest.approx(2 / 3)
    assert rows["Trade"]["Action lines"] == 3
    changes = sheet_rows(book["Status changes"])
    trade = [(c["As of"].date().isoformat(), c["Of"], c["Status"]) for c in changes if c["Cooperation area"] == "Trade"]
    assert trade == [
        ("2025-03-31", "Action line 2.1.1", "Addressed"), ("2025-04-01", "Action line 2.1.2", "Not yet addressed"),
        ("2025-05-01", "Action line 2.1.2", "Being addressed"), ("2025-09-30", "Area", "At risk"),
    ]
    follow_ups = sheet_rows(book["Follow-ups"])
    assert sorted((f["Follow-up"], f["State"]) for f in follow_ups) == [
        ("F3", "Overdue"), ("F4", "Open"), ("F5", "Overdue")
    ]
    assert len(sheet_rows(book["Action lines"])) == 6


def test_the_overview_has_the_three_charts_and_their_figures(history, book, signed_in):
    sheet = book["Overview"]
    assert charts_on_sheet(fetch(signed_in, period_url(history, "xlsx", **YEAR_2025)).data, "Overview") == 3
    values = [row for row in sheet.iter_rows(values_only=True)]
    assert ("2025 Q1", 1, None) in [tuple(v[:3]) for v in values]
    assert ("At risk", 1, None) in [tuple(v[:3]) for v in values]
