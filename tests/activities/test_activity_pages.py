"""The activity pages through real forms (CSRF on): recording from an action line's, an area's and a meeting's page,
every bad value explained beside its field with what was typed kept and nothing saved, editing, changing the state,
archiving, and who may do what."""

import re
from datetime import date, timedelta
from decimal import Decimal
from html import unescape

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Activity, ActivityState, AuditEntry
from tests.conflicts.editors import open_form, send

TODAY = date.today()


def activities() -> list[Activity]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(Activity).order_by(Activity.id)))


def beside(page: str, field_id: str) -> str | None:
    """The message shown beside the field (its ``<id>-error`` paragraph), or None."""
    found = re.search(rf'<p id="{re.escape(field_id)}-error"[^>]*>\s*<span[^>]*>Error:</span>\s*(.*?)</p>', page,
                      re.S)
    return unescape(found.group(1).strip()) if found else None


def summary(page: str) -> list[str]:
    box = re.search(r"data-error-summary>(.*?)</ul>", page, re.S)
    return [unescape(text) for text in re.findall(r'<a class="alert-link" href="#[^"]+">(.*?)</a>', box.group(1))] \
        if box else []


def activity_form(desk, **changes) -> dict:
    """The form as a desk officer fills it in for the business forum of 14 May 2025."""
    data = {
        "partnership_id": str(desk.pakistan.id), "plan_id": str(desk.plan.id), "action_line_ids": [str(desk.forum.id)],
        "kind": "dialogue", "title": "ASEAN-Pakistan Business Forum", "state": "completed",
        "state_on-day": "", "state_on-month": "", "state_on-year": "",
        "planned_starts_on-day": "14", "planned_starts_on-month": "5", "planned_starts_on-year": "2025",
        "planned_ends_on-day": "", "planned_ends_on-month": "", "planned_ends_on-year": "",
        "actual_starts_on-day": "14", "actual_starts_on-month": "May", "actual_starts_on-year": "2025",
        "actual_ends_on-day": "15", "actual_ends_on-month": "5", "actual_ends_on-year": "2025",
        "funding_source": "partner", "funded_by": "Government of Pakistan", "amount": "120,000.50", "currency": "usd",
        "implementing_organisation_id": str(desk.government.id), "co_implementer_ids": [str(desk.asean.id), ""],
        "participants": "180", "meeting_id": str(desk.call.id), "notes": "Held at the ASEAN Secretariat.",
        "action": "save",
    }
    data.update(changes)
    return data


def test_an_activity_is_recorded_from_an_action_line_s_page(desk, signed_in):
    line_page = signed_in.get(f"/action-lines/{desk.forum.id}").get_data(as_text=True)
    assert f'href="/activities/new?line={desk.forum.id}"' in line_page
    form = signed_in.get(f"/activities/new?line={desk.forum.id}").get_data(as_text=True)
    assert f'<option selected value="{desk.pakistan.id}">ASEAN–Pakistan</option>' in form
    assert f'<option selected value="{desk.plan.id}">Practical Cooperation Areas (2024-2028) (2024-2028)</option>' \
        in form
    assert re.search(rf'value="{desk.forum.id}" checked>', form)
    assert not re.search(rf'value="{desk.study.id}" checked>', form)
    # No state chosen for the person.
    assert not re.search(r'name="state" id="state-\d" value="\w+"\s+checked', form)

    response = signed_in.submit("/activities/new", activity_form(desk), page=f"/activities/new?line={desk.forum.id}")

    [forum] = activities()
    assert response.request.path == f"/activities/{forum.id}"
    page = response.get_data(as_text=True)
    assert "Activity recorded: ASEAN-Pakistan Business Forum" in page
    assert (forum.kind.value, forum.state, forum.amount, forum.currency, forum.participants) == (
        "dialogue", ActivityState.COMPLETED, Decimal("120000.50"), "USD", 180)
    assert (forum.actual_starts_on, forum.actual_ends_on, forum.planned_starts_on) == (
        date(2025, 5, 14), date(2025, 5, 15), date(2025, 5, 14))
    assert [org.name for org in forum.co_implementers] == ["Association of Southeast Asian Nations"]
    assert "120,000.50 USD" in page and "14 May 2025 to 15 May 2025" in page
    # Its state history starts on its actual end date, and the audit log has the record.
    assert re.search(r"<td>15 May 2025</td>\s*<td><span[^>]*>Completed</span>", page)
    assert db.session.scalar(sa.select(AuditEntry.action).where(AuditEntry.record_type == "activities")).value == \
        "create"
    # The line's page lists it.
    assert "ASEAN-Pakistan Business Forum" in signed_in.get(f"/action-lines/{desk.forum.id}").get_data(as_text=True)


