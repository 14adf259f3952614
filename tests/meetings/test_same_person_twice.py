"""Someone typed as new on the meeting form who is already recorded under the same name (case, accents and
honorifics aside) is offered first: the save is refused with the people recorded, until the officer chooses one of
them or confirms a different person with the same name."""

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Person
from tests.meetings.scenes import AMBASSADOR, DSG
from tests.meetings.test_log_meeting_form import counts, field_value, one_form, participant, saved_meeting


def new_person(full_name, desk, honorific="", **extra):
    return {**participant("partner", "member", full_name=full_name, honorific=honorific,
                          post_title="Ambassador-designate", organisation_id=desk.pakistan.id), **extra}


def log_with(signed_in, desk, row):
    """The courtesy call with the DSG on our side and ``row`` on theirs; the page that comes back."""
    response = signed_in.submit("/meetings/new", one_form(desk, [
        participant("ours", "head_of_delegation", desk.astanah.id), row]))
    assert response.status_code == 200
    return response.get_data(as_text=True)


RATHORE_MESSAGE = (f"H.E. Ameer Khurram Rathore is already recorded ({AMBASSADOR}, Pakistan) – choose them for "
                   "participant 2, or confirm this is a different person")


def test_a_recorded_name_typed_as_new_is_refused_with_the_person_recorded_and_everything_kept(signed_in, desk):
    before = counts()
    page = log_with(signed_in, desk, new_person("H.E. Ameer Khurram Rathore", desk))

    assert page.count(RATHORE_MESSAGE) == 2  # in the summary and beside the name
    assert 'href="#participants-1-full_name"' in page
    assert counts() == before
    assert field_value(page, "participants-1-full_name") == "H.E. Ameer Khurram Rathore"
    assert field_value(page, "participants-1-post_title") == "Ambassador-designate"
    # The row asks which person this is: him, or someone else of the same name; neither is chosen for the officer.
    assert f'id="participants-1-recorded_person-0" value="{desk.rathore.id}"' in page
    assert f"Use H.E. Ameer Khurram Rathore, {AMBASSADOR}, Pakistan" in page
    assert 'id="participants-1-recorded_person-1" value="different"' in page
    assert "This is a different person with the same name" in page
    assert 'name="participants-1-recorded_person" id="participants-1-recorded_person-0" value' in page
    assert "checked" not in page.split('id="participants-1-recorded_person-0"')[1].split(">")[0]


def test_choosing_the_person_recorded_saves_the_meeting_with_him(signed_in, desk):
    before = counts()
    page = log_with(signed_in, desk, new_person("H.E. Ameer Khurram Rathore", desk,
                                                recorded_person=str(desk.rathore.id)))
    assert "Meeting saved: Courtesy call" in page
    meeting = saved_meeting()
    attended = {(p.person_id, p.side.value, p.role.value, p.position.title) for p in meeting.participants}
    assert attended == {(desk.astanah.id, "ours", "head_of_delegation", DSG),
                        (desk.rathore.id, "partner", "member", AMBASSADOR)}
    assert counts()[3:] == before[3:]  # no one added, no post added


def test_choosing_him_needs_no_post_typed(signed_in, desk):
    page = log_with(signed_in, desk, {**participant("partner", "member", full_name="ameer khurram rathore"),
                                      "recorded_person": str(desk.rathore.id)})
    assert "Meeting saved: Courtesy call" in page
    assert {p.person_id for p in saved_meeting().participants} == {desk.astanah.id, desk.rathore.id}


def test_confirming_a_different_person_saves_a_second_person_of_that_name(signed_in, desk):
    before = counts()
    page = log_with(signed_in, desk, new_person("Ameer Khurram Rathore", desk, honorific="Mr",
                                                recorded_person="different"))
    assert "Meeting saved: Courtesy call" in page
    assert counts()[3:] == (before[3] + 1, before[4] + 1)
    namesakes = db.session.scalars(sa.select(Person).where(Person.full_name == "Ameer Khurram Rathore")
                                   .order_by(Person.id)).all()
    assert [(person.honorific, [post.title for post in person.positions]) for person in namesakes] == [
        ("H.E.", [AMBASSADOR, "Secretary for Asia-Pacific, Ministry of Foreign Affairs of Pakistan"]),
        ("Mr", ["Ambassador-designate"]),
    ]
    assert {p.person_id for p in saved_meeting().participants} == {desk.astanah.id, namesakes[1].id}


