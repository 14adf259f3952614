"""A partnership's dated status changes: recorded through the form with clear messages for what cannot be used,
shown as the current status and the history, and never edited."""

from datetime import date, timedelta

import pytest

from tests.partnerships.test_partnership_pages import checked, event_data, events_of, text_of


def test_record_an_upgrade_and_see_the_current_status_and_history(signed_in, make):
    partnership = make.partnership()  # ASEAN–Pakistan, sectoral dialogue partner since 23 July 1993
    form = signed_in.get("/partnerships/asean-pakistan/events/new").get_data(as_text=True)
    assert "Currently sectoral dialogue partner since 23 July 1993." in text_of(form)
    assert checked(form, "sectoral_dialogue_partner")  # starts from where the partnership stands
    assert checked(form, "none")
    assert not checked(form, "dialogue_partner")

    response = signed_in.submit("/partnerships/asean-pakistan/events/new", event_data(
        description="Made up for the demo",
    ))
    page = response.get_data(as_text=True)
    assert response.request.path == "/partnerships/asean-pakistan"
    assert "Status change recorded: Upgraded on 25 July 2024" in page
    words = text_of(page)
    assert "Current status Dialogue partner since 25 July 2024" in words
    assert "Level Dialogue partnership since 25 July 2024" in words
    # Newest first.
    assert words.index("25 July 2024 : Upgraded") < words.index("23 July 1993 : Conferred")
    assert events_of(partnership) == [
        (date(1993, 7, 23), "conferred", "sectoral_dialogue_partner", None),
        (date(2024, 7, 25), "upgraded", "dialogue_partner", "dialogue_partnership"),
    ]


def test_the_status_of_a_partnership_without_events(signed_in, make):
    make.partnership(status=None)
    words = text_of(signed_in.get("/partnerships/asean-pakistan").get_data(as_text=True))
    assert "Current status No status recorded" in words
    assert "Level No level" in words
    assert "No status has been recorded yet." in words


def test_empty_event_form_explains_each_problem(signed_in, make):
    partnership = make.partnership()
    response = signed_in.submit("/partnerships/asean-pakistan/events/new", {
        "occurred_on-day": "", "occurred_on-month": "", "occurred_on-year": "", "description": "",
    })
    page = response.get_data(as_text=True)
    assert "<title>Error: Record a status change" in page
    for message in ("Enter the date of the change", "Select what happened", "Select the status after the change",
                    "Select the level after the change, or No level"):
        assert page.count(message) == 2, message
    assert 'href="#occurred_on-day"' in page and 'href="#kind-0"' in page
    assert len(events_of(partnership)) == 1


@pytest.mark.parametrize(("day", "month", "year", "message"), [
    ("31", "2", "2024", "Date of the change must be a real date"),
    ("23", "", "1993", "Date of the change must include a month"),
    ("23", "7", "93", "Year must include 4 numbers"),
    ("x", "7", "1993", "Date of the change must be a real date"),
])
def test_malformed_dates_are_explained_and_kept(signed_in, make, day, month, year, message):
    partnership = make.partnership()
    response = signed_in.submit("/partnerships/asean-pakistan/events/new", event_data(day=day, month=month, year=year))
    page = response.get_data(as_text=True)
    assert page.count(message) == 2
    assert f'name="occurred_on-day" type="text" inputmode="numeric"\n               value="{day}"' in page
    assert len(events_of(partnership)) == 1


def test_a_future_date_is_refused(signed_in, make):
    partnership = make.partnership()
    tomorrow = date.today() + timedelta(days=1)
    response = signed_in.submit("/partnerships/asean-pakistan/events/new", event_data(
        day=str(tomorrow.day), month=str(tomorrow.month), year=str(tomorrow.year),
    ))
    assert response.get_data(as_text=True).count("Date of the change must be today or in the past") == 2
    assert len(events_of(partnership)) == 1


def test_a_level_without_dialogue_partner_status_is_refused(signed_in, make):
    partnership = make.partnership()
    response = signed_in.submit("/partnerships/asean-pakistan/events/new", event_data(
        status="sectoral_dialogue_partner", level="comprehensive_strategic_partnership", description="kept",
    ))
    page = response.get_data(as_text=True)
    assert page.count("A Comprehensive strategic partnership level needs Dialogue partner status") == 2
    assert checked(page, "comprehensive_strategic_partnership") and checked(page, "sectoral_dialogue_partner")
    assert "kept</textarea>" in page
    assert len(events_of(partnership)) == 1


def test_the_same_kind_on_the_same_day_is_refused(signed_in, make):
    partnership = make.partnership()
    response = signed_in.submit("/partnerships/asean-pakistan/events/new", event_data(
        day="23", month="7", year="1993", kind="conferred", status="development_partner", level="none",
    ))
    page = response.get_data(as_text=True)
    assert "ASEAN–Pakistan already has a “Conferred” event on 23 July 1993" in page
    assert len(events_of(partnership)) == 1


def test_unknown_choices_and_long_descriptions_are_refused(signed_in, make):
    partnership = make.partnership()
    response = signed_in.submit("/partnerships/asean-pakistan/events/new", event_data(
        kind="promoted", status="ally", level="best_friends", description="x" * 10_000,
    ))
    page = response.get_data(as_text=True)
    for message in ("Select what happened from the list", "Select status after the change from the list",
                    "Select the level after the change from the list", "Description must be 1,000 characters or less"):
        assert page.count(message) == 2, message
    assert len(events_of(partnership)) == 1


def test_there_is_no_way_to_edit_an_event(app):
    rules = [rule.rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("partnerships.")]
    assert [rule for rule in rules if "events" in rule] == ["/partnerships/<slug>/events/new"]
