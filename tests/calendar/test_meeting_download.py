""""Add to calendar" on a meeting's page: the meeting alone, as an .ics file to open."""

from datetime import date, time

from icalendar import Calendar

from app.models import MeetingType


def test_a_dated_meeting_offers_its_ics_file_to_every_signed_in_reader(app, as_role, make, feed_settings):
    pakistan = make.partnership()
    call = make.meeting(pakistan, held_on=date(2024, 3, 25), starts_at=time(14, 30), summary="Confidential notes",
                        is_restricted=True)
    viewer = as_role("viewer")
    page = viewer.get(f"/meetings/{call.id}").get_data(as_text=True)
    assert f'<a href="/meetings/{call.id}/calendar.ics" download>Add to calendar' in page
    response = viewer.get(f"/meetings/{call.id}/calendar.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    assert response.headers["Content-Disposition"] == f'attachment; filename="meeting-{call.id}.ics"'
    [event] = Calendar.from_ical(response.data).walk("VEVENT")
    assert str(event["uid"]) == f"meeting-{call.id}@desk.asean.example"
    assert event.decoded("dtstart").isoformat() == "2024-03-25T14:30:00+07:00"
    assert "Confidential" not in response.get_data(as_text=True)


def test_a_meeting_whose_date_is_not_known_has_no_calendar_file(as_role, make):
    undated = make.meeting(make.partnership(), MeetingType.JSCC, number=6, held_on=None)
    viewer = as_role("viewer")
    assert "Add to calendar" not in viewer.get(f"/meetings/{undated.id}").get_data(as_text=True)
    assert viewer.get(f"/meetings/{undated.id}/calendar.ics").status_code == 404


def test_signing_in_is_needed_for_a_meetings_file(client, make):
    call = make.meeting(make.partnership())
    response = client.get(f"/meetings/{call.id}/calendar.ics")
    assert response.status_code == 302 and response.headers["Location"].startswith("/sign-in")
