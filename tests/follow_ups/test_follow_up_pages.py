from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.follow_ups import services
from app.follow_ups.details import FollowUpDetails
from app.models import FollowUpAction, FollowUpStatus, MeetingType

#: The day the overdue tests are judged on, fixed so every expectation below can be worked out by hand.
TODAY = date(2024, 6, 1)


@pytest.fixture
def fixed_today(monkeypatch):
    monkeypatch.setattr(services, "today", lambda: TODAY)
    return TODAY


@pytest.fixture
def pakistan(make):
    partnership = make.partnership()
    plan = make.plan(partnership, label="2024-2028")
    make.area(plan, make.pillar(plan, "Economic"), code="2.1", name="Trade")
    return partnership


@pytest.fixture
def courtesy_call(make, pakistan):
    return make.meeting(pakistan, held_on=date(2024, 3, 25), title="Courtesy call by the Ambassador")


def follow_up_form(partnership, **changes) -> dict:
    data = {
        "title": "Share the draft work plan on customs cooperation", "description": "",
        "partnership_id": str(partnership.id), "meeting_id": "", "area_id": "", "owner_user_id": "",
        "partner_person_id": "", "partner_office": "", "due_on-day": "", "due_on-month": "", "due_on-year": "",
        "action": "save",
    }
    data.update(changes)
    return data


def follow_ups() -> list[FollowUpAction]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(FollowUpAction).order_by(FollowUpAction.id)))


def test_add_a_follow_up_from_a_meeting(signed_in, pakistan, courtesy_call):
    form = signed_in.get(f"/follow-ups/new?meeting={courtesy_call.id}").get_data(as_text=True)
    assert f'<option selected value="{pakistan.id}">ASEAN–Pakistan</option>' in form
    call = "Courtesy call by the Ambassador – 25 March 2024"
    assert f'<option selected value="{courtesy_call.id}">{call}</option>' in form
    assert "2.1 Trade" in form

    from app.models import CooperationArea

    trade = db.session.scalar(sa.select(CooperationArea.id))
    response = signed_in.submit("/follow-ups/new", follow_up_form(
        pakistan, meeting_id=str(courtesy_call.id), area_id=str(trade), owner_user_id=str(signed_in.user.id),
        **{"due_on-day": "30", "due_on-month": "jun", "due_on-year": "2024"},
    ))
    page = response.get_data(as_text=True)
    assert "Follow-up added: Share the draft work plan on customs cooperation" in page
    [action] = follow_ups()
    assert (action.meeting_id, action.area_id, action.owner_user_id, action.due_on, action.status) == (
        courtesy_call.id, trade, signed_in.user.id, date(2024, 6, 30), FollowUpStatus.OPEN)
    assert "Desk Officer" in page and "30 June 2024" in page
    assert action.opened_on == date(2024, 3, 25)  # agreed at the meeting

    meeting_page = signed_in.get(f"/meetings/{courtesy_call.id}").get_data(as_text=True)
    assert f'href="/follow-ups/{action.id}"' in meeting_page


def test_a_partner_side_owner_person_or_office(signed_in, make, pakistan, fixed_today):
    envoy = make.person("Ameer Khurram Rathore")
    signed_in.submit("/follow-ups/new", follow_up_form(pakistan, partner_person_id=str(envoy.id)))
    signed_in.submit("/follow-ups/new", follow_up_form(pakistan, title="Name a focal point",
                                                       partner_office="Mission of Pakistan to ASEAN"))
    first, second = follow_ups()
    assert first.owner_name == "Ameer Khurram Rathore (partner)"
    assert first.opened_on == TODAY  # not from a meeting: agreed the day it was recorded
    assert (second.partner_office, second.owner_user_id) == ("Mission of Pakistan to ASEAN", None)


def test_empty_form_explains_each_problem(signed_in, pakistan):
    page = signed_in.submit("/follow-ups/new", {"action": "save"}).get_data(as_text=True)
    assert "<title>Error: Add a follow-up" in page
    for message in ("Enter a title for the follow-up", "Select the partnership",
                    "Select the officer responsible or name the partner-side owner"):
        assert page.count(message) == 2, message
    assert follow_ups() == []


