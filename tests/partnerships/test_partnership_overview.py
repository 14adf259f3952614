"""The top of a partnership's page: the current plan's coverage, the next and last meetings, the follow-ups to do
(overdue first) and the timeline of recent activity; its details below, in a desk officer's words."""

import re
from datetime import date, timedelta

from app.common.dates import long_date
from app.models import FollowUpStatus, MeetingType
from tests.partnerships.test_partnership_pages import text_of

TODAY = date.today()


def days_ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def section(page: str, heading_id: str) -> str:
    """The words of the section headed by the heading ``heading_id``."""
    found = re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', page, re.S)
    assert found, heading_id
    return text_of(found.group(0))


def plan_with_lines(make, partnership, statuses, **plan_fields):
    """A plan with one area holding one action line per status given (None: no status recorded)."""
    plan = make.plan(partnership, **plan_fields)
    area = make.area(plan, make.pillar(plan))
    author = make.user(email=f"author{plan.id}@asean.example")
    for number, status in enumerate(statuses, start=1):
        line = make.action_line(area, code=f"2.1.{number}")
        if status:
            make.status_update(author, action_line=line, status=status, as_of=min(days_ago(40), plan.ends_on))
    return plan


def test_the_page_leads_with_the_coverage_the_plan_page_shows(signed_in, make):
    partnership = make.partnership()
    # The plan of 2019-2023 is over and superseded: the current plan is the one in force that covers today.
    plan_with_lines(make, partnership, ["addressed"] * 3, label="2019-2023", starts_on=date(2019, 1, 1),
                    ends_on=date(2023, 12, 31), state="superseded")
    plan = plan_with_lines(make, partnership, ["addressed", "being_addressed", "not_yet_addressed", None],
                           starts_on=date(2024, 1, 1), ends_on=TODAY + timedelta(days=365))
    page = signed_in.get("/partnerships/asean-pakistan").get_data(as_text=True)

    # 1 addressed + 1 being addressed = 2 of the 4 lines (50%); addressed only 1 of 4 (25%).
    coverage = section(page, "coverage")
    assert "2 of 4 action lines addressed or being addressed (50%)" in coverage
    assert "Addressed only: 1 of 4 (25%)" in coverage
    assert f"As of {long_date(TODAY)}" in coverage
    assert plan.title in coverage and f'href="/plans/{plan.id}"' in page
    plan_page = text_of(signed_in.get(f"/plans/{plan.id}").get_data(as_text=True))
    assert "2 out of 4 (50%) action lines are being addressed or have been addressed" in plan_page
    # It comes before the details, which no longer open the page.
    words = text_of(page)
    assert words.index("Plan coverage") < words.index("About this partnership Organisation")


def test_a_plan_that_has_ended_is_counted_at_its_end(signed_in, make):
    partnership = make.partnership()
    plan_with_lines(make, partnership, ["being_addressed", None], starts_on=date(2019, 1, 1),
                    ends_on=days_ago(10), state="in_force")
    coverage = section(signed_in.get("/partnerships/asean-pakistan").get_data(as_text=True), "coverage")
    assert "1 of 2 action lines addressed or being addressed (50%)" in coverage
    assert f"As of {long_date(days_ago(10))}, the plan's end" in coverage


def test_without_a_plan_the_page_says_so(signed_in, make):
    make.partnership()
    coverage = section(signed_in.get("/partnerships/asean-pakistan").get_data(as_text=True), "coverage")
    assert coverage == "Plan coverage No plan yet. Add a plan for ASEAN–Pakistan ."


def test_next_and_last_meetings(signed_in, make):
    partnership = make.partnership()
    make.meeting(partnership, type=MeetingType.JSCC, number=6, held_on=None)
    make.meeting(partnership, type=MeetingType.JSCC, number=7, held_on=days_ago(200))
    make.meeting(partnership, held_on=days_ago(20), venue="ASEAN Secretariat, Jakarta", title="Call on the DSG")
    make.meeting(partnership, type=MeetingType.JSCC, number=8, held_on=TODAY + timedelta(days=30))
    make.meeting(partnership, type=MeetingType.JSCC, number=9, held_on=TODAY + timedelta(days=400))
    meetings = section(signed_in.get("/partnerships/asean-pakistan").get_data(as_text=True), "next-and-last")
    # Next: the first from today on (the 8th); last: the latest before today (the call); an undated one is neither.
    assert meetings == (
        f"Next and last meetings Next 8th Joint Sectoral Cooperation Committee (JSCC) "
        f"{long_date(TODAY + timedelta(days=30))} Last Call on the DSG {long_date(days_ago(20))}, "
        f"ASEAN Secretariat, Jakarta"
    )


def test_follow_ups_to_do_count_and_list_the_overdue_first(signed_in, make):
    partnership = make.partnership()
    make.follow_up(partnership, title="Confirm the delegation list", due_on=TODAY + timedelta(days=5))
    make.follow_up(partnership, title="Send the draft memorandum", due_on=days_ago(3))
    make.follow_up(partnership, title="Share the list of experts", due_on=days_ago(30),
                   status=FollowUpStatus.AWAITING_PARTNER)
    make.follow_up(partnership, title="Book the venue", status=FollowUpStatus.DONE, completed_on=days_ago(1))
    follow_ups = section(signed_in.get("/partnerships/asean-pakistan").get_data(as_text=True), "follow-ups")
    # Two past their due date and one still in time; the one done is neither.
    assert follow_ups.startswith("Follow-ups to do 2 overdue 1 open Overdue first")
    assert (follow_ups.index("Share the list of experts") < follow_ups.index("Send the draft memorandum")
            < follow_ups.index("Confirm the delegation list"))
    assert "Book the venue" not in follow_ups


