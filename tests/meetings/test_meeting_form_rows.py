"""The meeting form's rows: added and removed without JavaScript, what they offer to choose, and what the form
reads to show and save them."""

import re
from datetime import date

from tests.conftest import csrf_token, listening, search_index_paused
from tests.meetings.scenes import AMBASSADOR, SECRETARY
from tests.meetings.test_log_meeting_form import (
    counts,
    field_value,
    follow_up,
    one_form,
    participant,
    selected,
    the_call,
)
from tests.meetings.test_meeting_pages import count_queries


def test_add_another_follow_up_without_javascript(signed_in, desk):
    response = signed_in.submit("/meetings/new", one_form(
        desk, follow_ups=[follow_up("Share the draft work plan", owner_user_id=signed_in.user.id)],
        action="add_followup", title="",
    ))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "There is a problem" not in page and "<title>Log a courtesy call" in page
    assert field_value(page, "followups-0-title") == "Share the draft work plan"
    assert field_value(page, "followups-1-title") == ""
    assert re.search(r'<input[^>]*autofocus="autofocus"[^>]*id="followups-1-title"', page)
    assert "Follow-up <span data-row-number>2</span>" in page
    assert counts()[0] == 0


def test_remove_a_follow_up_without_javascript(signed_in, desk):
    page = signed_in.submit("/meetings/new", one_form(
        desk, follow_ups=[follow_up("First", owner_user_id=signed_in.user.id), follow_up("Second"),
                          follow_up("Third", partner_owner="Mission")],
        action="remove_followup-1",
    )).get_data(as_text=True)
    assert "There is a problem" not in page
    assert [field_value(page, f"followups-{i}-title") for i in range(2)] == ["First", "Third"]
    assert field_value(page, "followups-1-partner_owner") == "Mission"
    assert 'id="followups-2-title"' not in page
    assert re.search(r'<input[^>]*autofocus="autofocus"[^>]*id="followups-1-title"', page)
    assert 'value="remove_followup-1"' in page and 'value="remove_followup-2"' not in page

    last = signed_in.submit("/meetings/new", one_form(
        desk, follow_ups=[follow_up("Only")], action="remove_followup-0",
    )).get_data(as_text=True)
    assert 'id="followups-0-title"' not in last
    assert re.search(r'id="followups-add"[^>]*autofocus', last)
    assert counts()[0] == 0


def test_add_and_remove_participants_without_javascript(signed_in, desk):
    rows = [participant("ours", "member", desk.astanah.id), participant("partner", "member", desk.rathore.id)]
    page = signed_in.submit("/meetings/new", one_form(desk, rows, action="add_participant")).get_data(as_text=True)
    assert "There is a problem" not in page
    assert [selected(page, f"participants-{i}-person_id") for i in range(3)] == [
        str(desk.astanah.id), str(desk.rathore.id), ""]
    assert re.search(r'<select autofocus="autofocus"[^>]*id="participants-2-side"', page)

    page = signed_in.submit("/meetings/new", one_form(desk, rows, action="remove_participant-0")).get_data(as_text=True)
    assert selected(page, "participants-0-person_id") == str(desk.rathore.id)
    assert 'id="participants-1-side"' not in page
    # Nonsense positions change nothing.
    page = signed_in.submit("/meetings/new", one_form(desk, rows, action="remove_participant-99"))
    page = page.get_data(as_text=True)
    assert [selected(page, f"participants-{i}-person_id") for i in range(2)] == [
        str(desk.astanah.id), str(desk.rathore.id)]
    assert counts()[0] == 0


def test_at_most_twenty_follow_ups_at_once(signed_in, desk):
    rows = [follow_up(f"Action {n}", partner_owner="Mission") for n in range(20)]
    page = signed_in.submit("/meetings/new", one_form(desk, follow_ups=rows, action="add_followup")).get_data(
        as_text=True)
    assert 'id="followups-19-title"' in page and 'id="followups-20-title"' not in page
    assert "You can record up to 20 follow-ups here" in page


def test_the_form_opens_with_two_participant_rows_one_per_side_and_one_follow_up(signed_in, desk):
    page = signed_in.get("/meetings/new?partnership=asean-pakistan&type=courtesy_call").get_data(as_text=True)
    assert "<h1" in page and ">Log a courtesy call</h1>" in page
    assert [selected(page, f"participants-{i}-side") for i in range(2)] == ["ours", "partner"]
    assert 'id="participants-2-side"' not in page
    assert 'id="followups-0-title"' in page and 'id="followups-1-title"' not in page
    # Each person is offered with the post held today; the blank rows for JavaScript are templates.
    assert f"H.E. Ameer Khurram Rathore – {AMBASSADOR}" in page
    assert 'id="participants-template"' in page and 'name="followups-__INDEX__-title"' in page
    assert f'<option value="{desk.colleague.id}">Anna Officer</option>' in page
    assert '<optgroup label="Economic">' in page
    assert ">Log a meeting</h1>" in signed_in.get("/meetings/new?type=jscc").get_data(as_text=True)
    assert ">Log a meeting</h1>" in signed_in.get("/meetings/new").get_data(as_text=True)


def test_archived_people_and_inactive_officers_are_not_offered(signed_in, desk, make):
    from app.models import utcnow

    make.person("Gone Person", archived_at=utcnow())
    make.user(email="left@asean.example", name="Left Officer", is_active=False)
    page = signed_in.get("/meetings/new").get_data(as_text=True)
    assert "Gone Person" not in page and "Left Officer" not in page