def test_exactly_one_kind_of_owner(signed_in, make, pakistan):
    envoy = make.person("Ameer Khurram Rathore")
    both = signed_in.submit("/follow-ups/new", follow_up_form(
        pakistan, owner_user_id=str(signed_in.user.id), partner_office="Mission of Pakistan"
    )).get_data(as_text=True)
    assert both.count("Select the officer responsible or name the partner-side owner, not both") == 2
    person_and_office = signed_in.submit("/follow-ups/new", follow_up_form(
        pakistan, partner_person_id=str(envoy.id), partner_office="Mission of Pakistan"
    )).get_data(as_text=True)
    assert "Select a partner-side person or name an office, not both" in person_and_office
    assert 'value="Mission of Pakistan"' in person_and_office
    assert follow_ups() == []


def test_due_date_not_before_the_meeting(signed_in, pakistan, courtesy_call):
    page = signed_in.submit("/follow-ups/new", follow_up_form(
        pakistan, meeting_id=str(courtesy_call.id), owner_user_id=str(signed_in.user.id),
        **{"due_on-day": "24", "due_on-month": "3", "due_on-year": "2024"},
    )).get_data(as_text=True)
    assert page.count("Due date must be the same as or after 25 March 2024, the date of the meeting") == 2
    assert follow_ups() == []
    # Reported together with the other problems of the form, not one at a time.
    page = signed_in.submit("/follow-ups/new", follow_up_form(
        pakistan, meeting_id=str(courtesy_call.id), **{"due_on-day": "1", "due_on-month": "1", "due_on-year": "2024"},
    )).get_data(as_text=True)
    assert "Due date must be the same as or after 25 March 2024" in page
    assert "Select the officer responsible or name the partner-side owner" in page
    signed_in.submit("/follow-ups/new", follow_up_form(
        pakistan, meeting_id=str(courtesy_call.id), owner_user_id=str(signed_in.user.id),
        **{"due_on-day": "25", "due_on-month": "3", "due_on-year": "2024"},
    ))
    assert [a.due_on for a in follow_ups()] == [date(2024, 3, 25)]


def test_bad_values_get_clear_messages(signed_in, make, pakistan, courtesy_call):
    norway = make.partnership(make.organisation(name="Kingdom of Norway", short_name="Norway", iso_code="NO"))
    norway_meeting = make.meeting(norway, held_on=date(2024, 2, 1))
    page = signed_in.submit("/follow-ups/new", follow_up_form(
        pakistan, title="t" * 10_000, description="d" * 5_001, owner_user_id="999999",
        meeting_id=str(norway_meeting.id), area_id="abc",
        **{"due_on-day": "31", "due_on-month": "13", "due_on-year": "2024"},
    )).get_data(as_text=True)
    assert "Title must be 300 characters or less" in page
    assert "Description must be 5,000 characters or less" in page
    assert "Select an officer from the list" in page
    assert "Select a meeting of the partnership from the list" in page
    assert "Select a cooperation area of the partnership from the list" in page
    assert "Due date must be a real date" in page
    unknown = signed_in.submit("/follow-ups/new", follow_up_form(
        pakistan, partnership_id="424242", owner_user_id=str(signed_in.user.id))).get_data(as_text=True)
    assert unknown.count("Select a partnership from the list") == 2
    assert follow_ups() == []


def test_a_meeting_of_another_partnership_is_refused_by_the_service(app_context, make, pakistan):
    from app.common.errors import DomainError

    norway = make.partnership(make.organisation(name="Kingdom of Norway", short_name="Norway", iso_code="NO"))
    norway_meeting = make.meeting(norway, held_on=date(2024, 2, 1))
    with pytest.raises(DomainError) as refused:
        services.create_follow_up(pakistan, FollowUpDetails(title="Reply", meeting=norway_meeting,
                                                            partner_office="Mission"))
    assert refused.value.message == "Courtesy call is not a meeting of ASEAN–Pakistan – select one of its meetings"


def test_edit_a_follow_up(signed_in, make, pakistan, courtesy_call):
    action = make.follow_up(pakistan, meeting=courtesy_call)
    form = signed_in.get(f"/follow-ups/{action.id}/edit").get_data(as_text=True)
    assert 'value="Mission of Pakistan to ASEAN"' in form
    page = signed_in.submit(f"/follow-ups/{action.id}/edit", follow_up_form(
        pakistan, title="Send the customs work plan", meeting_id=str(courtesy_call.id),
        owner_user_id=str(signed_in.user.id), **{"due_on-day": "1", "due_on-month": "7", "due_on-year": "2024"},
    )).get_data(as_text=True)
    assert "Follow-up saved: Send the customs work plan" in page
    [saved] = follow_ups()
    assert (saved.title, saved.owner_user_id, saved.partner_office, saved.due_on) == (
        "Send the customs work plan", signed_in.user.id, None, date(2024, 7, 1))


