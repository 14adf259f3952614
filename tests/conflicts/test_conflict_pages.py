"""Every edit form: a save made from a form opened before someone else's save shows both versions instead of
overwriting theirs, and saving again from that page keeps what the second person typed."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from app.extensions import db
from app.models import (
    ActionLine,
    Activity,
    CooperationArea,
    FollowUpAction,
    Meeting,
    Organisation,
    Partnership,
    Person,
    Pillar,
    Plan,
    Position,
    User,
)
from tests.conflicts.editors import conflict_rows, open_form, read_form, send
from tests.conftest import FormFiller


@dataclass
class Edit:
    """One edit form: what to make, its address, and the field (kept in the attribute of the same name) that two
    people change, the first to ``first`` and the second to ``second``."""

    make: Callable  # make -> the record
    url: str  # with {id} (or {slug}) of the record
    model: type
    field: str
    title: str  # how the conflict page names the record: as saved now, after the first change
    first: str
    second: str
    #: How the conflict page shows the two values, when not as typed (the words of a radio option).
    shown: tuple[str, str] | None = None
    role: str = "editor"


def _partnership(make):
    return make.partnership(notes="Annual review in March")


def _plan(make):
    return make.plan(make.partnership(), title="Practical Cooperation Areas (2024-2028)")


def _area(make):
    return make.area(make.plan(make.partnership()), name="Trade facilitation")


def _follow_up(make):
    return make.follow_up(make.partnership(), title="Share the draft work plan")


def _activity(make):
    plan = make.plan(make.partnership())
    line = make.action_line(make.area(plan), code="2.1.1", text="Convene a business forum")
    return make.activity(plan.partnership, plan, [line], title="Business forum")


EDITS = [
    Edit(lambda make: make.organisation(name="Republic of India", short_name="India", iso_code="IN"),
         "/organisations/{id}/edit", Organisation, "short_name",
         title="Republic of India", first="Bharat", second="Hindustan"),
    Edit(lambda make: make.meeting(make.partnership(), venue="Jakarta"), "/meetings/{id}/edit", Meeting, "venue",
         title="Courtesy call", first="Kuala Lumpur", second="Manila"),
    Edit(lambda make: make.person("Ameer Khurram Rathore", honorific="H.E."), "/people/{id}/edit", Person, "notes",
         title="H.E. Ameer Khurram Rathore", first="Speaks Urdu and English",
         second="Prefers to be addressed as Ambassador"),
    Edit(lambda make: make.position(make.person("Ameer Khurram Rathore"), make.organisation(), title="Ambassador"),
         "/positions/{id}/edit", Position, "title",
         title="Ambassador to ASEAN", first="Ambassador to ASEAN", second="Permanent Representative to ASEAN"),
    Edit(_partnership, "/partnerships/{slug}/edit", Partnership, "notes",
         title="ASEAN–Pakistan", first="Annual review in April", second="Annual review in May"),
    Edit(_plan, "/plans/{id}/edit", Plan, "title",
         title="PCA 2024-2028", first="PCA 2024-2028", second="Practical Cooperation Areas 2024 to 2028"),
    Edit(lambda make: make.pillar(make.plan(make.partnership()), name="Economic"), "/pillars/{id}/edit", Pillar,
         "name", title="the Economic cooperation pillar", first="Economic cooperation", second="Economy"),
    Edit(_area, "/areas/{id}/edit", CooperationArea, "name",
         title="2.1 Trade and customs", first="Trade and customs", second="Trade and investment"),
    Edit(lambda make: make.action_line(_area(make), code="2.1.1", text="Customs cooperation"),
         "/action-lines/{id}/edit", ActionLine, "text",
         title="action line 2.1.1", first="Customs and border cooperation", second="Single window for customs"),
    Edit(_follow_up, "/follow-ups/{id}/edit", FollowUpAction, "title", title="Share the draft work plan by June",
         first="Share the draft work plan by June", second="Share the final work plan"),
    Edit(_follow_up, "/follow-ups/{id}/status", FollowUpAction, "status", title="Share the draft work plan",
         first="in_progress", second="awaiting_partner", shown=("In progress", "Awaiting partner")),
    Edit(_activity, "/activities/{id}/edit", Activity, "title", title="Business forum in Jakarta",
         first="Business forum in Jakarta", second="ASEAN-Pakistan Business Forum"),
    Edit(_activity, "/activities/{id}/state", Activity, "state", title="Business forum", first="ongoing",
         second="cancelled", shown=("Ongoing", "Cancelled")),
    Edit(lambda make: make.user(role="viewer", email="siti@asean.example", name="Siti Rahman"),
         "/users/{id}/edit", User, "name",
         title="Siti Rahman binti Ali", first="Siti Rahman binti Ali", second="Siti Aminah Rahman", role="admin"),
]


def edit_id(edit: Edit) -> str:
    """positions/edit, follow-ups/status: the test's name says which form."""
    return f"{edit.url.split('/')[1]}/{edit.url.split('/')[-1]}"


def address(edit: Edit, record) -> str:
    return edit.url.format(id=record.id, slug=getattr(record, "slug", ""))


def saved_value(edit: Edit, record_id: int) -> str:
    db.session.expire_all()
    return str(getattr(db.session.get(edit.model, record_id), edit.field))


