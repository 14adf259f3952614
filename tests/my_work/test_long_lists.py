"""My work at the length of a busy desk: the officer's follow-ups paged, the chases cut short with "Show all"."""

import re
from datetime import date, timedelta

import pytest

from app.follow_ups import services as follow_up_services
from tests.my_work.test_my_work import TODAY, mine, owed, section, titles


@pytest.fixture(autouse=True)
def wednesday(monkeypatch):
    monkeypatch.setattr(follow_up_services, "today", lambda: TODAY)


def test_my_follow_ups_come_in_pages_of_25(signed_in, make):
    partnership = make.partnership()
    first = date(2026, 11, 1)
    for n in range(27):
        mine(make, partnership, signed_in.user, f"Task {n + 1:02d}", first + timedelta(days=n))
    page_one = signed_in.get("/my-work").get_data(as_text=True)
    listed = section(page_one, "my-follow-ups")
    assert "Your open follow-ups (27)" in listed and "<title>My work (page 1 of 2)" in page_one
    assert titles(listed) == [f"Task {n:02d}" for n in range(1, 26)]
    # due 1 to 27 November 2026, all overdue on 9 December: the first by 38 days, the 25th by 14
    assert "27 overdue, shown first" in listed
    assert "38 days overdue" in listed and "14 days overdue" in listed and "13 days overdue" not in listed
    assert 'href="/my-work?page=2" rel="next"' in listed
    page_two = section(signed_in.get("/my-work?page=2").get_data(as_text=True), "my-follow-ups")
    assert titles(page_two) == ["Task 26", "Task 27"]
    assert signed_in.get("/my-work?page=9").headers["Location"] == "/my-work"


def test_the_oldest_50_chases_show_and_all_of_them_on_asking(signed_in, make):
    partnership = make.partnership(desk_officer=signed_in.user)
    first = date(2026, 9, 1)
    for n in range(52):
        owed(make, partnership, f"Owed {n + 1:02d}", first + timedelta(days=n))
    chases = section(signed_in.get("/my-work").get_data(as_text=True), "chases")
    assert "Chases owed (52)" in chases and "The oldest 50 are shown." in chases
    assert titles(chases) == [f"Owed {n:02d}" for n in range(1, 51)]
    assert re.search(r'href="/my-work\?chases=all#chases">Show all 52 chases owed</a>', chases)
    every = section(signed_in.get("/my-work?chases=all").get_data(as_text=True), "chases")
    assert titles(every)[-2:] == ["Owed 51", "Owed 52"] and len(titles(every)) == 52
    assert "Show only the oldest 50" in every


def test_the_counts_and_chases_are_kept_until_a_follow_up_changes(signed_in, make, count_queries):
    signed_in.client.forget_kept_figures = False
    partnership = make.partnership(desk_officer=signed_in.user)
    task = mine(make, partnership, signed_in.user, "Send the draft MoU", date(2026, 12, 1))
    owed(make, partnership, "Send the list of experts", date(2026, 11, 30))

    with count_queries() as first:
        page = signed_in.get("/my-work").get_data(as_text=True)
    assert "1 overdue, shown first" in page and "Chases owed (1)" in page
    with count_queries() as again:
        assert "1 overdue, shown first" in signed_in.get("/my-work").get_data(as_text=True)
    assert len(again) < len(first)
    assert not [sql for sql in again if "count(*)" in sql.lower() or "max(" in sql.lower()]

    signed_in.submit(f"/follow-ups/{task.id}/status", {
        "status": "done", "completed_on-day": "9", "completed_on-month": "12", "completed_on-year": "2026",
        "version": str(task.version)})
    page = signed_in.get("/my-work").get_data(as_text=True)
    assert "Your open follow-ups (0)" in page and "1 overdue" not in page and "Chases owed (1)" in page
