"""The area page as the area's dossier: status timeline, meetings, follow-ups and action lines."""

from datetime import date, timedelta

import pytest

from app.extensions import db
from app.models import MeetingType
from tests.plans.helpers import ImplementationDesk, count_statements, date_fields, fix_today


@pytest.fixture
def desk(make, monkeypatch):
    return ImplementationDesk(make, monkeypatch)


def section(page: str, start: str, end: str | None = None) -> str:
    begin = page.index(start)
    return page[begin : page.index(end, begin) if end else len(page)]


def test_dossier_shows_history_newest_first_with_backdated_entries_marked(signed_in, desk):
    """Trade's history: on track (31 Mar 2025, 40%), at risk (30 Sep 2024), both recorded later than their
    dates (backdated). A new update recorded today as of today is newest and not backdated."""
    today = date.today()
    signed_in.submit(
        f"/areas/{desk.trade.id}/status/new",
        {"status": "completed", "progress": "100", "note": "Trade work plan completed", **date_fields("as_of", today)},
    )
    page = signed_in.get(f"/areas/{desk.trade.id}").get_data(as_text=True)
    history = section(page, "Status history</h2>", "Meetings that discussed it")
    entries = history.split("<li ")[1:]
    assert len(entries) == 3
    newest, middle, oldest = entries
    assert f"As of {today.day} {today:%B %Y}" in newest and "(current)" in newest
    assert "Completed" in newest and "Progress 100%" in newest and "Trade work plan completed" in newest
    assert "Recorded by Desk Officer" in newest and "backdated" not in newest
    assert "As of 31 March 2025" in middle and "On track" in middle and "Progress 40%" in middle
    assert "Workshop held in Jakarta" in middle and "Recorded by Nur Aisyah" in middle and "backdated" in middle
    assert "As of 30 September 2024" in oldest and "At risk" in oldest and "Funding delayed" in oldest
    assert "backdated" in oldest


def test_dossier_lists_the_meetings_that_discussed_the_area(signed_in, desk):
    """Latest first: the 9th JSCC (15 Jul 2025, after the fixed today of 30 Jun 2025: upcoming), the 8th JSCC
    (20 May 2025), the courtesy call (25 Mar 2024). The archived call is left out."""
    page = signed_in.get(f"/areas/{desk.trade.id}").get_data(as_text=True)
    meetings = section(page, 'id="meetings"', 'id="follow-ups"')
    rows = meetings.split("<tr>")[2:]
    assert len(rows) == 3
    assert "15 July 2025" in rows[0] and "9th Joint Sectoral Cooperation Committee (JSCC)" in rows[0]
    assert "Upcoming" in rows[0]
    assert "20 May 2025" in rows[1] and f'href="/meetings/{desk.jscc.id}"' in rows[1] and "Upcoming" not in rows[1]
    assert "25 March 2024" in rows[2] and f'href="/meetings/{desk.courtesy_call.id}">Courtesy call</a>' in rows[2]
    assert "Cancelled call" not in page


def test_dossier_lists_follow_ups_open_first_with_overdue_marked(signed_in, desk):
    """Open ones by due date: customs contact list (1 Jun 2025, overdue on 30 Jun 2025), trade work plan
    (31 Jul 2025), workshop venue (no due date); then the done one. The archived one is left out.
    Counts: 3 open, 1 overdue."""
    page = signed_in.get(f"/areas/{desk.trade.id}").get_data(as_text=True)
    follow_ups = section(page, 'id="follow-ups"', 'id="action-lines"')
    assert "3 open" in follow_ups and "1 overdue" in follow_ups
    items = follow_ups.split('<li class="list-group-item">')[1:]
    titles = ["Send the customs contact list", "Draft the trade work plan", "Confirm the workshop venue",
              "Share the meeting report"]
    assert [next(t for t in titles if t in item) for item in items] == titles
    assert "Overdue" in items[0] and f'href="/follow-ups/{desk.overdue.id}"' in items[0]
    assert all("Overdue" not in item for item in items[1:])
    assert "In progress" in items[1] and "due 31 July 2025" in items[1]
    assert "Awaiting partner" in items[2] and "no due date" in items[2]
    assert "Done" in items[3]
    assert "Old request" not in page


def test_dossier_shows_action_lines_with_status_and_coverage(signed_in, desk):
    """Trade: 2.1.1 being addressed, 2.1.2 addressed, 2.1.3 not yet, 2.1.4 discontinued -> 2 of 4 (50%),
    addressed 1 of 4 (25%); the archived 2.1.5 is hidden and not counted."""
    page = signed_in.get(f"/areas/{desk.trade.id}").get_data(as_text=True)
    lines = section(page, 'id="action-lines"', 'id="audit-history"')
    assert "Being addressed or addressed: <strong>2 of 4 (50%)</strong>; addressed only: 1 of 4 (25%)" in lines
    rows = lines.split("<tr>")[2:]
    assert [row[row.index("<th") : row.index("</th>")].split(">")[1] for row in rows] == [
        "2.1.1", "2.1.2", "2.1.3", "2.1.4"
    ]
    assert "Being addressed" in rows[0] and "as of 30 September 2024" in rows[0]
    assert "Addressed" in rows[1] and "as of 31 January 2025" in rows[1]
    assert "Not yet addressed" in rows[2] and "Discontinued" in rows[3]
    assert "1 archived action line is hidden" in lines
    assert 'tabindex="0" role="region" aria-labelledby="lines-caption"' in lines


