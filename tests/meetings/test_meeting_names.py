"""A call nobody gave a title is named after who called on whom, so a partnership's list tells its calls apart."""

from datetime import date

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.meetings.naming import Attendee, name_from_attendees
from app.meetings.services import add_participant, remove_participant
from app.models import Meeting, MeetingType, ParticipantRole, SearchEntry, Side

CALL = "Courtesy call by H.E. Ameer Khurram Rathore on the Deputy Secretary-General of ASEAN"


@pytest.fixture
def people(make):
    """The ambassador, and the Deputy Secretary-General with a post whose title does not name ASEAN."""
    partnership = make.partnership()
    asean = make.asean()
    rathore = make.person("Ameer Khurram Rathore", honorific="H.E.")
    make.position(rathore, partnership.partner, title="Ambassador of Pakistan to ASEAN", starts_on=date(2024, 1, 10))
    astanah = make.person("Astanah Abdul Aziz", honorific="Dato'")
    make.position(astanah, asean, title="Deputy Secretary-General", starts_on=date(2021, 1, 1))
    aide = make.person("Nur Aida")
    make.position(aide, asean, title="Senior Officer", starts_on=date(2021, 1, 1))
    return partnership, rathore, astanah, aide


def test_a_call_is_named_after_the_caller_and_the_post_called_on(make, people):
    partnership, rathore, astanah, aide = people
    call = make.meeting(partnership, held_on=date(2024, 3, 25))
    add_participant(call, side=Side.OURS, role=ParticipantRole.MEMBER, person=aide)
    add_participant(call, side=Side.PARTNER, role=ParticipantRole.HEAD_OF_DELEGATION, person=rathore)
    # Our head of delegation names the call, though listed after a member.
    add_participant(call, side=Side.OURS, role=ParticipantRole.HEAD_OF_DELEGATION, person=astanah)
    db.session.commit()
    assert call.name == CALL

    # A title given by hand comes first.
    call.title = "Farewell call"
    assert call.name == "Farewell call"


def test_the_name_follows_the_participants(make, people):
    partnership, rathore, astanah, _ = people
    call = make.meeting(partnership, held_on=date(2024, 3, 25))
    assert call.name == "Courtesy call"
    caller = add_participant(call, side=Side.PARTNER, role=ParticipantRole.MEMBER, person=rathore)
    assert call.name == "Courtesy call by H.E. Ameer Khurram Rathore"
    add_participant(call, side=Side.OURS, role=ParticipantRole.MEMBER, person=astanah)
    assert call.name == CALL
    remove_participant(caller)
    assert call.name == "Courtesy call on the Deputy Secretary-General of ASEAN"


def test_a_post_not_held_that_day_names_the_person_instead(make, people):
    partnership, rathore, astanah, _ = people
    # 2020: before either post began.
    call = make.meeting(partnership, held_on=date(2020, 5, 4))
    add_participant(call, side=Side.PARTNER, role=ParticipantRole.MEMBER, person=rathore)
    add_participant(call, side=Side.OURS, role=ParticipantRole.MEMBER, person=astanah)
    assert call.name == "Courtesy call by H.E. Ameer Khurram Rathore on Dato' Astanah Abdul Aziz"


@pytest.mark.parametrize(("type", "attendees", "name"), [
    # Credentials are presented to someone; observers and delegations lead nothing.
    (MeetingType.CREDENTIALS,
     [Attendee(Side.PARTNER, ParticipantRole.MEMBER, "H.E. Ms Ingrid Solvang"),
      Attendee(Side.OURS, ParticipantRole.MEMBER, "Dr Kao Kim Hourn", "Secretary-General of ASEAN", "ASEAN")],
     "Presentation of credentials by H.E. Ms Ingrid Solvang to the Secretary-General of ASEAN"),
    (MeetingType.COURTESY_CALL, [Attendee(Side.PARTNER, ParticipantRole.OBSERVER, "Observer")], None),
    (MeetingType.COURTESY_CALL,
     [Attendee(Side.OURS, ParticipantRole.CO_CHAIR, "A", "Director, External Relations", "ASEAN")],
     "Courtesy call on the Director, External Relations of ASEAN"),
    # Committees are named by their number, other meetings by their type.
    (MeetingType.JSCC, [Attendee(Side.PARTNER, ParticipantRole.CO_CHAIR, "B")], None),
    (MeetingType.SENIOR_OFFICIALS, [Attendee(Side.PARTNER, ParticipantRole.CO_CHAIR, "B")], None),
])
def test_which_meetings_are_named_from_whom(type, attendees, name):
    assert name_from_attendees(type, attendees) == name


def test_a_very_long_name_is_cut_to_what_the_column_holds():
    caller = Attendee(Side.PARTNER, ParticipantRole.MEMBER, "N" * 400)
    name = name_from_attendees(MeetingType.COURTESY_CALL, [caller])
    assert len(name) == 300 and name.endswith("N…") and name.startswith("Courtesy call by NNN")


def test_the_partnership_page_tells_two_calls_apart(signed_in, make, people):
    partnership, rathore, astanah, aide = people
    for held_on, guest in ((date(2024, 3, 25), rathore), (date(2024, 6, 3), aide)):
        call = make.meeting(partnership, held_on=held_on)
        add_participant(call, side=Side.PARTNER if guest is rathore else Side.OURS, role=ParticipantRole.MEMBER,
                        person=guest)
        db.session.commit()
    page = signed_in.get(f"/partnerships/{partnership.slug}").get_data(as_text=True)
    assert "Courtesy call by H.E. Ameer Khurram Rathore</a>" in page
    assert "Courtesy call on the Senior Officer of ASEAN</a>" in page
    found = signed_in.get("/meetings/?q=Rathore").get_data(as_text=True)
    assert "Courtesy call by H.E. Ameer Khurram Rathore" in found and "Senior Officer" not in found
    assert db.session.query(Meeting).count() == 2


def test_search_finds_the_call_under_its_name_as_it_changes(make, people):
    partnership, rathore, astanah, _ = people
    call = make.meeting(partnership, held_on=date(2024, 3, 25))
    add_participant(call, side=Side.PARTNER, role=ParticipantRole.MEMBER, person=rathore)
    add_participant(call, side=Side.OURS, role=ParticipantRole.MEMBER, person=astanah)
    db.session.commit()
    heading = sa.select(SearchEntry.title).where(SearchEntry.kind == "meeting", SearchEntry.record_id == call.id)
    assert db.session.scalar(heading) == CALL
    remove_participant(call.participants[0] if call.participants[0].person_id == rathore.id else call.participants[1])
    db.session.commit()
    assert db.session.scalar(heading) == "Courtesy call on the Deputy Secretary-General of ASEAN"
