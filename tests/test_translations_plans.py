"""Every visible word of the plan and cooperation-area pages goes through the translations: each page opened in the
pseudo-language of tests/test_translations.py, with data whose every text is between ‹ and ›."""

from datetime import date, timedelta

import pytest

from app.extensions import db
from tests.test_translations import in_pseudo_indonesian, pseudo_app, pseudo_app_made, untranslated

__all__ = ["pseudo_app", "pseudo_app_made"]  # fixtures, found by pytest by their names in this module

TODAY = date.today()

def unmarked(page: str) -> list[str]:
    """The words of ``page`` left unmarked by the plans and areas part."""
    return untranslated(page)


def plan_with_something_on_every_part(make, officer):
    """A plan in force, superseding an earlier one, with two pillars (one empty), an area with a status, action
    lines with and without one, a meeting, an open follow-up past its due date, and an archived area."""
    partnership = make.partnership(make.organisation(name="‹Islamic Republic of Pakistan›", short_name="‹Pakistan›"),
                                   slug="asean-pakistan")
    earlier = make.plan(partnership, label="2019-2023", title="‹Plan of Action 2019›", state="superseded",
                        starts_on=TODAY - timedelta(days=2000), ends_on=TODAY - timedelta(days=900))
    plan = make.plan(partnership, label="2024-2028", title="‹Practical Cooperation Areas›", supersedes=earlier,
                     starts_on=TODAY - timedelta(days=800), ends_on=TODAY + timedelta(days=700))
    economic = make.pillar(plan, name="‹Economic›")
    make.pillar(plan, name="‹Socio-Cultural›", position=1)
    trade = make.area(plan, economic, code="2.1", name="‹Trade›", focal_point="‹Trade Division›",
                      description="‹Customs and standards›")
    customs = make.action_line(trade, code="2.1.1", text="‹Customs cooperation›")
    make.action_line(trade, code="2.1.2", text="‹Standards›")
    first = make.status_update(officer, area=trade, status="at_risk", progress=30, note="‹Slow›",
                               as_of=TODAY - timedelta(days=60))
    make.status_update(officer, area=trade, status="on_track", note="‹Corrected›", as_of=first.as_of, corrects=first)
    make.status_update(officer, action_line=customs, status="being_addressed", note="‹Started›",
                       as_of=TODAY - timedelta(days=30))
    make.meeting(partnership, title="‹Eighth JSCC›", held_on=TODAY - timedelta(days=10), areas=[trade])
    make.follow_up(partnership, title="‹Share the work plan›", owner=officer, area=trade,
                   opened_on=TODAY - timedelta(days=40), due_on=TODAY - timedelta(days=5))
    archived = make.area(plan, economic, code="2.2", name="‹Maritime›")
    archived.archive()
    db.session.commit()
    return plan, trade, customs


@pytest.fixture
def desk(pseudo_app, make):
    visitor = in_pseudo_indonesian(pseudo_app, make)
    plan, area, line = plan_with_something_on_every_part(make, visitor.user)
    return visitor, plan, area, line


def test_every_word_of_the_plan_and_area_pages_is_translated(desk):
    visitor, plan, area, line = desk
    pillar = plan.pillars[0]
    pages = [
        f"/plans/{plan.id}", f"/plans/{plan.id}?archived=1", f"/plans/{plan.id}?sort=status&dir=desc",
        f"/areas/{area.id}", f"/action-lines/{line.id}",
        f"/plans/{plan.id}/edit", f"/plans/{plan.id}/extend", f"/plans/{plan.id}/successor",
        f"/plans/{plan.id}/pillars/new", f"/pillars/{pillar.id}/edit", f"/plans/{plan.id}/status",
        f"/plans/{plan.id}/status/import", f"/plans/{plan.id}/import", f"/plans/{plan.id}/import/file",
        f"/plans/{plan.id}/areas/new", f"/areas/{area.id}/edit", f"/areas/{area.id}/action-lines/new",
        f"/action-lines/{line.id}/edit", f"/areas/{area.id}/status/new", f"/action-lines/{line.id}/status/new",
        f"/partnerships/{plan.partnership.slug}/plans/new",
    ]
    # The status import is checked with the other import pages (tests/test_translations_imports.py), its columns
    # the file's headings, kept in English.
    problems = []
    for path in pages:
        response = visitor.get(path)
        assert response.status_code == 200, path
        page = response.get_data(as_text=True)
        problems.extend((path, text) for text in unmarked(page) if not path.endswith("/status/import"))
    assert problems == [], "\n".join(map(str, sorted(set(problems))))
    assert "⟦Pillars and cooperation areas⟧" in visitor.get(f"/plans/{plan.id}").get_data(as_text=True)


def test_every_word_of_the_forms_with_their_errors_and_messages_is_translated(desk):
    visitor, plan, area, line = desk
    today = {"day": TODAY.day, "month": TODAY.month, "year": TODAY.year}
    refused = [
        visitor.submit(f"/plans/{plan.id}/pillars/new", {"name": "", "position": "many"}),
        visitor.submit(f"/plans/{plan.id}/pillars/new", {"name": "‹Economic›"}),  # already in the plan
        visitor.submit(f"/plans/{plan.id}/areas/new", {"code": "2.1", "name": ""}),
        visitor.submit(f"/areas/{area.id}/action-lines/new", {"code": "2.1.1", "text": "‹Again›"}),  # code used
        visitor.submit(f"/areas/{area.id}/status/new", {f"as_of-{part}": value for part, value in today.items()}),
        visitor.submit(f"/plans/{plan.id}/status", {**{f"as_of-{part}": value for part, value in today.items()},
                                                    f"note_{line.id}": "‹No status chosen›"}),
        visitor.submit(f"/plans/{plan.id}/import", {"structure": ""}),
    ]
    for response in refused:
        page = response.get_data(as_text=True)
        assert "⟦There is a problem⟧" in page
        assert unmarked(page) == [], unmarked(page)
    saved = [
        visitor.submit(f"/plans/{plan.id}/extend", {
            "new_ends_on-day": 31, "new_ends_on-month": 12, "new_ends_on-year": plan.ends_on.year + 2,
            "decision": "‹Agreed at the JSCC›", "decided_on-day": TODAY.day, "decided_on-month": TODAY.month,
            "decided_on-year": TODAY.year}),
        visitor.submit(f"/areas/{area.id}/status/new", {
            "status": "completed", "note": "‹Done›", **{f"as_of-{part}": value for part, value in today.items()}}),
        visitor.submit(f"/plans/{plan.id}/import", {"structure": "1. ‹Security›\n1.1 ‹Counter-terrorism›"}),
    ]
    for response in saved:
        page = response.get_data(as_text=True)
        assert "⟦There is a problem⟧" not in page
        assert unmarked(page) == [], unmarked(page)
    assert "⟦Extensions⟧" in saved[0].get_data(as_text=True)


def test_the_plan_and_area_pages_read_real_indonesian(app, make):
    visitor = in_pseudo_indonesian(app, make)  # the tests' app reads the committed catalogue
    plan, area, _line = plan_with_something_on_every_part(make, visitor.user)
    plan_page = visitor.get(f"/plans/{plan.id}").get_data(as_text=True)
    assert "Pilar dan bidang kerja sama" in plan_page
    assert "Berlaku" in plan_page  # the plan's state, In force
    area_page = visitor.get(f"/areas/{area.id}").get_data(as_text=True)
    assert "Riwayat status" in area_page
