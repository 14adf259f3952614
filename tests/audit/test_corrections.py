"""Status history is append-only: a wrong update is corrected by a new one that says what it corrects."""

import re
from datetime import date

import pytest
import sqlalchemy as sa

from app.areas.details import StatusDetails
from app.areas.services import record_status
from app.common.errors import DomainError
from app.extensions import db
from app.implementation.statuses import current_statuses
from app.models import StatusUpdate
from tests.audit.helpers import entries_since, last_entry_id, words


@pytest.fixture
def trade(make):
    plan = make.plan(make.partnership())
    return make.area(plan, make.pillar(plan, "Economic"), code="2.1", name="Trade")


@pytest.fixture
def wrong(make, trade):
    """"On track, 40%" as of 30 June 2024, recorded by mistake: the area was at risk."""
    author = make.user(role="editor", email="siti@asean.example", name="Siti Rahman")
    return make.status_update(author, area=trade, status="on_track", as_of=date(2024, 6, 30),
                              note="Workshop held in Jakarta", progress=40)


def stored() -> list[tuple]:
    db.session.expire_all()
    rows = db.session.scalars(sa.select(StatusUpdate).order_by(StatusUpdate.id))
    return [(u.status, u.progress, u.note, u.as_of, u.corrects_id) for u in rows]


def test_correct_an_area_update(signed_in, trade, wrong):
    page = signed_in.get(f"/areas/{trade.id}").get_data(as_text=True)
    link = f"/areas/{trade.id}/status/new?corrects={wrong.id}"
    assert f'href="{link}">Correct this update<span class="visually-hidden"> of 30 June 2024</span>' in page

    form = signed_in.get(link).get_data(as_text=True)
    assert "Correct the status update of 30 June 2024 for 2.1 Trade" in form
    assert re.search(r'value="on_track"\s+checked', form)  # prefilled with the update being corrected
    assert re.search(r'name="progress"[^>]*value="40"', form)
    assert "Workshop held in Jakarta</textarea>" in form
    assert 'name="as_of-day"' not in form and "a correction keeps the date of the update it corrects" in form

    marker = last_entry_id()
    response = signed_in.submit(link, {"status": "at_risk", "progress": "40",
                                       "note": "Workshop held in Jakarta; funding for the follow-on delayed"})
    page = response.get_data(as_text=True)
    assert "Correction recorded for 2.1 Trade" in page
    assert stored() == [
        ("on_track", 40, "Workshop held in Jakarta", date(2024, 6, 30), None),  # untouched
        ("at_risk", 40, "Workshop held in Jakarta; funding for the follow-on delayed", date(2024, 6, 30), wrong.id),
    ]
    timeline = words(page[page.index("Status history</h2>") : page.index("Meetings that discussed it")])
    assert timeline.startswith(
        "Status history As of 30 June 2024 (current) At risk Progress 40% Workshop held in Jakarta; funding for the "
        "follow-on delayed Corrects the update of 30 June 2024 Recorded by Desk Officer"
    )
    assert "Corrected later: see the correction above." in timeline
    assert timeline.count("Correct this update") == 1  # the correction can be corrected, the original not again
    assert current_statuses(area_ids=[trade.id])[trade.id].status == "at_risk"
    # Logged as a new record, by the editor who made it.
    assert entries_since(marker) == [
        ("create", "status_updates", "At risk as of 30 June 2024",
         {"area": [None, "2.1 Trade"], "status": [None, "at_risk"], "progress": [None, 40],
          "note": [None, "Workshop held in Jakarta; funding for the follow-on delayed"], "as_of": [None, "2024-06-30"],
          "author": [None, "Desk Officer"], "is_restricted": [None, False],
          "corrects": [None, "On track as of 30 June 2024"]},
         signed_in.user.id),
    ]


