"""What a save writes beside the record (its search entry, the audit log's label) is in English whoever saves it: a
reader of Bahasa Indonesia saving a record must not leave Indonesian words that English readers then find, or fail
to find, in the search and the history."""

from datetime import date

import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry, Organisation, SearchEntry
from tests.plans.helpers import date_fields


def reading_indonesian(signed_in):
    signed_in.user.language = "id"
    db.session.commit()
    return signed_in


def test_an_organisation_saved_in_indonesian_is_indexed_with_its_kind_in_english(signed_in, make):
    page = reading_indonesian(signed_in).submit(
        "/organisations/new", {"name": "Kingdom of Norway", "short_name": "Norway", "kind": "country",
                               "iso_code": "NO"}).get_data(as_text=True)
    assert 'lang="id"' in page  # the page itself was Indonesian
    norway = db.session.scalar(sa.select(Organisation).filter_by(short_name="Norway"))
    text = db.session.scalar(sa.select(SearchEntry.text).where(SearchEntry.record_id == norway.id))
    assert "Country" in text and "Negara" not in text


def test_a_status_saved_in_indonesian_is_labelled_in_english_in_the_history(signed_in, make):
    plan = make.plan(make.partnership())
    trade = make.area(plan, make.pillar(plan, "Economic"), code="2.1", name="Trade")
    reading_indonesian(signed_in).submit(f"/areas/{trade.id}/status/new", {
        "status": "at_risk", "progress": "", "note": "Delayed", **date_fields("as_of", date(2025, 3, 31))})
    label = db.session.scalar(sa.select(AuditEntry.record_label).where(AuditEntry.record_type == "status_updates"))
    assert label == "At risk as of 31 March 2025"
