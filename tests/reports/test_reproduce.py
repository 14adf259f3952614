"""An issued report checked against the data: counted again from the data as it stood when it was issued, every
figure comes out the same, whatever was backdated, archived, closed or moved since; and where the data was changed
in a way history does not keep, the check says which figure moved and by how much.

The report is the 2025 report of the fixed history in conftest.py (worked out in test_period_figures.py): at its
end 4 of 6 action lines being addressed or addressed, 2 meetings held (the call of 25 March and the 8th JSCC; the
call of 1 June is archived, the 6th JSCC undated), F3 and F4 open at the end.
"""

from datetime import date

import sqlalchemy as sa

from app.extensions import db
from app.models import ActionLine, FollowUpAction, IssuedReport, Meeting
from tests.follow_ups.report_helpers import status_form
from tests.plans.helpers import date_fields
from tests.reports.test_report_pages import YEAR_2025, issue, report_url

SAME = "Every figure comes out the same"


def issued_2025(signed_in, plan) -> IssuedReport:
    assert issue(signed_in, plan, **YEAR_2025).status_code == 200
    return db.session.scalars(sa.select(IssuedReport)).one()


def check(signed_in, report: IssuedReport) -> str:
    return signed_in.get(f"/reports/{report.id}/check").get_data(as_text=True)


def line(code: str) -> ActionLine:
    return db.session.scalars(sa.select(ActionLine).where(ActionLine.code == code)).one()


def test_what_was_entered_after_the_issue_leaves_the_issued_figures_as_they_were(history, signed_in, make):
    report = issued_2025(signed_in, history)
    assert SAME in check(signed_in, report)
    # Then, each a change the live report for 2025 does see:
    # 2.1.3, with no status, marked addressed as of 1 June 2025: 5 of 6 at the end.
    signed_in.submit(f"/action-lines/{line('2.1.3').id}/status/new", {
        "status": "addressed", "progress": "", "note": "Signed in June", **date_fields("as_of", date(2025, 6, 1))})
    # F3, open at the end of 2025, recorded as done on 1 June 2025.
    f3 = db.session.scalars(sa.select(FollowUpAction).where(FollowUpAction.title == "F3")).one()
    signed_in.submit(f"/follow-ups/{f3.id}/status", {**status_form("done", date(2025, 6, 1)), "version": f3.version})
    # The call of 25 March 2024 found to have been held on 3 February 2025: a third meeting in 2025.
    earlier = db.session.scalars(sa.select(Meeting).where(Meeting.held_on == date(2024, 3, 25))).one()
    earlier.held_on = date(2025, 2, 3)
    # And the 8th JSCC of 1 October 2025 held on 10 January 2026 in the end: out of 2025 (each meeting's date is
    # taken as it stood then, not another's).
    jscc = db.session.scalars(sa.select(Meeting).where(Meeting.held_on == date(2025, 10, 1))).one()
    jscc.held_on = date(2026, 1, 10)
    # A follow-up agreed on 1 May 2025, recorded only now.
    make.follow_up(history.partnership, title="F7", opened_on=date(2025, 5, 1), due_on=date(2025, 9, 30))
    # 2.2.1 (addressed) archived today.
    signed_in.submit(f"/action-lines/{line('2.2.1').id}/archive", {}, follow=False)
    db.session.commit()

    live = signed_in.get(report_url(history, **YEAR_2025)).get_data(as_text=True)
    assert "<strong>5 of 6 (83%)</strong> at the end" in live
    page = check(signed_in, report)
    assert SAME in page and "no longer come out the same" not in page


def test_a_change_history_does_not_keep_is_named_with_the_figure_it_moved(history, signed_in):
    report = issued_2025(signed_in, history)
    earlier = db.session.scalars(sa.select(Meeting.id).where(Meeting.held_on == date(2024, 3, 25))).one()
    # Written around the app: no audit entry says the date was ever different.
    with db.engine.begin() as connection:
        connection.execute(sa.update(Meeting.__table__).where(Meeting.__table__.c.id == earlier)
                           .values(held_on=date(2025, 2, 3)))
    page = check(signed_in, report)
    assert SAME not in page and "no longer come out the same" in page
    assert '<tr><th scope="row">Meetings held in all</th><td>2</td><td>3</td></tr>' in page
    # The meeting that is now counted is named, once; the meetings after it are not each called different.
    now_counted = '<tr><th scope="row">Meetings held › Courtesy call</th><td>not listed</td><td>listed</td></tr>'
    assert page.count(now_counted) == 1
    assert '<tr><th scope="row">Meetings by month › 2025-02</th><td>not listed</td><td>listed</td></tr>' in page
