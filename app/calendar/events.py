"""Meetings and follow-ups as iCalendar events, the same way in every feed and in a meeting's own download.

Calendar apps show all-day events in every case, where support for to-dos (VTODO) varies: a due date is an
all-day event. A meeting with a start time is timed, in the desk's time zone (``CALENDAR_TIME_ZONE``); one with
only a date, or over several days, is all-day. Restricted notes never go in: a meeting's summary, asks and
commitments are left out of every event, and a restricted follow-up is named by its placeholder, whoever reads the
feed, as an address can be passed on and is read with no one signed in.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask import current_app, url_for
from icalendar import Calendar, Event

from app.common.restricted import RESTRICTED_ACTION
from app.models import FollowUpAction, FollowUpStatus, Meeting
from app.models.base import in_utc


@dataclass
class Feed:
    """What one feed shows, with when each record was last changed: {(table, id): moment}."""

    name: str
    meetings: list[Meeting]
    follow_ups: list[FollowUpAction]
    changed_at: dict[tuple[str, int], datetime]


def uid(kind: str, record_id: int) -> str:
    """Stable whatever address the app is served from: a calendar app keys its copy of an event on it."""
    return f"{kind}-{record_id}@{current_app.config['CALENDAR_UID_DOMAIN']}"


def new_calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", f"-//{current_app.config['DESK_NAME']}//Partnership tracker//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    # How often a subscribing app should read the feed again (Outlook and Apple read these).
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    return calendar


def stamp(event: Event, record: Meeting | FollowUpAction, changed_at: datetime | None, kind: str) -> None:
    """UID, SEQUENCE (each save of the record counts one), LAST-MODIFIED and DTSTAMP.

    Without a METHOD the calendar is a published copy, whose DTSTAMP is when the information last changed
    (RFC 5545, 3.8.7.2): the same feed read twice is the same text.
    """
    changed = in_utc(changed_at or record.created_at)
    event.add("uid", uid(kind, record.id))
    event.add("sequence", record.version - 1)
    event.add("dtstamp", changed)
    event.add("last-modified", changed)
    event.add("created", in_utc(record.created_at))


def all_day(event: Event, first: date, last: date) -> None:
    event.add("dtstart", first)  # a date: VALUE=DATE
    event.add("dtend", last + timedelta(days=1))  # the day after, as RFC 5545 wants for all-day events
    event.add("transp", "TRANSPARENT")  # a deadline or a day-long entry does not make the officer busy


def meeting_event(meeting: Meeting, changed_at: datetime | None) -> Event | None:
    """The meeting as an event; None when its date is not known."""
    if meeting.held_on is None:
        return None
    event = Event()
    stamp(event, meeting, changed_at, "meeting")
    event.add("summary", f"{meeting.name} – {meeting.partnership.name}")
    last = meeting.ends_on or meeting.held_on
    if meeting.starts_at is not None and last == meeting.held_on:
        zone = ZoneInfo(current_app.config["CALENDAR_TIME_ZONE"])
        starts = datetime.combine(meeting.held_on, meeting.starts_at, tzinfo=zone)
        event.add("dtstart", starts)
        event.add("dtend", starts + timedelta(minutes=current_app.config["CALENDAR_MEETING_MINUTES"]))
    else:
        all_day(event, meeting.held_on, last)
    if meeting.venue:
        event.add("location", meeting.venue)
    page = url_for("meetings.detail", meeting_id=meeting.id, _external=True)
    event.add("description", f"{meeting.type.label}, {meeting.format.label.lower()}.\n{page}")
    event.add("url", page)
    event.add("status", "CANCELLED" if meeting.is_archived else "CONFIRMED")
    return event


def follow_up_event(action: FollowUpAction, changed_at: datetime | None) -> Event | None:
    """The follow-up's due date as an all-day event; None when it has none."""
    if action.due_on is None:
        return None
    event = Event()
    stamp(event, action, changed_at, "follow-up")
    title = RESTRICTED_ACTION if action.is_restricted else action.title
    done = "Done: " if action.status is FollowUpStatus.DONE else ""
    event.add("summary", f"{done}Due: {title} – {action.partnership.name}")
    all_day(event, action.due_on, action.due_on)
    page = url_for("follow_ups.detail", action_id=action.id, _external=True)
    event.add("description", f"Follow-up action owned by {action.owner_name}.\n{page}")
    event.add("url", page)
    cancelled = action.is_archived or action.status is FollowUpStatus.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def calendar_of(feed: Feed) -> bytes:
    calendar = new_calendar(feed.name)
    events = [meeting_event(m, feed.changed_at.get(("meetings", m.id))) for m in feed.meetings]
    events += [follow_up_event(a, feed.changed_at.get(("follow_up_actions", a.id))) for a in feed.follow_ups]
    for event in events:
        if event is not None:
            calendar.add_component(event)
    calendar.add_missing_timezones()  # the VTIMEZONE each TZID names, so every app reads the times alike
    text: bytes = calendar.to_ical()
    return text
