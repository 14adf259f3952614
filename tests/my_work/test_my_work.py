"""My work: one officer's follow-ups, what falls due soon, this week's meetings, the chases owed and the quiet
areas of the partnerships they look after, on Wednesday 9 December 2026 (week of Monday 7 to Sunday 13)."""

import re
from datetime import date

import pytest

from app.extensions import db
from app.follow_ups import services as follow_up_services
from app.follow_ups.history import record_state
from app.models import FollowUpStatus

TODAY = date(2026, 12, 9)
OPENED = date(2026, 11, 1)


@pytest.fixture(autouse=True)
def wednesday(monkeypatch):
    monkeypatch.setattr(follow_up_services, "today", lambda: TODAY)


def section(page: str, heading_id: str) -> str:
    """The text of the page's section headed ``heading_id``, up to the next section."""
    start = page.index(f'id="{heading_id}"')
    end = page.find("<section", start)
    return page[start:end if end > 0 else len(page)]


def titles(html: str) -> list[str]:
    """The follow-up titles linked in ``html``, in order."""
    return re.findall(r'<a href="/follow-ups/\d+">([^<]+)</a>', html)


def mine(make, partnership, owner, title, due_on, **details):
    return make.follow_up(partnership, title=title, owner=owner, due_on=due_on, opened_on=OPENED, **details)


def owed(make, partnership, title, due_on, **details):
    return make.follow_up(partnership, title=title, partner_office="Ministry of Commerce", due_on=due_on,
                          opened_on=OPENED, **details)


@pytest.fixture
def desk(signed_in, make):
    """Pakistan is the signed-in officer's; Norway a colleague's."""
    me = signed_in.user
    colleague = make.user(email="amina@asean.example", name="Amina Rahman")
    pakistan = make.partnership(desk_officer=me)
    norway = make.partnership(make.organisation(name="Kingdom of Norway", short_name="Norway", iso_code="NO"),
                              desk_officer=colleague)
    jscc = make.meeting(pakistan, title="8th JSCC", held_on=date(2026, 10, 20))
    mine(make, pakistan, me, "Circulate the minutes", date(2026, 12, 9), meeting=jscc)
    mine(make, pakistan, me, "Keep in touch with the mission", None)
    mine(make, norway, me, "Book the venue", date(2026, 12, 4))
    mine(make, pakistan, me, "Confirm the delegation", date(2026, 12, 23))
    mine(make, pakistan, me, "Send the draft MoU", date(2026, 11, 19), meeting=jscc)
    mine(make, pakistan, me, "Draft the press release", date(2026, 12, 24))
    mine(make, pakistan, me, "Brief the Director", date(2026, 12, 8), status="in_progress")
    mine(make, pakistan, me, "Already sent", date(2026, 12, 1), status="done", completed_on=date(2026, 12, 2))
    archived = mine(make, pakistan, me, "Withdrawn task", date(2026, 12, 2))
    archived.archive()
    mine(make, pakistan, colleague, "Amina's own task", date(2026, 12, 1))
    closed = make.partnership(make.organisation(name="Republic of Old", short_name="Old", iso_code="OL"),
                              desk_officer=me)
    mine(make, closed, me, "Task of a closed partnership", date(2026, 12, 10))
    make.meeting(closed, title="Meeting of a closed partnership", held_on=date(2026, 12, 9))
    owed(make, closed, "Owed in a closed partnership", date(2026, 12, 1))
    closed.archive()
    db.session.commit()
    return signed_in, pakistan, norway


def test_my_follow_ups_are_listed_most_overdue_first_then_by_due_date_undated_last(desk):
    officer, _, _ = desk
    page = officer.get("/my-work").get_data(as_text=True)
    listed = section(page, "my-follow-ups")
    assert "Your open follow-ups (7)" in listed
    assert "3 overdue, shown first" in listed
    assert titles(listed) == ["Send the draft MoU", "Book the venue", "Brief the Director", "Circulate the minutes",
                              "Confirm the delegation", "Draft the press release", "Keep in touch with the mission"]
    assert "20 days overdue" in listed and "5 days overdue" in listed and "1 day overdue" in listed
    assert listed.count("overdue</span>") == 3
    # where each came from, its partnership, its status in words, the dates as the app writes them
    assert '8th JSCC</a>' in listed and "ASEAN–Norway" in listed and ">In progress</span>" in listed
    assert "19 November 2026" in listed and "No due date" in listed
    assert "Already sent" not in page and "Withdrawn task" not in page and "Amina" not in listed
    assert "closed partnership" not in page and "You look after 1 partnership." in page


