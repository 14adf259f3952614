"""Each record's page shows its History; the full list is one link away; restricted notes stay hidden."""

from datetime import date

import pytest

from app.extensions import db
from app.meetings.services import add_participant
from tests.audit.helpers import history_rows, history_section, words


@pytest.fixture
def records(make):
    """One record of each kind with a page, each created (by no one: the test data) and then changed once."""
    partnership = make.partnership()
    pakistan = partnership.partner
    person = make.person("Ameer Khurram Rathore", honorific="H.E.")
    make.position(person, pakistan, title="Ambassador of Pakistan to ASEAN", starts_on=date(2024, 1, 10))
    plan = make.plan(partnership)
    area = make.area(plan, code="2.1", name="Trade")
    line = make.action_line(area, code="2.1.1", text="Customs cooperation")
    meeting = make.meeting(partnership, venue="Jakarta")
    add_participant(meeting, side="partner", role="head_of_delegation", person=person)
    action = make.follow_up(partnership, title="Share the draft work plan")
    officer = make.user(role="editor", email="siti@asean.example", name="Siti Rahman")
    db.session.commit()

    pakistan.short_name = "PAK"
    person.email = "ameer@mofa.example"
    partnership.notes = "Sectoral dialogue partner since 1993"
    plan.label = "2024-2029"
    area.name = "Trade and investment"
    line.text = "Customs cooperation and trade facilitation"
    meeting.venue = "ASEAN Secretariat, Jakarta"
    action.due_on = date(2024, 6, 30)
    officer.name = "Siti Rahman Binti Ali"
    db.session.commit()
    return {
        "organisation": (f"/organisations/{pakistan.id}", "Short name: Pakistan → PAK", None),
        "person": (f"/people/{person.id}", "Email address: none → ameer@mofa.example",
                   "Position added: Ambassador of Pakistan to ASEAN"),
        "partnership": (f"/partnerships/{partnership.slug}", "Notes: none → Sectoral dialogue partner since 1993",
                        "Partnership status change added: Conferred: Sectoral dialogue partner (23 July 1993)"),
        "plan": (f"/plans/{plan.id}", "Label: 2024-2028 → 2024-2029", "Pillar added: Economic"),
        "area": (f"/areas/{area.id}", "Name: Trade → Trade and investment", None),
        "action line": (f"/action-lines/{line.id}",
                        "Text: Customs cooperation → Customs cooperation and trade facilitation", None),
        "meeting": (f"/meetings/{meeting.id}", "Venue: Jakarta → ASEAN Secretariat, Jakarta",
                    "Meeting participant added: H.E. Ameer Khurram Rathore"),
        "follow-up": (f"/follow-ups/{action.id}", "Due date: none → 30 June 2024", None),
        "user": (f"/users/{officer.id}/edit", "Name: Siti Rahman → Siti Rahman Binti Ali", None),
    }


def test_every_record_page_shows_its_history_newest_first(as_role, records):
    admin = as_role("admin")
    for kind, (url, change, part) in records.items():
        rows = history_rows(admin.get(url).get_data(as_text=True))
        assert rows[0].endswith(f"System Changed {change}"), kind
        assert rows[-1].endswith("System Created"), kind
        if part:
            assert any(row.endswith(f"System {part}") for row in rows), kind
        assert len(rows) == (3 if part else 2), kind


def test_a_change_through_a_form_names_who_made_it(signed_in, make):
    india = make.organisation(name="Republic of India", short_name="India", iso_code="IN")
    signed_in.submit(f"/organisations/{india.id}/edit", {"name": "Republic of India", "short_name": "Bharat",
                                                         "kind": "country", "iso_code": "IN"})
    signed_in.submit(f"/organisations/{india.id}/archive")
    rows = history_rows(signed_in.get(f"/organisations/{india.id}").get_data(as_text=True))
    assert [row.split(" ", 4)[-1] for row in rows] == [
        "Desk Officer Archived",
        "Desk Officer Changed Short name: India → Bharat",
        "System Created",
    ]


def test_viewers_see_the_history_too(as_role, records):
    viewer = as_role("viewer")
    url, change, _ = records["area"]
    assert history_rows(viewer.get(url).get_data(as_text=True))[0].endswith(change)


