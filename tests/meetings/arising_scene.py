"""ASEAN–Pakistan's JSCCs worked out by hand for the matters arising of the 7th: the follow-ups of the 5th, 6th and
7th in every state, status changes before and after 18 September 2024 (the 7th's date) and activities completed
before and after it. Shared by the page, Word and browser tests."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from app.extensions import db
from app.follow_ups.chases import record_chase
from app.models import Meeting, MeetingType, Partnership, Plan, User

HELD_ON_7TH = date(2024, 9, 18)
COMMITMENTS = "Pakistan to host a Pakistan-ASEAN Business Opportunities Conference"
ARCHIVED = datetime(2025, 1, 1, tzinfo=UTC)
AGENDA = """1. Opening remarks by the co-chairs
2. Adoption of the agenda
3. Matters arising from the 7th JSCC
4. Review of the implementation of the Practical Cooperation Areas (2024-2028)
   4.1. Trade (area 2.1)
   4.2. Education and human resource development (area 3.4)
5. Activities completed since the 7th JSCC
6. Way forward
7. Any other business
8. Date and venue of the 9th JSCC
9. Closing remarks"""


@dataclass
class Series:
    partnership: Partnership
    plan: Plan
    officer: User
    fifth: Meeting
    sixth: Meeting
    seventh: Meeting
    call: Meeting


def jscc_series(make) -> Series:
    partnership = make.partnership()
    plan = make.plan(partnership, label="2024-2028")
    officer = make.user(role="editor", email="anna@asean.example", name="Anna Officer")
    security, economic, socio = (make.pillar(plan, name, position) for position, name in
                                 enumerate(("Political-Security", "Economic", "Socio-Cultural"), 1))
    terrorism = make.area(plan, security, code="1.1", name="Counter-terrorism and transnational crime")
    trade = make.area(plan, economic, code="2.1", name="Trade")
    education = make.area(plan, socio, code="3.4", name="Education and human resource development")
    customs = make.action_line(trade, code="2.1.1", text="Customs cooperation")

    jscc = MeetingType.JSCC
    archived = make.meeting(partnership, jscc, date(2008, 6, 3), number=4, archived_at=ARCHIVED)
    fifth = make.meeting(partnership, jscc, date(2011, 5, 31), number=5)
    sixth = make.meeting(partnership, jscc, date(2019, 6, 10), number=6)
    seventh = make.meeting(partnership, jscc, HELD_ON_7TH, number=7, venue="Jakarta", commitments=COMMITMENTS)
    call = make.meeting(partnership, MeetingType.COURTESY_CALL, date(2024, 3, 25))
    office = "Mission of Pakistan to ASEAN"

    make.follow_up(partnership, "From the archived 4th", owner=officer, meeting=archived)
    make.follow_up(partnership, "Send the list of training courses", owner=officer, meeting=fifth,
                   due_on=date(2011, 12, 31))
    make.follow_up(partnership, "Exchange views on the work plan", owner=officer, meeting=fifth, status="done",
                   completed_on=date(2012, 3, 1))
    workshop = make.follow_up(partnership, "Propose a customs workshop", partner_office=office, meeting=sixth,
                              due_on=date(2030, 6, 30), status="in_progress")
    # Chased twice: the later chase is the last, whichever was recorded first.
    record_chase(workshop, date(2025, 2, 10), "note_verbale")
    record_chase(workshop, date(2024, 11, 4), "email")
    db.session.commit()
    make.follow_up(partnership, "Draft a tourism programme", owner=officer, meeting=sixth, status="cancelled",
                   cancelled_on=date(2020, 1, 15))
    make.follow_up(partnership, "Archived from the 6th", owner=officer, meeting=sixth, archived_at=ARCHIVED)
    make.follow_up(partnership, "Circulate the draft work plan", owner=officer, meeting=seventh,
                   due_on=date(2024, 10, 31), status="done", completed_on=date(2024, 11, 5))
    make.follow_up(partnership, "Propose dates for the business conference", partner_office=office, meeting=seventh,
                   due_on=date(2024, 12, 31))
    make.follow_up(partnership, "Nominate focal points", owner=officer, meeting=seventh, status="cancelled",
                   cancelled_on=date(2025, 1, 20))
    make.follow_up(partnership, "Share the training calendar", owner=officer, meeting=seventh,
                   due_on=date(2030, 3, 31), status="awaiting_partner")
    make.follow_up(partnership, "Archived from the 7th", owner=officer, meeting=seventh, archived_at=ARCHIVED)
    make.follow_up(partnership, "Follow-up of the courtesy call", owner=officer, meeting=call)

    def status(subject, value, day):
        kind = "area" if subject is not customs else "action_line"
        make.status_update(officer, **{kind: subject}, status=value, as_of=day)

    status(terrorism, "not_started", date(2024, 2, 1))
    status(terrorism, "on_track", date(2024, 6, 30))  # changed before the 7th: not listed
    status(terrorism, "on_track", date(2025, 1, 10))  # an update after it, but no change
    status(trade, "on_track", date(2024, 6, 30))
    status(trade, "at_risk", date(2025, 2, 1))
    status(customs, "being_addressed", date(2024, 5, 1))
    status(customs, "addressed", date(2025, 4, 10))
    status(education, "on_track", date(2025, 3, 1))

    make.activity(partnership, plan, [customs], title="Training course on banking and finance", state="completed",
                  state_on=date(2024, 8, 1))
    make.activity(partnership, plan, [customs], title="Training programme on cyber security", state="completed",
                  state_on=date(2025, 5, 20))
    make.activity(partnership, plan, [customs], title="Diplomatic course for ASEAN diplomats", state="ongoing",
                  state_on=date(2025, 1, 6))
    gone = make.activity(partnership, plan, [customs], title="Archived course", state="completed",
                         state_on=date(2025, 6, 1))
    gone.archived_at = ARCHIVED
    db.session.commit()
    return Series(partnership, plan, officer, fifth, sixth, seventh, call)
