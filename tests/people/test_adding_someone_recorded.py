"""Adding a person by hand whose name is already recorded (case, accents and honorifics aside): the page points to
the people recorded and adds someone new only once the officer confirms a different person with the same name."""

from datetime import UTC, date, datetime

from tests.people.test_people_pages import AMBASSADOR, people

MESSAGE = (f"H.E. Ameer Khurram Rathore is already recorded ({AMBASSADOR}, Pakistan Mission) – add to their record "
           "instead, or confirm this is a different person")


def test_a_recorded_name_is_refused_with_a_link_to_the_person_recorded(signed_in, make, mission):
    rathore = make.person("Ameer Khurram Rathore", honorific="H.E.")
    make.position(rathore, mission, title=AMBASSADOR, starts_on=date(2024, 1, 10))
    typed = {"honorific": "", "full_name": "AMEER KHURRAM RATHORE", "email": "rathore@mofa.example", "notes": ""}

    page = signed_in.submit("/people/new", typed).get_data(as_text=True)
    assert "<title>Error: Add a person – People" in page
    assert page.count(MESSAGE) == 2  # in the summary and beside the name
    assert 'href="#full_name"' in page
    assert f'Already recorded: <a href="/people/{rathore.id}">H.E. Ameer Khurram Rathore</a>' in page
    assert 'value="AMEER KHURRAM RATHORE"' in page and 'value="rathore@mofa.example"' in page
    assert "This is a different person with the same name" in page
    assert [person.id for person in people()] == [rathore.id]

    page = signed_in.submit("/people/new", {**typed, "different_person": "y"}).get_data(as_text=True)
    assert "Person added: AMEER KHURRAM RATHORE" in page
    assert [(person.full_name, person.email) for person in people()] == [
        ("Ameer Khurram Rathore", None), ("AMEER KHURRAM RATHORE", "rathore@mofa.example")]


def test_the_honorific_and_accents_do_not_make_a_name_different(signed_in, make):
    make.person("Tiêu Văn")
    page = signed_in.submit("/people/new", {"honorific": "Dato'", "full_name": "Tieu Van"}).get_data(as_text=True)
    assert page.count("Tiêu Văn is already recorded (no post held today) – add to their record instead, or confirm "
                      "this is a different person") == 2
    assert len(people()) == 1


def test_two_people_of_the_name_are_both_named(signed_in, make):
    first, second = make.person("Tieu Van", honorific="Dr"), make.person("TIÊU VĂN")
    page = signed_in.submit("/people/new", {"full_name": "Tiêu Văn"}).get_data(as_text=True)
    # In the order they were recorded.
    assert page.count("Dr Tieu Van (no post held today) and TIÊU VĂN (no post held today) are already recorded – add "
                      "to one of their records instead, or confirm this is a different person") == 2
    assert f'href="/people/{first.id}"' in page and f'href="/people/{second.id}"' in page


def test_someone_archived_is_not_in_the_way(signed_in, make):
    make.person("Tiêu Văn", archived_at=datetime(2024, 1, 1, tzinfo=UTC))
    page = signed_in.submit("/people/new", {"full_name": "Tieu Van"}).get_data(as_text=True)
    assert "Person added: Tieu Van" in page
    assert len(people()) == 2


def test_changing_a_person_s_name_is_not_asked_about(signed_in, make):
    make.person("Tiêu Văn")
    other = make.person("Someone Else")
    page = signed_in.submit(f"/people/{other.id}/edit", {"full_name": "Tieu Van", "version": "1"}).get_data(
        as_text=True)
    assert "Person saved: Tieu Van" in page