def test_links_from_an_area_dossier_and_a_meeting_fill_in_the_partnership_plan_and_meeting(desk, signed_in):
    dossier = signed_in.get(f"/areas/{desk.trade.id}").get_data(as_text=True)
    assert f'href="/activities/new?area={desk.trade.id}"' in dossier
    form = signed_in.get(f"/activities/new?area={desk.trade.id}").get_data(as_text=True)
    assert f'<option selected value="{desk.plan.id}">' in form and "2.1.2 Carry out a joint study" in form

    meeting_page = signed_in.get(f"/meetings/{desk.call.id}").get_data(as_text=True)
    assert f'href="/activities/new?meeting={desk.call.id}"' in meeting_page
    form = signed_in.get(f"/activities/new?meeting={desk.call.id}").get_data(as_text=True)
    assert f'<option selected value="{desk.call.id}">Courtesy call – 25 March 2024</option>' in form
    # The plan covering the meeting's date.
    assert f'<option selected value="{desk.plan.id}">' in form

    signed_in.submit("/activities/new", activity_form(desk, action_line_ids=[str(desk.forum.id), str(desk.study.id)]))
    for page in (f"/areas/{desk.trade.id}", f"/meetings/{desk.call.id}"):
        assert "ASEAN-Pakistan Business Forum" in signed_in.get(page).get_data(as_text=True), page


