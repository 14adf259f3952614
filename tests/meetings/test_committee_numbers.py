"""Committee meetings (JCC, JSCC, DPC) numbered per partnership: the next number suggested, a number used twice
refused, gaps pointed out without blocking, and a number left on any other meeting ignored."""

from datetime import date

import pytest

from app.models import MeetingType
from tests.conflicts.editors import open_form, send
from tests.meetings.test_meeting_pages import area_id, meeting_form, meetings


def test_committee_number_is_suggested_and_a_duplicate_is_refused(signed_in, make, pakistan):
    for number in range(1, 8):
        make.meeting(pakistan, type=MeetingType.JSCC, number=number, held_on=None if number == 6 else
                     date(1998 + number, 1, 1))
    form = signed_in.get("/meetings/new?partnership=asean-pakistan&type=jscc").get_data(as_text=True)
    assert "The highest JSCC recorded for ASEAN–Pakistan is the 7th, so the next is the 8th" in form
    other = signed_in.get("/meetings/new?partnership=asean-pakistan").get_data(as_text=True)
    assert "Next numbers for ASEAN–Pakistan: 1st JCC, 8th JSCC, 1st DPC" in other

    page = signed_in.submit("/meetings/new", meeting_form(
        pakistan, type="jscc", number="7", **{"held_on-day": "18", "held_on-month": "9", "held_on-year": "2023"}
    )).get_data(as_text=True)
    assert page.count("There is already a 7th JSCC for ASEAN–Pakistan") == 2
    assert len(meetings()) == 7


def test_a_gap_in_the_numbering_is_pointed_out_but_the_meeting_is_saved(signed_in, make, pakistan):
    for number in range(1, 6):
        make.meeting(pakistan, type=MeetingType.JSCC, number=number, held_on=date(1998 + number, 1, 1))
    page = signed_in.submit("/meetings/new", meeting_form(
        pakistan, type="jscc", number="7", area_ids=[str(area_id("2019-2021", "2.2"))],
        **{"held_on-day": "18", "held_on-month": "9", "held_on-year": "2023"},
    )).get_data(as_text=True)
    assert "Meeting saved: 7th Joint Sectoral Cooperation Committee (JSCC)" in page
    assert "There is no record of the 6th JSCC" in page
    seventh = meetings()[-1]
    assert (seventh.number, seventh.held_on, [a.name for a in seventh.areas]) == (7, date(2023, 9, 18), ["Tourism"])

    # The 6th JSCC is logged later with no date: allowed for a committee meeting, and the notice goes.
    signed_in.submit("/meetings/new", meeting_form(
        pakistan, type="jscc", number="6th", **{"held_on-day": "", "held_on-month": "", "held_on-year": ""}
    ))
    sixth = meetings()[-1]
    assert (sixth.number, sixth.held_on) == (6, None)
    assert "There is no record" not in signed_in.get(f"/meetings/{seventh.id}").get_data(as_text=True)


def test_several_missing_numbers_are_named_in_runs(make, pakistan):
    from app.meetings.numbering import gap_notice

    make.meeting(pakistan, type=MeetingType.JCC, number=4, held_on=date(2020, 1, 1))
    ninth = make.meeting(pakistan, type=MeetingType.JCC, number=9, held_on=date(2024, 1, 1))
    assert gap_notice(ninth) == "There is no record of the 1st to 3rd and 5th to 8th JCC"


def test_numbers_belong_to_committee_meetings_only(signed_in, pakistan):
    page = signed_in.submit("/meetings/new", meeting_form(pakistan, type="dpc", number="")).get_data(as_text=True)
    assert page.count("Enter the number of the DPC") == 2
    page = signed_in.submit("/meetings/new", meeting_form(pakistan, type="dpc", number="1000")).get_data(as_text=True)
    assert "Number must be between 1 and 999" in page
    assert meetings() == []


def test_suggested_numbers_count_archived_meetings(app_context, make, pakistan):
    from app.meetings.numbering import suggest_number
    from app.models import utcnow

    assert suggest_number(pakistan, "jscc") == 1
    assert suggest_number(pakistan, "courtesy_call") is None
    make.meeting(pakistan, type=MeetingType.JSCC, number=3, held_on=None, archived_at=utcnow())
    assert suggest_number(pakistan, MeetingType.JSCC) == 4


@pytest.mark.parametrize("typed", ["3", "third", "1000"])
def test_a_number_left_for_a_courtesy_call_is_ignored(signed_in, pakistan, typed):
    # The page's script hides the box once the type is not a committee's; without it the hint says the number is
    # only for committee meetings. Whatever is left in it, even what would not be a number, is not judged or saved.
    response = signed_in.submit("/meetings/new", meeting_form(pakistan, number=typed), follow=False)
    assert response.status_code == 302
    assert [(m.type, m.number) for m in meetings()] == [(MeetingType.COURTESY_CALL, None)]


def test_changing_a_committee_meeting_into_a_call_drops_its_number(signed_in, pakistan):
    signed_in.submit("/meetings/new", meeting_form(pakistan, type="jscc", number="7"))
    jscc = meetings()[0]
    form = open_form(signed_in, f"/meetings/{jscc.id}/edit")
    assert form["number"] == "7"
    send(signed_in, f"/meetings/{jscc.id}/edit", form, type="courtesy_call", action="save")
    assert [(m.type, m.number) for m in meetings()] == [(MeetingType.COURTESY_CALL, None)]


def test_the_number_box_says_it_is_only_for_committee_meetings(signed_in, pakistan):
    page = signed_in.get("/meetings/new?partnership=asean-pakistan&type=courtesy_call").get_data(as_text=True)
    assert 'id="number-hint" class="form-text mt-0 mb-2">Only for committee meetings (JCC, JSCC and DPC).' in page
    # What the script reads to hide it for any other type.
    assert """data-committee-only='["jcc", "jscc", "dpc"]'""" in page
