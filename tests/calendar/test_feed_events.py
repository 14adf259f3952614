"""What each feed holds, read back with the icalendar library as a calendar app reads it.

The desk: ASEAN–Pakistan and ASEAN–Norway. The officer logged the 25 March 2024 courtesy call (14:30 in Jakarta)
through the meeting form and owns two follow-ups: one of the 7th JSCC (13-15 May 2024), one restricted.
"""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from icalendar import Calendar

from app.extensions import db
from app.models import MeetingType
from tests.calendar.conftest import make_address

SECRET = "Confidential position on the maritime boundary"


def meeting_form(partnership) -> dict:
    return {
        "partnership_id": str(partnership.id), "type": "courtesy_call", "number": "", "title": "",
        "held_on-day": "25", "held_on-month": "3", "held_on-year": "2024", "starts_at": "14.30",
        "ends_on-day": "", "ends_on-month": "", "ends_on-year": "", "venue": "ASEAN Secretariat, Jakarta",
        "format": "in_person", "summary": SECRET, "asks": SECRET, "commitments": "", "is_restricted": "y",
        "outcome_document": "none", "outcome_reference": "", "action": "save",
    }


@pytest.fixture
def desk(signed_in, make, feed_settings):
    pakistan = make.partnership()
    norway = make.partnership(make.organisation("Norway", short_name="Norway", iso_code="NO"), slug="asean-norway")
    assert signed_in.submit("/meetings/new", meeting_form(pakistan)).status_code == 200
    colleague = make.user(email="colleague@asean.example", name="Anna Officer")
    jscc = make.meeting(pakistan, MeetingType.JSCC, number=7, held_on=date(2024, 5, 13), ends_on=date(2024, 5, 15),
                        summary=SECRET, is_restricted=True)
    make.meeting(pakistan, MeetingType.JSCC, number=6, held_on=None)
    dropped = make.meeting(pakistan, MeetingType.WORKING_GROUP, held_on=date(2024, 7, 1))
    dropped.archive()
    db.session.commit()
    oslo = make.meeting(norway, held_on=date(2024, 8, 1))
    mine = make.follow_up(pakistan, "Send the customs work plan", owner=signed_in.user, meeting=jscc,
                          due_on=date(2024, 6, 30))
    secret = make.follow_up(pakistan, SECRET, owner=signed_in.user, due_on=date(2024, 9, 30), is_restricted=True)
    theirs = make.follow_up(pakistan, "Book the JCC venue", owner=colleague, due_on=date(2024, 7, 31))
    make.follow_up(pakistan, "Find the 6th JSCC records", owner=signed_in.user)  # no due date
    oslo_action = make.follow_up(norway, "Confirm the Oslo dates", owner=colleague, due_on=date(2024, 8, 15))
    return {"token": make_address(signed_in), "jscc": jscc.id, "dropped": dropped.id, "oslo": oslo.id,
            "mine": mine.id, "secret": secret.id, "theirs": theirs.id, "oslo_action": oslo_action.id}


def read(client, url) -> dict:
    """The events of the calendar at ``url``, by UID."""
    response = client.get(url)
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.data)
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def logged_call_uid() -> str:
    from app.models import Meeting

    # The call logged through the form, made before Oslo's: the first by id (a table scan keeps no order).
    call = db.session.scalar(db.select(Meeting).where(Meeting.type == MeetingType.COURTESY_CALL).order_by(Meeting.id))
    return f"meeting-{call.id}@desk.asean.example"


def test_the_officers_feed_has_their_follow_ups_the_meetings_they_came_from_and_the_meetings_they_logged(app, desk):
    events = read(app.test_client(), f"/calendar/{desk['token']}/mine.ics")
    assert set(events) == {
        logged_call_uid(), f"meeting-{desk['jscc']}@desk.asean.example",
        f"follow-up-{desk['mine']}@desk.asean.example", f"follow-up-{desk['secret']}@desk.asean.example",
    }


def test_a_timed_meeting_is_in_the_desks_time_zone_with_the_zone_described(app, desk):
    response = app.test_client().get(f"/calendar/{desk['token']}/mine.ics")
    calendar = Calendar.from_ical(response.data)
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["tzid"]) == "Asia/Jakarta"
    call = {str(e["uid"]): e for e in calendar.walk("VEVENT")}[logged_call_uid()]
    assert call["dtstart"].params["TZID"] == "Asia/Jakarta"
    # 14:30 in Jakarta (UTC+7) is 07:30 UTC; an hour long.
    assert call.decoded("dtstart").astimezone(UTC) == datetime(2024, 3, 25, 7, 30, tzinfo=UTC)
    assert call.decoded("dtend").astimezone(UTC) == datetime(2024, 3, 25, 8, 30, tzinfo=UTC)
    assert str(call["summary"]) == "Courtesy call – ASEAN–Pakistan"
    assert str(call["location"]) == "ASEAN Secretariat, Jakarta"
    assert (str(call["status"]), int(call["sequence"])) == ("CONFIRMED", 0)


def test_a_meeting_over_days_and_a_due_date_are_all_day_events_ending_the_next_day(app, desk):
    events = read(app.test_client(), f"/calendar/{desk['token']}/mine.ics")
    jscc = events[f"meeting-{desk['jscc']}@desk.asean.example"]
    assert (jscc.decoded("dtstart"), jscc.decoded("dtend")) == (date(2024, 5, 13), date(2024, 5, 16))
    assert jscc["dtstart"].params["VALUE"] == "DATE"
    assert str(jscc["summary"]) == "7th Joint Sectoral Cooperation Committee (JSCC) – ASEAN–Pakistan"
    due = events[f"follow-up-{desk['mine']}@desk.asean.example"]
    assert (due.decoded("dtstart"), due.decoded("dtend")) == (date(2024, 6, 30), date(2024, 7, 1))
    assert str(due["summary"]) == "Due: Send the customs work plan – ASEAN–Pakistan"
    assert str(due["url"]) == f"http://localhost/follow-ups/{desk['mine']}"


