"""Updating action lines after a meeting: the link on the meeting's page, the batch form dated on the meeting's
day, and the way back to the meeting."""

import re
from datetime import date, timedelta

import pytest

from app.models import MeetingType
from tests.plans.helpers import batch_form, line_updates

HELD_ON = date(2025, 5, 20)
LINK_TEXT = "Update action lines after this meeting"


@pytest.fixture
def jscc(make, batch):
    """The 8th JSCC of the batch plan's partnership, on 20 May 2025, which discussed 2.1 Trade."""
    trade = batch.lines["2.1.1"].area
    return make.meeting(batch.partnership, type=MeetingType.JSCC, number=8, held_on=HELD_ON, areas=[trade])


def form_url(plan, meeting, as_of="2025-05-20") -> str:
    return f"/plans/{plan.id}/status?as_of={as_of}&meeting={meeting.id}"


def as_of_shown(page: str) -> tuple[int, int, int]:
    """The day, month and year the form's "as of" boxes hold."""
    return tuple(  # type: ignore[return-value]
        int(re.search(rf'name="as_of-{part}"[^>]*value="(\d+)"', page).group(1)) for part in ("day", "month", "year")
    )


def test_an_editor_finds_the_link_on_the_meeting_page_and_a_viewer_does_not(signed_in, as_role, batch, jscc):
    page = signed_in.get(f"/meetings/{jscc.id}").get_data(as_text=True)
    link = f'href="/plans/{batch.id}/status?as_of=2025-05-20&amp;meeting={jscc.id}">{LINK_TEXT}</a>'
    assert link in page
    assert page.index('id="areas"') < page.index(LINK_TEXT) < page.index('id="agenda-heading"')

    viewer = as_role("viewer")
    assert LINK_TEXT not in viewer.get(f"/meetings/{jscc.id}").get_data(as_text=True)


def test_the_form_is_dated_on_the_meeting_and_saving_records_the_statuses_as_of_that_day(signed_in, batch, jscc):
    """The officer follows the link, leaves the date as filled in (20 May 2025) and marks 2.1.1 addressed and 2.1.3
    being addressed: both updates are dated 20 May 2025, and the officer is back on the meeting's page."""
    url = form_url(batch, jscc)
    page = signed_in.get(url).get_data(as_text=True)
    assert as_of_shown(page) == (20, 5, 2025)
    assert f'href="/meetings/{jscc.id}">&larr; Back to the meeting</a>' in page

    day, month, year = as_of_shown(page)
    data = batch_form(batch, as_of=date(year, month, day), **{
        "2_1_1": ("addressed", "Customs cooperation agreed at the 8th JSCC"),
        "2_1_3": ("being_addressed", "Working group on rules of origin set up"),
    })
    response = signed_in.submit(url, data)
    assert response.request.path == f"/meetings/{jscc.id}"
    assert "2 action lines updated" in response.get_data(as_text=True)
    assert line_updates(batch)[1:] == [
        ("2.1.1", "addressed", "Customs cooperation agreed at the 8th JSCC", HELD_ON, "Desk Officer"),
        ("2.1.3", "being_addressed", "Working group on rules of origin set up", HELD_ON, "Desk Officer"),
    ]


@pytest.mark.parametrize("as_of", [
    "2025-02-30", "20 May 2025", "", "2025-05-20T00:00", "9" * 300, "2023-12-31", "2029-01-01", "tomorrow",
])
def test_a_date_that_cannot_be_a_status_date_is_ignored(signed_in, batch, jscc, as_of):
    """Outside the plan (1 January 2024 to 31 December 2028), in the future or not a date: today, the default."""
    if as_of == "tomorrow":
        as_of = (date.today() + timedelta(days=1)).isoformat()
    response = signed_in.get(form_url(batch, jscc, as_of))
    assert response.status_code == 200
    today = date.today()
    assert as_of_shown(response.get_data(as_text=True)) == (today.day, today.month, today.year)


@pytest.mark.parametrize("meeting", ["abc", "-1", "0", str(2**40)])
def test_a_meeting_that_is_not_one_leaves_the_way_back_to_the_plan(signed_in, batch, meeting):
    page = signed_in.get(f"/plans/{batch.id}/status?as_of=2025-05-20&meeting={meeting}").get_data(as_text=True)
    assert as_of_shown(page) == (20, 5, 2025)
    assert "Back to the meeting" not in page and f'href="/plans/{batch.id}">&larr; Back</a>' in page


def test_a_meeting_of_another_partnership_is_not_linked_back(signed_in, make, batch):
    india = make.organisation(name="Republic of India", short_name="India", iso_code="IN")
    other = make.meeting(make.partnership(india), held_on=HELD_ON)
    page = signed_in.get(form_url(batch, other)).get_data(as_text=True)
    assert "Back to the meeting" not in page


def test_a_meeting_with_no_areas_links_to_the_plan_in_force_on_its_day(signed_in, make, batch):
    call = make.meeting(batch.partnership, held_on=date(2024, 3, 25))
    page = signed_in.get(f"/meetings/{call.id}").get_data(as_text=True)
    assert f'href="/plans/{batch.id}/status?as_of=2024-03-25&amp;meeting={call.id}">{LINK_TEXT}</a>' in page


def test_no_link_for_a_meeting_not_yet_held_or_before_any_plan(signed_in, make, batch):
    upcoming = make.meeting(batch.partnership, held_on=date.today() + timedelta(days=7))
    earlier = make.meeting(batch.partnership, held_on=date(2019, 6, 1))
    assert LINK_TEXT not in signed_in.get(f"/meetings/{upcoming.id}").get_data(as_text=True)
    assert LINK_TEXT not in signed_in.get(f"/meetings/{earlier.id}").get_data(as_text=True)
