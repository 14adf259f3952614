"""One-line test data: ``make.plan(partnership, label="2024-2028")``. Each factory commits what it makes.

Defaults follow the ASEAN–Pakistan demo facts so a test reads like the desk's real work.
"""

import itertools
from datetime import date

from app.activities.details import ActivityDetails
from app.activities.services import create_activity
from app.extensions import db
from app.follow_ups.history import record_opening
from app.models import (
    ActionLine,
    CooperationArea,
    FollowUpAction,
    Meeting,
    MeetingType,
    Organisation,
    Partnership,
    PartnershipEvent,
    Person,
    Pillar,
    Plan,
    Position,
    StatusUpdate,
    User,
)

PASSWORD = "correct horse battery"
_numbers = itertools.count(1)


def _save(record):
    db.session.add(record)
    db.session.commit()
    return record


def user(role="editor", email=None, name="Test Officer", password=PASSWORD, **overrides):
    record = User(email=email or f"user{next(_numbers)}@asean.example", name=name, role=role, **overrides)
    record.set_password(password)
    return _save(record)


def organisation(name=None, short_name=None, kind="country", iso_code=None, **overrides):
    n = next(_numbers)
    if kind == "country" and iso_code is None:
        iso_code = f"{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}"
    return _save(Organisation(
        name=name or f"Country {n}", short_name=short_name or f"C{n}", kind=kind, iso_code=iso_code, **overrides
    ))


def asean():
    existing = db.session.query(Organisation).filter_by(short_name="ASEAN").one_or_none()
    return existing or organisation(
        name="Association of Southeast Asian Nations", short_name="ASEAN", kind="regional_organisation", iso_code=""
    )


def person(full_name=None, honorific=None, **overrides):
    return _save(Person(full_name=full_name or f"Person {next(_numbers)}", honorific=honorific, **overrides))


def position(person, organisation, title="Ambassador", starts_on=None, ends_on=None):
    return _save(Position(person=person, organisation=organisation, title=title, starts_on=starts_on, ends_on=ends_on))


def partnership(partner=None, slug=None, status="sectoral_dialogue_partner", since=date(1993, 7, 23), **overrides):
    partner = partner or organisation(name="Islamic Republic of Pakistan", short_name="Pakistan", iso_code="PK")
    record = Partnership(
        organisation=asean(), partner=partner, slug=slug or f"asean-{partner.short_name.lower()}", **overrides
    )
    db.session.add(record)
    if status:
        db.session.add(PartnershipEvent(partnership=record, occurred_on=since, kind="conferred", status=status))
    return _save(record)


def plan(partnership, label="2024-2028", starts_on=date(2024, 1, 1), ends_on=date(2028, 12, 31), state="in_force",
         kind="practical_cooperation_areas", title=None, **overrides):
    return _save(Plan(
        partnership=partnership, label=label, starts_on=starts_on, ends_on=ends_on, state=state, kind=kind,
        title=title or f"Practical Cooperation Areas ({label})", **overrides,
    ))


def pillar(plan, name="Economic", position=0):
    return _save(Pillar(plan=plan, name=name, position=position))


def area(plan, pillar=None, code="2.1", name="Trade", **overrides):
    pillar = pillar or (plan.pillars[0] if plan.pillars else globals()["pillar"](plan))
    return _save(CooperationArea(plan=plan, pillar=pillar, code=code, name=name, **overrides))


def action_line(area, code=None, text="Customs cooperation", **overrides):
    return _save(ActionLine(area=area, code=code or f"{area.code}.{next(_numbers)}", text=text, **overrides))


def status_update(author, *, area=None, action_line=None, status, as_of=date(2024, 6, 30), note="Progress noted",
                  progress=None, **overrides):
    return _save(StatusUpdate(area=area, action_line=action_line, status=status, as_of=as_of, note=note,
                              progress=progress, author=author, **overrides))


def meeting(partnership, type=MeetingType.COURTESY_CALL, held_on=date(2024, 3, 25), number=None, **overrides):
    return _save(Meeting(partnership=partnership, type=type, held_on=held_on, number=number, **overrides))


def follow_up(partnership, title="Share the draft work plan", owner=None, partner_office=None, due_on=None,
              status="open", cancelled_on=None, **overrides):
    """A follow-up with its state history begun as the app begins it: open on ``opened_on``, then done on
    ``completed_on`` or cancelled on ``cancelled_on`` (default: the day it was opened)."""
    if owner is None and partner_office is None and "partner_person" not in overrides:
        partner_office = "Mission of Pakistan to ASEAN"
    record = FollowUpAction(
        partnership=partnership, title=title, owner_user=owner, partner_office=partner_office, due_on=due_on,
        status=status, **overrides,
    )
    if record.opened_on is None:  # as the app dates it: agreed at its meeting, else on the day it was recorded
        record.opened_on = record.meeting.held_on if record.meeting and record.meeting.held_on else date.today()
    record_opening(record, closed_on=cancelled_on)
    return _save(record)


def activity(partnership, plan, lines, title="Training course on banking and finance", kind="training_course",
             state="planned", state_on=None, funding_source="partner", **details):
    """An activity recorded as the app records it, its state history begun on ``state_on`` (default: today, or the
    actual start or end its state implies)."""
    record = create_activity(partnership, ActivityDetails(
        kind=kind, title=title, plan=plan, action_lines=tuple(lines), funding_source=funding_source, **details,
    ), state=state, state_on=state_on)
    db.session.commit()
    return record
