"""Small helpers for plan and area tests: typing a date into three boxes, finding a message beside its field,
counting SQL statements."""

import html
import re
from contextlib import contextmanager
from datetime import UTC, date, datetime

import sqlalchemy as sa

from app.extensions import db
from app.models import StatusUpdate


def date_fields(name: str, value: date | None = None, *, day="", month="", year="") -> dict:
    """The three boxes of a date input, from a date or from raw text."""
    if value is not None:
        day, month, year = value.day, value.month, value.year
    return {f"{name}-day": str(day), f"{name}-month": str(month), f"{name}-year": str(year)}


def kept(page: str, name: str, value: date) -> bool:
    """Whether the three boxes of the date ``name`` still hold ``value`` as typed."""
    return all(re.search(rf'name="{name}-{part}"[^>]*value="{typed}"', page)
               for part, typed in (("day", value.day), ("month", value.month), ("year", value.year)))


def beside(page: str, field: str, message: str) -> bool:
    """Whether ``message`` is the error shown next to the field ``field`` (not only in the summary)."""
    shown = rf'<p id="{field}-error"[^>]*>\s*<span class="visually-hidden">Error:</span> {re.escape(message)}</p>'
    return re.search(shown, page) is not None


@contextmanager
def count_statements():
    """Count the SQL statements sent to the database inside the block: ``with count_statements() as n: ...``."""
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)


#: The day overdue follow-ups and upcoming meetings are judged on in the implementation fixture.
FIXED_TODAY = date(2025, 6, 30)


def fix_today(monkeypatch) -> date:
    """Judge overdue follow-ups and upcoming meetings on ``FIXED_TODAY``."""
    from app.follow_ups import services as follow_up_services

    monkeypatch.setattr(follow_up_services, "today", lambda: FIXED_TODAY)
    return FIXED_TODAY


