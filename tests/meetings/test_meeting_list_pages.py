"""The meeting list pages through every meeting exactly once, newest first, whichever end a page is read from:
pages past the middle are read from the far end of the list in reverse (so the last page of a ministry's 50,000
meetings is as quick as the first), and must come out the same as reading forwards would."""

import re
from datetime import date

import pytest

from app.models import MeetingType


@pytest.fixture
def seven_meetings(make):
    """Seven meetings: two on the same day, two whose dates are not known (only committee meetings may be so)."""
    partnership = make.partnership()
    for title, held_on, kind, number in [
        ("Meeting E", None, MeetingType.JCC, 1),
        ("Meeting B", date(2024, 1, 5), MeetingType.COURTESY_CALL, None),
        ("Meeting C", date(2024, 1, 5), MeetingType.COURTESY_CALL, None),
        ("Meeting A", date(2025, 2, 2), MeetingType.COURTESY_CALL, None),
        ("Meeting D", date(2023, 6, 1), MeetingType.COURTESY_CALL, None),
        ("Meeting G", None, MeetingType.JCC, 2),
        ("Meeting F", date(2022, 3, 3), MeetingType.COURTESY_CALL, None),
    ]:
        make.meeting(partnership, title=title, held_on=held_on, type=kind, number=number)


def titles_on(page) -> list[str]:
    return re.findall(r">(Meeting [A-G])<", page.get_data(as_text=True))


def test_pages_from_either_end_list_every_meeting_once_newest_first(app, signed_in, seven_meetings, monkeypatch):
    monkeypatch.setitem(app.config, "PER_PAGE", 2)
    # Newest first; C before B (same day, logged later); unknown dates last, the later logged first.
    assert [titles_on(signed_in.get(f"/meetings/?page={n}")) for n in range(1, 5)] == [
        ["Meeting A", "Meeting C"],
        ["Meeting B", "Meeting D"],
        ["Meeting F", "Meeting G"],  # past the middle: read from the end
        ["Meeting E"],  # the last page, one meeting on it
    ]
    assert signed_in.get("/meetings/?page=5").status_code == 302  # past the end: back to page 1


def test_a_filtered_list_pages_the_same_way(app, signed_in, seven_meetings, monkeypatch):
    monkeypatch.setitem(app.config, "PER_PAGE", 1)
    committee = [titles_on(signed_in.get(f"/meetings/?type=jcc&page={n}")) for n in (1, 2)]
    assert committee == [["Meeting G"], ["Meeting E"]]