def test_correct_an_action_line_update(signed_in, make, trade):
    line = make.action_line(trade, code="2.1.1", text="Customs cooperation")
    wrong = make.status_update(signed_in.user, action_line=line, status="addressed", as_of=date(2024, 9, 30),
                               note="Customs dialogue concluded")
    link = f"/action-lines/{line.id}/status/new?corrects={wrong.id}"
    assert f'href="{link}"' in signed_in.get(f"/action-lines/{line.id}").get_data(as_text=True)
    page = signed_in.submit(link, {"status": "being_addressed", "note": "Customs dialogue under way"}).get_data(
        as_text=True
    )
    assert "Correction recorded for action line 2.1.1" in page
    assert "Corrects the update of 30 September 2024" in page
    assert stored() == [
        ("addressed", None, "Customs dialogue concluded", date(2024, 9, 30), None),
        ("being_addressed", None, "Customs dialogue under way", date(2024, 9, 30), wrong.id),
    ]


def test_a_correction_form_with_a_problem_saves_nothing(signed_in, trade, wrong):
    page = signed_in.submit(f"/areas/{trade.id}/status/new?corrects={wrong.id}",
                            {"status": "at_risk", "note": " "}).get_data(as_text=True)
    assert page.count("Enter a note about the status") == 2
    assert "Correct the status update of 30 June 2024" in page
    assert len(stored()) == 1


@pytest.mark.parametrize("corrects", ["abc", "", "0", "-1", "99999999999", "123456"])
def test_a_wrong_update_to_correct_is_not_found(signed_in, trade, wrong, corrects):
    assert signed_in.get(f"/areas/{trade.id}/status/new?corrects={corrects}").status_code == 404


def test_an_update_of_another_subject_cannot_be_corrected_here(signed_in, make, trade, wrong):
    other = make.area(trade.plan, trade.pillar, code="2.2", name="Investment")
    line = make.action_line(trade, code="2.1.1")
    assert signed_in.get(f"/areas/{other.id}/status/new?corrects={wrong.id}").status_code == 404
    assert signed_in.get(f"/action-lines/{line.id}/status/new?corrects={wrong.id}").status_code == 404
    response = signed_in.submit(f"/areas/{other.id}/status/new?corrects={wrong.id}",
                                {"status": "at_risk", "note": "Moved"}, page=f"/areas/{other.id}/status/new")
    assert response.status_code == 404
    assert len(stored()) == 1


def test_viewers_cannot_correct(as_role, trade, wrong):
    viewer = as_role("viewer")
    page = viewer.get(f"/areas/{trade.id}").get_data(as_text=True)
    assert "Correct this update" not in page and "Workshop held in Jakarta" in page
    assert viewer.get(f"/areas/{trade.id}/status/new?corrects={wrong.id}").status_code == 403


def test_an_archived_area_offers_no_correction(signed_in, trade, wrong):
    trade.archive()
    db.session.commit()
    assert "Correct this update" not in signed_in.get(f"/areas/{trade.id}").get_data(as_text=True)
    page = signed_in.submit(f"/areas/{trade.id}/status/new?corrects={wrong.id}",
                            {"status": "at_risk", "note": "Funding delayed"}).get_data(as_text=True)
    assert "This area is archived – restore it before recording its status" in page
    assert len(stored()) == 1


def test_the_service_keeps_a_correction_on_its_subject_and_date(app_context, make, trade, wrong):
    other = make.area(trade.plan, trade.pillar, code="2.2", name="Investment")
    with pytest.raises(DomainError, match="not about this area"):
        record_status(wrong.author, StatusDetails(status="at_risk", note="x", as_of=wrong.as_of), area=other,
                      corrects=wrong)
    with pytest.raises(DomainError, match="keeps the date of the update it corrects, 30 June 2024"):
        record_status(wrong.author, StatusDetails(status="at_risk", note="x", as_of=date(2024, 7, 1)), area=trade,
                      corrects=wrong)


def test_no_page_changes_or_removes_a_status_update(app):
    """Status updates are only ever added: no address names one to edit or delete (a correction names the one it
    corrects in its query, and adds a new update). The addresses that name one are its page, and the form that
    attaches files to it (which adds attachments, and leaves the update as it was)."""
    naming = {rule.endpoint for rule in app.url_map.iter_rules()
              if any("update" in name or name.startswith("status") for name in rule.arguments)}
    assert naming == {"attachments.status_update", "attachments.attach_to_status_update"}
    # The API changes other records with PATCH; none of its addresses that change a record is a status update's.
    assert not any({"PUT", "PATCH", "DELETE"} & rule.methods for rule in app.url_map.iter_rules()
                   if "status" in rule.rule)
