"""The records the benchmark opens, chosen with SQL at the start: the heaviest of each kind, so that every page
is measured where it has the most to show."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask import Flask
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import (
    CooperationArea,
    FollowUpAction,
    Meeting,
    MeetingParticipant,
    Partnership,
    Person,
    Plan,
    StatusUpdate,
    User,
)
from app.models.plan import IN_FORCE_STATES
from benchmarks.database import ADMIN_EMAIL


@dataclass(frozen=True)
class Picks:
    partnership_id: int
    partnership_slug: str
    partnership_meetings: int
    plan_id: int
    plan_starts_on: date
    plan_ends_on: date
    area_id: int
    meeting_id: int
    #: The partnership list filtered by its most common status, and the page of it to open.
    partnership_status: str
    partnership_status_page: int
    meetings_last_page: int
    admin_id: int
    #: (side, person id) of two people who attended the partnership's latest meeting, one from each side.
    participants: tuple[tuple[str, int], ...]


def pick(app: Flask, day: date) -> Picks:
    """``day``: the last day of the data; the plan chosen is in force on it."""
    with app.app_context():
        per_page = app.config["PER_PAGE"]
        live = Partnership.archived_at.is_(None)
        meetings = sa.func.count(Meeting.id).label("meetings")
        plan = Plan.archived_at.is_(None) & Plan.state.in_(IN_FORCE_STATES) & (Plan.starts_on <= day) & (
            Plan.ends_on >= day)
        biggest = db.session.execute(
            sa.select(Partnership, meetings, Plan)
            .join(Meeting, Meeting.partnership_id == Partnership.id)
            .join(Plan, (Plan.partnership_id == Partnership.id) & plan)
            .where(live, Meeting.archived_at.is_(None))
            .group_by(Partnership.id, Plan.id)
            .order_by(meetings.desc(), Partnership.id)
            .limit(1)
        ).first()
        if biggest is None:
            raise SystemExit(f"No partnership has meetings and a plan in force on {day}: is the data set loaded?")
        partnership, meeting_count, plan = biggest

        updates = sa.func.count(StatusUpdate.id)
        area_id = db.session.scalar(
            sa.select(CooperationArea.id).outerjoin(StatusUpdate, StatusUpdate.area_id == CooperationArea.id)
            .where(CooperationArea.plan_id == plan.id, CooperationArea.archived_at.is_(None))
            .group_by(CooperationArea.id).order_by(updates.desc(), CooperationArea.id).limit(1)
        )
        follow_ups = sa.func.count(FollowUpAction.id)
        meeting_id = db.session.scalar(
            sa.select(Meeting.id).outerjoin(FollowUpAction, FollowUpAction.meeting_id == Meeting.id)
            .where(Meeting.partnership_id == partnership.id, Meeting.archived_at.is_(None))
            .group_by(Meeting.id).order_by(follow_ups.desc(), Meeting.id).limit(1)
        )
        # A partnership's status is that of its latest event: counted here the way the page shows it.
        statuses = Counter(
            p.status.value for p in db.session.scalars(
                sa.select(Partnership).where(live).options(selectinload(Partnership.events))
            ) if p.status is not None
        )
        status, in_status = statuses.most_common(1)[0]

        def last_page(model) -> int:
            rows = db.session.scalar(sa.select(sa.func.count(model.id)).where(model.archived_at.is_(None)))
            return max(1, math.ceil(rows / per_page))

        admin_id = db.session.scalar(sa.select(User.id).where(User.email == ADMIN_EMAIL))
        return Picks(
            partnership_id=partnership.id, partnership_slug=partnership.slug, partnership_meetings=meeting_count,
            plan_id=plan.id, plan_starts_on=plan.starts_on, plan_ends_on=plan.ends_on, area_id=area_id,
            meeting_id=meeting_id, partnership_status=status,
            partnership_status_page=2 if in_status > per_page else 1,
            meetings_last_page=last_page(Meeting),
            admin_id=admin_id, participants=latest_participants(partnership.id, day),
        )


def latest_participants(partnership_id: int, day: date) -> tuple[tuple[str, int], ...]:
    """One person from our side and one from the partner's, from the partnership's latest meeting up to ``day``."""
    latest = db.session.scalar(
        sa.select(Meeting.id).join(MeetingParticipant)
        .where(Meeting.partnership_id == partnership_id, Meeting.held_on <= day, Meeting.archived_at.is_(None))
        .order_by(Meeting.held_on.desc(), Meeting.id.desc()).limit(1)
    )
    chosen = []
    for side in ("ours", "partner"):
        person_id = db.session.scalar(
            sa.select(MeetingParticipant.person_id).join(Person)
            .where(MeetingParticipant.meeting_id == latest, MeetingParticipant.side == side,
                   Person.archived_at.is_(None))
            .order_by(MeetingParticipant.id).limit(1)
        )
        if person_id is not None:
            chosen.append((side, person_id))
    return tuple(chosen)
