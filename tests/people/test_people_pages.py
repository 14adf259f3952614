from datetime import date

from app.extensions import db
from app.models import MeetingParticipant, MeetingType, Person, Position

AMBASSADOR = "Ambassador of Pakistan to ASEAN"
SECRETARY = "Secretary (Asia-Pacific)"


def people():
    db.session.expire_all()
    return list(db.session.scalars(db.select(Person).order_by(Person.id)))


def positions_of(person):
    db.session.expire_all()
    return list(
        db.session.scalars(db.select(Position).filter_by(person_id=person.id).order_by(Position.id))
    )


def date_fields(name, day="", month="", year=""):
    return {f"{name}-day": day, f"{name}-month": month, f"{name}-year": year}


def position_data(organisation_id, title="Ambassador of Pakistan to ASEAN", starts=("", "", ""),
                  ends=("", "", ""), **extra):
    return {
        "organisation_id": str(organisation_id), "title": title,
        **date_fields("starts_on", *starts), **date_fields("ends_on", *ends), **extra,
    }


# People: add, change, errors


def test_add_a_person(signed_in, make):
    response = signed_in.submit("/people/new", {
        "honorific": " H.E. ", "full_name": "  Ameer Khurram Rathore ", "email": "A.Rathore@MoFA.example",
        "notes": "",
    })
    page = response.get_data(as_text=True)
    assert "Person added: H.E. Ameer Khurram Rathore" in page
    assert "<h1 class=\"mt-2\">H.E. Ameer Khurram Rathore</h1>" in page
    [ameer] = people()
    assert (ameer.honorific, ameer.full_name, ameer.email, ameer.notes) == (
        "H.E.", "Ameer Khurram Rathore", "a.rathore@mofa.example", None
    )


def test_empty_person_form_explains_and_saves_nothing(signed_in, make):
    response = signed_in.submit("/people/new", {"honorific": "Dato'", "full_name": "   "})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<title>Error: Add a person – People" in page
    assert page.count("Enter the full name") == 2  # in the summary and beside the field
    assert 'href="#full_name"' in page
    assert 'value="Dato&#39;"' in page
    assert people() == []


def test_person_values_too_long_or_malformed(signed_in, make):
    response = signed_in.submit("/people/new", {
        "honorific": "H" * 41, "full_name": "x" * 10_000, "email": "not an email", "notes": "n" * 5_001,
    })
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    for message in ("Honorific must be 40 characters or less", "Full name must be 200 characters or less",
                    "Enter an email address in the correct format, like name@example.org",
                    "Notes must be 5,000 characters or less"):
        assert page.count(message) == 2, message
    assert 'value="not an email"' in page
    assert people() == []


def test_edit_a_person(signed_in, make):
    astanah = make.person(full_name="Astanah Abdul Aziz")
    response = signed_in.submit(f"/people/{astanah.id}/edit", {
        "honorific": "Dato'", "full_name": "Astanah Abdul Aziz", "email": "",
        "notes": "Prefers Dato' Astanah",
    })
    assert "Person saved: Dato&#39; Astanah Abdul Aziz" in response.get_data(as_text=True)
    [saved] = people()
    assert (saved.honorific, saved.notes) == ("Dato'", "Prefers Dato' Astanah")

    response = signed_in.submit(f"/people/{astanah.id}/edit", {"honorific": "", "full_name": ""})
    assert "Enter the full name" in response.get_data(as_text=True)
    assert people()[0].full_name == "Astanah Abdul Aziz"


# The person page


