"""Two colleagues saving something that may exist once at the same instant, where the page has no field of its own
for it: the first remarks on an area of a report window, and a calendar feed address. Whoever loses gets the page
back with the message at its top and what they typed kept, not a server error; only the winner's is saved."""

import html

from app.common.clashes import CLASHES
from app.extensions import db
from app.models import CalendarFeed, CooperationArea, ReportRemark
from tests.conflicts.racing import filled, form_on, race
from tests.conflicts.test_same_value_at_once import post_of, winner_and_loser
from tests.reports.conftest import history  # noqa: F401  (the hand-worked fixture)

ROUNDS = 3


def test_the_first_remarks_on_an_area_are_saved_once_and_the_other_officer_keeps_the_text(editors, history):  # noqa: F811
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
