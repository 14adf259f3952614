from datetime import date

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import MeetingParticipant, MeetingType


@pytest.fixture
def rathore(make):
    """The same man, two posts: ministry secretary until 2023, ambassador to ASEAN from 10 January 2024."""
    pakistan = make.organisation(name="Islamic Republic of Pakistan", short_name="Pakistan", iso_code="PK")
    person = make.person("Ameer Khurram Rathore", honorific="H.E.")
    make.position(person, pakistan, title="Secretary for Asia-Pacific, Ministry of Foreign Affairs of Pakistan",
                  starts_on=date(2021, 6, 1), ends_on=date(2023, 12, 31))
    make.position(person, pakistan, title="Ambassador of Pakistan to ASEAN", starts_on=date(2024, 1, 10))
    return person


@pytest.fixture
def partnership(make, rathore):
    from app.models import Organisation

    pakistan = db.session.scalar(sa.select(Organisation).filter_by(short_name="Pakistan"))
    return make.partnership(pakistan)


def participants(meeting_id: int) -> list[MeetingParticipant]:
    db.session.expire_all()
    return list(db.session.scalars(
        sa.select(MeetingParticipant).where(MeetingParticipant.meeting_id == meeting_id).order_by(MeetingParticipant.id)
    ))


def test_the_post_held_on_the_meeting_date_is_recorded(signed_in, make, rathore, partnership):
    courtesy_call = make.meeting(partnership, held_on=date(2024, 3, 25))
    jscc = make.meeting(partnership, type=MeetingType.JSCC, number=7, held_on=date(2023, 9, 18))

    form = signed_in.get(f"/meetings/{courtesy_call.id}/participants/new").get_data(as_text=True)
    assert "H.E. Ameer Khurram Rathore – Ambassador of Pakistan to ASEAN" in form  # his post today

    response = signed_in.submit(f"/meetings/{courtesy_call.id}/participants/new",
                                {"side": "partner", "role": "head_of_delegation", "person_id": str(rathore.id)})
    page = response.get_data(as_text=True)
    assert "Participant added: H.E. Ameer Khurram Rathore, Ambassador of Pakistan to ASEAN" in page
    [call_participant] = participants(courtesy_call.id)
    assert call_participant.position.title == "Ambassador of Pakistan to ASEAN"
    assert "Post held on 25 March 2024" in page and f'href="/people/{rathore.id}"' in page

    signed_in.submit(f"/meetings/{jscc.id}/participants/new",
                     {"side": "partner", "role": "co_chair", "person_id": str(rathore.id)})
    [jscc_participant] = participants(jscc.id)
    assert jscc_participant.position.title == "Secretary for Asia-Pacific, Ministry of Foreign Affairs of Pakistan"
    assert (jscc_participant.side.value, jscc_participant.role.value) == ("partner", "co_chair")
    page = signed_in.get(f"/meetings/{jscc.id}").get_data(as_text=True)
    assert "Secretary for Asia-Pacific" in page and "Co-chair" in page and "Partner side" in page


def test_changing_the_meeting_date_rereads_the_post(signed_in, make, rathore, partnership):
    meeting = make.meeting(partnership, held_on=date(2023, 9, 18))
    signed_in.submit(f"/meetings/{meeting.id}/participants/new",
                     {"side": "partner", "role": "member", "person_id": str(rathore.id)})
    assert participants(meeting.id)[0].position.title.startswith("Secretary for Asia-Pacific")
    signed_in.submit(f"/meetings/{meeting.id}/edit", {
        "partnership_id": str(partnership.id), "type": "courtesy_call", "held_on-day": "25", "held_on-month": "3",
        "held_on-year": "2024", "format": "in_person", "outcome_document": "none", "action": "save",
    })
    assert participants(meeting.id)[0].position.title == "Ambassador of Pakistan to ASEAN"


def test_a_day_between_posts_records_no_post(signed_in, make, rathore, partnership):
    meeting = make.meeting(partnership, held_on=date(2024, 1, 5))
    page = signed_in.submit(f"/meetings/{meeting.id}/participants/new",
                            {"side": "partner", "role": "member", "person_id": str(rathore.id)}).get_data(as_text=True)
    assert participants(meeting.id)[0].position is None
    assert "No post recorded for that day" in page


def test_a_delegation_attends_as_observer(signed_in, make, partnership):
    timor = make.organisation(name="Democratic Republic of Timor-Leste", short_name="Timor-Leste", iso_code="TL")
    meeting = make.meeting(partnership, type=MeetingType.JSCC, number=7, held_on=date(2023, 9, 18))
    page = signed_in.submit(f"/meetings/{meeting.id}/participants/new",
                            {"side": "other", "role": "observer", "organisation_id": str(timor.id)}
                            ).get_data(as_text=True)
    assert "Participant added: Timor-Leste delegation" in page
    assert "Other (observer)" in page and "Observer" in page
    [observer] = participants(meeting.id)
    assert (observer.person_id, observer.organisation_id, observer.position_id) == (None, timor.id, None)

    again = signed_in.submit(f"/meetings/{meeting.id}/participants/new",
                             {"side": "other", "role": "observer", "organisation_id": str(timor.id)}
                             ).get_data(as_text=True)
    assert again.count("The Timor-Leste delegation is already listed for this meeting") == 2
    assert len(participants(meeting.id)) == 1


def test_a_person_already_listed_is_refused(signed_in, make, rathore, partnership):
    meeting = make.meeting(partnership)
    url = f"/meetings/{meeting.id}/participants/new"
    signed_in.submit(url, {"side": "partner", "role": "member", "person_id": str(rathore.id)})
    page = signed_in.submit(url, {"side": "ours", "role": "co_chair", "person_id": str(rathore.id)})
    page = page.get_data(as_text=True)
    assert page.count("H.E. Ameer Khurram Rathore is already listed for this meeting") == 2
    assert len(participants(meeting.id)) == 1


def test_participant_form_errors(signed_in, make, rathore, partnership):
    timor = make.organisation(name="Democratic Republic of Timor-Leste", short_name="Timor-Leste", iso_code="TL")
    meeting = make.meeting(partnership)
    url = f"/meetings/{meeting.id}/participants/new"

    empty = signed_in.submit(url, {}).get_data(as_text=True)
    assert "<title>Error: Add a participant" in empty
    for message in ("Select the side the participant was on", "Select the role of the participant",
                    "Select the person who attended, or the delegation"):
        assert empty.count(message) == 2, message

    both = signed_in.submit(url, {"side": "partner", "role": "member", "person_id": str(rathore.id),
                                  "organisation_id": str(timor.id)}).get_data(as_text=True)
    assert "Select a person or a delegation, not both" in both

    unknown = signed_in.submit(url, {"side": "sideways", "role": "member", "person_id": "999999"})
    unknown = unknown.get_data(as_text=True)
    assert "Select a person from the list" in unknown and "Select side from the list" in unknown

    garbage = signed_in.submit(url, {"side": "ours", "role": "member", "person_id": "x" * 10_000})
    garbage = garbage.get_data(as_text=True)
    assert "Select a person from the list" in garbage
    assert participants(meeting.id) == []


def test_archived_people_are_not_offered(signed_in, make, partnership):
    from app.models import utcnow

    make.person("Gone Person", archived_at=utcnow())
    make.person("Present Person")
    form = signed_in.get(f"/meetings/{make.meeting(partnership).id}/participants/new").get_data(as_text=True)
    assert "Present Person" in form and "Gone Person" not in form


def test_missing_meeting_is_a_404(signed_in):
    assert signed_in.get("/meetings/999999/participants/new").status_code == 404