def test_detail_shows_positions_latest_first_and_meetings_with_the_post_held_that_day(
    signed_in, make, pakistan_mofa, mission
):
    ameer = make.person(full_name="Ameer Khurram Rathore", honorific="H.E.", email="ameer@mofa.example")
    secretary = make.position(ameer, pakistan_mofa, title="Secretary (Asia-Pacific)",
                              starts_on=date(2022, 5, 2), ends_on=date(2023, 12, 31))
    ambassador = make.position(ameer, mission, title=AMBASSADOR, starts_on=date(2024, 1, 15))
    make.position(ameer, pakistan_mofa, title="Director", starts_on=None, ends_on=date(2019, 6, 30))
    partnership = make.partnership()
    jscc = make.meeting(partnership, type=MeetingType.JSCC, number=7, held_on=date(2023, 9, 18))
    call = make.meeting(partnership, type=MeetingType.COURTESY_CALL, held_on=date(2024, 3, 25))
    db.session.add_all([
        MeetingParticipant(meeting=jscc, person=ameer, position=secretary, side="partner", role="co_chair"),
        MeetingParticipant(
            meeting=call, person=ameer, position=ambassador, side="partner", role="head_of_delegation"
        ),
    ])
    db.session.commit()

    page = signed_in.get(f"/people/{ameer.id}").get_data(as_text=True)
    assert "<title>H.E. Ameer Khurram Rathore – People" in page
    assert 'aria-label="Breadcrumb"' in page
    assert "ameer@mofa.example" in page
    assert "Not provided" in page  # no notes
    # Latest first; the post with no start date comes last.
    assert page.index(AMBASSADOR) < page.index(SECRETARY) < page.index("Director")
    assert page.count("Current") == 1
    assert "15 January 2024" in page and "31 December 2023" in page and "30 June 2019" in page
    # Meetings, latest first, each with the post recorded for that day.
    meetings = page[page.index("Meetings attended"):]
    assert meetings.index("25 March 2024") < meetings.index("18 September 2023")
    assert "Ambassador of Pakistan to ASEAN, Pakistan Mission" in meetings
    assert "Secretary (Asia-Pacific), MoFA Pakistan" in meetings
    assert "7th Joint Sectoral Cooperation Committee (JSCC)" in meetings
    assert "ASEAN–Pakistan" in meetings
    assert "Co-chair" in meetings


def test_missing_person_or_position_is_a_404(signed_in):
    assert signed_in.get("/people/999999").status_code == 404
    assert signed_in.get("/people/999999/edit").status_code == 404
    assert signed_in.get("/people/999999/positions/new").status_code == 404
    assert signed_in.get("/positions/999999/edit").status_code == 404


# The list


def test_list_searches_filters_and_hides_archived(signed_in, make, pakistan_mofa, mission):
    ameer = make.person(full_name="Ameer Khurram Rathore", honorific="H.E.")
    make.position(ameer, mission, title="Ambassador of Pakistan to ASEAN", starts_on=date(2024, 1, 15))
    make.person(full_name="Satvinder Singh")
    old = make.person(full_name="Retired Official")
    make.position(old, pakistan_mofa, title="Director", ends_on=date(2010, 1, 1))
    old.archive()
    db.session.commit()

    page = signed_in.get("/people/").get_data(as_text=True)
    assert "2 people" in page
    assert "H.E. Ameer Khurram Rathore" in page and "Satvinder Singh" in page
    assert "Retired Official" not in page
    assert "Ambassador of Pakistan to ASEAN" in page  # the current post
    assert "No current post recorded" in page  # Satvinder has none

    page = signed_in.get("/people/?q=satv").get_data(as_text=True)
    assert "Satvinder Singh" in page and "Ameer" not in page

    page = signed_in.get(f"/people/?organisation={mission.id}").get_data(as_text=True)
    assert "1 person" in page and "Ameer" in page and "Satvinder" not in page

    page = signed_in.get(f"/people/?organisation={pakistan_mofa.id}&archived=1").get_data(as_text=True)
    assert "Retired Official" in page and "Archived" in page and "Ameer" not in page

    page = signed_in.get("/people/?organisation=nonsense").get_data(as_text=True)
    assert "2 people" in page


