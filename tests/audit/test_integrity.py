"""A record with dependants cannot be removed, even straight in the database: nothing is left orphaned.

The interface only archives; these tests go round it, as a script or a console session might.
"""

from datetime import date

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.meetings.services import add_participant
from app.models import (
    ActionLine,
    CooperationArea,
    FollowUpAction,
    Meeting,
    Organisation,
    Partnership,
    Person,
    Plan,
    StatusUpdate,
    User,
)


def _partnership_with_plan(make):
    partnership = make.partnership()
    make.plan(partnership)
    return partnership, Plan


def _partnership_with_meeting(make):
    partnership = make.partnership()
    make.meeting(partnership)
    return partnership, Meeting


def _partnership_with_follow_up(make):
    partnership = make.partnership()
    make.follow_up(partnership)
    return partnership, FollowUpAction


def _organisation_with_partnership(make):
    partnership = make.partnership()
    return partnership.partner, Partnership


def _plan_with_area(make):
    area = make.area(make.plan(make.partnership()))
    return area.plan, CooperationArea


def _area_with_action_line(make):
    line = make.action_line(make.area(make.plan(make.partnership())))
    return line.area, ActionLine


def _area_with_status_update(make):
    area = make.area(make.plan(make.partnership()))
    make.status_update(make.user(), area=area, status="on_track")
    return area, StatusUpdate


def _action_line_with_status_update(make):
    line = make.action_line(make.area(make.plan(make.partnership())))
    make.status_update(make.user(), action_line=line, status="addressed")
    return line, StatusUpdate


def _meeting_with_follow_up(make):
    partnership = make.partnership()
    meeting = make.meeting(partnership)
    make.follow_up(partnership, meeting=meeting)
    return meeting, FollowUpAction


def _person_with_position(make):
    person = make.person()
    make.position(person, make.organisation(), starts_on=date(2024, 1, 1))
    return person, Person


def _person_at_a_meeting(make):
    meeting = make.meeting(make.partnership())
    person = make.person()
    add_participant(meeting, side="partner", role="member", person=person)
    db.session.commit()
    return person, Meeting


def _user_with_status_updates(make):
    user = make.user()
    make.status_update(user, area=make.area(make.plan(make.partnership())), status="on_track")
    return user, StatusUpdate


PAIRS = {
    "partnership with plans": _partnership_with_plan,
    "partnership with meetings": _partnership_with_meeting,
    "partnership with follow-ups": _partnership_with_follow_up,
    "organisation in a partnership": _organisation_with_partnership,
    "plan with cooperation areas": _plan_with_area,
    "area with action lines": _area_with_action_line,
    "area with status history": _area_with_status_update,
    "action line with status history": _action_line_with_status_update,
    "meeting with follow-ups": _meeting_with_follow_up,
    "person with positions": _person_with_position,
    "person who attended a meeting": _person_at_a_meeting,
    "user who recorded statuses": _user_with_status_updates,
}


@pytest.mark.parametrize("pair", PAIRS)
def test_a_parent_with_dependants_cannot_be_deleted(make, pair):
    parent, child_model = PAIRS[pair](make)
    model, key = type(parent), parent.id
    children = db.session.scalar(sa.select(sa.func.count()).select_from(child_model))
    with pytest.raises(IntegrityError):
        db.session.execute(sa.delete(model).where(model.id == key))
        db.session.flush()
    db.session.rollback()
    assert db.session.get(model, key) is not None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(child_model)) == children


def test_audit_entries_keep_their_user(make):
    """An officer whose changes are logged cannot be removed either; deactivate them instead."""
    user = make.user()
    partnership = make.partnership()
    from app.models import AuditEntry

    db.session.add(AuditEntry(user_id=user.id, action="update", record_type="partnerships",
                              record_id=partnership.id, record_label="ASEAN–Pakistan", changes={}))
    db.session.commit()
    with pytest.raises(IntegrityError):
        db.session.execute(sa.delete(User).where(User.id == user.id))
    db.session.rollback()
    assert db.session.get(User, user.id) is not None


def test_organisation_without_dependants_can_still_be_removed_in_the_database(make):
    """The guard is the dependants, not a blanket ban: a mistaken record with nothing hanging on it can go."""
    stray = make.organisation(name="Typo Republic", short_name="Typo")
    db.session.execute(sa.delete(Organisation).where(Organisation.id == stray.id))
    db.session.commit()
    assert db.session.get(Organisation, stray.id) is None