def test_an_area_with_nothing_yet(signed_in, make):
    plan = make.plan(make.partnership())
    area = make.area(plan, make.pillar(plan, "Economic"))
    page = signed_in.get(f"/areas/{area.id}").get_data(as_text=True)
    assert "No status has been recorded yet." in page
    assert "No meeting has discussed this area yet." in page
    assert "No follow-ups for this area." in page
    assert "This area has no action lines." in page


def test_area_page_queries_do_not_grow_with_history_meetings_or_follow_ups(signed_in, make, monkeypatch):
    fix_today(monkeypatch)
    partnership = make.partnership()
    plan = make.plan(partnership)
    pillar = make.pillar(plan, "Economic")

    def statements(size: int) -> int:
        area = make.area(plan, pillar, code=f"9.{size}", name=f"Area of size {size}")
        author = make.user(email=f"dossier{size}@asean.example")
        for n in range(size):
            line = make.action_line(area, code=f"9.{size}.{n}")
            make.status_update(author, action_line=line, status="addressed", as_of=date(2025, 1, 1))
            make.status_update(author, area=area, status="on_track", as_of=date(2024, 1, 1) + timedelta(days=n))
            make.meeting(partnership, type=MeetingType.JSCC, number=size * 10 + n, held_on=date(2024, 2, 1),
                         areas=[area])
            make.follow_up(partnership, title=f"Follow-up {n}", area=area, due_on=date(2025, 1, 1),
                           owner=author if n % 2 else None)
        db.session.expire_all()
        with count_statements() as executed:
            response = signed_in.get(f"/areas/{area.id}")
        assert response.status_code == 200
        assert response.get_data(as_text=True).count('<li class="list-group-item">') == size
        return len(executed)

    assert statements(2) == statements(7)


def test_a_long_dossier_lists_the_latest_rows_and_shows_all_on_request(signed_in, make, monkeypatch):
    """30 status updates (1 to 30 January 2024), 27 meetings and 26 follow-ups: the page lists the latest 25 of
    each, says how many there are, and each "Show all" link lists every one of its kind."""
    fix_today(monkeypatch)
    partnership = make.partnership()
    plan = make.plan(partnership)
    area = make.area(plan, make.pillar(plan, "Economic"), code="2.1", name="Trade")
    author = make.user(email="nur.aisyah@asean.example", name="Nur Aisyah")
    for day in range(1, 31):
        make.status_update(author, area=area, status="on_track", as_of=date(2024, 1, day), note=f"Update {day}")
    for n in range(1, 28):
        make.meeting(partnership, type=MeetingType.JSCC, number=n, held_on=date(2024, 1, 1) + timedelta(days=n),
                     areas=[area])
    for n in range(1, 27):
        # Follow-up 26 is the only one done: it comes last, after the 25 open ones.
        make.follow_up(partnership, title=f"Follow-up {n:02d}", area=area, due_on=date(2026, 1, n),
                       status="done" if n == 26 else "open", **({"completed_on": date(2025, 1, 1)} if n == 26 else {}))
    url = f"/areas/{area.id}"

    page = signed_in.get(url).get_data(as_text=True)
    history = section(page, 'id="history"', 'id="meetings"')
    assert history.count("<li ") == 25
    assert "Update 30" in history and "Update 6<" in history and "Update 5<" not in history
    assert "The latest 25 of 30 status updates are listed." in history
    meetings = section(page, 'id="meetings"', 'id="follow-ups"')
    assert meetings.count("<tr>") == 26 and "The latest 25 of 27 meetings are listed." in meetings
    follow_ups = section(page, 'id="follow-ups"', 'id="action-lines"')
    assert follow_ups.count('<li class="list-group-item">') == 25
    assert "25 open" in follow_ups and "Follow-up 26" not in follow_ups
    assert "The first 25 of 26 follow-ups are listed." in follow_ups

    assert f'href="{url}?all=history#history">Show all 30 status updates</a>' in page
    everything = signed_in.get(f"{url}?all=history&all=meetings&all=follow-ups").get_data(as_text=True)
    assert section(everything, 'id="history"', 'id="meetings"').count("<li ") == 30
    assert section(everything, 'id="meetings"', 'id="follow-ups"').count("<tr>") == 28
    assert "Follow-up 26" in section(everything, 'id="follow-ups"', 'id="action-lines"')
    assert "Show all" not in everything