@pytest.mark.parametrize("changes, field_id, message", [
    ({"partnership_id": ""}, "partnership_id", "Select the partnership"),
    ({"partnership_id": "424242"}, "partnership_id", "Select a partnership from the list"),
    ({"plan_id": ""}, "plan_id", "Select the plan the activity comes under"),
    ({"plan_id": "abc"}, "plan_id", "Select a plan of the partnership from the list"),
    ({"action_line_ids": []}, "action_line_ids", "Select the action lines the activity serves"),
    ({"action_line_ids": ["99999"]}, "action_line_ids", "Select action lines of the plan from the list"),
    ({"kind": ""}, "kind", "Select the kind of activity"),
    ({"kind": "party"}, "kind", "Select kind of activity from the list"),
    ({"title": " "}, "title", "Enter the title of the activity"),
    ({"title": "t" * 301}, "title", "Title must be 300 characters or less"),
    ({"state": ""}, "state", "Select the state of the activity"),
    ({"state_on-day": "31", "state_on-month": "2", "state_on-year": "2025"}, "state_on",
     "Date of the state must be a real date"),
    ({"state_on-day": "1", "state_on-month": "1", "state_on-year": str(TODAY.year + 1)}, "state_on",
     "Date of the state must be today or in the past"),
    ({"planned_starts_on-year": "25"}, "planned_starts_on", "Year must include 4 numbers"),
    ({"planned_ends_on-day": "13", "planned_ends_on-month": "5", "planned_ends_on-year": "2025"}, "planned_ends_on",
     "Planned end date must be the same as or after 14 May 2025, the planned start date"),
    ({"planned_starts_on-day": "", "planned_starts_on-month": "", "planned_starts_on-year": "",
      "planned_ends_on-day": "20", "planned_ends_on-month": "5", "planned_ends_on-year": "2025"}, "planned_ends_on",
     "Enter the planned start date too, or leave the planned end date blank"),
    ({"actual_starts_on-month": ""}, "actual_starts_on", "Actual start date must include a month"),
    ({"actual_ends_on-day": "13"}, "actual_ends_on",
     "Actual end date must be the same as or after 14 May 2025, the actual start date"),
    ({"state": "ongoing", "actual_ends_on-day": "", "actual_ends_on-month": "", "actual_ends_on-year": "",
      "actual_starts_on-day": str((TODAY + timedelta(days=3)).day),
      "actual_starts_on-month": str((TODAY + timedelta(days=3)).month),
      "actual_starts_on-year": str((TODAY + timedelta(days=3)).year)}, "actual_starts_on",
     "Actual start date must be today or in the past"),
    ({"state": "planned"}, "actual_ends_on",
     "Leave the actual end date blank until the activity is completed or cancelled"),
    ({"state": "planned", "actual_ends_on-day": "", "actual_ends_on-month": "", "actual_ends_on-year": ""},
     "actual_starts_on", "Leave the actual start date blank while the activity is planned"),
    ({"funding_source": ""}, "funding_source", "Select who funds the activity, or Not known yet"),
    ({"funded_by": "f" * 201}, "funded_by", "Fund or funder must be 200 characters or less"),
    ({"amount": "a lot"}, "amount", "Amount must be a number, like 25000 or 1,250.50"),
    ({"amount": "-50"}, "amount", "Amount must be 0 or more"),
    ({"amount": "12.345"}, "amount", "Amount must have no more than 2 decimal places"),
    ({"amount": "12,34"}, "amount", "Amount must be a number, like 25000 or 1,250.50"),
    ({"currency": ""}, "currency", "Enter the currency of the amount, for example USD"),
    ({"currency": "dollars"}, "currency", "Currency must be 3 characters or less"),
    ({"currency": "XYZ"}, "currency", "Currency must be a 3-letter ISO 4217 code, for example USD or PKR"),
    ({"implementing_organisation_id": "999999"}, "implementing_organisation_id",
     "Select an organisation from the list"),
    ({"co_implementer_ids": ["999999"]}, "co_implementer_ids",
     "Select co-implementing organisations from the list"),
    ({"co_implementer_ids": ["GOVERNMENT"]}, "co_implementer_ids",
     "The implementing organisation cannot also be a co-implementing organisation – leave it out of these"),
    ({"participants": "many"}, "participants", "Number of participants must be a whole number"),
    ({"participants": "2000000"}, "participants", "Number of participants must be between 0 and 1000000"),
    ({"meeting_id": "NORWAY"}, "meeting_id", "Select a meeting of the partnership from the list"),
    ({"notes": "n" * 10_001}, "notes", "Notes must be 10,000 characters or less"),
])
def test_each_bad_value_is_explained_beside_its_field_kept_as_typed_and_nothing_is_saved(desk, signed_in, changes,
                                                                                         field_id, message):
    named = {"GOVERNMENT": str(desk.government.id), "NORWAY": str(desk.norway_call.id)}
    changes = {key: [named.get(v, v) for v in value] if isinstance(value, list) else named.get(value, value)
               for key, value in changes.items()}
    response = signed_in.submit("/activities/new", activity_form(desk, **changes))

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<title>Error: Record an activity" in page
    anchor = field_id if field_id in ("partnership_id", "plan_id", "title", "funded_by", "amount", "currency",
                                      "implementing_organisation_id", "participants", "meeting_id", "notes") else None
    assert beside(page, field_id) == message
    assert message in summary(page)
    if anchor:
        assert f'href="#{anchor}"' in page
    # What was typed is shown again (trimmed; a currency in capitals).
    for name, value in changes.items():
        if isinstance(value, str) and value.strip() and name not in (
                "partnership_id", "plan_id", "kind", "state", "meeting_id", "implementing_organisation_id"):
            shown = value.strip().upper() if name == "currency" else value.strip()
            assert f'value="{shown}"' in page or f"\n{shown}</textarea>" in page, name
    assert 'value="Government of Pakistan"' in page or field_id == "funded_by"
    assert activities() == []