def test_mark_done_with_a_completion_date(signed_in, make, pakistan, courtesy_call, fixed_today):
    action = make.follow_up(pakistan, meeting=courtesy_call, due_on=date(2024, 5, 1))
    url = f"/follow-ups/{action.id}/status"
    form = signed_in.get(url).get_data(as_text=True)
    today = date.today()
    assert f'value="{today.day}"' in form and f'value="{today.year}"' in form  # defaults to today

    future = signed_in.submit(url, {"status": "done", "changed_on-day": "2", "changed_on-month": "6",
                                    "changed_on-year": "2024"}).get_data(as_text=True)
    assert future.count("Date of the change must be today or in the past") == 2
    empty = signed_in.submit(url, {"status": "done", "changed_on-day": "", "changed_on-month": "",
                                   "changed_on-year": ""}).get_data(as_text=True)
    assert empty.count("Enter the date of the change") == 2
    before = signed_in.submit(url, {"status": "done", "changed_on-day": "1", "changed_on-month": "3",
                                    "changed_on-year": "2024"}).get_data(as_text=True)
    assert "Date of the change must be the same as or after 25 March 2024, the date of the meeting" in before
    assert follow_ups()[0].status is FollowUpStatus.OPEN

    done = signed_in.submit(url, {"status": "done", "changed_on-day": "1", "changed_on-month": "6",
                                  "changed_on-year": "2024"}).get_data(as_text=True)
    assert "Follow-up is now done" in done
    [saved] = follow_ups()
    assert (saved.status, saved.completed_on) == (FollowUpStatus.DONE, date(2024, 6, 1))

    # Done follow-ups leave the working list but stay listed under "done".
    assert saved.title not in signed_in.get("/follow-ups/").get_data(as_text=True)
    assert saved.title in signed_in.get("/follow-ups/?status=done").get_data(as_text=True)
    assert saved.title in signed_in.get("/follow-ups/?status=all").get_data(as_text=True)

    signed_in.submit(url, {"status": "in_progress", "changed_on-day": "1", "changed_on-month": "6",
                           "changed_on-year": "2024"})
    assert (follow_ups()[0].status, follow_ups()[0].completed_on) == (FollowUpStatus.IN_PROGRESS, None)


def test_status_form_errors(signed_in, make, pakistan):
    action = make.follow_up(pakistan)
    url = f"/follow-ups/{action.id}/status"
    page = signed_in.submit(url, {"status": "finished", "changed_on-day": "x", "changed_on-month": "6",
                                  "changed_on-year": "2024"}).get_data(as_text=True)
    assert "Select status from the list" in page and "Date of the change must be a real date" in page
    assert follow_ups()[0].status is FollowUpStatus.OPEN


def test_overdue_filter(signed_in, make, pakistan, fixed_today):
    # Judged on 1 June 2024: overdue means due on 31 May 2024 or earlier and still open, in progress or awaiting.
    make.follow_up(pakistan, title="Due yesterday, open", due_on=date(2024, 5, 31))
    make.follow_up(pakistan, title="Due in April, awaiting partner", due_on=date(2024, 4, 15),
                   status="awaiting_partner")
    make.follow_up(pakistan, title="Due today", due_on=date(2024, 6, 1))
    make.follow_up(pakistan, title="Due next week", due_on=date(2024, 6, 8))
    make.follow_up(pakistan, title="No due date")
    make.follow_up(pakistan, title="Done late", due_on=date(2024, 3, 1), status="done",
                   completed_on=date(2024, 3, 20))
    make.follow_up(pakistan, title="Called off in March", due_on=date(2024, 3, 1), status="cancelled")

    page = signed_in.get("/follow-ups/?overdue=1").get_data(as_text=True)
    listed = [t for t in ("Due yesterday, open", "Due in April, awaiting partner", "Due today", "Due next week",
                          "No due date", "Done late", "Called off in March") if t in page]
    assert listed == ["Due yesterday, open", "Due in April, awaiting partner"]
    assert page.count(">Overdue</span>") == 2
    assert "2 follow-ups" in page

    everything = signed_in.get("/follow-ups/").get_data(as_text=True)
    # Earliest due first, no due date last; the two overdue ones carry the tag.
    order = ["Due in April, awaiting partner", "Due yesterday, open", "Due today", "Due next week", "No due date"]
    positions = [everything.index(t) for t in order]
    assert positions == sorted(positions)
    assert everything.count(">Overdue</span>") == 2


