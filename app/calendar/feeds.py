"""What each feed holds: reads only.

A feed covers ``CALENDAR_PAST_DAYS`` back from today and everything ahead. An archived meeting or follow-up stays in
it as cancelled for ``CALENDAR_CANCELLED_DAYS`` after it was archived, so a calendar app that read it before strikes
it out rather than keeping a stale entry; after that it leaves the feed.

An officer's own feed follows the home page's "My follow-ups": the follow-ups they own, with the meetings those
follow-ups came from, and the meetings they logged themselves (the audit log says who created each meeting).
"""

from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import InstrumentedAttribute, joinedload

from app.calendar.events import Feed
from app.extensions import db
from app.models import AuditAction, AuditEntry, FollowUpAction, Meeting, Partnership, User, utcnow

MEETINGS = Meeting.__tablename__
FOLLOW_UPS = FollowUpAction.__tablename__


def _shown(model: type[Meeting] | type[FollowUpAction], day: InstrumentedAttribute[date | None],
           today: date) -> sa.ColumnElement[bool]:
    """Dated within the window, and in use or archived lately."""
    since = utcnow() - timedelta(days=current_app.config["CALENDAR_CANCELLED_DAYS"])
    return sa.and_(
        day.is_not(None), day >= today - timedelta(days=current_app.config["CALENDAR_PAST_DAYS"]),
        sa.or_(model.archived_at.is_(None), model.archived_at >= since),
    )


def _meetings(where: sa.ColumnElement[bool], today: date) -> list[Meeting]:
    query = (sa.select(Meeting).where(where, _shown(Meeting, Meeting.held_on, today))
             .options(joinedload(Meeting.partnership).joinedload(Partnership.organisation),
                      joinedload(Meeting.partnership).joinedload(Partnership.partner))
             .order_by(Meeting.held_on, Meeting.id))
    return list(db.session.scalars(query))


def _follow_ups(where: sa.ColumnElement[bool], today: date) -> list[FollowUpAction]:
    query = (sa.select(FollowUpAction).where(where, _shown(FollowUpAction, FollowUpAction.due_on, today))
             .options(joinedload(FollowUpAction.partnership).joinedload(Partnership.organisation),
                      joinedload(FollowUpAction.partnership).joinedload(Partnership.partner),
                      joinedload(FollowUpAction.owner_user), joinedload(FollowUpAction.partner_person))
             .order_by(FollowUpAction.due_on, FollowUpAction.id))
    return list(db.session.scalars(query))


def changed_at(meetings: list[Meeting], follow_ups: list[FollowUpAction]) -> dict[tuple[str, int], datetime]:
    """When each record was last saved, from the audit log (the records keep no such column of their own)."""
    wanted = [(MEETINGS, [m.id for m in meetings]), (FOLLOW_UPS, [a.id for a in follow_ups])]
    found: dict[tuple[str, int], datetime] = {}
    for table, ids in wanted:
        if not ids:
            continue
        rows = db.session.execute(
            sa.select(AuditEntry.record_id, sa.func.max(AuditEntry.occurred_at))
            .where(AuditEntry.record_type == table, AuditEntry.record_id.in_(ids))
            .group_by(AuditEntry.record_id)
        )
        found.update({(table, record_id): moment for record_id, moment in rows})
    return found


def _feed(name: str, meetings: list[Meeting], follow_ups: list[FollowUpAction]) -> Feed:
    return Feed(name, meetings, follow_ups, changed_at(meetings, follow_ups))


def desk_feed(today: date) -> Feed:
    return _feed(f"{current_app.config['DESK_NAME']}: meetings and follow-ups",
                 _meetings(sa.true(), today), _follow_ups(sa.true(), today))


def partnership_feed(partnership: Partnership, today: date) -> Feed:
    return _feed(f"{partnership.name}: meetings and follow-ups",
                 _meetings(Meeting.partnership_id == partnership.id, today),
                 _follow_ups(FollowUpAction.partnership_id == partnership.id, today))


def officer_feed(user: User, today: date) -> Feed:
    follow_ups = _follow_ups(FollowUpAction.owner_user_id == user.id, today)
    logged = (sa.select(AuditEntry.record_id)
              .where(AuditEntry.record_type == MEETINGS, AuditEntry.action == AuditAction.CREATE,
                     AuditEntry.user_id == user.id))
    of_mine = sa.select(FollowUpAction.meeting_id).where(
        FollowUpAction.owner_user_id == user.id, FollowUpAction.meeting_id.is_not(None))
    meetings = _meetings(sa.or_(Meeting.id.in_(logged), Meeting.id.in_(of_mine)), today)
    return _feed(f"{user.name}: my meetings and follow-ups", meetings, follow_ups)


def meeting_download(meeting: Meeting) -> Feed:
    return _feed(meeting.name, [meeting], [])
