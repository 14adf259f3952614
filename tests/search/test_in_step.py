"""The search finds what was just saved, archived, restored or renamed, and nothing of a change rolled back."""

from datetime import date

import sqlalchemy as sa

from app.extensions import db
from app.models import Meeting, MeetingParticipant, Organisation, Person, SearchEntry, Side
from app.search.index import rebuild
from tests.search.helpers import titles


def test_a_person_saved_through_the_form_is_found_at_once(signed_in):
    signed_in.submit("/people/new", {"honorific": "Dr", "full_name": "Nguyễn Văn Đức", "email": "", "notes": ""})
    assert titles("duc") == {"person": ["Dr Nguyễn Văn Đức"]}


def test_a_person_renamed_is_found_by_the_new_name_only(signed_in, make):
    person = make.person("Lim Jock Hoi")
    signed_in.submit(f"/people/{person.id}/edit", {"honorific": "Dato'", "full_name": "Kao Kim Hourn",
                                                   "email": "", "notes": ""})
    assert titles("kim hourn") == {"person": ["Dato' Kao Kim Hourn"]}
    assert titles("jock") == {}


def test_renaming_an_organisation_renames_its_partnerships_and_the_posts_at_it(signed_in, make, rathore):
    pakistan = make.partnership()
    partner = pakistan.partner
    signed_in.submit(f"/organisations/{partner.id}/edit", {
        "name": "Islamic Republic of Pakistan", "short_name": "Pakistan (IRP)", "kind": "country", "iso_code": "PK"})
    assert titles("irp") == {"partnership": ["ASEAN–Pakistan (IRP)"], "organisation": ["Islamic Republic of Pakistan"]}
    ministry = db.session.scalars(sa.select(Organisation).where(Organisation.short_name == "MOFA Pakistan")).one()
    ministry.name = "Foreign Office of Pakistan"
    db.session.commit()
    assert titles("foreign office") == {"person": ["H.E. Ameer Khurram Rathore"],
                                        "organisation": ["Foreign Office of Pakistan"]}


def test_a_new_post_and_a_new_participant_are_found(make, rathore):
    make.position(rathore, make.organisation("Embassy of Pakistan in Jakarta", "Embassy", kind="other"),
                  "Head of Mission", date(2025, 1, 1))
    assert titles("head of mission") == {"person": ["H.E. Ameer Khurram Rathore"]}
    meeting = make.meeting(make.partnership(), title="Courtesy call")
    assert titles("rathore").get("meeting") is None
    db.session.add(MeetingParticipant(meeting=meeting, person=rathore, side=Side.PARTNER))
    db.session.commit()
    assert titles("rathore")["meeting"] == ["Courtesy call"]
    rathore.full_name = "Ameer Khurram Rathore-Khan"
    db.session.commit()
    assert titles("rathore khan") == {"person": ["H.E. Ameer Khurram Rathore-Khan"], "meeting": ["Courtesy call"]}


def test_an_archived_meeting_leaves_the_results_and_comes_back_when_restored(signed_in, make):
    meeting = make.meeting(make.partnership(), title="Courtesy call on the DSG")
    signed_in.submit(f"/meetings/{meeting.id}/archive")
    assert titles("dsg") == {}
    assert titles("dsg", archived=True) == {"meeting": ["Courtesy call on the DSG"]}
    signed_in.submit(f"/meetings/{meeting.id}/restore")
    assert titles("dsg") == {"meeting": ["Courtesy call on the DSG"]}


def test_a_change_rolled_back_leaves_nothing_in_the_index(make):
    person = make.person("Satvinder Singh")
    db.session.add(Person(full_name="Rolled Back Person"))
    person.full_name = "Satvinder Singh Changed"
    db.session.flush()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SearchEntry)
                             .where(SearchEntry.folded_title.like("%rolled back%"))) == 1
    db.session.rollback()
    assert titles("rolled back") == {}
    assert titles("changed") == {}
    assert titles("satvinder") == {"person": ["Satvinder Singh"]}


def test_rebuild_after_a_repair_in_sql_indexes_what_the_sql_changed(make, pakistan):
    meeting = make.meeting(pakistan, title="Senior officials' meeting")
    with db.engine.begin() as connection:
        connection.execute(sa.update(Meeting).where(Meeting.id == meeting.id).values(title="Senior officials' retreat"))
    assert titles("retreat") == {}
    with db.engine.begin() as connection:
        assert rebuild(connection) == 4  # ASEAN, Pakistan, the partnership and the meeting
    assert titles("retreat") == {"meeting": ["Senior officials' retreat"]}