def test_the_page_shows_the_latest_twenty_and_links_to_the_full_list(signed_in, make):
    area = make.area(make.plan(make.partnership()), code="2.1", name="Trade")
    for n in range(1, 25):
        area.focal_point = f"Officer {n}"
        db.session.commit()
    page = signed_in.get(f"/areas/{area.id}").get_data(as_text=True)
    rows = history_rows(page)
    assert len(rows) == 20
    assert rows[0].endswith("Focal point: Officer 23 → Officer 24")
    assert rows[-1].endswith("Focal point: Officer 4 → Officer 5")
    assert "The latest 20 changes, newest first" in history_section(page)
    link = f"/history?type=cooperation_areas&amp;id={area.id}"
    assert f'href="{link}">See the full history</a>' in page

    full = signed_in.get(link.replace("&amp;", "&")).get_data(as_text=True)
    assert "<h1 class=\"mb-4\">History of 2.1 Trade</h1>" in full
    assert "25 changes, newest first" in full
    text = words(full)
    assert "Focal point: Officer 23 → Officer 24" in text and "Focal point: none → Officer 1" in text
    # The full list shows what the record was created with.
    assert "Created Plan: Practical Cooperation Areas (2024-2028) Pillar: Economic Code: 2.1 Name: Trade" in text
    assert f'href="/areas/{area.id}"' in full  # back to the area


def test_a_record_with_a_single_entry_says_every_change_is_shown(signed_in, make):
    india = make.organisation(name="Republic of India", short_name="India", iso_code="IN")
    page = signed_in.get(f"/organisations/{india.id}").get_data(as_text=True)
    assert "Every change, newest first" in history_section(page)
    assert "See the full history" not in page


@pytest.fixture
def restricted_meeting(make):
    meeting = make.meeting(make.partnership(), summary="Draft text of the joint statement", is_restricted=True)
    meeting.summary = "Agreed text of the joint statement"
    meeting.venue = "Jakarta"
    db.session.commit()
    return meeting


def test_restricted_notes_are_hidden_from_viewers_in_the_history(as_role, restricted_meeting):
    viewer = as_role("viewer")
    history = history_section(viewer.get(f"/meetings/{restricted_meeting.id}").get_data(as_text=True))
    assert "joint statement" not in history
    assert "Summary: hidden (restricted)" in words(history) and "Venue: none → Jakarta" in words(history)
    full = viewer.get(f"/history?type=meetings&id={restricted_meeting.id}").get_data(as_text=True)
    assert "joint statement" not in full and "Summary: hidden (restricted)" in words(full)


def test_editors_read_restricted_notes_in_the_history(signed_in, restricted_meeting):
    history = words(history_section(signed_in.get(f"/meetings/{restricted_meeting.id}").get_data(as_text=True)))
    assert "Summary: Draft text of the joint statement → Agreed text of the joint statement" in history


def test_notes_written_while_restricted_stay_hidden_after_the_restriction_is_lifted(as_role, make):
    meeting = make.meeting(make.partnership(), asks="Visa waiver for officials", is_restricted=True)
    meeting.asks = "Visa waiver for officials and students"
    db.session.commit()
    meeting.is_restricted = False
    db.session.commit()
    history = words(history_section(as_role("viewer").get(f"/meetings/{meeting.id}").get_data(as_text=True)))
    assert "Visa waiver" not in history
    assert "Asks: hidden (restricted)" in history and "Restricted: Yes → No" in history


def test_the_full_history_refuses_what_it_cannot_show(as_role, make):
    editor = as_role("editor")
    officer = make.user(email="siti@asean.example")
    secret = make.follow_up(make.partnership(), title="Sensitive follow-up", is_restricted=True)
    for url in ("/history", "/history?type=secrets&id=1", "/history?type=meetings&id=abc",
                "/history?type=meetings&id=99999999999", "/history?type=meetings&id=-3", "/history?type=meetings&id=7"):
        assert editor.get(url).status_code == 404, url
    assert editor.get(f"/history?type=users&id={officer.id}").status_code == 403
    assert editor.get(f"/history?type=follow_up_actions&id={secret.id}").status_code == 200
    assert editor.get(f"/history?type=follow_up_actions&id={secret.id}&page=99").status_code == 302


def test_history_costs_one_query_whatever_its_length(signed_in, make, count_queries):
    area = make.area(make.plan(make.partnership()), code="2.1", name="Trade")

    def statements() -> int:
        with count_queries() as run:
            assert signed_in.get(f"/areas/{area.id}").status_code == 200
        return len(run)

    few = statements()
    for n in range(8):
        area.focal_point = f"Officer {n}"
        db.session.commit()
    assert statements() == few