def test_mine_and_partnership_filters(signed_in, make, pakistan):
    colleague = make.user(name="Another Officer")
    norway = make.partnership(make.organisation(name="Kingdom of Norway", short_name="Norway", iso_code="NO"))
    make.follow_up(pakistan, title="Mine for Pakistan", owner=signed_in.user)
    make.follow_up(pakistan, title="Colleague's for Pakistan", owner=colleague)
    make.follow_up(norway, title="Mine for Norway", owner=signed_in.user)

    def titles(query):
        page = signed_in.get(f"/follow-ups/?{query}").get_data(as_text=True)
        return sorted(t for t in ("Mine for Pakistan", "Colleague's for Pakistan", "Mine for Norway")
                      if t.replace("'", "&#39;") in page)

    assert titles("mine=1") == ["Mine for Norway", "Mine for Pakistan"]
    assert titles("partnership=asean-pakistan") == ["Colleague's for Pakistan", "Mine for Pakistan"]
    assert titles("mine=1&partnership=asean-norway") == ["Mine for Norway"]
    assert titles("status=nonsense") == ["Colleague's for Pakistan", "Mine for Norway", "Mine for Pakistan"]


def test_archive_and_restore(signed_in, make, pakistan):
    action = make.follow_up(pakistan, title="Share the minutes")
    url = f"/follow-ups/{action.id}"
    assert signed_in.get(f"{url}/archive").status_code == 200
    signed_in.submit(f"{url}/archive")
    assert "Share the minutes" not in signed_in.get("/follow-ups/").get_data(as_text=True)
    assert "Share the minutes" in signed_in.get("/follow-ups/?archived=1").get_data(as_text=True)
    signed_in.submit(f"{url}/restore", page=url)
    assert follow_ups()[0].archived_at is None


def statements_for(fetch, count_queries) -> int:
    with count_queries() as statements:
        assert fetch().status_code == 200
    return len(statements)


def test_follow_up_list_queries_do_not_grow_with_rows(signed_in, make, count_queries):
    partnerships = [make.partnership(make.organisation(), slug=f"asean-{n}") for n in range(3)]
    people = [make.person() for _ in range(3)]
    make.follow_up(partnerships[0], owner=signed_in.user)
    few = statements_for(lambda: signed_in.get("/follow-ups/"), count_queries)
    for n in range(20):
        owner = {"owner": signed_in.user} if n % 2 else {"partner_person": people[n % 3]}
        make.follow_up(partnerships[n % 3], title=f"Action {n}", due_on=date(2024, 1, 1) + timedelta(days=n), **owner)
    assert statements_for(lambda: signed_in.get("/follow-ups/"), count_queries) == few


def test_viewer_reads_but_cannot_write(as_role, make, pakistan):
    action = make.follow_up(pakistan)
    viewer = as_role("viewer")
    assert viewer.get("/follow-ups/").status_code == 200
    assert "Change the status" not in viewer.get(f"/follow-ups/{action.id}").get_data(as_text=True)
    for url in ("/follow-ups/new", f"/follow-ups/{action.id}/edit", f"/follow-ups/{action.id}/status",
                f"/follow-ups/{action.id}/archive"):
        assert viewer.get(url).status_code == 403, url


def test_missing_follow_up_is_a_404(signed_in):
    assert signed_in.get("/follow-ups/999999").status_code == 404
    assert signed_in.get("/follow-ups/999999/status").status_code == 404


def test_meeting_types_are_shown_on_the_new_form(signed_in, make, pakistan):
    make.meeting(pakistan, type=MeetingType.JSCC, number=7, held_on=None)
    page = signed_in.get("/follow-ups/new?partnership=asean-pakistan").get_data(as_text=True)
    assert "7th Joint Sectoral Cooperation Committee (JSCC) – date not known" in page


def test_an_id_too_large_for_the_database_is_not_found(signed_in):
    for url in ("/follow-ups/99999999999999999999", "/follow-ups/99999999999999999999/status"):
        assert signed_in.get(url).status_code == 404, url
    assert signed_in.get("/follow-ups/new?meeting=99999999999999999999").status_code == 200


