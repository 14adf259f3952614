"""An action line's status form suggests what its activities show: "being addressed" from the day the first one
started, "addressed" from the day the first one was completed. Nothing is chosen for the person: a link fills the
form in, and the person records it."""

import re
from datetime import date

import sqlalchemy as sa

from app.activities.services import set_activity_state
from app.extensions import db
from app.models import StatusUpdate


def status_form(visitor, line, **args) -> str:
    query = "".join(f"&{key}={value}" for key, value in args.items())
    return visitor.get(f"/action-lines/{line.id}/status/new?{query.lstrip('&')}").get_data(as_text=True)


def checked_status(page: str) -> str | None:
    found = re.search(r'name="status" id="status-\d" value="(\w+)"\s+checked', page)
    return found.group(1) if found else None


def date_parts(page: str, name: str) -> tuple[str, str, str]:
    return tuple(re.search(rf'name="{name}-{part}" type="text" inputmode="numeric"\s+value="([^"]*)"', page).group(1)
                 for part in ("day", "month", "year"))


def test_an_ongoing_course_suggests_being_addressed_from_its_start_and_the_person_records_it(desk, signed_in, make):
    course = make.activity(desk.pakistan, desk.plan, [desk.diplomats], title="Course for ASEAN diplomats",
                           state="ongoing", actual_starts_on=date(2025, 2, 3))
    page = status_form(signed_in, desk.diplomats)
    assert "Suggested by the activities under this action line" in page
    assert "Course for ASEAN diplomats started on 3 February 2025: <strong>Being addressed</strong> from " \
           "3 February 2025." in page
    # Nothing chosen for the person until they ask for it.
    assert checked_status(page) is None
    link = f"/action-lines/{desk.diplomats.id}/status/new?suggested=being_addressed"
    assert f'href="{link}"' in page

    filled = signed_in.get(link).get_data(as_text=True)
    assert checked_status(filled) == "being_addressed"
    assert date_parts(filled, "as_of") == ("3", "2", "2025")
    assert "Course for ASEAN diplomats started on 3 February 2025 (activity).</textarea>" in filled

    signed_in.submit(f"/action-lines/{desk.diplomats.id}/status/new", {
        "status": "being_addressed", "as_of-day": "3", "as_of-month": "2", "as_of-year": "2025",
        "note": "Course for ASEAN diplomats started on 3 February 2025 (activity)."}, page=link)
    update = db.session.scalar(sa.select(StatusUpdate).where(StatusUpdate.action_line_id == desk.diplomats.id))
    assert (update.status, update.as_of) == ("being_addressed", date(2025, 2, 3))
    # Being addressed now: nothing more to suggest until the course is completed.
    assert "Suggested by the activities" not in status_form(signed_in, desk.diplomats)

    set_activity_state(course, "completed", date(2025, 2, 14))
    db.session.commit()
    page = status_form(signed_in, desk.diplomats)
    assert "Course for ASEAN diplomats was completed on 14 February 2025: <strong>Addressed</strong> from " \
           "14 February 2025." in page
    assert "Being addressed</strong>" not in page


def test_a_completed_forum_suggests_both_steps_and_the_earliest_of_several_activities_counts(desk, signed_in, make):
    make.activity(desk.pakistan, desk.plan, [desk.forum], title="Business forum", kind="dialogue",
                  state="completed", actual_starts_on=date(2025, 5, 14), actual_ends_on=date(2025, 5, 15))
    make.activity(desk.pakistan, desk.plan, [desk.forum, desk.study], title="Preparatory meeting", kind="dialogue",
                  state="ongoing", actual_starts_on=date(2025, 3, 1))
    make.activity(desk.pakistan, desk.plan, [desk.forum], title="Second forum", state="planned",
                  planned_starts_on=date(2026, 5, 1))
    page = status_form(signed_in, desk.forum)
    assert "Preparatory meeting started on 1 March 2025: <strong>Being addressed</strong> from 1 March 2025." in page
    assert "Business forum was completed on 15 May 2025: <strong>Addressed</strong> from 15 May 2025." in page
    assert "Second forum" not in page


def test_a_later_update_is_pointed_out_and_a_discontinued_line_gets_no_suggestion(desk, signed_in, make):
    make.activity(desk.pakistan, desk.plan, [desk.study], title="Joint study", kind="project", state="completed",
                  actual_starts_on=date(2025, 1, 6), actual_ends_on=date(2025, 4, 30))
    make.status_update(signed_in.user, action_line=desk.study, status="not_yet_addressed", as_of=date(2025, 6, 30))
    page = status_form(signed_in, desk.study)
    assert "A later status update, of 30 June 2025, stays the current status if you record this with its date." \
           in page
    make.status_update(signed_in.user, action_line=desk.study, status="discontinued", as_of=date(2025, 7, 1))
    assert "Suggested by the activities" not in status_form(signed_in, desk.study)


def test_an_activity_begun_before_the_plan_suggests_the_plan_s_first_day(desk, signed_in, make):
    make.activity(desk.pakistan, desk.plan, [desk.diplomats], title="Scholarships 2023-2025",
                  kind="scholarship_programme", state="ongoing", actual_starts_on=date(2023, 9, 1))
    page = status_form(signed_in, desk.diplomats)
    assert "Scholarships 2023-2025 started on 1 September 2023: <strong>Being addressed</strong> from " \
           "1 January 2024." in page


def test_an_archived_or_cancelled_activity_suggests_nothing(desk, signed_in, make):
    archived = make.activity(desk.pakistan, desk.plan, [desk.forum], title="Archived forum", state="completed",
                             actual_starts_on=date(2025, 5, 14), actual_ends_on=date(2025, 5, 14))
    archived.archive()
    make.activity(desk.pakistan, desk.plan, [desk.forum], title="Cancelled forum", state="cancelled")
    db.session.commit()
    assert "Suggested by the activities" not in status_form(signed_in, desk.forum)


def test_a_suggestion_asked_for_that_the_activities_do_not_make_fills_nothing_in(desk, signed_in):
    page = status_form(signed_in, desk.forum, suggested="addressed")
    assert checked_status(page) is None and "Suggested by the activities" not in page
