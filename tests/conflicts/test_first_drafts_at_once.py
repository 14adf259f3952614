"""Two colleagues saving something that may exist once at the same instant, where the page has no field of its own
for it: the first remarks on an area of a report window, and a calendar feed address. Whoever loses gets the page
back with the message at its top and what they typed kept, not a server error; only the winner's is saved."""

import html

from app.common.clashes import CLASHES
from app.extensions import db
from app.models import ActionLine, CalendarFeed, CooperationArea, ReportRemark
from tests.conflicts.racing import filled, form_on, race
from tests.conflicts.test_same_value_at_once import post_of, winner_and_loser
from tests.reports.conftest import history, history_copy  # noqa: F401  (the hand-worked fixture, made once)

ROUNDS = 3


def test_the_first_remarks_on_an_area_are_saved_once_and_the_other_officer_keeps_the_text(history, editors):  # noqa: F811
    officer, colleague = editors()
    trade = db.session.scalar(db.select(CooperationArea).filter_by(name="Trade"))
    url = f"/partnerships/asean-pakistan/reports/remarks/{trade.id}?plan={history.id}&window=year&year=2025"
    for round_number in range(ROUNDS):
        db.session.execute(db.delete(ReportRemark))  # each round starts with no draft, as the first save does
        db.session.commit()
        forms = [filled(form_on(who.get(url).get_data(as_text=True), "area-remarks"),
                        area__remarks=f"{who_name} wrote this in round {round_number}.")
                 for who, who_name in ((officer, "The officer"), (colleague, "The colleague"))]
        answers = race(post_of(officer, url, forms[0]), post_of(colleague, url, forms[1]))

        saved, refused = winner_and_loser(answers)
        assert CLASHES["uq_report_remarks_one_per_area"].message in html.unescape(refused)
        winner = "The officer" if answers[0] is saved else "The colleague"
        loser = "The colleague" if winner == "The officer" else "The officer"
        assert f"{loser} wrote this in round {round_number}." in refused
        db.session.expire_all()
        assert [draft.remarks for draft in db.session.scalars(db.select(ReportRemark))] == [
            f"{winner} wrote this in round {round_number}."]


def test_a_feed_address_made_from_two_pages_at_once_is_made_once(editors):
    """The first time, both find no address and the database refuses the second new one; later, both revoke the
    address there is and the second finds it revoked already (the page that says the record changed meanwhile)."""
    officer, _colleague = editors()
    url = "/account/calendar"
    for round_number in range(ROUNDS):
        forms = [form_on(officer.get(url).get_data(as_text=True), "csrf_token") for _ in range(2)]
        answers = race(post_of(officer, url, forms[0]), post_of(officer, url, forms[1]))

        assert sorted(answer.status_code for answer in answers) == sorted([302, 200 if round_number == 0 else 409])
        refused = next(answer for answer in answers if answer.status_code != 302).get_data(as_text=True)
        if round_number == 0:
            assert CLASHES["uq_calendar_feeds_live_user_id"].message in html.unescape(refused)
            assert "There is a problem" in refused
        db.session.expire_all()
        assert db.session.scalar(db.select(db.func.count()).select_from(CalendarFeed)
                                 .where(CalendarFeed.archived_at.is_(None))) == 1


def test_remarks_left_as_they_were_do_not_take_the_place_of_a_colleagues(history, editors):  # noqa: F811
    """Both open Trade's remarks; the colleague writes on 2.1.2 and saves; the officer writes on 2.1.1 only and
    saves: both are kept, with no conflict. Then both write on 2.1.1: the second to save gets the page back."""
    officer, colleague = editors()
    trade = db.session.scalar(db.select(CooperationArea).filter_by(name="Trade"))
    first, second = (db.session.scalar(db.select(ActionLine).filter_by(code=code)) for code in ("2.1.1", "2.1.2"))
    url = f"/partnerships/asean-pakistan/reports/remarks/{trade.id}?plan={history.id}&window=year&year=2025"
    mine, theirs = (form_on(who.get(url).get_data(as_text=True), "area-remarks") for who in (officer, colleague))
    assert colleague.client.post(url, data=filled(theirs, **{f"line_{second.id}__remarks": "Colleague on 2.1.2."})
                                 ).status_code == 302
    assert officer.client.post(url, data=filled(mine, **{f"line_{first.id}__remarks": "Officer on 2.1.1."})
                               ).status_code == 302
    db.session.expire_all()
    assert {draft.action_line.code: draft.remarks for draft in db.session.scalars(db.select(ReportRemark))} == {
        "2.1.1": "Officer on 2.1.1.", "2.1.2": "Colleague on 2.1.2."}

    mine, theirs = (form_on(who.get(url).get_data(as_text=True), "area-remarks") for who in (officer, colleague))
    assert colleague.client.post(url, data=filled(theirs, **{f"line_{first.id}__remarks": "Colleague now."})
                                 ).status_code == 302
    refused = officer.client.post(url, data=filled(mine, **{f"line_{first.id}__remarks": "Officer now."}))
    assert refused.status_code == 409
    page = html.unescape(refused.get_data(as_text=True))
    assert "Someone else changed the remarks on 2.1.1 while you were writing" in page
    assert "Officer now." in page and "Colleague now." in page


def test_a_clash_on_a_form_without_the_field_it_names_says_so_without_an_empty_name(app, app_context, make):
    """An import has no "name" field: a pillar name taken at the same moment is told in words that need none."""
    import pytest
    from sqlalchemy.exc import IntegrityError

    from app.common.clashes import as_refusal
    from app.common.forms import ConfirmForm
    from app.models import Pillar

    plan = make.plan(make.partnership())
    make.pillar(plan, name="Economic")
    db.session.add(Pillar(plan=plan, name="Economic", position=1))
    with pytest.raises(IntegrityError) as refused:
        db.session.flush()
    db.session.rollback()
    with app.test_request_context():
        refusal = as_refusal(refused.value, ConfirmForm(meta={"csrf": False}))
    assert refusal is not None and refusal.field is None
    assert refusal.message == ("Someone saved the same record at the same moment – check what is there now, then "
                               "try again")
