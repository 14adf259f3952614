"""The CSV download: one file per table in a zip, UTF-8 with a byte order mark and a header row."""

import io
import zipfile

from tests.exports.conftest import YEAR_2025, csv_tables, fetch, period_url

STEM = "asean-pakistan_2024-2028_2025-01-01_to_2025-12-31"


def test_one_csv_per_table_in_a_zip(history, signed_in):
    response = fetch(signed_in, period_url(history, "csv", **YEAR_2025))
    assert response.mimetype == "application/zip"
    assert response.headers["Content-Disposition"] == f"attachment; filename={STEM}_csv.zip"
    names = zipfile.ZipFile(io.BytesIO(response.data)).namelist()
    assert names == [f"{STEM}_{table}.csv" for table in
                     ("matrix", "matrix-areas", "areas", "action-lines", "status-changes", "meetings",
                      "follow-ups", "chases", "attachments")]

    tables = csv_tables(response.data)
    areas = {row["Cooperation area"]: row for row in tables["areas"]}
    assert areas["Trade"]["Status at the end"] == "At risk"
    assert areas["Trade"]["Being addressed or addressed at the end (%)"] == "67"
    assert areas["Investment"]["Status at the end"] == "No status recorded"
    assert [(m["Date"], m["Meeting"]) for m in tables["meetings"]] == [
        ("2025-03-25", "Courtesy call"), ("2025-10-01", "8th Joint Sectoral Cooperation Committee (JSCC)")
    ]
    assert sorted((f["Follow-up"], f["Due"], f["State"]) for f in tables["follow-ups"]) == [
        ("F3", "2025-06-30", "Overdue"), ("F4", "2026-01-31", "Open"), ("F5", "2025-11-30", "Overdue")
    ]
    assert len(tables["action-lines"]) == 6
    assert [c["Status"] for c in tables["status-changes"] if c["Cooperation area"] == "Trade"] == [
        "Addressed", "Not yet addressed", "Being addressed", "At risk"
    ]


def test_an_empty_table_still_has_its_header_row(history, signed_in):
    window = {"window": "dates", "starts_on-day": "1", "starts_on-month": "1", "starts_on-year": "2027",
              "ends_on-day": "31", "ends_on-month": "1", "ends_on-year": "2027"}
    data = fetch(signed_in, period_url(history, "csv", **window)).data
    archive = zipfile.ZipFile(io.BytesIO(data))
    meetings = archive.read("asean-pakistan_2024-2028_2027-01-01_to_2027-01-31_meetings.csv")
    assert meetings == "\ufeffDate,Meeting,Type,Venue,Areas discussed,Participants\r\n".encode()