def test_due_in_the_next_fourteen_days_runs_from_today_to_the_fourteenth_day(desk):
    officer, _, _ = desk
    due = section(officer.get("/my-work").get_data(as_text=True), "due-soon")
    assert "Due in the next 14 days (2)" in due
    assert "from today, 9 December 2026, to 23 December 2026" in due
    assert titles(due) == ["Circulate the minutes", "Confirm the delegation"]
    assert "Draft the press release" not in due and "Brief the Director" not in due


def test_meetings_this_week_run_from_monday_to_sunday_of_the_partnerships_looked_after(desk, make):
    officer, pakistan, norway = desk
    for held_on, title in [(date(2026, 12, 6), "Previous Sunday call"), (date(2026, 12, 7), "Monday call"),
                           (date(2026, 12, 9), "Wednesday call"), (date(2026, 12, 13), "Sunday reception"),
                           (date(2026, 12, 14), "Next Monday call")]:
        make.meeting(pakistan, title=title, held_on=held_on)
    make.meeting(norway, title="Norway call", held_on=date(2026, 12, 10))
    make.meeting(pakistan, title="Cancelled call", held_on=date(2026, 12, 10)).archive()
    db.session.commit()
    week = section(officer.get("/my-work").get_data(as_text=True), "this-week")
    assert "Meetings this week (3)" in week
    assert "Meetings of the partnerships you look after, Monday 7 December 2026 to Sunday 13 December 2026" in week
    assert re.findall(r'/meetings/\d+">([^<]+)</a>', week) == ["Monday call", "Wednesday call", "Sunday reception"]
    assert "Monday 7 December 2026" in week and "Sunday 13 December 2026" in week
    assert week.count(">Today</span>") == 1
    assert week.index("Wednesday 9 December 2026") < week.index(">Today</span>") < week.index("Wednesday call")


def test_chases_are_what_the_partner_owes_overdue_or_awaited_oldest_due_first(desk, make):
    officer, pakistan, norway = desk
    owed(make, pakistan, "Send the list of experts", date(2026, 11, 30))
    awaited = owed(make, pakistan, "Confirm the dates of the visit", date(2026, 12, 20))
    follow_up_services.set_follow_up_status(awaited, FollowUpStatus.AWAITING_PARTNER, date(2026, 11, 15))
    awaited.due_on = date(2026, 12, 18)  # a new due date while waiting: the wait goes on
    record_state(awaited, date(2026, 11, 25))
    owed(make, pakistan, "Review the draft text", date(2026, 12, 20))
    owed(make, pakistan, "Sign the minutes", date(2026, 11, 20), status="done", completed_on=date(2026, 12, 1))
    owed(make, pakistan, "Old request", date(2026, 10, 1)).archive()
    owed(make, norway, "Norway's overdue answer", date(2026, 11, 1))
    db.session.commit()
    chases = section(officer.get("/my-work").get_data(as_text=True), "chases")
    assert "Chases owed (2)" in chases
    assert titles(chases) == ["Send the list of experts", "Confirm the dates of the visit"]
    assert "9 days overdue" in chases and "Ministry of Commerce (partner)" in chases
    assert ">Awaiting partner</span>" in chases
    assert "Awaiting the partner since 15 November 2026" in chases
    assert chases.count("Awaiting the partner since") == 1


def test_quiet_areas_are_those_with_no_update_and_no_meeting_for_the_stale_days(desk, make):
    officer, pakistan, norway = desk
    plan = make.plan(pakistan)
    trade = make.area(plan, code="2.1", name="Trade")
    tourism = make.area(plan, code="2.2", name="Tourism")
    education = make.area(plan, code="2.3", name="Education")
    make.status_update(officer.user, area=trade, status="at_risk", as_of=date(2026, 3, 1))
    make.status_update(officer.user, area=tourism, status="at_risk", as_of=date(2026, 10, 1))
    make.meeting(pakistan, title="Education talks", held_on=date(2026, 11, 2), areas=[education])
    make.area(make.plan(norway), code="1.1", name="Fisheries")
    quiet = section(officer.get("/my-work").get_data(as_text=True), "quiet")
    assert "Areas gone quiet (1)" in quiet
    assert "no meeting for 180 days" in quiet
    assert "ASEAN–Pakistan: Trade</a> – No status update or meeting since 1 March 2026" in quiet
    assert "Tourism" not in quiet and "Education" not in quiet and "Fisheries" not in quiet


