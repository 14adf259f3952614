from datetime import date

import pytest

from app.common.errors import DomainError
from app.extensions import db
from app.people.details import PersonDetails, PositionDetails
from app.people.services import add_position, create_person, update_person, update_position


def test_create_person_cleans_values(make):
    person = create_person(PersonDetails(honorific=" Dato' ", full_name=" Astanah Abdul Aziz ",
                                         email=" Astanah@ASEAN.org ", notes="  "))
    db.session.commit()
    assert (person.honorific, person.full_name, person.email, person.notes) == (
        "Dato'", "Astanah Abdul Aziz", "astanah@asean.org", None
    )
    assert person.display_name == "Dato' Astanah Abdul Aziz"


def test_a_person_needs_a_name(make):
    with pytest.raises(DomainError) as refused:
        create_person(PersonDetails(honorific="H.E.", full_name="  "))
    assert (refused.value.field, refused.value.message) == ("full_name", "Enter the full name")
    person = make.person(full_name="Kept")
    with pytest.raises(DomainError):
        update_person(person, PersonDetails(full_name=""))


def test_history_is_kept_when_the_post_changes(make):
    mofa = make.organisation(name="Ministry of Foreign Affairs of Pakistan", short_name="MoFA",
                             kind="ministry", iso_code=None)
    mission = make.organisation(name="Mission of Pakistan to ASEAN", short_name="Mission", kind="other",
                                iso_code=None)
    ameer = create_person(PersonDetails(honorific="H.E.", full_name="Ameer Khurram Rathore"))
    secretary = add_position(ameer, PositionDetails(organisation=mofa, title="Secretary (Asia-Pacific)",
                                                    starts_on=date(2022, 5, 2)))
    ambassador = add_position(ameer, PositionDetails(organisation=mission, title="Ambassador of Pakistan to ASEAN",
                                                     starts_on=date(2024, 1, 15)), end_current=True)
    db.session.commit()
    assert secretary.ends_on == date(2024, 1, 14)
    assert ameer.position_on(date(2023, 9, 18)) is secretary
    assert ameer.position_on(date(2024, 3, 25)) is ambassador


def test_position_rules(make):
    mission = make.organisation(kind="other", iso_code=None)
    person = make.person()
    with pytest.raises(DomainError) as refused:
        add_position(person, PositionDetails(organisation=mission, title="Ambassador", starts_on=date(2024, 4, 1),
                                             ends_on=date(2024, 3, 31)))
    assert refused.value.field == "ends_on"
    assert refused.value.message == "End date must be the same as or after 1 April 2024, the start date"
    with pytest.raises(DomainError) as refused:
        add_position(person, PositionDetails(organisation=None, title="Ambassador"))
    assert refused.value.message == "Select the organisation"
    with pytest.raises(DomainError) as refused:
        add_position(person, PositionDetails(organisation=mission, title=" "))
    assert refused.value.message == "Enter the title of the post"

    post = add_position(person, PositionDetails(organisation=mission, title="Ambassador"))
    same_day = update_position(post, PositionDetails(organisation=mission, title="Ambassador",
                                                     starts_on=date(2024, 1, 1), ends_on=date(2024, 1, 1)))
    assert (same_day.starts_on, same_day.ends_on) == (date(2024, 1, 1), date(2024, 1, 1))
