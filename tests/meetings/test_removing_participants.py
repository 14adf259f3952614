"""Taking a wrongly added participant off a meeting, from the meeting page."""

from datetime import date

import sqlalchemy as sa

from app.extensions import db
from app.models import (
    MeetingParticipant,
    Organisation,
    Person,
)
from tests.meetings.test_log_meeting_form import counts


def test_remove_a_participant_from_the_meeting_page(signed_in, desk, make):
    meeting = make.meeting(desk.partnership)
    for person in (desk.astanah, desk.rathore):
        signed_in.submit(f"/meetings/{meeting.id}/participants/new",
                         {"side": "ours" if person is desk.astanah else "partner", "role": "member",
                          "person_id": str(person.id)})
    wrong = db.session.scalar(sa.select(MeetingParticipant).where(MeetingParticipant.person_id == desk.rathore.id))
    url = f"/meetings/{meeting.id}/participants/{wrong.id}/remove"

    detail = signed_in.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    hidden = "H.E. Ameer Khurram Rathore from the participants"
    assert f'href="{url}">Remove<span class="visually-hidden"> {hidden}' in detail
    confirm = signed_in.get(url).get_data(as_text=True)
    assert "Remove H.E. Ameer Khurram Rathore from the participants?" in confirm
    assert "Their record and their posts stay as they are." in confirm
    page = signed_in.submit(url).get_data(as_text=True)
    # The call was named after both; it is named after the one left from now on.
    assert ("Participant removed from Courtesy call by H.E. Ameer Khurram Rathore on the Deputy Secretary-General of "
            "ASEAN for the ASEAN Political-Security Community: H.E. Ameer Khurram Rathore") in page
    assert ('<h1 class="mt-1">Courtesy call on the Deputy Secretary-General of ASEAN for the ASEAN '
            "Political-Security Community") in page
    db.session.expire_all()
    assert [p.person_id for p in db.session.scalars(sa.select(MeetingParticipant))] == [desk.astanah.id]
    assert db.session.get(Person, desk.rathore.id) is not None and len(desk.rathore.positions) == 2

    # Pressed twice: the second press finds nothing to remove and goes back to the meeting.
    again = signed_in.submit(url, page=f"/meetings/{meeting.id}", follow=False)
    assert again.status_code == 302 and again.headers["Location"].endswith(f"/meetings/{meeting.id}#participants")
    assert signed_in.get(url).status_code == 404


def test_removing_a_participant_is_for_editors(as_role, desk, make):
    meeting = make.meeting(desk.partnership)
    db.session.add(MeetingParticipant(meeting=meeting, person=desk.rathore, side="partner", role="member"))
    db.session.commit()
    participant_id = db.session.scalar(sa.select(MeetingParticipant.id))
    viewer = as_role("viewer")
    assert viewer.get(f"/meetings/{meeting.id}/participants/{participant_id}/remove").status_code == 403
    assert "Remove" not in viewer.get(f"/meetings/{meeting.id}").get_data(as_text=True).split("Participants")[1]


def test_a_participant_of_another_meeting_is_not_found(signed_in, desk, make):
    meeting, other = make.meeting(desk.partnership), make.meeting(desk.partnership, held_on=date(2024, 4, 1))
    db.session.add(MeetingParticipant(meeting=meeting, person=desk.rathore, side="partner", role="member"))
    db.session.commit()
    participant_id = db.session.scalar(sa.select(MeetingParticipant.id))
    assert signed_in.get(f"/meetings/{other.id}/participants/{participant_id}/remove").status_code == 404
    assert signed_in.get(f"/meetings/{meeting.id}/participants/99999999999/remove").status_code == 404
    assert signed_in.get(f"/meetings/999999/participants/{participant_id}/remove").status_code == 404


def test_a_removal_without_the_form_token_is_refused(signed_in, desk, make):
    meeting = make.meeting(desk.partnership)
    db.session.add(MeetingParticipant(meeting=meeting, person=desk.rathore, side="partner", role="member"))
    db.session.commit()
    participant_id = db.session.scalar(sa.select(MeetingParticipant.id))
    response = signed_in.client.post(f"/meetings/{meeting.id}/participants/{participant_id}/remove")
    assert response.status_code == 400
    assert counts()[1] == 1
    assert db.session.get(Organisation, desk.pakistan.id) is not None