def test_restricted_text_is_in_no_feed(app, desk):
    calendar_app = app.test_client()
    for path in ("mine.ics", "desk.ics", "partnerships/asean-pakistan.ics"):
        text = calendar_app.get(f"/calendar/{desk['token']}/{path}").get_data(as_text=True)
        unfolded = text.replace("\r\n ", "")
        assert "Confidential" not in unfolded and "maritime" not in unfolded
    events = read(calendar_app, f"/calendar/{desk['token']}/mine.ics")
    secret = events[f"follow-up-{desk['secret']}@desk.asean.example"]
    assert str(secret["summary"]) == "Due: Restricted follow-up action – ASEAN–Pakistan"


def test_the_partnership_feed_holds_its_own_dated_records_and_an_archived_meeting_as_cancelled(app, desk):
    events = read(app.test_client(), f"/calendar/{desk['token']}/partnerships/asean-pakistan.ics")
    uid = "{}-{}@desk.asean.example".format
    assert set(events) == {
        logged_call_uid(), uid("meeting", desk["jscc"]), uid("meeting", desk["dropped"]),
        uid("follow-up", desk["mine"]), uid("follow-up", desk["secret"]), uid("follow-up", desk["theirs"]),
    }  # the 6th JSCC, whose date is not known, and the follow-up without a due date are left out
    dropped = events[uid("meeting", desk["dropped"])]
    # Archiving was the meeting's second save.
    assert (str(dropped["status"]), int(dropped["sequence"])) == ("CANCELLED", 1)
    assert app.test_client().get(f"/calendar/{desk['token']}/partnerships/asean-nowhere.ics").status_code == 404


def test_the_desk_feed_holds_every_partnership(app, desk):
    events = read(app.test_client(), f"/calendar/{desk['token']}/desk.ics")
    assert len(events) == 8
    oslo = events[f"meeting-{desk['oslo']}@desk.asean.example"]
    assert str(oslo["summary"]) == "Courtesy call – ASEAN–Norway"
    assert f"follow-up-{desk['oslo_action']}@desk.asean.example" in events


def test_a_changed_meeting_keeps_its_uid_with_a_higher_sequence_and_a_later_last_modified(app, desk):
    from app.models import Meeting

    uid = f"meeting-{desk['oslo']}@desk.asean.example"
    before = read(app.test_client(), f"/calendar/{desk['token']}/desk.ics")[uid]
    oslo = db.session.get(Meeting, desk["oslo"])
    oslo.starts_at = time(9, 0)
    oslo.venue = "Ministry of Foreign Affairs, Oslo"
    db.session.commit()
    after = read(app.test_client(), f"/calendar/{desk['token']}/desk.ics")[uid]
    assert (int(before["sequence"]), int(after["sequence"])) == (0, 1)
    assert after.decoded("last-modified") >= before.decoded("last-modified")
    assert after.decoded("dtstamp") == after.decoded("last-modified")
    # 09:00 in Jakarta is 02:00 UTC.
    assert after.decoded("dtstart").astimezone(UTC) == datetime(2024, 8, 1, 2, 0, tzinfo=UTC)
    assert str(after["location"]) == "Ministry of Foreign Affairs, Oslo"


def test_the_window_leaves_out_old_meetings_and_long_archived_ones(app, signed_in, make):
    pakistan = make.partnership()
    today = date.today()
    recent = make.meeting(pakistan, held_on=today - timedelta(days=10))
    make.meeting(pakistan, MeetingType.JSCC, number=3, held_on=today - timedelta(days=400))
    archived = make.meeting(pakistan, MeetingType.WORKING_GROUP, held_on=today + timedelta(days=5))
    archived.archive()
    db.session.commit()
    token = make_address(signed_in)
    assert set(read(app.test_client(), f"/calendar/{token}/desk.ics")) == {
        f"meeting-{recent.id}@partnership-tracker.invalid", f"meeting-{archived.id}@partnership-tracker.invalid"}
    app.config["CALENDAR_CANCELLED_DAYS"] = 0  # archived longer ago than that: gone
    try:
        assert set(read(app.test_client(), f"/calendar/{token}/desk.ics")) == {
            f"meeting-{recent.id}@partnership-tracker.invalid"}
    finally:
        app.config["CALENDAR_CANCELLED_DAYS"] = 90


def test_a_partnership_feed_follows_the_partnership_to_its_new_web_address(app, signed_in, make):
    from app.models import FormerSlug

    token = make_address(signed_in)
    partnership = make.partnership()
    db.session.add(FormerSlug(slug="asean-old-name", partnership_id=partnership.id))
    db.session.commit()
    moved = app.test_client().get(f"/calendar/{token}/partnerships/asean-old-name.ics")
    assert moved.status_code == 301
    assert moved.headers["Location"].endswith(f"/calendar/{token}/partnerships/{partnership.slug}.ics")
    assert app.test_client().get(f"/calendar/{token}/partnerships/no-such-partnership.ics").status_code == 404


def test_a_time_zone_that_does_not_exist_stops_the_app_from_starting():
    from app import create_app

    with pytest.raises(RuntimeError, match="CALENDAR_TIME_ZONE='Asia/Jakrta' is not a time zone"):
        create_app("testing", CALENDAR_TIME_ZONE="Asia/Jakrta")
