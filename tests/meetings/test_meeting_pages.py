import re
from datetime import date, time

import pytest
import sqlalchemy as sa

from app.common.dates import long_date
from app.common.errors import DomainError
from app.extensions import db
from app.meetings.details import MeetingDetails
from app.meetings.services import log_meeting
from app.models import Meeting, MeetingType
from tests.conftest import listening


def area_id(plan_label: str, code: str) -> int:
    from app.models import CooperationArea, Plan

    return db.session.scalar(
        sa.select(CooperationArea.id).join(CooperationArea.plan).where(Plan.label == plan_label,
                                                                       CooperationArea.code == code)
    )


def meeting_form(partnership, **changes) -> dict:
    """A complete courtesy call, as typed into the form."""
    data = {
        "partnership_id": str(partnership.id), "type": "courtesy_call", "number": "", "title": "",
        "held_on-day": "25", "held_on-month": "3", "held_on-year": "2024", "starts_at": "",
        "ends_on-day": "", "ends_on-month": "", "ends_on-year": "", "venue": "ASEAN Secretariat, Jakarta",
        "format": "in_person", "summary": "", "asks": "", "commitments": "", "outcome_document": "none",
        "outcome_reference": "", "action": "save",
    }
    data.update(changes)
    return data


def meetings() -> list[Meeting]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(Meeting).order_by(Meeting.id)))


def test_log_the_courtesy_call_with_the_areas_discussed(signed_in, pakistan):
    trade, education = area_id("2024-2028", "2.1"), area_id("2024-2028", "3.4")
    response = signed_in.submit("/meetings/new", meeting_form(
        pakistan, starts_at="14.30", summary="Implementation of the Practical Cooperation Areas (2024-2028).",
        area_ids=[str(trade), str(education)],
    ))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Meeting saved: Courtesy call" in page
    [meeting] = meetings()
    assert (meeting.type, meeting.held_on, meeting.starts_at) == (MeetingType.COURTESY_CALL, date(2024, 3, 25),
                                                                  time(14, 30))
    assert meeting.venue == "ASEAN Secretariat, Jakarta"
    assert sorted(a.code for a in meeting.areas) == ["2.1", "3.4"]
    assert f'href="/areas/{trade}"' in page and "2.1 Trade" in page
    assert "25 March 2024" in page and "14:30" in page


def test_new_meeting_form_preselects_from_the_address_and_offers_the_plan_in_force(signed_in, pakistan):
    page = signed_in.get("/meetings/new?partnership=asean-pakistan&type=courtesy_call").get_data(as_text=True)
    assert f'<option selected value="{pakistan.id}">ASEAN–Pakistan</option>' in page
    assert 'value="courtesy_call"\n               checked' in page or 'value="courtesy_call" checked' in page
    # The date starts as today: the areas offered are those of the plan covering it (2024-2028), grouped by pillar.
    assert f"Areas of Practical Cooperation Areas (2024-2028), the plan covering {long_date(date.today())}" in page
    assert page.index("Political-Security") < page.index("1.1 Counter-terrorism") < page.index("Economic")
    assert "Tourism" not in page


