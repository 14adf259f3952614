"""Posts people hold, through the pages: added, changed and ended, with clear messages for what cannot be used
and dates that must still cover the meetings attended in the post."""

from datetime import date

import pytest

from app.extensions import db
from app.models import MeetingParticipant, MeetingType
from tests.people.test_people_pages import AMBASSADOR, SECRETARY, position_data, positions_of


def test_add_a_position_and_see_it_current(signed_in, make, mission):
    ameer = make.person(full_name="Ameer Khurram Rathore", honorific="H.E.")
    form = signed_in.get(f"/people/{ameer.id}/positions/new").get_data(as_text=True)
    assert "Add a position for H.E. Ameer Khurram Rathore" in form
    assert "End the current position" not in form  # nothing to end yet

    response = signed_in.submit(
        f"/people/{ameer.id}/positions/new", position_data(mission.id, starts=("15", "jan", "2024"))
    )
    page = response.get_data(as_text=True)
    assert "Position added: Ambassador of Pakistan to ASEAN" in page
    assert "15 January 2024" in page
    assert "Current" in page
    [post] = positions_of(ameer)
    assert (post.organisation_id, post.title, post.starts_on, post.ends_on) == (
        mission.id, "Ambassador of Pakistan to ASEAN", date(2024, 1, 15), None
    )


def test_empty_position_form(signed_in, make, mission):
    ameer = make.person()
    response = signed_in.submit(f"/people/{ameer.id}/positions/new", position_data("", title=""))
    page = response.get_data(as_text=True)
    assert "<title>Error: " in page
    assert page.count("Select the organisation") == 2
    assert page.count("Enter the title of the post") == 2
    assert positions_of(ameer) == []


@pytest.mark.parametrize("organisation_id", ["999999", "abc", "archived"])
def test_organisation_must_come_from_the_list(signed_in, make, mission, organisation_id):
    ameer = make.person()
    if organisation_id == "archived":
        gone = make.organisation(name="Former Mission", short_name="Former", kind="other", iso_code=None)
        gone.archive()
        db.session.commit()
        organisation_id = gone.id
        offered = signed_in.get(f"/people/{ameer.id}/positions/new").get_data(as_text=True)
        assert "Former Mission" not in offered
    response = signed_in.submit(f"/people/{ameer.id}/positions/new", position_data(organisation_id))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert page.count("Select the organisation from the list") == 2
    assert 'value="Ambassador of Pakistan to ASEAN"' in page
    assert positions_of(ameer) == []