def test_every_problem_of_an_empty_form_is_listed_at_once(desk, signed_in):
    page = signed_in.submit("/activities/new", {"action": "save"}).get_data(as_text=True)
    assert summary(page) == ["Select the partnership", "Select the kind of activity", "Enter the title of the activity",
                             "Select the state of the activity", "Select who funds the activity, or Not known yet"]
    assert activities() == []


def test_show_the_action_lines_of_another_plan_without_saving(desk, signed_in):
    page = signed_in.submit("/activities/new", activity_form(desk, plan_id=str(desk.earlier_plan.id),
                                                             action="refresh")).get_data(as_text=True)
    assert "3.2.1 Train ASEAN diplomats" in page and "2.1.1 Convene" not in page
    assert "There is a problem" not in page and activities() == []


@pytest.fixture
def forum(desk, make):
    return make.activity(desk.pakistan, desk.plan, [desk.forum], title="ASEAN-Pakistan Business Forum",
                         kind="dialogue", state="planned", state_on=date(2025, 1, 10),
                         planned_starts_on=date(2025, 5, 14), notes="Venue to be confirmed", is_restricted=True)


def test_edit_an_activity_and_a_bad_edit_changes_nothing(desk, signed_in, forum):
    url = f"/activities/{forum.id}/edit"
    opened = open_form(signed_in, url)
    assert opened["title"] == "ASEAN-Pakistan Business Forum" and opened.getlist("action_line_ids") == [
        str(desk.forum.id)]
    bad = send(signed_in, url, opened, **{"actual_starts_on-day": "14", "actual_starts_on-month": "5",
                                          "actual_starts_on-year": "2025"}).get_data(as_text=True)
    assert beside(bad, "actual_starts_on") == "Leave the actual start date blank while the activity is planned"
    assert activities()[0].actual_starts_on is None

    changed = open_form(signed_in, url)
    changed.setlist("action_line_ids", [str(desk.forum.id), str(desk.study.id)])
    response = send(signed_in, url, changed, title="Business forum, Jakarta", amount="80000", currency="PKR")
    assert "Activity saved: Business forum, Jakarta" in response.get_data(as_text=True)
    [saved] = activities()
    assert (saved.title, saved.amount, saved.currency, [line.code for line in saved.action_lines], saved.version) == (
        "Business forum, Jakarta", Decimal("80000.00"), "PKR", ["2.1.1", "2.1.2"], 2)


def test_an_edit_from_an_out_of_date_form_shows_both_versions_and_saves_nothing(desk, signed_in, forum):
    url = f"/activities/{forum.id}/edit"
    first, second = open_form(signed_in, url), open_form(signed_in, url)
    send(signed_in, url, first, title="Business forum, Jakarta")
    conflict = send(signed_in, url, second, title="Business forum, Islamabad")
    assert conflict.status_code == 409
    assert "Business forum, Jakarta" in conflict.get_data(as_text=True)
    assert activities()[0].title == "Business forum, Jakarta"


def test_change_the_state_with_its_date(desk, signed_in, forum):
    form = signed_in.get(f"/activities/{forum.id}/state").get_data(as_text=True)
    assert "It is planned now." in form and "checked" not in form
    bad = signed_in.submit(f"/activities/{forum.id}/state", {"state": "ongoing", "changed_on-day": "9",
                                                             "changed_on-month": "1", "changed_on-year": "2025"})
    assert beside(bad.get_data(as_text=True), "changed_on") == (
        "Date of the change must be the same as or after 10 January 2025, the date of its last recorded change")
    response = signed_in.submit(f"/activities/{forum.id}/state", {
        "state": "ongoing", "changed_on-day": "14", "changed_on-month": "5", "changed_on-year": "2025",
        "note": "Opened by the Deputy Secretary-General", "version": str(forum.version)})
    page = response.get_data(as_text=True)
    assert "Activity is now ongoing: ASEAN-Pakistan Business Forum" in page
    [saved] = activities()
    assert (saved.state, saved.actual_starts_on) == (ActivityState.ONGOING, date(2025, 5, 14))
    assert re.search(r"<td>14 May 2025</td>\s*<td><span[^>]*>Ongoing</span>", page)


