"""A list's count, the home page's heatmap and signals, a plan's counts per area: worked out once per change to the
data, kept while nothing is saved, worked out again as soon as anything is (every saving transaction moves the data
version on as it commits)."""

import threading
from datetime import date, timedelta

from app.extensions import db
from app.models import FollowUpAction
from tests.plans.helpers import area_row, date_fields


def counts_in(statements: list[str]) -> int:
    return sum("count(*)" in statement.lower() for statement in statements)


def test_the_follow_up_count_is_kept_until_a_follow_up_is_closed(signed_in, make, count_queries):
    signed_in.client.forget_kept_figures = False
    partnership = make.partnership()
    actions = [make.follow_up(partnership, title=f"Action {n}") for n in range(1, 4)]
    db.session.commit()

    with count_queries() as first:
        assert "3 follow-ups, earliest due first" in signed_in.get("/follow-ups/").get_data(as_text=True)
    with count_queries() as again:
        assert "3 follow-ups, earliest due first" in signed_in.get("/follow-ups/").get_data(as_text=True)
    assert counts_in(first) == 1
    assert counts_in(again) == 0

    page = signed_in.submit(f"/follow-ups/{actions[0].id}/status", {
        "status": "done", "completed_on-day": "2", "completed_on-month": "5", "completed_on-year": "2024",
        "version": str(actions[0].version),
    })
    assert "Action 1" in page.get_data(as_text=True)
    with count_queries() as after:
        assert "2 follow-ups, earliest due first" in signed_in.get("/follow-ups/").get_data(as_text=True)
    assert counts_in(after) == 1


def test_the_home_heatmap_is_drawn_again_only_after_a_change(signed_in, make, count_queries):
    signed_in.client.forget_kept_figures = False
    today = date.today()
    plan = make.plan(make.partnership(), starts_on=today - timedelta(days=30), ends_on=today + timedelta(days=900))
    area = make.area(plan, code="2.1", name="Trade")
    db.session.commit()
    trade_cell = '<span class="app-theme-status">'  # the Trade column holds the one area

    with count_queries() as first:
        assert f"{trade_cell}No status</span>" in signed_in.get("/").get_data(as_text=True)
    with count_queries() as again:
        assert f"{trade_cell}No status</span>" in signed_in.get("/").get_data(as_text=True)
    # Drawn the first time: the areas of the plans in force were read; kept the second time.
    assert sum("FROM cooperation_areas" in statement for statement in first) >= 1
    assert sum("FROM cooperation_areas" in statement for statement in again) == 0

    signed_in.submit(f"/areas/{area.id}/status/new", {"status": "at_risk", "progress": "", "note": "Delayed",
                                                       **date_fields("as_of", today)})
    assert f"{trade_cell}At risk</span>" in signed_in.get("/").get_data(as_text=True)


def test_the_plan_page_counts_a_meeting_as_soon_as_it_is_logged(signed_in, make):
    signed_in.client.forget_kept_figures = False
    partnership = make.partnership()
    plan = make.plan(partnership)
    trade = make.area(plan, code="2.1", name="Trade")
    make.meeting(partnership, held_on=date(2024, 3, 25), areas=[trade])
    db.session.commit()

    page = signed_in.get(f"/plans/{plan.id}").get_data(as_text=True)
    assert area_row(page, trade)["Meetings"] == "1 meeting that discussed Trade"

    signed_in.submit("/meetings/new", {
        "partnership_id": str(partnership.id), "type": "courtesy_call", "number": "", "title": "Trade talks",
        **date_fields("held_on", date(2024, 5, 2)), "starts_at": "", "venue": "", "format": "in_person",
        "area_ids": [str(trade.id)], "summary": "", "asks": "", "commitments": "", "outcome_document": "none",
        "outcome_reference": "", "action": "save",
    })
    page = signed_in.get(f"/plans/{plan.id}").get_data(as_text=True)
    assert area_row(page, trade)["Meetings"] == "2 meetings that discussed Trade"


def test_each_filter_of_a_list_keeps_its_own_count(signed_in, make):
    signed_in.client.forget_kept_figures = False
    pakistan = make.partnership()
    norway = make.partnership(make.organisation(name="Kingdom of Norway", short_name="Norway", iso_code="NO"))
    for n in range(3):
        make.follow_up(pakistan, title=f"Pakistan action {n}")
    make.follow_up(norway, title="Norway action")
    db.session.commit()

    def caption(query: str) -> str:
        return signed_in.get(f"/follow-ups/?{query}").get_data(as_text=True)

    # The same statement with other values is another count.
    assert "3 follow-ups, earliest due first" in caption("partnership=asean-pakistan")
    assert "1 follow-up, earliest due first" in caption("partnership=asean-norway")
    assert "3 follow-ups, earliest due first" in caption("partnership=asean-pakistan")


def test_the_area_dossier_lists_a_status_update_as_soon_as_it_is_recorded(signed_in, make):
    signed_in.client.forget_kept_figures = False
    plan = make.plan(make.partnership())
    trade = make.area(plan, code="2.1", name="Trade")
    db.session.commit()
    assert "No status has been recorded yet." in signed_in.get(f"/areas/{trade.id}").get_data(as_text=True)

    signed_in.submit(f"/areas/{trade.id}/status/new", {"status": "at_risk", "progress": "", "note": "Talks stalled",
                                                        **date_fields("as_of", date(2024, 5, 2))})
    page = signed_in.get(f"/areas/{trade.id}").get_data(as_text=True)
    assert "Talks stalled" in page and "No status has been recorded yet." not in page


def test_a_save_that_commits_after_a_later_one_is_still_counted(app, signed_in, make):
    """Two saves at once: the first writes its follow-up, the second writes and commits its own, a page counts the
    list, then the first commits. The page counts the first's follow-up from then on, whichever save was first to
    write: a version taken when a save writes (an id) rather than when it commits would keep the stale count."""
    signed_in.client.forget_kept_figures = False
    partnership = make.partnership()
    make.follow_up(partnership, title="Agreed in March")
    partnership_id = partnership.id
    assert "1 follow-up, earliest due first" in signed_in.get("/follow-ups/").get_data(as_text=True)

    first_has_written, page_has_counted = threading.Event(), threading.Event()

    def save(title: str, *, before_commit=None) -> None:
        with app.app_context():
            db.session.add(FollowUpAction(partnership_id=partnership_id, title=title, partner_office="Mission",
                                          state_changed_on=date.today()))
            db.session.flush()
            if before_commit:
                before_commit()
            db.session.commit()

    def first_waits_for_the_page() -> None:
        first_has_written.set()
        page_has_counted.wait(10)

    first = threading.Thread(target=save, args=("Send the draft",), kwargs={"before_commit": first_waits_for_the_page})
    first.start()
    assert first_has_written.wait(10)
    second = threading.Thread(target=save, args=("Book the venue",))
    second.start()
    # PostgreSQL lets the second save commit now; SQLite keeps it waiting for the first (one writer at a time).
    second.join(timeout=2)
    before = signed_in.get("/follow-ups/").get_data(as_text=True)
    page_has_counted.set()
    first.join(10)
    second.join(10)

    assert "earliest due first" in before
    assert "3 follow-ups, earliest due first" in signed_in.get("/follow-ups/").get_data(as_text=True)