def test_the_timeline_lists_what_happened_newest_first(signed_in, make):
    partnership = make.partnership()
    plan = make.plan(partnership, starts_on=date(2024, 1, 1), ends_on=TODAY + timedelta(days=365))
    trade = make.area(plan, make.pillar(plan), code="2.1", name="Trade")
    tourism = make.area(plan, make.pillar(plan, name="Socio-Cultural", position=1), code="3.1", name="Tourism")
    officer = make.user(email="author@asean.example")
    call = make.meeting(partnership, held_on=days_ago(30), title="Call on the DSG")
    make.meeting(partnership, held_on=TODAY + timedelta(days=3), title="Meeting still to come")
    make.status_update(officer, area=trade, status="at_risk", as_of=days_ago(20))
    # Two updates on one day are one entry, so a review of the whole plan does not fill the timeline.
    make.status_update(officer, area=trade, status="on_track", as_of=days_ago(5))
    make.status_update(officer, area=tourism, status="on_track", as_of=days_ago(5))
    done = make.follow_up(partnership, title="Send the customs contact", status=FollowUpStatus.DONE,
                          completed_on=days_ago(10))
    make.follow_up(partnership, title="Still to do", due_on=days_ago(2))
    course = make.activity(partnership, plan, [make.action_line(trade)], state="completed",
                           actual_starts_on=days_ago(60), actual_ends_on=days_ago(40))
    page = signed_in.get("/partnerships/asean-pakistan").get_data(as_text=True)

    timeline = section(page, "timeline")
    assert timeline == (
        f"Recent activity "
        f"{long_date(days_ago(5))} Status updates: 2 areas and action lines of the 2024-2028 plan "
        f"{long_date(days_ago(10))} Follow-up done: Send the customs contact "
        f"{long_date(days_ago(20))} Status update: 2.1 Trade At risk "
        f"{long_date(days_ago(30))} Meeting: Call on the DSG "
        f"{long_date(days_ago(40))} Activity: Training course on banking and finance Completed "
        f"See all meetings , follow-ups done and activities of ASEAN–Pakistan ."
    )
    for link in (f"/plans/{plan.id}", f"/follow-ups/{done.id}", f"/areas/{trade.id}", f"/meetings/{call.id}",
                 f"/activities/{course.id}", "/follow-ups/?partnership=asean-pakistan&amp;status=done"):
        assert f'href="{link}"' in page, link


def test_the_timeline_keeps_the_latest_ten(signed_in, make):
    partnership = make.partnership()
    for day in range(1, 13):
        make.meeting(partnership, held_on=days_ago(day), title=f"Call {day}")
    timeline = section(signed_in.get("/partnerships/asean-pakistan").get_data(as_text=True), "timeline")
    # Calls 1 to 10 days ago, newest first; the two oldest are left to the list of meetings.
    assert [int(n) for n in re.findall(r"Call (\d+)", timeline)] == list(range(1, 11))


def test_an_activity_is_dated_by_its_end_once_ended_else_by_its_start(signed_in, make):
    partnership = make.partnership()
    plan = make.plan(partnership, starts_on=date(2024, 1, 1), ends_on=TODAY + timedelta(days=365))
    line = make.action_line(make.area(plan, make.pillar(plan), code="2.1", name="Trade"))
    # Begun before all the others, ended after them: second to none but the one ended two days ago.
    make.activity(partnership, plan, [line], title="Long course", state="completed",
                  actual_starts_on=days_ago(400), actual_ends_on=days_ago(2))
    make.activity(partnership, plan, [line], title="Ongoing programme", state="ongoing",
                  actual_starts_on=days_ago(3))
    for n in range(1, 11):
        make.activity(partnership, plan, [line], title=f"Workshop {n}", state="completed",
                      actual_starts_on=days_ago(10 + n), actual_ends_on=days_ago(10 + n))
    timeline = section(signed_in.get("/partnerships/asean-pakistan").get_data(as_text=True), "timeline")
    titles = re.findall(r"Activity: (Long course|Ongoing programme|Workshop \d+)", timeline)
    # Ten in all: the two latest, then workshops 1 to 8 (11 to 18 days ago); 9 and 10 are older.
    assert titles == ["Long course", "Ongoing programme", *(f"Workshop {n}" for n in range(1, 9))]
    assert f"{long_date(days_ago(2))} Activity: Long course Completed" in timeline


def test_the_details_come_after_in_a_desk_officers_words(signed_in, make):
    make.partnership()
    page = signed_in.get("/partnerships/asean-pakistan").get_data(as_text=True)
    about = section(page, "about")
    assert "Web address /partnerships/asean-pakistan Change web address" in about
    assert "Slug" not in text_of(page)
    for kept in ("edit#slug", "archive", "events/new", "reports/period", "plans/new"):
        assert f'href="/partnerships/asean-pakistan/{kept}"' in page, kept


def test_a_restricted_follow_up_done_is_in_the_timeline_without_its_title_for_a_viewer(as_role, make):
    partnership = make.partnership()
    make.follow_up(partnership, title="Sound out the minister", status=FollowUpStatus.DONE,
                   completed_on=days_ago(2), is_restricted=True)
    viewer = as_role("viewer")
    timeline = section(viewer.get("/partnerships/asean-pakistan").get_data(as_text=True), "timeline")
    assert f"{long_date(days_ago(2))} Follow-up done: Restricted follow-up action" in timeline
    assert "Sound out the minister" not in timeline
