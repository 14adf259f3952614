"""Archiving hides an area or action line from today's pages; a figure as of an earlier day stays as it was.

The plan, worked by hand: plan 2021-2028 (in force), every status dated 1 June 2021.
  2.1 Trade (Economic): 10 lines; 2.1.1-2.1.4 addressed, 2.1.5-2.1.7 being addressed, 2.1.8-2.1.10 no status.
  2.2 Investment (Economic): 14 lines; 2.2.1-2.2.6 being addressed, the other 8 no status.
  3.1 Culture (Socio-Cultural): 2 lines, no status.
  -> 26 lines, 7 + 6 = 13 being addressed or addressed (50%), 4 addressed (15%).
Archive the addressed line 2.1.1 today: 12 of 25 (48%), addressed 3 of 25 (12%).
Archive Culture as well: 12 of 23 (12 / 23 = 52.2% -> 52%), addressed 3 of 23 (13.0% -> 13%).
"""

from datetime import UTC, date, datetime
from html import unescape

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import AuditAction, AuditEntry

STATUS_DAY = date(2021, 6, 1)


class Desk:
    def __init__(self, make):
        author = make.user(name="Nur Aisyah", email="nur.aisyah@asean.example")
        self.partnership = make.partnership()
        self.plan = make.plan(self.partnership, label="2021-2028", starts_on=date(2021, 1, 1))
        economic = make.pillar(self.plan, "Economic", position=1)
        socio = make.pillar(self.plan, "Socio-Cultural", position=2)
        self.trade = make.area(self.plan, economic, code="2.1", name="Trade", position=1)
        self.investment = make.area(self.plan, economic, code="2.2", name="Investment", position=2)
        self.culture = make.area(self.plan, socio, code="3.1", name="Culture", position=3)
        self.lines = {}
        for area, count, statuses in (
            (self.trade, 10, ["addressed"] * 4 + ["being_addressed"] * 3),
            (self.investment, 14, ["being_addressed"] * 6),
            (self.culture, 2, []),
        ):
            for number in range(1, count + 1):
                code = f"{area.code}.{number}"
                line = self.lines[code] = make.action_line(area, code=code, text=f"Action line {code}")
                if number <= len(statuses):
                    make.status_update(author, action_line=line, status=statuses[number - 1], as_of=STATUS_DAY)
        db.session.commit()


@pytest.fixture
def desk(make):
    return Desk(make)


def window_report(visitor, desk) -> str:
    """The live period report for 1 January 2022 to 21 February 2022."""
    args = {"plan": desk.plan.id, "window": "dates", "starts_on-day": "1", "starts_on-month": "1",
            "starts_on-year": "2022", "ends_on-day": "21", "ends_on-month": "2", "ends_on-year": "2022"}
    query = "&".join(f"{key}={value}" for key, value in args.items())
    return visitor.get(f"/partnerships/{desk.partnership.slug}/reports/period?{query}").get_data(as_text=True)


def portfolio(visitor, day: date) -> str:
    url = f"/reports/portfolio?as_of-day={day.day}&as_of-month={day.month}&as_of-year={day.year}&status=&level=&pillar="
    return visitor.get(url).get_data(as_text=True)


def plan_page(visitor, desk) -> str:
    return unescape(visitor.get(f"/plans/{desk.plan.id}").get_data(as_text=True))


def headline(covered: int, total: int, percent: int, addressed: int, addressed_percent: int) -> str:
    return (f"{covered} out of {total} ({percent}%) action lines are being addressed or have been addressed; "
            f"addressed only: {addressed} of {total} ({addressed_percent}%)")


def archive(visitor, url: str) -> None:
    assert visitor.submit(f"{url}/archive", {}, follow=False).status_code == 302


def restore(visitor, url: str) -> None:
    assert visitor.submit(f"{url}/restore", {}, page=url, follow=False).status_code == 302