def test_list_pages(signed_in, make):
    for n in range(30):
        make.person(full_name=f"Person {n:02d}")
    first = signed_in.get("/people/").get_data(as_text=True)
    assert "People (page 1 of 2)" in first
    assert "Person 24" in first and "Person 25" not in first
    assert "Person 29" in signed_in.get("/people/?page=2").get_data(as_text=True)
    assert signed_in.get("/people/?page=99").status_code == 302


# Archive and restore


def test_archive_and_restore(signed_in, make):
    ameer = make.person(full_name="Ameer Khurram Rathore", honorific="H.E.")
    url = f"/people/{ameer.id}"
    confirm = signed_in.get(f"{url}/archive").get_data(as_text=True)
    assert "Archive person “H.E. Ameer Khurram Rathore”?" in confirm
    page = signed_in.submit(f"{url}/archive").get_data(as_text=True)
    assert "Person archived: H.E. Ameer Khurram Rathore" in page
    assert "This person is archived" in page
    assert "Ameer" not in signed_in.get("/people/").get_data(as_text=True)

    page = signed_in.submit(f"{url}/restore", page=url).get_data(as_text=True)
    assert "Person restored: H.E. Ameer Khurram Rathore" in page
    assert people()[0].archived_at is None


# Roles


def test_viewer_reads_but_cannot_change(as_role, make, mission):
    ameer = make.person(full_name="Ameer Khurram Rathore")
    post = make.position(ameer, mission)
    viewer = as_role("viewer")
    assert viewer.get("/people/").status_code == 200
    page = viewer.get(f"/people/{ameer.id}").get_data(as_text=True)
    assert "Ameer Khurram Rathore" in page
    assert "Add a position" not in page and "Change" not in page and "Archive person" not in page
    for url in ("/people/new", f"/people/{ameer.id}/edit", f"/people/{ameer.id}/positions/new",
                f"/positions/{post.id}/edit", f"/people/{ameer.id}/archive"):
        assert viewer.get(url).status_code == 403, url
    response = viewer.submit("/people/new", {"full_name": "Not Saved"}, page="/people/")
    assert response.status_code == 403
    assert [p.full_name for p in people()] == ["Ameer Khurram Rathore"]


# Pages load what they show in a fixed number of queries


def statements_for(signed_in, url, count_queries) -> int:
    with count_queries() as statements:
        assert signed_in.get(url).status_code == 200
    return len(statements)


def test_list_and_detail_queries_do_not_grow_with_the_records(signed_in, make, count_queries):
    partnership = make.partnership()

    def person_with_history(n: int):
        person = make.person(full_name=f"Person {n:02d}")
        earlier = make.organisation(name=f"Ministry {n}", short_name=f"M{n}", kind="ministry", iso_code=None)
        now = make.organisation(name=f"Mission {n}", short_name=f"Mi{n}", kind="other", iso_code=None)
        old = make.position(person, earlier, title="Secretary", starts_on=date(2020, 1, 1), ends_on=date(2023, 12, 31))
        new = make.position(person, now, title=AMBASSADOR, starts_on=date(2024, 1, 1))
        for day, post in ((date(2023, 1, 1 + n), old), (date(2024, 6, 1 + n), new)):
            meeting = make.meeting(partnership, held_on=day)
            db.session.add(MeetingParticipant(meeting=meeting, person=person, position=post, side="partner"))
        db.session.commit()
        return person

    first = [person_with_history(n) for n in range(2)]
    def counts():
        return [statements_for(signed_in, url, count_queries) for url in ("/people/", f"/people/{first[0].id}")]

    few = counts()
    more = [person_with_history(n) for n in range(2, 10)]
    for person in more:
        for n in range(3):
            meeting = make.meeting(partnership, held_on=date(2025, 1, 1 + n), title=f"Talk {person.id}-{n}")
            db.session.add(MeetingParticipant(meeting=meeting, person=first[0], side="partner"))
    db.session.commit()
    assert counts() == few