@pytest.mark.parametrize(("starts", "ends", "message"), [
    (("31", "2", "2024"), ("", "", ""), "Start date must be a real date"),
    (("1", "4", ""), ("", "", ""), "Start date must include a year"),
    (("1", "4", "24"), ("", "", ""), "Year must include 4 numbers"),
    (("", "", ""), ("x", "5", "2024"), "End date must be a real date"),
    (("1", "4", "2024"), ("31", "3", "2024"),
     "End date must be the same as or after 1 April 2024, the start date"),
])
def test_bad_dates_are_explained(signed_in, make, mission, starts, ends, message):
    ameer = make.person()
    response = signed_in.submit(
        f"/people/{ameer.id}/positions/new", position_data(mission.id, starts=starts, ends=ends)
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert page.count(message) == 2, message
    assert positions_of(ameer) == []


def test_a_very_long_title_is_refused(signed_in, make, mission):
    ameer = make.person()
    response = signed_in.submit(
        f"/people/{ameer.id}/positions/new", position_data(mission.id, title="t" * 10_000)
    )
    assert "Title of the post must be 300 characters or less" in response.get_data(as_text=True)
    assert positions_of(ameer) == []


def test_a_new_post_can_end_the_current_one(signed_in, make, pakistan_mofa, mission):
    ameer = make.person(full_name="Ameer Khurram Rathore")
    secretary = make.position(ameer, pakistan_mofa, title=SECRETARY, starts_on=date(2022, 5, 2))
    form = signed_in.get(f"/people/{ameer.id}/positions/new").get_data(as_text=True)
    assert "End the current position the day before this one starts" in form
    assert "Ends Secretary (Asia-Pacific), which has no end date" in form

    signed_in.submit(
        f"/people/{ameer.id}/positions/new",
        position_data(mission.id, starts=("1", "3", "2024"), end_current="y"),
    )
    old, new = positions_of(ameer)
    assert old.id == secretary.id
    assert old.ends_on == date(2024, 2, 29)  # 2024 is a leap year
    assert (new.title, new.starts_on, new.ends_on) == (AMBASSADOR, date(2024, 3, 1), None)
    page = signed_in.get(f"/people/{ameer.id}").get_data(as_text=True)
    assert "29 February 2024" in page
    assert page.count("Current") == 1


def test_ending_the_current_post_needs_a_start_after_it(signed_in, make, pakistan_mofa, mission):
    ameer = make.person()
    make.position(ameer, pakistan_mofa, title="Secretary (Asia-Pacific)", starts_on=date(2022, 5, 2))
    url = f"/people/{ameer.id}/positions/new"

    page = signed_in.submit(url, position_data(mission.id, end_current="y")).get_data(as_text=True)
    assert "Enter the start date of the new post, so the current position can end the day before" in page

    response = signed_in.submit(url, position_data(mission.id, starts=("2", "5", "2022"), end_current="y"))
    page = response.get_data(as_text=True)
    assert f"Start date must be after 2 May 2022, when the position of {SECRETARY} started" in page
    [only] = positions_of(ameer)
    assert only.ends_on is None


def test_change_a_position(signed_in, make, pakistan_mofa, mission):
    ameer = make.person(full_name="Ameer Khurram Rathore")
    post = make.position(ameer, pakistan_mofa, title="Secretary Asia Pacific", starts_on=date(2022, 5, 2))
    url = f"/positions/{post.id}/edit"
    form = signed_in.get(url).get_data(as_text=True)
    assert 'value="Secretary Asia Pacific"' in form
    assert 'value="2022"' in form

    signed_in.submit(url, position_data(pakistan_mofa.id, title="Secretary (Asia-Pacific)",
                                        starts=("2", "5", "2022"), ends=("31", "12", "2023")))
    [saved] = positions_of(ameer)
    assert (saved.title, saved.ends_on) == ("Secretary (Asia-Pacific)", date(2023, 12, 31))

    page = signed_in.submit(url, position_data(pakistan_mofa.id, starts=("2", "5", "2022"),
                                               ends=("1", "5", "2022"))).get_data(as_text=True)
    assert "End date must be the same as or after 2 May 2022, the start date" in page
    assert positions_of(ameer)[0].ends_on == date(2023, 12, 31)


def test_a_position_at_an_archived_organisation_stays_editable(signed_in, make, pakistan_mofa):
    ameer = make.person()
    post = make.position(ameer, pakistan_mofa, title="Secretary", starts_on=date(2022, 5, 2))
    pakistan_mofa.archive()
    db.session.commit()
    url = f"/positions/{post.id}/edit"
    assert "Ministry of Foreign Affairs of Pakistan" in signed_in.get(url).get_data(as_text=True)
    signed_in.submit(url, position_data(pakistan_mofa.id, title="Secretary", starts=("2", "5", "2022"),
                                        ends=("30", "6", "2023")))
    assert positions_of(ameer)[0].ends_on == date(2023, 6, 30)


def test_dates_must_still_cover_meetings_attended_in_the_post(signed_in, make, pakistan_mofa):
    ameer = make.person()
    post = make.position(ameer, pakistan_mofa, title="Secretary (Asia-Pacific)", starts_on=date(2022, 5, 2))
    jscc = make.meeting(make.partnership(), type=MeetingType.JSCC, number=7, held_on=date(2023, 9, 18))
    db.session.add(
        MeetingParticipant(meeting=jscc, person=ameer, position=post, side="partner", role="co_chair")
    )
    db.session.commit()
    url = f"/positions/{post.id}/edit"

    page = signed_in.submit(url, position_data(pakistan_mofa.id, title="Secretary (Asia-Pacific)",
                                               starts=("2", "5", "2022"), ends=("31", "8", "2023"))).get_data(
        as_text=True
    )
    assert ("End date must be the same as or after 18 September 2023, the date of the 7th Joint Sectoral "
            "Cooperation Committee (JSCC) attended in this post") in page

    page = signed_in.submit(url, position_data(pakistan_mofa.id, title="Secretary (Asia-Pacific)",
                                               starts=("1", "10", "2023"))).get_data(as_text=True)
    assert "Start date must be the same as or before 18 September 2023" in page
    assert (positions_of(ameer)[0].starts_on, positions_of(ameer)[0].ends_on) == (date(2022, 5, 2), None)
