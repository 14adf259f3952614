"""Every word of the partnership, follow-up, activity and My work pages goes through the translations: each page,
with something in every part of it, read in the pseudo-language of tests/test_translations.py."""

from datetime import date, timedelta

import pytest

from app.extensions import db
from app.models import ChaseChannel, FollowUpChase, MeetingType
from tests.conftest import FormFiller
from tests.test_translations import (  # noqa: F401 - the fixtures are found by name
    in_pseudo_indonesian,
    pseudo_app,
    pseudo_app_made,
    untranslated,
)
from tests.translations import compiled_catalogues

#: Test data that cannot be marked: the factories' ASEAN, and a web address.
ELSEWHERE = {"Association of Southeast Asian Nations", "Association of Southeast Asian Nations (ASEAN)",
             "/partnerships/asean-pakistan"}


def ours(left: list[str]) -> list[str]:
    """What is left untranslated, test data aside."""
    return [text for text in left if text not in ELSEWHERE]


def desk_with_a_partnership_in_full(make, officer):
    """ASEAN–‹Pakistan› with a plan in force, a meeting held and one to come, follow-ups (one awaiting the partner and
    chased, one overdue, one done), an activity and a status change; the officer looks after it."""
    today = date.today()
    partner = make.organisation(name="‹Islamic Republic of Pakistan›", short_name="‹Pakistan›")
    pakistan = make.partnership(partner, slug="asean-pakistan", desk_officer=officer)
    plan = make.plan(pakistan, label="2024-2028", title="‹Practical Cooperation Areas›",
                     starts_on=today - timedelta(days=800), ends_on=today + timedelta(days=700))
    pillar = make.pillar(plan, name="‹Economic›")
    trade = make.area(plan, pillar, code="2.1", name="‹Trade›")
    line = make.action_line(trade, text="‹Customs cooperation›")
    held = make.meeting(pakistan, title="‹Courtesy call on the Secretary-General›", held_on=today - timedelta(days=10),
                        venue="‹Jakarta›")
    make.meeting(pakistan, type=MeetingType.JSCC, number=8, title="‹Eighth JSCC›", held_on=today + timedelta(days=1))
    owed = make.follow_up(pakistan, title="‹Confirm the venue›", partner_office="‹Mission of Pakistan›",
                          opened_on=today - timedelta(days=30), due_on=today - timedelta(days=2),
                          status="awaiting_partner", meeting=held)
    db.session.add(FollowUpChase(follow_up=owed, chased_on=today - timedelta(days=1), channel=ChaseChannel.EMAIL,
                                 note="‹Asked again›", recorded_by=officer))
    owed.last_chased_on = today - timedelta(days=1)
    db.session.commit()
    mine = make.follow_up(pakistan, title="‹Share the work plan›", owner=officer, area=trade,
                          opened_on=today - timedelta(days=60), due_on=today + timedelta(days=3))
    make.follow_up(pakistan, title="‹Send the list of delegates›", owner=officer, status="done",
                   opened_on=today - timedelta(days=20), completed_on=today - timedelta(days=3))
    activity = make.activity(pakistan, plan, [line], title="‹Customs workshop›", kind="workshop", state="ongoing",
                             actual_starts_on=today - timedelta(days=4), planned_starts_on=today - timedelta(days=5),
                             planned_ends_on=today + timedelta(days=2), funded_by="‹Cooperation Fund›")
    return pakistan, owed, mine, activity