def test_a_form_posted_twice_records_one_activity(desk, signed_in):
    page = signed_in.get("/activities/new").get_data(as_text=True)
    token = re.search(r'name="form_token" value="([^"]+)"', page).group(1)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    data = {**activity_form(desk), "form_token": token, "csrf_token": csrf}
    first = signed_in.client.post("/activities/new", data=data)
    second = signed_in.client.post("/activities/new", data=data, follow_redirects=True)
    [forum] = activities()
    assert first.location == f"/activities/{forum.id}"
    assert "This form was already saved: here is the activity it recorded." in second.get_data(as_text=True)


def test_archive_and_restore(desk, signed_in, forum):
    assert "hidden from lists" in signed_in.get(f"/activities/{forum.id}/archive").get_data(as_text=True)
    signed_in.submit(f"/activities/{forum.id}/archive", page=f"/activities/{forum.id}/archive")
    assert activities()[0].is_archived
    assert "ASEAN-Pakistan Business Forum" not in signed_in.get("/activities/").get_data(as_text=True)
    assert "ASEAN-Pakistan Business Forum" not in signed_in.get(f"/action-lines/{desk.forum.id}").get_data(
        as_text=True)
    signed_in.submit(f"/activities/{forum.id}/restore", page=f"/activities/{forum.id}")
    assert not activities()[0].is_archived


def test_a_viewer_reads_but_does_not_see_restricted_notes_or_change_anything(desk, as_role, forum):
    viewer = as_role("viewer")
    page = viewer.get(f"/activities/{forum.id}").get_data(as_text=True)
    assert "ASEAN-Pakistan Business Forum" in page
    assert "Venue to be confirmed" not in page and "Restricted note: visible to editors and admins" in page
    assert "Change the state" not in page
    for url in ("/activities/new", f"/activities/{forum.id}/edit", f"/activities/{forum.id}/state"):
        assert viewer.get(url).status_code == 403, url


def test_an_editor_reads_restricted_notes(forum, signed_in):
    page = signed_in.get(f"/activities/{forum.id}").get_data(as_text=True)
    assert "Venue to be confirmed" in page and "Restricted" in page


def test_a_missing_activity_is_not_found(signed_in):
    assert signed_in.get("/activities/999999").status_code == 404
    assert signed_in.get("/activities/2147483648").status_code == 404


def test_the_activity_s_history_names_each_change_and_hides_restricted_notes_from_viewers(desk, signed_in, as_role,
                                                                                         forum):
    url = f"/activities/{forum.id}/edit"
    changed = open_form(signed_in, url)
    changed.setlist("action_line_ids", [str(desk.forum.id), str(desk.study.id)])
    send(signed_in, url, changed, notes="Venue: ASEAN Secretariat", **{
        "planned_starts_on-day": "20", "planned_starts_on-month": "5", "planned_starts_on-year": "2025"})
    page = signed_in.get(f"/activities/{forum.id}").get_data(as_text=True)
    assert "Planned start date" in page and "20 May 2025" in page
    assert "2.1.1 Convene an ASEAN-Pakistan business forum, 2.1.2 Carry out a joint study" in unescape(page)
    assert "Venue: ASEAN Secretariat" in page

    viewer = as_role("viewer")
    page = viewer.get(f"/activities/{forum.id}").get_data(as_text=True)
    assert "Venue: ASEAN Secretariat" not in page and "Venue to be confirmed" not in page
    assert "Planned start date" in page
