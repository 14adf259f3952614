import re
from datetime import date

import sqlalchemy as sa

from app.extensions import db
from app.models import FollowUpStatus, MeetingType, Partnership, PartnershipEvent


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
    for message in ("Select a partner from the list",
                    "Web address must only include lower-case letters, numbers and hyphens",
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
    assert "Web address must be 80 characters or less" in page
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
    assert "Web address asean-pakistan is already used by ASEAN–Pakistan – enter a different one" in response.get_data(
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
    assert "Web address must only include lower-case letters, numbers and hyphens" in page
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
    # Not listed among the latest, the 13th is named once: as the meeting the next JSCC is prepared from.
    assert page.count("13th Joint Sectoral Cooperation Committee (JSCC)") == 1
    assert "Matters arising for the 14th JSCC , from the 13th Joint Sectoral Cooperation Committee (JSCC)" in words
    assert f'href="/meetings/{unknown_date.id}"' not in page
    assert "Norway meeting" not in page
    assert "The 10 latest of 14 meetings. View all meetings of ASEAN–Pakistan" in words
    assert "/meetings/?partnership=asean-pakistan" in page

    to_do = re.search(r'<section aria-labelledby="follow-ups".*?</section>', page, re.S).group(0)
    # The follow-up done is not to do: it is in the timeline of recent activity instead.
    assert "Share the draft work plan" in to_do and "Send the customs contact" not in to_do
    assert "Follow-up done: Send the customs contact" in words
    assert "Norway follow-up" not in page
    assert "1 May 2024" in words and "Overdue" in words
    assert f"{open_action.id}" in page
    assert "/meetings/new?partnership=asean-pakistan&amp;type=courtesy_call" in page
    assert "/partnerships/asean-pakistan/plans/new" in page
    assert "/partnerships/asean-pakistan/events/new" in page


# Statements per page


def add_activity(make, partnership, count, start=0):
    """Per year: a plan with an area, a meeting, a follow-up to do and one done, a status update and an activity,
    each listed on the page or in its timeline."""
    owner = make.user(email=f"owner{start}@asean.example", name=f"Owner {start}")
    for n in range(start, start + count):
        plan = make.plan(partnership, label=f"{2000 + n}", starts_on=date(2000 + n, 1, 1),
                         ends_on=date(2000 + n, 12, 31), state="expired")
        area = make.area(plan, make.pillar(plan))
        make.meeting(partnership, type=MeetingType.JSCC, number=n + 1, held_on=date(2000 + n, 6, 1))
        make.follow_up(partnership, title=f"Action {n}", owner=owner, due_on=date(2000 + n, 7, 1))
        make.follow_up(partnership, title=f"Done {n}", owner=owner, status=FollowUpStatus.DONE,
                       completed_on=date(2000 + n, 8, 1))
        make.status_update(owner, area=area, status="on_track", as_of=date(2000 + n, 9, 1))
        make.activity(partnership, plan, [make.action_line(area)], title=f"Course {n}", state="completed",
                      actual_starts_on=date(2000 + n, 10, 1), actual_ends_on=date(2000 + n, 10, 2))


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
    words = text_of(page)
    assert "Follow-up done: Done 9" in words and "Activity: Course 9" in words and "Status update: 2.1 Trade" in words
    assert len(many) == len(few)