def test_archiving_today_leaves_the_figures_as_of_an_earlier_day_as_they_were(signed_in, desk):
    assert "<strong>13 of 26 (50%)</strong> at the end" in window_report(signed_in, desk)
    assert "Across them, 13 of 26 (50%) action lines" in portfolio(signed_in, date(2022, 2, 21))
    assert headline(13, 26, 50, 4, 15) in plan_page(signed_in, desk)

    trade = f"/areas/{desk.trade.id}"
    assert "Being addressed or addressed: <strong>7 of 10 (70%)</strong>" in signed_in.get(trade).get_data(as_text=True)

    archive(signed_in, f"/action-lines/{desk.lines['2.1.1'].id}")
    assert headline(12, 25, 48, 3, 12) in plan_page(signed_in, desk)
    # Trade today: 9 lines, 3 addressed + 3 being addressed = 6 (66.7% -> 67%).
    assert "Being addressed or addressed: <strong>6 of 9 (67%)</strong>" in signed_in.get(trade).get_data(as_text=True)
    assert "<strong>13 of 26 (50%)</strong> at the end" in window_report(signed_in, desk)
    assert "Across them, 13 of 26 (50%) action lines" in portfolio(signed_in, date(2022, 2, 21))

    archive(signed_in, f"/areas/{desk.culture.id}")
    assert headline(12, 23, 52, 3, 13) in plan_page(signed_in, desk)
    assert "Across them, 12 of 23 (52%) action lines" in portfolio(signed_in, date.today())
    report = window_report(signed_in, desk)
    assert "<strong>13 of 26 (50%)</strong> at the end" in report and "13 of 26 (50%) at the start" in report
    assert "Across them, 13 of 26 (50%) action lines" in portfolio(signed_in, date(2022, 2, 21))

    # Restored today, Culture's 2 lines count again from today; the earlier figures never moved.
    restore(signed_in, f"/areas/{desk.culture.id}")
    assert headline(12, 25, 48, 3, 12) in plan_page(signed_in, desk)
    assert "<strong>13 of 26 (50%)</strong> at the end" in window_report(signed_in, desk)
    assert "Across them, 13 of 26 (50%) action lines" in portfolio(signed_in, date(2022, 2, 21))


def archived_on_1_march_2022(line, *, logged: bool) -> None:
    """Archive ``line`` as it was on 1 March 2022, with an entry in the audit log then, or from before there was
    one (no entry, only ``archived_at``). Written in SQL so that the audit log does not date it today."""
    moment = datetime(2022, 3, 1, 9, 30, tzinfo=UTC)
    db.session.execute(sa.update(type(line)).where(type(line).id == line.id).values(archived_at=moment))
    if logged:
        db.session.add(AuditEntry(action=AuditAction.ARCHIVE, record_type="action_lines", record_id=line.id,
                                  record_label=str(line), occurred_at=moment,
                                  changes={"archived_at": [None, moment.isoformat()]}))
    db.session.commit()


def test_a_restore_brings_a_line_back_only_from_the_day_of_the_restore(signed_in, desk):
    line = desk.lines["2.1.2"]  # addressed
    archived_on_1_march_2022(line, logged=True)
    assert "Across them, 13 of 26 (50%) action lines" in portfolio(signed_in, date(2022, 2, 28))
    assert "Across them, 12 of 25 (48%) action lines" in portfolio(signed_in, date(2022, 3, 1))

    restore(signed_in, f"/action-lines/{line.id}")
    # Between the archive and today's restore it was out of use: the figure as of 1 June 2022 stays 12 of 25.
    assert "Across them, 12 of 25 (48%) action lines" in portfolio(signed_in, date(2022, 6, 1))
    assert "Across them, 13 of 26 (50%) action lines" in portfolio(signed_in, date.today())
    assert headline(13, 26, 50, 4, 15) in plan_page(signed_in, desk)


def test_a_line_archived_before_the_audit_log_counts_until_its_archived_at(signed_in, desk):
    archived_on_1_march_2022(desk.lines["2.1.2"], logged=False)
    assert "<strong>13 of 26 (50%)</strong> at the end" in window_report(signed_in, desk)
    assert "Across them, 13 of 26 (50%) action lines" in portfolio(signed_in, date(2022, 2, 28))
    assert "Across them, 12 of 25 (48%) action lines" in portfolio(signed_in, date(2022, 3, 1))
    assert headline(12, 25, 48, 3, 12) in plan_page(signed_in, desk)


def test_the_archive_pages_say_what_archiving_does_to_figures_and_offer_discontinued(signed_in, desk):
    line = desk.lines["2.1.1"]
    page = unescape(signed_in.get(f"/action-lines/{line.id}/archive").get_data(as_text=True))
    assert "Figures as of an earlier day, and reports already issued, stay as they were" in page
    assert f'href="/action-lines/{line.id}/status/new">record its status as “Discontinued”' in page

    page = unescape(signed_in.get(f"/areas/{desk.culture.id}/archive").get_data(as_text=True))
    assert "this area and all its action lines leave coverage" in page
    assert f'href="/plans/{desk.plan.id}/status">record the status of its action lines as “Discontinued”' in page
