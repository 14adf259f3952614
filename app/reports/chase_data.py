"""The period report's chases of the partner: each follow-up the partner owes that was chased in the window, with
those chases (date, channel) and their number, as the data stood at the moment the report is counted from."""

from collections import defaultdict
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from app.extensions import db
from app.models import ChaseChannel, FollowUpAction, FollowUpChase, Person
from app.models.person import person_name
from app.reports.period_figures import ChasedFollowUp


def chased_follow_ups(partnership_id: int, starts_on: date, counted_on: date, *, include_restricted: bool,
                      restricted_title: str, recorded_by: datetime | None = None) -> list[ChasedFollowUp]:
    """Each follow-up of the partnership owed by the partner and chased from ``starts_on`` to ``counted_on`` (both
    included), earliest chased first, with its chases of the window in the order made. A restricted follow-up's
    title reads ``restricted_title`` unless ``include_restricted``. One query, whatever the number of chases."""
    in_use: sa.ColumnElement[bool] = FollowUpAction.archived_at.is_(None)
    recorded: list[sa.ColumnElement[bool]] = []
    if recorded_by is not None:
        in_use = sa.or_(in_use, FollowUpAction.archived_at > recorded_by)
        recorded.append(FollowUpChase.created_at <= recorded_by)
    rows = db.session.execute(
        sa.select(FollowUpAction.id, FollowUpAction.title, FollowUpAction.is_restricted, FollowUpAction.partner_office,
                  Person.honorific, Person.full_name, FollowUpChase.chased_on, FollowUpChase.channel)
        .join(FollowUpChase, FollowUpChase.follow_up_id == FollowUpAction.id)
        .outerjoin(Person, Person.id == FollowUpAction.partner_person_id)
        .where(FollowUpAction.partnership_id == partnership_id, FollowUpAction.owner_user_id.is_(None), in_use,
               FollowUpChase.chased_on.between(starts_on, counted_on), *recorded,
               _chased_between(starts_on, counted_on))
        .order_by(FollowUpChase.chased_on, FollowUpChase.id)
    ).all()
    by_follow_up: dict[int, ChasedFollowUp] = {}
    chases: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        if row.id not in by_follow_up:
            partner = person_name(row.honorific, row.full_name) if row.full_name else None
            by_follow_up[row.id] = {
                "id": row.id,
                "title": restricted_title if row.is_restricted and not include_restricted else row.title,
                "owner": owner_in_report(None, partner, row.partner_office),
                "chases": [], "count": 0,
            }
        chases[row.id].append(row)
    channels = ChaseChannel.labels()
    for follow_up_id, figures in by_follow_up.items():
        figures["chases"] = [{"chased_on": row.chased_on.isoformat(), "channel": ChaseChannel(row.channel).value,
                              "channel_label": channels[row.channel]} for row in chases[follow_up_id]]
        figures["count"] = len(figures["chases"])
    return list(by_follow_up.values())


def _chased_between(starts_on: date, counted_on: date) -> sa.ColumnElement[bool]:
    """The follow-ups chased in the window, for the database to look up by their keys. Left to itself, PostgreSQL
    reads every follow-up of a big partnership (tens of thousands) to find the few hundred chased; handed their ids
    as one array, it looks each one up. SQLite starts from the window's chases as it is."""
    if db.session.get_bind().dialect.name != "postgresql":
        return sa.true()
    chased = sa.select(FollowUpChase.follow_up_id).where(FollowUpChase.chased_on.between(starts_on, counted_on))
    return FollowUpAction.id == sa.any_(sa.func.array(chased.scalar_subquery()))


def owner_in_report(user_name: str | None, partner_name: str | None, partner_office: str | None) -> str:
    """Who owns a follow-up (``FollowUpAction.owner_name``) in the report's English, the language of every word its
    figures hold, without asking the page's language on each of hundreds of rows."""
    return user_name or f"{partner_name or partner_office} (partner)"


def chases_caption(total: int, follow_ups: int) -> str:
    """The line over the report's table of chases: how many chases, on how many of the partner's follow-ups."""
    chases = f"{total} chase{'s' if total != 1 else ''}"
    owed = f"{follow_ups} follow-up{'s' if follow_ups != 1 else ''}"
    return f"{chases} of the partner in the period, on {owed} it owes"