def test_empty_form_explains_each_problem_and_saves_nothing(signed_in, pakistan):
    response = signed_in.submit("/meetings/new", {"action": "save"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<title>Error: Log a meeting" in page
    for message in ("Select the partnership", "Select the type of meeting", "Select the format of the meeting",
                    "Select the outcome document, or None"):
        assert page.count(message) == 2, message
    for anchor in ("#partnership_id", "#type-0", "#format-0", "#outcome_document-0"):
        assert f'href="{anchor}"' in page, anchor
    assert meetings() == []


def test_a_courtesy_call_needs_its_date(signed_in, pakistan):
    page = signed_in.submit("/meetings/new", meeting_form(
        pakistan, **{"held_on-day": "", "held_on-month": "", "held_on-year": ""}
    )).get_data(as_text=True)
    assert page.count("Enter the date of the meeting") == 2
    assert 'href="#held_on-day"' in page
    assert meetings() == []


def test_bad_values_get_clear_messages_and_are_kept(signed_in, pakistan):
    response = signed_in.submit("/meetings/new", meeting_form(
        pakistan, partnership_id="999999", title="x" * 10_000, starts_at="25:99",
        summary="s" * 10_001, **{"held_on-day": "31", "held_on-month": "2", "held_on-year": "2024"},
    ))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert page.count("Select a partnership from the list") == 2
    assert page.count("Title must be 300 characters or less") == 2
    assert page.count("Date of the meeting must be a real date") == 2
    assert page.count("Start time must be a real time, like 14:30") == 2
    assert page.count("Summary must be 10,000 characters or less") == 2
    assert 'value="25:99"' in page
    assert re.search(r'id="held_on-day" name="held_on-day"[^>]*value="31"', page)
    assert meetings() == []


def test_malformed_parts_and_a_partnership_that_is_not_a_number(signed_in, pakistan):
    page = signed_in.submit("/meetings/new", meeting_form(
        pakistan, partnership_id="abc", type="no-such-type", number="seven",
        **{"held_on-day": "25", "held_on-month": "3", "held_on-year": "24"},
    )).get_data(as_text=True)
    assert "Select a partnership from the list" in page
    assert "Select type of meeting from the list" in page
    assert "Number must be a whole number" in page
    assert "Year must include 4 numbers" in page
    assert meetings() == []


def test_areas_are_judged_only_once_the_date_is_right(signed_in, pakistan):
    page = signed_in.submit("/meetings/new", meeting_form(
        pakistan, area_ids=[str(area_id("2019-2021", "2.2"))],
        **{"held_on-day": "18", "held_on-month": "sept", "held_on-year": "20233"},
    )).get_data(as_text=True)
    assert "Year must include 4 numbers" in page
    assert "Select areas discussed" not in page
    assert meetings() == []


def test_end_date_before_the_date_of_the_meeting(signed_in, pakistan):
    page = signed_in.submit("/meetings/new", meeting_form(
        pakistan, **{"ends_on-day": "24", "ends_on-month": "3", "ends_on-year": "2024"}
    )).get_data(as_text=True)
    assert page.count("End date must be the same as or after 25 March 2024, the date of the meeting") == 2
    assert meetings() == []


def test_a_meeting_over_two_days(signed_in, pakistan):
    signed_in.submit("/meetings/new", meeting_form(
        pakistan, type="jscc", number="2", venue="Islamabad",
        **{"held_on-day": "28", "held_on-month": "2", "held_on-year": "2001",
           "ends_on-day": "1", "ends_on-month": "3", "ends_on-year": "2001"},
    ))
    [meeting] = meetings()
    assert (meeting.number, meeting.held_on, meeting.ends_on) == (2, date(2001, 2, 28), date(2001, 3, 1))


def test_an_area_of_another_plan_is_refused(signed_in, pakistan):
    # 18 September 2023 falls in the 2019-2021 plan (extended to 2023), not the 2024-2028 one.
    response = signed_in.submit("/meetings/new", meeting_form(
        pakistan, type="jscc", number="7", area_ids=[str(area_id("2024-2028", "2.1"))],
        **{"held_on-day": "18", "held_on-month": "9", "held_on-year": "2023"},
    ))
    page = response.get_data(as_text=True)
    assert page.count("Select areas discussed from the plan covering the date of the meeting") == 2
    assert "Areas of Practical Cooperation Areas (2019-2021), the plan covering 18 September 2023" in page
    assert "2.2 Tourism" in page and 'href="#area_ids-0"' in page
    assert meetings() == []


def test_the_service_refuses_an_area_outside_the_plan_covering_the_date(app_context, pakistan):
    from app.models import CooperationArea

    trade_2024 = db.session.get(CooperationArea, area_id("2024-2028", "2.1"))
    with pytest.raises(DomainError) as refused:
        log_meeting(pakistan, MeetingDetails(type="jscc", number=7, held_on=date(2023, 9, 18), areas=(trade_2024,)))
    assert refused.value.field == "area_ids"
    assert refused.value.message == (
        "2.1 Trade is not an area of Practical Cooperation Areas (2019-2021), the plan covering 18 September 2023"
    )
    db.session.rollback()
    with pytest.raises(DomainError) as refused:
        log_meeting(pakistan, MeetingDetails(type="courtesy_call", held_on=date(2030, 1, 1), areas=(trade_2024,)))
    assert refused.value.message == (
        "ASEAN–Pakistan has no plan covering 1 January 2030, so no areas discussed can be recorded"
    )


def test_show_the_areas_button_reshows_the_form_without_saving(signed_in, pakistan):
    response = signed_in.submit("/meetings/new", {
        "partnership_id": str(pakistan.id), "held_on-day": "18", "held_on-month": "9", "held_on-year": "2023",
        "action": "refresh",
    })
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "There is a problem" not in page
    assert "2.2 Tourism" in page and "3.4 Education" not in page
    assert meetings() == []


def test_edit_a_meeting(signed_in, make, pakistan):
    meeting = make.meeting(pakistan, venue="Jakarta")
    trade = area_id("2024-2028", "2.1")
    form = signed_in.get(f"/meetings/{meeting.id}/edit").get_data(as_text=True)
    assert 'value="Jakarta"' in form
    response = signed_in.submit(f"/meetings/{meeting.id}/edit", meeting_form(
        pakistan, title="Courtesy call by the Ambassador of Pakistan", format="hybrid",
        outcome_document="summary_record", outcome_reference="ASEC/ER/2024/17", area_ids=[str(trade)],
    ))
    assert "Meeting saved: Courtesy call by the Ambassador of Pakistan" in response.get_data(as_text=True)
    [saved] = meetings()
    assert (saved.format.value, saved.outcome_document.value, saved.outcome_reference) == (
        "hybrid", "summary_record", "ASEC/ER/2024/17")
    assert [a.id for a in saved.areas] == [trade]


def test_outcome_reference_needs_a_document(signed_in, pakistan):
    page = signed_in.submit("/meetings/new", meeting_form(pakistan, outcome_reference="ASEC/1")).get_data(as_text=True)
    assert "Select the outcome document, or leave the reference blank" in page
    assert meetings() == []


def test_archive_and_restore(signed_in, make, pakistan):
    meeting = make.meeting(pakistan, title="Courtesy call on the DSG")
    url = f"/meetings/{meeting.id}"
    assert "Archive meeting “Courtesy call on the DSG”?" in signed_in.get(f"{url}/archive").get_data(as_text=True)
    signed_in.submit(f"{url}/archive")
    assert "Courtesy call on the DSG" not in signed_in.get("/meetings/").get_data(as_text=True)
    assert "Courtesy call on the DSG" in signed_in.get("/meetings/?archived=1").get_data(as_text=True)
    assert "This meeting is archived" in signed_in.get(url).get_data(as_text=True)
    signed_in.submit(f"{url}/restore", page=url)
    assert meetings()[0].archived_at is None


def test_list_is_newest_first_with_undated_meetings_last_and_filters(signed_in, make, pakistan):
    norway = make.partnership(make.organisation(name="Kingdom of Norway", short_name="Norway", iso_code="NO"))
    make.meeting(pakistan, type=MeetingType.JSCC, number=6, held_on=None)
    make.meeting(pakistan, type=MeetingType.JSCC, number=7, held_on=date(2023, 9, 18), venue="Jakarta")
    make.meeting(pakistan, held_on=date(2024, 3, 25), title="Courtesy call by the Ambassador")
    make.meeting(norway, held_on=date(2023, 11, 2), title="Norway briefing", summary="Maritime cooperation")
    page = signed_in.get("/meetings/").get_data(as_text=True)
    order = ["Courtesy call by the Ambassador", "Norway briefing", "7th Joint Sectoral", "6th Joint Sectoral"]
    positions = [page.index(name) for name in order]
    assert positions == sorted(positions)
    assert "Date not known" in page

    def names(query):
        text = signed_in.get(f"/meetings/?{query}").get_data(as_text=True)
        return [name for name in order if name in text]

    assert names("year=2023") == ["Norway briefing", "7th Joint Sectoral"]
    assert names("type=jscc") == ["7th Joint Sectoral", "6th Joint Sectoral"]
    assert names("partnership=asean-norway") == ["Norway briefing"]
    assert names("q=maritime") == ["Norway briefing"]
    assert names("q=JSCC") == ["7th Joint Sectoral", "6th Joint Sectoral"]
    assert names("year=abc&type=nonsense") == order


def test_list_pages(signed_in, make, pakistan):
    for day in range(1, 31):
        make.meeting(pakistan, held_on=date(2024, 4, day), title=f"Call {day:02d}")
    first = signed_in.get("/meetings/").get_data(as_text=True)
    assert "Meetings (page 1 of 2)" in first
    assert "Call 30" in first and "Call 05" not in first
    assert "Call 01" in signed_in.get("/meetings/?page=2").get_data(as_text=True)
    assert signed_in.get("/meetings/?page=9").status_code == 302


def count_queries(app, fetch) -> int:
    statements = []

    def record(*_args):
        statements.append(1)

    with listening(app, "before_cursor_execute", record):
        assert fetch().status_code == 200
    return len(statements)


def test_meeting_list_queries_do_not_grow_with_rows(signed_in, make, app):
    partnerships = [make.partnership(make.organisation(), slug=f"asean-{n}") for n in range(3)]
    make.meeting(partnerships[0])
    few = count_queries(app, lambda: signed_in.get("/meetings/"))
    for n in range(20):
        make.meeting(partnerships[n % 3], held_on=date(2024, 1, 1 + n))
    assert count_queries(app, lambda: signed_in.get("/meetings/")) == few


def test_detail_page_queries_do_not_grow_with_participants(signed_in, make, app, pakistan):
    meeting = make.meeting(pakistan)
    asean = make.asean()
    person = make.person()
    make.position(person, asean, title="Officer", starts_on=date(2020, 1, 1))
    signed_in.submit(f"/meetings/{meeting.id}/participants/new",
                     {"side": "ours", "role": "member", "person_id": str(person.id)})
    few = count_queries(app, lambda: signed_in.get(f"/meetings/{meeting.id}"))
    for n in range(6):
        person = make.person()
        make.position(person, asean, title=f"Officer {n}", starts_on=date(2020, 1, 1))
        signed_in.submit(f"/meetings/{meeting.id}/participants/new",
                         {"side": "ours", "role": "member", "person_id": str(person.id)})
    assert count_queries(app, lambda: signed_in.get(f"/meetings/{meeting.id}")) == few


def test_the_page_puts_who_took_part_what_was_said_and_the_follow_ups_before_the_details(signed_in, make, pakistan):
    meeting = make.meeting(pakistan, venue="ASEAN Secretariat, Jakarta", summary="Reviewed the plan.",
                           asks="Nominate experts.", commitments="Host the workshop.")
    person = make.person("Ameer Khurram Rathore")
    make.position(person, pakistan.partner, title="Ambassador", starts_on=date(2020, 1, 1))
    signed_in.submit(f"/meetings/{meeting.id}/participants/new",
                     {"side": "partner", "role": "co_chair", "person_id": str(person.id)})
    make.follow_up(pakistan, meeting=meeting, title="Send the list of experts", due_on=date(2024, 5, 1))
    page = signed_in.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    words = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    # When and where, under the name; then the people, the outcomes and the follow-ups; the detail rows last.
    assert "Courtesy call by Ameer Khurram Rathore 25 March 2024, ASEAN Secretariat, Jakarta (in person)" in words
    order = ["Participants", "Partner side", "Post held on 25 March 2024: Ambassador", "Outcomes",
             "Reviewed the plan.", "Nominate experts.", "Host the workshop.", "Follow-ups from this meeting",
             "Send the list of experts", "Details Partnership", "Type Courtesy call",
             "Venue ASEAN Secretariat, Jakarta", "Format In person", "Outcome document"]
    positions = [words.index(text) for text in order]
    assert positions == sorted(positions)


def test_viewer_reads_but_cannot_write(as_role, make, pakistan):
    meeting = make.meeting(pakistan)
    viewer = as_role("viewer")
    assert viewer.get("/meetings/").status_code == 200
    page = viewer.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "Add a participant" not in page
    for url in ("/meetings/new", f"/meetings/{meeting.id}/edit", f"/meetings/{meeting.id}/participants/new",
                f"/meetings/{meeting.id}/archive"):
        assert viewer.get(url).status_code == 403, url


def test_missing_meeting_is_a_404_page(signed_in):
    assert signed_in.get("/meetings/999999").status_code == 404
    assert signed_in.get("/meetings/999999/edit").status_code == 404


def test_an_id_too_large_for_the_database_is_not_found(signed_in):
    for url in ("/meetings/99999999999999999999", "/meetings/99999999999999999999/edit",
                "/meetings/99999999999999999999/participants/new", "/meetings/99999999999999999999/archive"):
        assert signed_in.get(url).status_code == 404, url


def test_edit_errors_keep_what_was_typed_and_change_nothing(signed_in, make, pakistan):
    meeting = make.meeting(pakistan, venue="Jakarta")
    page = signed_in.submit(f"/meetings/{meeting.id}/edit", meeting_form(
        pakistan, venue="Islamabad", **{"held_on-day": "", "held_on-month": "", "held_on-year": ""}
    )).get_data(as_text=True)
    assert "<title>Error: Change Courtesy call" in page
    assert page.count("Enter the date of the meeting") == 2
    assert 'value="Islamabad"' in page
    [unchanged] = meetings()
    assert (unchanged.venue, unchanged.held_on) == ("Jakarta", date(2024, 3, 25))