def test_edit_errors_change_nothing(signed_in, make, pakistan, courtesy_call):
    action = make.follow_up(pakistan, meeting=courtesy_call, due_on=date(2024, 4, 30))
    page = signed_in.submit(f"/follow-ups/{action.id}/edit", follow_up_form(
        pakistan, title="", meeting_id=str(courtesy_call.id), partner_office="Mission of Pakistan to ASEAN",
        **{"due_on-day": "1", "due_on-month": "1", "due_on-year": "2024"},
    )).get_data(as_text=True)
    assert page.count("Enter a title for the follow-up") == 2
    [unchanged] = follow_ups()
    assert (unchanged.title, unchanged.due_on) == ("Share the draft work plan", date(2024, 4, 30))
    page = signed_in.submit(f"/follow-ups/{action.id}/edit", follow_up_form(
        pakistan, meeting_id=str(courtesy_call.id), partner_office="Mission of Pakistan to ASEAN",
        **{"due_on-day": "1", "due_on-month": "1", "due_on-year": "2024"},
    )).get_data(as_text=True)
    assert "Due date must be the same as or after 25 March 2024, the date of the meeting" in page
    assert follow_ups()[0].due_on == date(2024, 4, 30)


def test_the_service_enforces_the_rules_the_seed_relies_on(app_context, make, pakistan, courtesy_call, fixed_today):
    from app.common.errors import DomainError

    with pytest.raises(DomainError) as refused:
        services.create_follow_up(pakistan, FollowUpDetails(title="Reply", meeting=courtesy_call,
                                                            partner_office="Mission", due_on=date(2024, 3, 1)))
    assert (refused.value.field, refused.value.message) == (
        "due_on", "Due date must be the same as or after 25 March 2024, the date of the meeting")
    with pytest.raises(DomainError) as refused:
        services.create_follow_up(pakistan, FollowUpDetails(title="Reply"))
    assert refused.value.message == "Select the officer responsible or name the partner-side owner"
    action = services.create_follow_up(pakistan, FollowUpDetails(title="Reply", partner_office="Mission"),
                                       status="done", completed_on=date(2024, 5, 2), opened_on=date(2024, 4, 1))
    assert (action.status, action.completed_on, action.opened_on) == (FollowUpStatus.DONE, date(2024, 5, 2),
                                                                      date(2024, 4, 1))
    services.set_follow_up_status(action, "cancelled")
    assert (action.status, action.completed_on) == (FollowUpStatus.CANCELLED, None)


def test_the_form_offers_the_latest_hundred_meetings_of_the_partnership_chosen_and_an_older_one_chosen_from_its_page(
        signed_in, make, pakistan):
    # 102 meetings a week apart: the two oldest (1 and 8 January 2022) fall outside the hundred offered.
    first = date(2022, 1, 1)
    meetings = [make.meeting(pakistan, held_on=first + timedelta(weeks=week), title=f"Call {week + 1}")
                for week in range(102)]
    other = make.partnership(partner=make.organisation(name="Republic of Korea", short_name="ROK", iso_code="KR"))
    elsewhere = make.meeting(other, title="Call with Korea")

    blank = signed_in.get("/follow-ups/new").get_data(as_text=True)
    assert "Call 1 –" not in blank and "Call with Korea" not in blank
    assert "Choose the partnership and show its meetings first" in blank

    form = signed_in.get(f"/follow-ups/new?partnership={pakistan.slug}").get_data(as_text=True)
    assert form.count(">Call ") == 100
    assert "Call 102 – " in form and "Call 3 – " in form and "Call 2 – " not in form
    assert "Call with Korea" not in form

    oldest = meetings[0]
    from_its_page = signed_in.get(f"/follow-ups/new?meeting={oldest.id}").get_data(as_text=True)
    assert f'<option selected value="{oldest.id}">Call 1 – 1 January 2022</option>' in from_its_page
    response = signed_in.submit("/follow-ups/new", follow_up_form(
        pakistan, meeting_id=str(oldest.id), partner_office="Mission of Pakistan to ASEAN"))
    assert "Follow-up added" in response.get_data(as_text=True)
    assert follow_ups()[0].meeting_id == oldest.id

    response = signed_in.submit("/follow-ups/new", follow_up_form(
        pakistan, meeting_id=str(elsewhere.id), partner_office="Mission of Pakistan to ASEAN"))
    assert "Select a meeting of the partnership from the list" in response.get_data(as_text=True)
    assert len(follow_ups()) == 1
