import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import FollowUpStatus, MeetingType, Partnership, PartnershipEvent, PartnershipStatus


def slugs():
    return sorted(db.session.scalars(sa.select(Partnership.slug)))


def events_of(partnership):
    db.session.expire_all()
    return [(e.occurred_on, e.kind.value, e.status.value, e.level.value if e.level else None)
            for e in db.session.get(Partnership, partnership.id).events]


def checked(html: str, value: str) -> bool:
    return re.search(rf'value="{value}"\s+checked', html) is not None


def text_of(html: str) -> str:
    """The page's words without markup or runs of white space, as a person reads them."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def event_data(day="25", month="7", year="2024", kind="upgraded", status="dialogue_partner",
               level="dialogue_partnership", description=""):
    return {"occurred_on-day": day, "occurred_on-month": month, "occurred_on-year": year, "kind": kind,
            "status": status, "level": level, "description": description}


# Adding and changing a partnership

def test_add_a_partnership_with_asean_preselected_and_a_suggested_slug(signed_in, make):
    asean = make.asean()
    pakistan = make.organisation(name="Islamic Republic of Pakistan", short_name="Pakistan", iso_code="PK")
    page = signed_in.get("/partnerships/new").get_data(as_text=True)
    assert f'<option selected value="{asean.id}">' in page

    response = signed_in.submit("/partnerships/new", {
        "organisation": str(asean.id), "partner": str(pakistan.id), "slug": "", "notes": " Sectoral partner ",
    })
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Partnership added: ASEAN–Pakistan" in page
    assert "<h1 class=\"mt-2\">ASEAN–Pakistan</h1>" in page
    partnership = db.session.scalar(sa.select(Partnership))
    assert (partnership.slug, partnership.notes, partnership.organisation_id, partnership.partner_id) == (
        "asean-pakistan", "Sectoral partner", asean.id, pakistan.id
    )


def test_a_typed_slug_is_kept_in_lower_case(signed_in, make):
    asean, norway = make.asean(), make.organisation(name="Kingdom of Norway", short_name="Norway", iso_code="NO")
    response = signed_in.submit("/partnerships/new", {
        "organisation": str(asean.id), "partner": str(norway.id), "slug": " ASEAN-Norway ",
    })
    assert response.request.path == "/partnerships/asean-norway"
    assert slugs() == ["asean-norway"]


def test_empty_form_explains_each_problem_and_saves_nothing(signed_in, make):
    make.asean()
    response = signed_in.submit("/partnerships/new", {"organisation": "", "partner": "", "slug": "", "notes": ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<title>Error: Add a partnership" in page
    for message in ("Select the organisation", "Select the partner"):
        assert page.count(message) == 2, message  # once in the summary, once beside the field
    assert slugs() == []


def test_bad_values_get_clear_messages_and_are_kept(signed_in, make):
    asean = make.asean()
    response = signed_in.submit("/partnerships/new", {
        "organisation": str(asean.id), "partner": "999999", "slug": "asean pakistan!", "notes": "x" * 10_000,
    })
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    for message in ("Select a partner from the list", "Slug must only include lower-case letters, numbers and hyphens",
                    "Notes must be 5,000 characters or less"):
        assert page.count(message) == 2, message
    assert 'value="asean pakistan!"' in page
    assert f'<option selected value="{asean.id}">' in page
    assert slugs() == []

    response = signed_in.submit("/partnerships/new", {
        "organisation": "abc", "partner": str(asean.id), "slug": "a" * 81,
    })
    page = response.get_data(as_text=True)
    assert "Select an organisation from the list" in page
    assert "Slug must be 80 characters or less" in page
    assert slugs() == []


def test_same_organisation_on_both_sides_is_refused(signed_in, make):
    asean = make.asean()
    response = signed_in.submit("/partnerships/new", {"organisation": str(asean.id), "partner": str(asean.id)})
    page = response.get_data(as_text=True)
    assert page.count("The partner must be different from the organisation") == 2
    assert slugs() == []


def test_a_second_partnership_with_the_same_partner_is_refused(signed_in, make):
    existing = make.partnership()
    response = signed_in.submit("/partnerships/new", {
        "organisation": str(existing.organisation_id), "partner": str(existing.partner_id), "slug": "asean-pk",
    })
    page = response.get_data(as_text=True)
    assert page.count("ASEAN already has a partnership with Pakistan: ASEAN–Pakistan") == 2
    assert 'value="asean-pk"' in page
    assert slugs() == ["asean-pakistan"]


def test_a_slug_in_use_is_refused(signed_in, make):
    make.partnership()
    norway = make.organisation(name="Kingdom of Norway", short_name="Norway", iso_code="NO")
    response = signed_in.submit("/partnerships/new", {
        "organisation": str(make.asean().id), "partner": str(norway.id), "slug": "asean-pakistan",
    })
    assert "Slug asean-pakistan is already used by ASEAN–Pakistan – enter a different slug" in response.get_data(
        as_text=True
    )
    assert slugs() == ["asean-pakistan"]


def test_edit_a_partnership(signed_in, make):
    partnership = make.partnership()
    form = signed_in.get("/partnerships/asean-pakistan/edit").get_data(as_text=True)
    assert "Change ASEAN–Pakistan" in form
    assert f'<option selected value="{partnership.partner_id}">' in form
    assert 'value="asean-pakistan"' in form

    response = signed_in.submit("/partnerships/asean-pakistan/edit", {
        "organisation": str(partnership.organisation_id), "partner": str(partnership.partner_id),
        "slug": "asean-pk", "notes": "Made up for the demo",
    })
    assert response.request.path == "/partnerships/asean-pk"
    assert "Partnership saved: ASEAN–Pakistan" in response.get_data(as_text=True)
    db.session.expire_all()
    saved = db.session.get(Partnership, partnership.id)
    assert (saved.slug, saved.notes, len(saved.events)) == ("asean-pk", "Made up for the demo", 1)
    # The old address leads to the new one (tests/conflicts/test_changed_slug.py follows it further).
    assert signed_in.get("/partnerships/asean-pakistan").headers["Location"] == "/partnerships/asean-pk"


def test_edit_errors_keep_what_was_typed_and_change_nothing(signed_in, make):
    partnership = make.partnership()
    response = signed_in.submit("/partnerships/asean-pakistan/edit", {
        "organisation": str(partnership.organisation_id), "partner": str(partnership.organisation_id),
        "slug": "Bad Slug", "notes": "changed",
    })
    page = response.get_data(as_text=True)
    assert "<title>Error: Change ASEAN–Pakistan" in page
    assert "Slug must only include lower-case letters, numbers and hyphens" in page
    assert "changed</textarea>" in page
    db.session.expire_all()
    assert (db.session.get(Partnership, partnership.id).slug, db.session.get(Partnership, partnership.id).notes) == (
        "asean-pakistan", None
    )


def test_archive_and_restore(signed_in, make):
    make.partnership()
    confirm = signed_in.get("/partnerships/asean-pakistan/archive").get_data(as_text=True)
    assert "Archive partnership “ASEAN–Pakistan”?" in confirm
    archived = signed_in.submit("/partnerships/asean-pakistan/archive").get_data(as_text=True)
    assert "This partnership is archived" in archived
    assert "ASEAN–Pakistan" not in signed_in.get("/partnerships/").get_data(as_text=True)
    assert "ASEAN–Pakistan" in signed_in.get("/partnerships/?archived=1").get_data(as_text=True)

    signed_in.submit("/partnerships/asean-pakistan/restore", page="/partnerships/asean-pakistan")
    db.session.expire_all()
    assert db.session.scalar(sa.select(Partnership.archived_at)) is None
    assert "ASEAN–Pakistan" in signed_in.get("/partnerships/").get_data(as_text=True)


# Recording status changes

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


# Who may do what

def test_viewer_reads_but_cannot_write(as_role, make):
    make.partnership()
    viewer = as_role("viewer")
    assert viewer.get("/partnerships/").status_code == 200
    page = viewer.get("/partnerships/asean-pakistan").get_data(as_text=True)
    assert "Record a status change" not in page and "Archive partnership" not in page
    for url in ("/partnerships/new", "/partnerships/asean-pakistan/edit", "/partnerships/asean-pakistan/events/new",
                "/partnerships/asean-pakistan/archive"):
        assert viewer.get(url).status_code == 403, url
    assert viewer.submit("/partnerships/new", {}, page="/partnerships/", follow=False).status_code == 403
    assert viewer.submit("/partnerships/asean-pakistan/events/new", event_data(), page="/partnerships/",
                         follow=False).status_code == 403
    assert len(db.session.scalars(sa.select(PartnershipEvent)).all()) == 1


def test_unknown_partnership_is_a_404_page(signed_in):
    for url in ("/partnerships/nobody", "/partnerships/nobody/edit", "/partnerships/nobody/events/new"):
        response = signed_in.get(url)
        assert response.status_code == 404
        assert "Page not found" in response.get_data(as_text=True)


# The partnership page

def test_detail_page_shows_plans_meetings_and_open_follow_ups(signed_in, make):
    partnership = make.partnership()
    other = make.partnership(make.organisation(name="Kingdom of Norway", short_name="Norway", iso_code="NO"))
    old_plan = make.plan(partnership, label="2019-2021", starts_on=date(2019, 1, 1), ends_on=date(2023, 12, 31),
                         state="superseded")
    new_plan = make.plan(partnership, label="2024-2028")
    make.plan(partnership, label="2010-2012", starts_on=date(2010, 1, 1), ends_on=date(2012, 12, 31),
              state="expired", archived_at=date(2020, 1, 1))
    for number in range(1, 13):
        make.meeting(partnership, type=MeetingType.JSCC, number=number, held_on=date(2000 + number, 6, 1))
    unknown_date = make.meeting(partnership, type=MeetingType.JSCC, number=13, held_on=None)
    courtesy = make.meeting(partnership, held_on=date(2024, 3, 25))
    make.meeting(other, held_on=date(2024, 4, 1), title="Norway meeting")
    open_action = make.follow_up(partnership, title="Share the draft work plan", due_on=date(2024, 5, 1))
    make.follow_up(partnership, title="Send the customs contact", status=FollowUpStatus.DONE,
                   completed_on=date(2024, 4, 1))
    make.follow_up(other, title="Norway follow-up")

    page = signed_in.get("/partnerships/asean-pakistan").get_data(as_text=True)
    words = text_of(page)
    assert "Practical Cooperation Areas (2024-2028)" in page and "Practical Cooperation Areas (2019-2021)" in page
    assert "2010-2012" not in page  # archived plans stay out
    assert words.index("(2024-2028)") < words.index("(2019-2021)")
    assert "1 January 2024 to 31 December 2028" in words
    assert f'href="/plans/{new_plan.id}"' in page and f'href="/plans/{old_plan.id}"' in page

    # 14 meetings: the 10 latest are the courtesy call (2024) and the 12th down to the 4th JSCC;
    # the 1st-3rd are older and the 13th, whose date is unknown, sorts last.
    assert f'href="/meetings/{courtesy.id}"' in page
    assert words.index("12th Joint Sectoral") < words.index("11th Joint Sectoral") < words.index("4th Joint Sectoral")
    assert "3rd Joint Sectoral Cooperation Committee (JSCC)" not in page
    assert "13th Joint Sectoral Cooperation Committee (JSCC)" not in page
    assert f'href="/meetings/{unknown_date.id}"' not in page
    assert "Norway meeting" not in page
    assert "The 10 latest of 14 meetings. View all meetings of ASEAN–Pakistan" in words
    assert "/meetings/?partnership=asean-pakistan" in page

    assert "Share the draft work plan" in page and "Send the customs contact" not in page
    assert "Norway follow-up" not in page
    assert "1 May 2024" in words and "Overdue" in words
    assert f"{open_action.id}" in page
    assert "/meetings/new?partnership=asean-pakistan&amp;type=courtesy_call" in page
    assert "/partnerships/asean-pakistan/plans/new" in page
    assert "/partnerships/asean-pakistan/events/new" in page


# The list

def test_list_shows_status_level_kind_and_plans_and_filters(signed_in, make):
    pakistan = make.partnership()
    india = make.partnership(make.organisation(name="Republic of India", short_name="India", iso_code="IN"),
                             status="dialogue_partner", since=date(1995, 12, 15))
    db.session.add(PartnershipEvent(partnership=india, occurred_on=date(2022, 11, 12), kind="upgraded",
                                    status="dialogue_partner", level="comprehensive_strategic_partnership"))
    db.session.commit()
    make.partnership(make.organisation(name="European Union", short_name="EU", kind="regional_organisation"),
                     status=None)
    make.plan(pakistan, label="2019-2021", starts_on=date(2019, 1, 1), ends_on=date(2023, 12, 31))
    make.plan(pakistan, label="2024-2028", state="draft")

    words = text_of(signed_in.get("/partnerships/").get_data(as_text=True))
    assert "3 partnerships" in words
    assert "ASEAN–EU No status recorded Regional organisation 0" in words
    assert "ASEAN–India Dialogue partner Comprehensive strategic partnership Country 0" in words
    assert "ASEAN–Pakistan Sectoral dialogue partner Country 2" in words

    dialogue = text_of(signed_in.get("/partnerships/?status=dialogue_partner").get_data(as_text=True))
    assert "ASEAN–India" in dialogue and "ASEAN–Pakistan" not in dialogue and "ASEAN–EU" not in dialogue
    # The old status no longer counts once a later event changed it.
    db.session.add(PartnershipEvent(partnership=pakistan, occurred_on=date(2024, 7, 25), kind="upgraded",
                                    status="dialogue_partner"))
    db.session.commit()
    dialogue = text_of(signed_in.get("/partnerships/?status=dialogue_partner").get_data(as_text=True))
    assert "2 partnerships" in dialogue and "ASEAN–Pakistan" in dialogue
    sectoral = text_of(signed_in.get("/partnerships/?status=sectoral_dialogue_partner").get_data(as_text=True))
    assert "No partnerships match" in sectoral
    # An older event entered last (a record catching up on history) does not take the latest one's place.
    db.session.add(PartnershipEvent(partnership=pakistan, occurred_on=date(2010, 1, 1), kind="conferred",
                                    status="sectoral_dialogue_partner"))
    db.session.commit()
    assert "No partnerships match" in text_of(
        signed_in.get("/partnerships/?status=sectoral_dialogue_partner").get_data(as_text=True))

    none = text_of(signed_in.get("/partnerships/?status=none").get_data(as_text=True))
    assert "1 partnership " in none and "ASEAN–EU" in none
    searched = text_of(signed_in.get("/partnerships/?q=indi").get_data(as_text=True))
    assert "ASEAN–India" in searched and "ASEAN–Pakistan" not in searched
    assert "3 partnerships" in text_of(signed_in.get("/partnerships/?status=bogus").get_data(as_text=True))


def test_list_pages(signed_in, make):
    for n in range(27):
        make.partnership(make.organisation(name=f"Country {n:02d}", short_name=f"C{n:02d}"))
    first = signed_in.get("/partnerships/").get_data(as_text=True)
    assert "Partnerships (page 1 of 2)" in first
    assert "ASEAN–C24" in first and "ASEAN–C25" not in first
    assert "ASEAN–C26" in signed_in.get("/partnerships/?page=2").get_data(as_text=True)
    assert signed_in.get("/partnerships/?page=9").status_code == 302


def add_partnerships(make, count, start=0):
    for n in range(start, start + count):
        partnership = make.partnership(make.organisation(name=f"Country {n:02d}", short_name=f"C{n:02d}"))
        db.session.add(PartnershipEvent(partnership=partnership, occurred_on=date(2015, 1, 1), kind="upgraded",
                                        status="dialogue_partner", level="strategic_partnership"))
        db.session.commit()
        make.plan(partnership)


def test_list_queries_do_not_grow_with_the_number_of_partnerships(signed_in, make, count_queries):
    add_partnerships(make, 3)
    db.session.expire_all()
    with count_queries() as three:
        assert "3 partnerships" in signed_in.get("/partnerships/").get_data(as_text=True)

    add_partnerships(make, 9, start=3)
    db.session.expire_all()
    with count_queries() as twelve:
        page = signed_in.get("/partnerships/").get_data(as_text=True)
    assert "12 partnerships" in page
    assert text_of(page).count("Dialogue partner Strategic partnership Country 1") == 12
    assert len(twelve) == len(three)
    assert len(three) <= 7, three  # 6, and one to read the version of the data the count was kept for


def test_status_filter_keeps_the_query_count_flat(signed_in, make, count_queries):
    add_partnerships(make, 3)
    db.session.expire_all()
    with count_queries() as three:
        signed_in.get("/partnerships/?status=dialogue_partner&q=C")
    add_partnerships(make, 9, start=3)
    db.session.expire_all()
    with count_queries() as twelve:
        page = signed_in.get("/partnerships/?status=dialogue_partner&q=C").get_data(as_text=True)
    assert "12 partnerships" in page
    assert len(twelve) == len(three)


def test_current_status_is_computed_in_sql_for_the_filter(app, make):
    partnership = make.partnership()
    from app.partnerships.listing import partnership_list

    def found(status):
        with app.test_request_context("/partnerships/"):
            return [row.slug for row in partnership_list(status=status).items]

    assert found(PartnershipStatus.SECTORAL_DIALOGUE_PARTNER.value) == [partnership.slug]
    assert found(PartnershipStatus.DIALOGUE_PARTNER.value) == []


def add_activity(make, partnership, count, start=0):
    owner = make.user(email=f"owner{start}@asean.example", name=f"Owner {start}")
    for n in range(start, start + count):
        make.plan(partnership, label=f"{2000 + n}", starts_on=date(2000 + n, 1, 1), ends_on=date(2000 + n, 12, 31),
                  state="expired")
        make.meeting(partnership, type=MeetingType.JSCC, number=n + 1, held_on=date(2000 + n, 6, 1))
        make.follow_up(partnership, title=f"Action {n}", owner=owner, due_on=date(2000 + n, 7, 1))


def test_detail_queries_do_not_grow_with_plans_meetings_and_follow_ups(signed_in, make, count_queries):
    partnership = make.partnership()
    add_activity(make, partnership, 2)
    db.session.expire_all()
    with count_queries() as few:
        signed_in.get("/partnerships/asean-pakistan")
    add_activity(make, partnership, 8, start=2)
    db.session.expire_all()
    with count_queries() as many:
        page = signed_in.get("/partnerships/asean-pakistan").get_data(as_text=True)
    assert "Action 9" in page and "Owner 2" in page
    assert len(many) == len(few)
