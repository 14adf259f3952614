"""What a search finds, and in which order: names in any script, parts of names, names spelt nearly right."""

from datetime import date

import pytest

from app.extensions import db
from app.models import MeetingParticipant, SearchKind, Side
from tests.search.conftest import issued_report
from tests.search.helpers import results, titles


def test_part_of_a_surname_finds_the_person_with_the_part_marked(rathore):
    found = results("Rathor")
    people = found.groups[0]
    assert people.kind is SearchKind.PERSON and people.total == 1
    assert str(people.hits[0].title) == "H.E. Ameer Khurram <mark>Rathor</mark>e"
    assert people.hits[0].url == f"/people/{rathore.id}"


@pytest.mark.parametrize("typed", ["Rathroe", "rathire", "Rathor", "RATHORE"])
def test_a_surname_with_one_letter_wrong_or_missing_still_finds_the_person(rathore, typed):
    assert titles(typed) == {"person": ["H.E. Ameer Khurram Rathore"]}


def test_a_name_spelt_nearly_right_is_offered_as_a_close_match(rathore):
    assert results("Rathroe").close_matches
    assert not results("Rathore").close_matches


def test_a_past_post_finds_the_person_who_held_it(rathore):
    assert titles("secretary asia pacific") == {"person": ["H.E. Ameer Khurram Rathore"]}
    assert titles("Ambassador ASEAN")["person"] == ["H.E. Ameer Khurram Rathore"]


def test_every_word_must_be_found(rathore):
    assert titles("rathore ambassador") == {"person": ["H.E. Ameer Khurram Rathore"]}
    assert titles("rathore singapore") == {}


@pytest.mark.parametrize(("name", "typed"), [
    ("สมชาย ใจดี", "สมชาย"),
    ("สมชาย ใจดี", "ใจดี"),
    ("عامر خرم راٹھور", "راٹھور"),
    ("王毅", "王毅"),
    ("Nguyễn Văn Đức", "nguyen van duc"),
    ("Nguyễn Văn Đức", "Đức"),
    ("Nguyễn Văn Đức", "NGUYỄN"),
    ("Dato' Astanah Abdul Aziz", "ASTANAH"),
    ("Dato' Astanah Abdul Aziz", "Astana"),
    ("Dato' Astanah Abdul Aziz", "astanha"),
])
def test_names_in_any_script_are_found(make, name, typed):
    make.person(name)
    make.person("Someone Else")
    assert titles(typed) == {"person": [name]}


def test_two_chinese_characters_are_found_inside_a_longer_text(make, pakistan):
    make.meeting(pakistan, title="东盟中国经贸磋商", summary="双方同意加强贸易投资合作")
    assert titles("贸易") == {"meeting": ["东盟中国经贸磋商"]}
    assert titles("经贸") == {"meeting": ["东盟中国经贸磋商"]}


def test_a_whole_word_in_the_heading_ranks_first_then_the_start_of_a_word_then_the_text(make, pakistan):
    make.meeting(pakistan, title="Customs dialogue", held_on=date(2023, 1, 5))
    make.meeting(pakistan, title="Talks on the summary of the week", summary="Customs matters",
                 held_on=date(2024, 5, 1))
    make.meeting(pakistan, title="Customshouse visit", held_on=date(2022, 1, 5))
    assert titles("customs") == {"meeting": ["Customs dialogue", "Customshouse visit",
                                             "Talks on the summary of the week"]}


def test_each_kind_is_found_and_links_to_its_page(make, pakistan):
    plan = make.plan(pakistan)
    area = make.area(plan, code="2.1", name="Trade")
    line = make.action_line(area, code="2.1.1", text="Mekong river customs posts")
    make.organisation("Mekong River Commission", "MRC", kind="international_organisation")
    make.person("Mekong Liaison Officer")
    meeting = make.meeting(pakistan, title="Mekong briefing")
    follow_up = make.follow_up(pakistan, title="Send the Mekong study")
    activity = make.activity(pakistan, plan, [line], title="Mekong water workshop", kind="workshop")
    report = issued_report(make, pakistan, title="Mekong annual report")
    pakistan.notes = "Works on the Mekong"
    db.session.commit()
    found = {group.kind: group.hits[0].url for group in results("mekong").groups}
    assert found[SearchKind.MEETING] == f"/meetings/{meeting.id}"
    assert found[SearchKind.FOLLOW_UP] == f"/follow-ups/{follow_up.id}"
    assert found[SearchKind.ACTION_LINE] == f"/action-lines/{line.id}"
    assert found[SearchKind.ACTIVITY] == f"/activities/{activity.id}"
    assert found[SearchKind.REPORT] == f"/reports/{report.id}"
    assert set(found) >= {SearchKind.ORGANISATION, SearchKind.PERSON}
    assert titles("mekong annual")["report"] == ["Mekong annual report"]