class ImplementationDesk:
    """A small plan whose coverage, meetings and follow-ups the tests work out by hand.

    Pillars: Political-Security (position 1), Economic (position 2).
      1.1 Counter-terrorism: 1.1.1 addressed (1 Apr 2025); 1.1.2 no status.
      2.1 Trade:  2.1.1 not yet addressed (1 Mar 2024), then being addressed (30 Sep 2024);
                  2.1.2 addressed (31 Jan 2025), then a backdated "being addressed" (1 Dec 2024) that does not
                        replace it;
                  2.1.3 not yet addressed (1 Mar 2024); 2.1.4 discontinued (1 Mar 2025);
                  2.1.5 archived (addressed), left out.
      2.2 Investment: 2.2.1 and 2.2.2 being addressed (1 Feb 2025); 2.2.3 no status.
      2.9 Old area (archived), its line 2.9.1 addressed: left out.
    Area statuses: Trade at risk (30 Sep 2024) then on track (31 Mar 2025, by Nur Aisyah, 40%).
    Meetings on Trade: courtesy call (25 Mar 2024), 8th JSCC (20 May 2025), an upcoming 9th JSCC (15 Jul 2025)
      and an archived meeting (1 Jun 2025); the 8th JSCC also discussed Investment.
    Follow-ups on Trade: open due 1 Jun 2025 (overdue on 30 Jun 2025); in progress due 31 Jul 2025; awaiting
      partner with no due date; done; archived and overdue (left out).
    """

    def __init__(self, make, monkeypatch):
        from app.models import MeetingType

        fix_today(monkeypatch)
        self.author = make.user(name="Nur Aisyah", email="nur.aisyah@asean.example")
        self.partnership = make.partnership()
        self.plan = make.plan(self.partnership)
        self.political = make.pillar(self.plan, "Political-Security", position=1)
        self.economic = make.pillar(self.plan, "Economic", position=2)
        self.counter_terrorism = make.area(self.plan, self.political, code="1.1", name="Counter-terrorism")
        self.trade = make.area(self.plan, self.economic, code="2.1", name="Trade", position=1)
        self.investment = make.area(self.plan, self.economic, code="2.2", name="Investment", position=2)
        archived_at = datetime(2025, 1, 1, tzinfo=UTC)
        old = make.area(self.plan, self.economic, code="2.9", name="Old area", position=9, archived_at=archived_at)

        def line(area, code, *updates, **extra):
            record = make.action_line(area, code=code, text=f"Action line {code}", **extra)
            for status, as_of in updates:
                make.status_update(self.author, action_line=record, status=status, as_of=as_of)
            return record

        line(self.counter_terrorism, "1.1.1", ("addressed", date(2025, 4, 1)))
        line(self.counter_terrorism, "1.1.2")
        self.customs = line(
            self.trade, "2.1.1", ("not_yet_addressed", date(2024, 3, 1)), ("being_addressed", date(2024, 9, 30))
        )
        line(self.trade, "2.1.2", ("addressed", date(2025, 1, 31)), ("being_addressed", date(2024, 12, 1)))
        line(self.trade, "2.1.3", ("not_yet_addressed", date(2024, 3, 1)))
        line(self.trade, "2.1.4", ("discontinued", date(2025, 3, 1)))
        line(self.trade, "2.1.5", ("addressed", date(2025, 1, 1)), archived_at=archived_at)
        line(self.investment, "2.2.1", ("being_addressed", date(2025, 2, 1)))
        line(self.investment, "2.2.2", ("being_addressed", date(2025, 2, 1)))
        line(self.investment, "2.2.3")
        line(old, "2.9.1", ("addressed", date(2025, 1, 1)))

        make.status_update(self.author, area=self.trade, status="at_risk", as_of=date(2024, 9, 30),
                           note="Funding delayed")
        make.status_update(self.author, area=self.trade, status="on_track", as_of=date(2025, 3, 31),
                           note="Workshop held in Jakarta", progress=40)

        self.courtesy_call = make.meeting(self.partnership, held_on=date(2024, 3, 25), areas=[self.trade])
        self.jscc = make.meeting(self.partnership, type=MeetingType.JSCC, number=8, held_on=date(2025, 5, 20),
                                 areas=[self.trade, self.investment])
        self.upcoming = make.meeting(self.partnership, type=MeetingType.JSCC, number=9, held_on=date(2025, 7, 15),
                                     areas=[self.trade])
        make.meeting(self.partnership, held_on=date(2025, 6, 1), title="Cancelled call", areas=[self.trade],
                     archived_at=archived_at)

        self.overdue = make.follow_up(self.partnership, title="Send the customs contact list", area=self.trade,
                                      due_on=date(2025, 6, 1))
        make.follow_up(self.partnership, title="Draft the trade work plan", area=self.trade, status="in_progress",
                       due_on=date(2025, 7, 31))
        make.follow_up(self.partnership, title="Confirm the workshop venue", area=self.trade,
                       status="awaiting_partner")
        make.follow_up(self.partnership, title="Share the meeting report", area=self.trade, status="done",
                       due_on=date(2025, 5, 1), completed_on=date(2025, 4, 30))
        make.follow_up(self.partnership, title="Old request", area=self.trade, due_on=date(2025, 1, 1),
                       archived_at=archived_at)


def line_updates(plan) -> list[tuple]:
    db.session.expire_all()
    rows = db.session.scalars(
        db.select(StatusUpdate).where(StatusUpdate.action_line_id.in_([line.id for line in plan.lines.values()]))
        .order_by(StatusUpdate.id)
    )
    return [(u.action_line.code, u.status, u.note, u.as_of, u.author.name) for u in rows]


def batch_form(plan, as_of=date(2025, 5, 20), **changes) -> dict:
    """``changes``: line code with dots as underscores -> (status, note)."""
    data = date_fields("as_of", as_of) if as_of else date_fields("as_of")
    for code, line in plan.lines.items():
        status, note = changes.get(code.replace(".", "_"), ("", ""))
        data[f"status_{line.id}"], data[f"note_{line.id}"] = status, note
    return data


def plain(fragment: str) -> str:
    """The words of an HTML fragment as a screen reader reads them (hidden words too), spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split()).replace(" ,", ",")


def area_row(page: str, area) -> dict[str, str]:
    """The cells of an area's row in the plan page's table, by their column's heading, as plain words."""
    link = page.index(f'id="area-{area.id}"')
    row = page[page.rindex("<tr", 0, link) : page.index("</tr>", link)]
    return {label: plain(cell) for label, cell in
            re.findall(r'<t[hd] [^>]*data-label="([^"]+)"[^>]*>(.*?)</t[hd]>', row, flags=re.S)}


def area_order(page: str) -> list[str]:
    """The areas of the plan page's table from top to bottom, as "code name"."""
    return [plain(name) for name in re.findall(r'<a class="fw-bold" href="/areas/\d+" id="area-\d+">(.*?)</a>', page)]