@pytest.mark.parametrize("edit", EDITS, ids=edit_id)
def test_second_save_shows_both_versions_and_reapplying_saves_it(editors, make, edit):
    first, second = editors(edit.role)
    record = edit.make(make)
    record_id, url = record.id, address(edit, record)
    first_opened, second_opened = open_form(first, url), open_form(second, url)

    assert send(first, url, first_opened, **{edit.field: edit.first}).status_code == 200
    assert saved_value(edit, record_id) == edit.first
    response = send(second, url, second_opened, **{edit.field: edit.second})

    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert f"Someone else changed {edit.title} while you were editing it" in html
    shown_first, shown_second = edit.shown or (edit.first, edit.second)
    assert (shown_first, shown_second) in conflict_rows(html).values()
    assert saved_value(edit, record_id) == edit.first

    response = second.client.post(url, data=read_form(html), follow_redirects=True)
    assert response.status_code == 200
    assert "Someone else changed" not in response.get_data(as_text=True)
    assert saved_value(edit, record_id) == edit.second


def test_a_form_shown_again_with_an_error_still_knows_when_it_was_opened(editors, make):
    first, second = editors()
    india = make.organisation(name="Republic of India", short_name="India", iso_code="IN")
    url = f"/organisations/{india.id}/edit"
    opened = open_form(second, url)
    send(first, url, open_form(first, url), short_name="Bharat")

    response = send(second, url, opened, short_name="")
    assert response.status_code == 200
    assert "Enter a short name" in response.get_data(as_text=True)
    response = send(second, url, read_form(response.get_data(as_text=True)), short_name="Hindustan")

    assert response.status_code == 409
    assert conflict_rows(response.get_data(as_text=True))["Short name"] == ("Bharat", "Hindustan")


@pytest.mark.parametrize("edit", EDITS, ids=edit_id)
def test_a_form_left_open_saves_when_no_one_else_saved(editors, make, edit):
    first, second = editors(edit.role)
    record = edit.make(make)
    record_id, url = record.id, address(edit, record)
    opened = open_form(first, url)
    open_form(second, url)  # looking is not saving

    assert send(first, url, opened, **{edit.field: edit.first}).status_code == 200
    assert saved_value(edit, record_id) == edit.first
    # Opened again after one's own save, the form carries the new version: a second change saves too.
    assert send(first, url, open_form(first, url), **{edit.field: edit.second}).status_code == 200
    assert saved_value(edit, record_id) == edit.second


def test_the_conflict_page_shows_names_words_and_dates_not_stored_values(editors, make):
    first, second = editors()
    partnership = make.partnership()
    plan = make.plan(partnership)
    trade = make.area(plan, make.pillar(plan, name="Economic"), name="Trade")
    social = make.pillar(plan, name="Socio-cultural", position=1)
    meeting = make.meeting(partnership, venue="Jakarta", areas=[trade])
    meeting_url, area_url = f"/meetings/{meeting.id}/edit", f"/areas/{trade.id}/edit"
    meeting_opened, area_opened = open_form(second, meeting_url), open_form(second, area_url)

    send(first, meeting_url, open_form(first, meeting_url), **{"held_on-day": "26"})
    send(first, area_url, open_form(first, area_url), pillar=str(social.id))

    meeting_rows = conflict_rows(send(second, meeting_url, meeting_opened, venue="Manila").get_data(as_text=True))
    assert meeting_rows["Partnership"] == ("ASEAN–Pakistan", "ASEAN–Pakistan")
    assert meeting_rows["Type of meeting"] == ("Courtesy call", "Courtesy call")
    assert meeting_rows["Date of the meeting"] == ("26 March 2024", "25 March 2024")
    assert meeting_rows["Areas discussed"] == ("2.1 Trade", "2.1 Trade")
    assert meeting_rows["Venue"] == ("Jakarta", "Manila")
    area_rows = conflict_rows(send(second, area_url, area_opened, name="Trade in goods").get_data(as_text=True))
    assert area_rows["Pillar"] == ("Socio-cultural", "Economic")
    assert area_rows["Name"] == ("Trade", "Trade in goods")


def test_a_related_record_no_longer_offered_is_shown_by_name(editors, make):
    first, second = editors()
    partnership = make.partnership()
    other = make.partnership(make.organisation(name="Kingdom of Norway", short_name="Norway", iso_code="NO"))
    meeting = make.meeting(partnership, title="3rd JCC meeting")
    action = make.follow_up(partnership, meeting=meeting)
    url = f"/follow-ups/{action.id}/edit"
    opened = open_form(second, url)
    send(first, url, open_form(first, url), title="Share the draft work plan by June")

    # Moved to another partnership, the form offers that partnership's meetings, not the one saved.
    response = send(second, url, opened, partnership_id=str(other.id), meeting_id="")

    rows = conflict_rows(response.get_data(as_text=True))
    assert rows["Partnership"] == ("ASEAN–Pakistan", "ASEAN–Norway")
    assert rows["Meeting"] == ("3rd JCC meeting", "Not set")


def test_signing_in_is_not_a_change_that_conflicts_with_an_administrator_edit(editors, make, app):
    administrator, _ = editors("admin")
    siti = make.user(role="viewer", email="siti@asean.example", name="Siti Rahman")
    url = f"/users/{siti.id}/edit"
    opened = open_form(administrator, url)

    FormFiller(app.test_client()).sign_in(siti)
    response = send(administrator, url, opened, role="editor")

    assert response.status_code == 200
    assert "User saved: Siti Rahman" in response.get_data(as_text=True)
    db.session.expire_all()
    saved = db.session.get(User, siti.id)
    assert (saved.role, saved.last_signed_in_at is not None) == ("editor", True)