def test_a_partnership_is_found_by_its_partner_and_links_by_its_slug(pakistan):
    found = results("islamic republic")
    assert [(group.kind, group.hits[0].url) for group in found.groups] == [
        (SearchKind.PARTNERSHIP, "/partnerships/asean-pakistan"),
        (SearchKind.ORGANISATION, f"/organisations/{pakistan.partner_id}"),
    ]
    assert titles("asean pakistan")["partnership"] == ["ASEAN–Pakistan"]


def test_a_meeting_is_found_by_who_was_there(make, pakistan, rathore):
    make.meeting(pakistan, title="Courtesy call at the Secretariat", participants=[
        MeetingParticipant(person=rathore, side=Side.PARTNER)])
    assert titles("rathore")["meeting"] == ["Courtesy call at the Secretariat"]


def test_a_word_of_one_or_two_letters_is_found_at_the_start_of_a_word(make, pakistan):
    make.meeting(pakistan, title="Briefing by UN Women", held_on=date(2024, 3, 1))
    make.meeting(pakistan, title="Call on UNESCO", held_on=date(2024, 2, 1))
    make.meeting(pakistan, title="Trust fund review", summary="The fund grows", held_on=date(2024, 1, 1))
    # Inside "fund" too short a part to mean anything: only words starting with it.
    assert titles("un") == {"meeting": ["Briefing by UN Women", "Call on UNESCO"]}
    assert titles("UN women") == {"meeting": ["Briefing by UN Women"]}
    assert titles("fund un") == {}
    assert titles("un", partnership_id=pakistan.id) == {"meeting": ["Briefing by UN Women", "Call on UNESCO"]}
    assert titles("gr") == {"meeting": ["Trust fund review"]}  # "grows", in the summary


def test_a_short_word_written_without_spaces_is_found_inside_the_text(make, pakistan):
    make.meeting(pakistan, title="Courtesy call", summary="双方同意加强贸易投资合作")
    assert titles("投资") == {"meeting": ["Courtesy call"]}
    assert titles("投资 courtesy", partnership_id=pakistan.id) == {"meeting": ["Courtesy call"]}


def test_each_query_finds_its_own_words_through_the_statement_kept_for_its_shape(make, pakistan):
    make.meeting(pakistan, title="Tariff talks", held_on=date(2024, 1, 1))
    make.meeting(pakistan, title="Customs talks", held_on=date(2024, 2, 1))
    # One word of five or more letters each, then two with a short one, each time from the same kept statement.
    assert titles("tariff") == {"meeting": ["Tariff talks"]}
    assert titles("customs") == {"meeting": ["Customs talks"]}
    assert titles("customs ta") == {"meeting": ["Customs talks"]}
    assert titles("tariff ta", partnership_id=pakistan.id) == {"meeting": ["Tariff talks"]}
    assert titles("customs ta", partnership_id=pakistan.id + 1) == {}


def test_a_search_is_planned_once_for_any_words_and_leaves_the_connection_as_it_was(app, rathore):
    """PostgreSQL planned the whole statement again at every search, which took as long as running it."""
    with app.test_request_context("/search"):  # the connection a page reads through, the one searched on below
        connection = db.session.connection()
        postgresql = connection.dialect.name == "postgresql"
        threshold = connection.connection.driver_connection.prepare_threshold if postgresql else None
        assert titles("Rathor") == titles("Ameer") == {"person": ["H.E. Ameer Khurram Rathore"]}
        if not postgresql:
            return
        # Prepared at the first search and never planned for the words given: the statement of one long word in
        # every kind ran for both words on one plan.
        plans = [tuple(row) for row in connection.exec_driver_sql(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements "
            "WHERE statement LIKE '%%newest_headings%%'")]
        assert plans and all(custom == 0 for _, custom in plans), plans
        assert (2, 0) in plans, plans
        assert connection.exec_driver_sql("SELECT current_setting('plan_cache_mode')").scalar() == "auto"
        assert connection.connection.driver_connection.prepare_threshold == threshold