@pytest.mark.parametrize(("recorded", "typed", "honorific", "shown"), [
    # Case and a hyphen: the DSG is recorded as Dato' Astanah Abdul Aziz.
    (None, "ASTANAH ABDUL-AZIZ", "", f"Dato&#39; Astanah Abdul Aziz is already recorded ({DSG}, ASEAN)"),
    # The honorific typed in its own box.
    (None, "Astanah Abdul Aziz", "Dato'", f"Dato&#39; Astanah Abdul Aziz is already recorded ({DSG}, ASEAN)"),
    # Accents, either way round.
    ("Tiêu Văn", "Tieu Van", "", "Tiêu Văn is already recorded (no post held today)"),
    ("Tieu Van", "tiêu văn", "Dr", "Tieu Van is already recorded (no post held today)"),
])
def test_the_same_name_is_caught_whatever_its_case_accents_and_honorific(signed_in, desk, make, recorded, typed,
                                                                          honorific, shown):
    if recorded:
        make.person(recorded)
    before = counts()
    page = log_with(signed_in, desk, new_person(typed, desk, honorific=honorific))
    message = f"{shown} – choose them for participant 2, or confirm this is a different person"
    assert page.count(message) == 2, page
    assert counts() == before


def test_two_people_recorded_under_the_name_are_both_offered(signed_in, desk, make):
    other = make.person("Ameer Khurram Rathore")
    make.position(other, desk.pakistan, title="Trade Attaché", starts_on=date(2020, 1, 1))
    page = log_with(signed_in, desk, new_person("Ameer Khurram RATHORE", desk))
    # In the order they were recorded.
    message = (f"H.E. Ameer Khurram Rathore ({AMBASSADOR}, Pakistan) and Ameer Khurram Rathore (Trade Attaché, "
               "Pakistan) are already recorded – choose one of them for participant 2, or confirm this is a different "
               "person")
    assert page.count(message) == 2
    assert f'value="{other.id}"' in page and f'value="{desk.rathore.id}"' in page

    page = log_with(signed_in, desk, new_person("Ameer Khurram RATHORE", desk, recorded_person=str(other.id)))
    assert "Meeting saved: Courtesy call" in page
    assert {p.person_id for p in saved_meeting().participants} == {desk.astanah.id, other.id}


def test_someone_archived_is_not_offered(signed_in, desk, make):
    archived = make.person("Tiêu Văn", archived_at=datetime(2024, 1, 1, tzinfo=UTC))
    page = log_with(signed_in, desk, new_person("Tieu Van", desk))
    assert "Meeting saved: Courtesy call" in page
    added = db.session.scalar(sa.select(Person).where(Person.full_name == "Tieu Van"))
    assert added.id != archived.id
    assert signed_in.get("/people/namesakes?full_name=Tieu+Van").json == {"namesakes": [
        {"id": added.id, "name": "Tieu Van", "post": "Ambassador-designate, Pakistan", "exact": True}]}


def test_the_same_new_name_twice_is_caught_with_accents_too(signed_in, desk):
    page = signed_in.submit("/meetings/new", one_form(desk, [
        new_person("Tieu Van", desk), new_person("Tiêu  Văn", desk, honorific="Dr")])).get_data(as_text=True)
    assert page.count("Participant 2 is already listed as participant 1") == 2


def test_the_person_chosen_in_place_of_a_new_one_cannot_be_listed_twice(signed_in, desk):
    page = signed_in.submit("/meetings/new", one_form(desk, [
        participant("partner", "head_of_delegation", desk.rathore.id),
        new_person("Ameer Khurram Rathore", desk, recorded_person=str(desk.rathore.id)),
    ])).get_data(as_text=True)
    assert page.count("Participant 2 is already listed as participant 1") == 2
    assert counts()[0] == 0


def test_the_form_s_script_is_told_who_is_recorded_under_a_name_typed(signed_in, desk, make, app):
    nearly = make.person("Ameer Rathore")
    make.person("Ameer Khurram Rathore Khan")
    make.person("Someone Else")
    answer = signed_in.get("/people/namesakes?full_name=Ameer+Khurram+Rathore&honorific=H.E.")
    assert answer.status_code == 200
    found = answer.json["namesakes"]
    # The same name first, then names a word shorter or longer.
    assert found[0] == {"id": desk.rathore.id, "name": "H.E. Ameer Khurram Rathore",
                        "post": f"{AMBASSADOR}, Pakistan", "exact": True}
    assert sorted((n["name"], n["post"], n["exact"]) for n in found[1:]) == [
        ("Ameer Khurram Rathore Khan", "no post held today", False),
        ("Ameer Rathore", "no post held today", False),
    ]
    # The beginning of a name, while it is being typed.
    assert [n["id"] for n in signed_in.get("/people/namesakes?full_name=ameer+rath").json["namesakes"]] == [nearly.id]
    assert signed_in.get("/people/namesakes?full_name=Nobody+Known").json == {"namesakes": []}
    assert signed_in.get("/people/namesakes").json == {"namesakes": []}

    signed_out = app.test_client().get("/people/namesakes?full_name=Ameer+Khurram+Rathore", follow_redirects=False)
    assert signed_out.status_code == 302 and "/sign-in" in signed_out.headers["Location"]