@pytest.mark.parametrize("role", ["editor", "viewer"])
def test_every_word_of_the_partnership_follow_up_activity_and_my_work_pages_is_translated(pseudo_app, make,  # noqa: F811
                                                                                         role):
    visitor = in_pseudo_indonesian(pseudo_app, make, role)
    pakistan, owed, mine, activity = desk_with_a_partnership_in_full(make, visitor.user)
    paths = [
        "/partnerships/", "/partnerships/?q=nothing", "/partnerships/asean-pakistan",
        "/follow-ups/", "/follow-ups/?status=all&sort=last-chase", "/follow-ups/?q=&overdue=1&mine=1&status=cancelled",
        f"/follow-ups/{owed.id}", f"/follow-ups/{mine.id}",
        "/activities/", "/activities/?state=cancelled", f"/activities/{activity.id}",
        "/my-work",
    ]
    if role == "editor":
        paths += [
            "/partnerships/new", "/partnerships/asean-pakistan/edit", "/partnerships/asean-pakistan/events/new",
            "/follow-ups/new", f"/follow-ups/new?partnership={pakistan.slug}", f"/follow-ups/{mine.id}/edit",
            f"/follow-ups/{mine.id}/status", f"/follow-ups/{owed.id}/chases/new", f"/follow-ups/{mine.id}/chases/new",
            "/activities/new", f"/activities/{activity.id}/edit", f"/activities/{activity.id}/state",
        ]
    for path in paths:
        page = visitor.get(path)
        assert page.status_code == 200, path
        assert ours(untranslated(page.get_data(as_text=True))) == [], path


def test_every_word_of_the_forms_sent_back_with_their_errors_is_translated(pseudo_app, make):  # noqa: F811
    visitor = in_pseudo_indonesian(pseudo_app, make)
    pakistan, owed, mine, activity = desk_with_a_partnership_in_full(make, visitor.user)
    sent_back = [
        visitor.submit("/partnerships/new", {"organisation": "", "partner": "", "notes": "‹x›" * 2000}),
        visitor.submit("/partnerships/asean-pakistan/events/new", {"kind": "", "status": ""}),
        visitor.submit("/follow-ups/new", {"title": "", "partnership_id": "", "action": "save"}),
        visitor.submit(f"/follow-ups/{mine.id}/status", {"status": ""}),
        visitor.submit(f"/follow-ups/{owed.id}/chases/new", {"channel": ""}),
        visitor.submit("/activities/new", {"title": "", "partnership_id": "", "amount": "‹lots›", "action": "save"}),
        visitor.submit(f"/activities/{activity.id}/state", {"state": ""}),
        visitor.submit(f"/activities/{activity.id}/state", {"state": "ongoing"}),  # refused by the service
    ]
    for page in sent_back:
        html = page.get_data(as_text=True)
        assert "⟦There is a problem⟧" in html
        assert ours(untranslated(html)) == []
    assert "⟦Select the partner⟧" in sent_back[0].get_data(as_text=True)
    assert "⟦Select how the partner was chased⟧" in sent_back[4].get_data(as_text=True)
    assert "⟦The activity is already ⟦ongoing⟧ – select another state⟧" in sent_back[7].get_data(as_text=True)
    saved = visitor.submit(f"/follow-ups/{owed.id}/chases/new", {"channel": "call", "note": "‹Rang›"})
    assert ours(untranslated(saved.get_data(as_text=True))) == []
    assert "⟦Chase recorded: %(title)s⟧".replace("%(title)s", "‹Confirm the venue›") in saved.get_data(as_text=True)


def test_the_pages_read_real_indonesian(app, make, tmp_path):
    from app import create_app
    from tests.conftest import IsolatedClient
    indonesian = create_app("testing", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
                            BABEL_TRANSLATION_DIRECTORIES=str(compiled_catalogues(tmp_path)))
    indonesian.test_client_class = IsolatedClient
    officer = make.user(role="editor", email="pejabat@asean.example", language="id")
    desk_with_a_partnership_in_full(make, officer)
    visitor = FormFiller(indonesian.test_client())
    visitor.sign_in(officer)
    with indonesian.app_context():
        from app.extensions import babel
        loaded = babel.domain_instance.cache
    loaded.clear()
    try:
        my_work = visitor.get("/my-work").get_data(as_text=True)
        follow_ups = visitor.get("/follow-ups/").get_data(as_text=True)
        partnership = visitor.get("/partnerships/asean-pakistan").get_data(as_text=True)
    finally:
        loaded.clear()
        with indonesian.app_context():
            db.engine.dispose()
    assert "Pekerjaan saya" in my_work and "Pertemuan minggu ini" in my_work
    assert "Saring tindak lanjut" in follow_ups and "Pengingatan terakhir" in follow_ups
    assert "Tentang kemitraan ini" in partnership and "Riwayat status dan tingkat" in partnership