def test_a_person_archived_or_never_recorded_cannot_be_chosen(signed_in, desk, make):
    from app.models import utcnow

    gone = make.person("Gone Person", archived_at=utcnow())
    page = signed_in.submit("/meetings/new", one_form(desk, participants=[
        participant("ours", "head_of_delegation", desk.astanah.id),
        participant("partner", "member", gone.id),
        participant("partner", "member", 999_999),
    ])).get_data(as_text=True)
    for number in (2, 3):
        message = f"Select a person for participant {number} from the list"
        assert page.count(message) == 2, message
    assert "Select a person for participant 1" not in page
    # The rows keep what was chosen; the people still offered are offered again.
    assert selected(page, "participants-0-person_id") == str(desk.astanah.id)
    assert "Gone Person" not in page
    assert counts()[0] == 0


def test_the_people_posts_are_on_the_page_for_the_post_on_a_date_typed_in(signed_in, desk):
    page = signed_in.get("/meetings/new").get_data(as_text=True)
    posts = re.search(r'<script type="application/json" id="people-posts">(.*?)</script>', page, re.S).group(1)
    import json

    assert sorted(json.loads(posts)[str(desk.rathore.id)]) == [
        ["2021-06-01", "2023-12-31", SECRETARY], ["2024-01-10", "", AMBASSADOR]]


def test_the_areas_for_the_partnership_and_date_chosen_so_far(signed_in, desk, make):
    old = make.plan(desk.partnership, label="2019-2021", starts_on=date(2019, 1, 1), ends_on=date(2023, 12, 31),
                    state="superseded")
    tourism = make.area(old, code="2.2", name="Tourism")
    url = "/meetings/new/areas"
    answer = signed_in.get(f"{url}?partnership_id={desk.partnership.id}&held_on-day=25&held_on-month=mar"
                           "&held_on-year=2024&type=courtesy_call").get_json()
    assert answer["hint"] == "Areas of Practical Cooperation Areas (2024-2028), the plan covering 25 March 2024"
    assert answer["groups"] == [
        {"pillar": "Economic", "areas": [[desk.trade, "2.1 Trade"]]},
        {"pillar": "Socio-Cultural", "areas": [[desk.education, "3.4 Education and human resource development"]]},
    ]
    answer = signed_in.get(f"{url}?partnership_id={desk.partnership.id}&held_on-day=18&held_on-month=9"
                           "&held_on-year=2023&type=jscc").get_json()
    assert answer["groups"] == [{"pillar": "Economic", "areas": [[tourism.id, "2.2 Tourism"]]}]
    assert answer["number_hint"].endswith("No JSCC of ASEAN–Pakistan is recorded yet, so this would be the 1st")
    assert signed_in.get(f"{url}?partnership_id=abc&held_on-day=99").get_json()["groups"] == []


def test_the_areas_answer_is_for_editors(as_role, desk):
    assert as_role("viewer").get(f"/meetings/new/areas?partnership_id={desk.partnership.id}").status_code == 403


def test_the_form_queries_do_not_grow_with_the_people_offered(signed_in, desk, make, app):
    # A form sent back with an error (after the rollback) too.
    data = one_form(desk, the_call(desk), [follow_up("", owner_user_id=signed_in.user.id, due="30 4 2024")])
    data["csrf_token"] = csrf_token(signed_in.get("/meetings/new").get_data(as_text=True))

    def post():
        return signed_in.client.post("/meetings/new", data=data)

    few = (count_queries(app, lambda: signed_in.get("/meetings/new")), count_queries(app, post))
    for n in range(10):
        person = make.person(f"Officer {n}")
        make.position(person, desk.asean, title=f"Desk officer {n}", starts_on=date(2020, 1, 1))
    assert (count_queries(app, lambda: signed_in.get("/meetings/new")), count_queries(app, post)) == few


def test_a_save_reads_only_what_the_form_chose_and_the_flush_reads_nothing(signed_in, desk, app):
    """A courtesy call with both heads of delegation, an area and a follow-up: the save reads the officer signed in,
    the partnership with both its sides (the meeting's name), the plan covering the date (once to offer its areas,
    once to check them), those areas, and the two people chosen with their posts (joined); then it only writes."""
    data = one_form(desk, the_call(desk), [follow_up("Send the work plan", owner_user_id=signed_in.user.id,
                                                     due="30 4 2024", area_id=desk.trade)], area_ids=[str(desk.trade)])
    data["csrf_token"] = csrf_token(signed_in.get("/meetings/new").get_data(as_text=True))
    statements = []

    def record(_connection, _cursor, sql, *_args):
        statements.append(" ".join(sql.split()).upper())

    # What the save itself reads: the search index, kept in step in the same flush, reads what it indexes.
    with search_index_paused(), listening(app, "before_cursor_execute", record):
        assert signed_in.client.post("/meetings/new", data=data).status_code == 302
    first_write = next(n for n, sql in enumerate(statements) if sql.startswith("INSERT"))
    reads = [re.search(r" FROM (\w+)", sql)[1].lower() for sql in statements[:first_write]]
    assert sorted(reads) == sorted(["users", "partnerships", "plans", "plans", "cooperation_areas", "people"])
    assert not any(sql.startswith("SELECT") for sql in statements[first_write:])