def test_an_officer_who_looks_after_no_partnership_still_sees_their_follow_ups(signed_in, make):
    partnership = make.partnership()
    mine(make, partnership, signed_in.user, "Send the draft MoU", date(2026, 12, 1))
    page = signed_in.get("/my-work").get_data(as_text=True)
    assert titles(section(page, "my-follow-ups")) == ["Send the draft MoU"]
    assert "Nothing of yours falls due from today to 23 December 2026." in page
    for heading_id in ("this-week", "chases", "quiet"):
        empty = section(page, heading_id)
        assert "You look after no partnership yet: an editor can name you desk officer on a partnership" in empty
        assert '<a href="/partnerships/">See the partnerships</a>' in empty


def test_an_officer_with_nothing_to_do_reads_so(signed_in, make):
    make.partnership(desk_officer=signed_in.user)
    page = signed_in.get("/my-work").get_data(as_text=True)
    assert "Your open follow-ups (0)" in page and "You have no open follow-ups." in page
    assert "No meetings this week." in page
    assert "No partner owes a follow-up that is overdue or awaited." in page
    assert "No area you look after has gone quiet." in page


def test_a_viewer_reads_the_placeholder_for_a_restricted_follow_up(as_role, make):
    viewer = as_role("viewer")
    partnership = make.partnership(desk_officer=viewer.user)
    mine(make, partnership, viewer.user, "Talking points on the border issue", date(2026, 12, 10),
         is_restricted=True)
    owed(make, partnership, "Partner's position on the border", date(2026, 12, 1), is_restricted=True)
    page = viewer.get("/my-work").get_data(as_text=True)
    assert "Talking points" not in page and "position on the" not in page
    assert titles(section(page, "my-follow-ups")) == ["Restricted follow-up action"]
    assert titles(section(page, "due-soon")) == ["Restricted follow-up action"]
    assert titles(section(page, "chases")) == ["Restricted follow-up action"]


def test_an_editor_reads_a_restricted_title_with_its_tag(signed_in, make):
    partnership = make.partnership()
    mine(make, partnership, signed_in.user, "Talking points on the border issue", None, is_restricted=True)
    listed = section(signed_in.get("/my-work").get_data(as_text=True), "my-follow-ups")
    assert titles(listed) == ["Talking points on the border issue"] and ">Restricted</span>" in listed


def test_home_page_and_top_bar_lead_to_my_work(signed_in):
    page = signed_in.get("/").get_data(as_text=True)
    mine_section = section(page, "my-follow-ups")
    assert 'href="/my-work">My work: all your follow-ups' in mine_section
    assert '<a class="nav-link" href="/my-work">My work</a>' in " ".join(page.split())


def busy_partnership(make, officer, n):
    """A partnership ``officer`` looks after, with something in every section of their page."""
    partnership = make.partnership(make.organisation(name=f"Country {n:02d}", short_name=f"C{n:02d}"),
                                   desk_officer=officer)
    plan = make.plan(partnership)
    for a in range(3):
        area = make.area(plan, code=f"1.{a}", name=f"Area {a}")
        make.status_update(officer, area=area, status="at_risk", as_of=date(2025, 1, 1))
    make.meeting(partnership, title=f"Call {n}", held_on=date(2026, 12, 8))
    earlier = make.meeting(partnership, title=f"Talks {n}", held_on=date(2026, 10, 1))
    mine(make, partnership, officer, f"Overdue {n}", date(2026, 12, 1), meeting=earlier)
    mine(make, partnership, officer, f"Due soon {n}", date(2026, 12, 12))
    awaited = owed(make, partnership, f"Awaited {n}", date(2026, 12, 20), status="awaiting_partner")
    owed(make, partnership, f"Owed {n}", date(2026, 11, 1))
    return awaited


def test_the_queries_do_not_grow_with_the_partnerships_and_follow_ups(signed_in, make, count_queries):
    busy_partnership(make, signed_in.user, 1)
    with count_queries() as one:
        assert signed_in.get("/my-work").status_code == 200
    for n in range(2, 7):
        busy_partnership(make, signed_in.user, n)
    db.session.expire_all()
    with count_queries() as six:
        page = signed_in.get("/my-work").get_data(as_text=True)
    assert "Your open follow-ups (12)" in page and "Chases owed (12)" in page
    assert "Meetings this week (6)" in page and "Areas gone quiet (18)" in page
    assert len(six) == len(one)
