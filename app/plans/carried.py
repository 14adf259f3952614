"""Where a carried area or action line came from, and where it was carried into, for their pages: "Carried from 2.1
Trade in Practical Cooperation Areas (2019-2021)". Read here, so that the page's template reads nothing."""

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import url_for
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import ActionLine, CooperationArea, FollowUpAction, follow_up_carried_areas


@dataclass(frozen=True)
class CarriedLink:
    #: What the link says: "2.1 Trade" for an area, "2.1.1" for an action line.
    name: str
    url: str
    plan_title: str


@dataclass(frozen=True)
class Carried:
    origin: CarriedLink | None = None
    into: list[CarriedLink] = field(default_factory=list)
    #: For an area: the open follow-ups of an earlier plan carried into it.
    follow_ups: list[FollowUpAction] = field(default_factory=list)


def _area_link(area: CooperationArea) -> CarriedLink:
    return CarriedLink(str(area), url_for("areas.detail", area_id=area.id), area.plan.title)


def _line_link(line: ActionLine) -> CarriedLink:
    return CarriedLink(line.code, url_for("areas.action_line_detail", action_line_id=line.id), line.area.plan.title)


def carried_area(area: CooperationArea) -> Carried:
    related = db.session.scalars(
        sa.select(CooperationArea)
        .where(sa.or_(CooperationArea.id == area.carried_from_id, CooperationArea.carried_from_id == area.id))
        .options(joinedload(CooperationArea.plan)).order_by(CooperationArea.id)
    ).all()
    follow_ups = db.session.scalars(
        sa.select(FollowUpAction)
        .join(follow_up_carried_areas, follow_up_carried_areas.c.follow_up_id == FollowUpAction.id)
        .where(follow_up_carried_areas.c.area_id == area.id, FollowUpAction.archived_at.is_(None))
        .order_by(FollowUpAction.due_on.is_(None), FollowUpAction.due_on, FollowUpAction.id)
    ).all()
    return Carried(
        origin=next((_area_link(other) for other in related if other.id == area.carried_from_id), None),
        into=[_area_link(other) for other in related if other.carried_from_id == area.id],
        follow_ups=list(follow_ups),
    )


def carried_line(line: ActionLine) -> Carried:
    related = db.session.scalars(
        sa.select(ActionLine)
        .where(sa.or_(ActionLine.id == line.carried_from_id, ActionLine.carried_from_id == line.id))
        .options(joinedload(ActionLine.area).joinedload(CooperationArea.plan)).order_by(ActionLine.id)
    ).all()
    return Carried(
        origin=next((_line_link(other) for other in related if other.id == line.carried_from_id), None),
        into=[_line_link(other) for other in related if other.carried_from_id == line.id],
    )
