"""A plan's rollover: its successor added with what the plan did not finish carried into it, in one transaction.

``rollover_offer`` reads what can be carried: the plan's pillars, its cooperation areas in use, the action lines
not yet addressed or discontinued as of today, and the open follow-ups tagged with its areas (directly, by an
earlier rollover, or through a meeting that discussed them). ``roll_over`` adds the successor through the plan
form's own service (so its dates, label and overlap rules are the form's) and carries what was not left out
through the services the structure import uses, each new record pointing at the one it came from.
"""

from collections.abc import Collection, Iterator
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from app.areas.details import ActionLineDetails, AreaDetails
from app.areas.services import add_action_lines, add_area
from app.audit.services import recorded_as
from app.common.errors import DomainError
from app.extensions import db
from app.follow_ups import services as follow_up_services
from app.implementation.statuses import current_statuses
from app.models import (
    ActionLine,
    ActionLineStatus,
    Choice,
    CooperationArea,
    FollowUpAction,
    Meeting,
    Pillar,
    Plan,
    follow_up_carried_areas,
    meeting_areas,
)
from app.plans.details import PlanDetails
from app.plans.services import add_pillar, create_plan, successor_problem

#: An action line in one of these states as of today is finished: there is nothing of it to carry.
FINISHED = (ActionLineStatus.ADDRESSED, ActionLineStatus.DISCONTINUED)
NOTHING_CARRIED = _l("Every pillar is left out, so nothing would be carried – carry at least one pillar")


class Codes(Choice):
    KEEP = "keep"
    RENUMBER = "renumber"

    @property
    def label(self) -> str:
        return str({"keep": _l("Keep the codes of the old plan"),
                    "renumber": _l("Number again in order: 1, 1.1, 1.1.1")}[self.value])


@dataclass(frozen=True)
class AreaOffer:
    area: CooperationArea
    #: Its action lines not yet addressed or discontinued as of today, in plan order.
    lines: list[ActionLine]
    #: How many of its action lines are finished, so not offered.
    finished: int


@dataclass(frozen=True)
class PillarOffer:
    pillar: Pillar
    areas: list[AreaOffer]


@dataclass(frozen=True)
class FollowUpOffer:
    follow_up: FollowUpAction
    #: The plan's areas it is tagged with: its own area, else those it was carried into, else its meeting's.
    areas: list[CooperationArea]


@dataclass(frozen=True)
class RolloverOffer:
    pillars: list[PillarOffer]
    follow_ups: list[FollowUpOffer]

    @property
    def areas(self) -> Iterator[AreaOffer]:
        return (offer for pillar in self.pillars for offer in pillar.areas)

    @property
    def lines(self) -> Iterator[ActionLine]:
        return (line for offer in self.areas for line in offer.lines)


@dataclass(frozen=True)
class Carry:
    """What the person chose: the ids left out of each kind, and whether codes are kept or numbered again."""

    codes: Codes = Codes.KEEP
    pillars: Collection[int] = field(default_factory=frozenset)
    areas: Collection[int] = field(default_factory=frozenset)
    lines: Collection[int] = field(default_factory=frozenset)
    follow_ups: Collection[int] = field(default_factory=frozenset)


def rollover_offer(plan: Plan) -> RolloverOffer:
    """What a rollover of ``plan`` can carry, as of today. Reads only, in a fixed number of queries."""
    pillars = db.session.scalars(
        sa.select(Pillar).where(Pillar.plan_id == plan.id).order_by(Pillar.position, Pillar.id)).all()
    areas = db.session.scalars(
        sa.select(CooperationArea)
        .where(CooperationArea.plan_id == plan.id, CooperationArea.archived_at.is_(None))
        .order_by(CooperationArea.position, CooperationArea.code)
        .options(selectinload(CooperationArea.action_lines))
    ).all()
    live = {area.id: [line for line in area.action_lines if not line.is_archived] for area in areas}
    statuses = current_statuses(line_ids=[line.id for lines in live.values() for line in lines],
                                as_of=follow_up_services.today())

    def finished(line: ActionLine) -> bool:
        return line.id in statuses and statuses[line.id].status in FINISHED

    offers = [
        PillarOffer(pillar, [
            AreaOffer(area, [line for line in live[area.id] if not finished(line)],
                      sum(1 for line in live[area.id] if finished(line)))
            for area in areas if area.pillar_id == pillar.id
        ])
        for pillar in pillars
    ]
    return RolloverOffer(offers, _open_follow_ups(plan, {area.id: area for area in areas}))


def _open_follow_ups(plan: Plan, areas: dict[int, CooperationArea]) -> list[FollowUpOffer]:
    ids = list(areas)
    if not ids:
        return []
    discussed = sa.select(meeting_areas.c.meeting_id).where(meeting_areas.c.area_id.in_(ids))
    carried = sa.select(follow_up_carried_areas.c.follow_up_id).where(follow_up_carried_areas.c.area_id.in_(ids))
    follow_ups = db.session.scalars(
        sa.select(FollowUpAction)
        .where(FollowUpAction.partnership_id == plan.partnership_id, FollowUpAction.still_to_do(),
               sa.or_(FollowUpAction.area_id.in_(ids), FollowUpAction.id.in_(carried),
                      FollowUpAction.meeting_id.in_(discussed)))
        .order_by(FollowUpAction.due_on.is_(None), FollowUpAction.due_on, FollowUpAction.id)
        .options(selectinload(FollowUpAction.carried_areas),
                 selectinload(FollowUpAction.meeting).selectinload(Meeting.areas))
    ).all()
    offers = []
    for follow_up in follow_ups:
        tagged = ([areas[follow_up.area_id]] if follow_up.area_id in areas
                  else [area for area in follow_up.carried_areas if area.id in areas]
                  or [area for area in (follow_up.meeting.areas if follow_up.meeting else []) if area.id in areas])
        offers.append(FollowUpOffer(follow_up, tagged))
    return offers


def rollover_source(plan: Plan) -> str:
    """What the audit entries of a rollover say the change came from."""
    return f"Rollover of the {plan.label} plan"


def roll_over(predecessor: Plan, details: PlanDetails, carry: Carry) -> Plan:
    """Add the successor of ``predecessor`` and carry into it what ``carry`` does not leave out.

    All or nothing: any refusal raises a ``DomainError`` naming the field, and the caller rolls back. The old plan
    and its records are not changed (its figures stay as they were), except that putting the successor in force
    marks it superseded, as adding a successor always does. Flushes, never commits.
    """
    if message := successor_problem(predecessor):
        raise DomainError("title", message)
    offer = rollover_offer(predecessor)
    kept = [pillar for pillar in offer.pillars if pillar.pillar.id not in carry.pillars]
    if offer.pillars and not kept:
        raise DomainError("left_out_pillars", str(NOTHING_CARRIED))
    with recorded_as(rollover_source(predecessor)):
        plan = create_plan(predecessor.partnership, details, supersedes=predecessor)
        carried_areas = _carry_structure(plan, kept, carry)
        _carry_follow_ups(offer.follow_ups, carried_areas, carry.follow_ups)
        db.session.flush()
    return plan


def _carry_structure(plan: Plan, pillars: list[PillarOffer], carry: Carry) -> dict[int, CooperationArea]:
    """The pillars, areas and lines not left out, in plan order; the new area of each old one carried, by old id.

    A carried line gets no status: the status history cannot be dated in the future, and a successor usually starts
    after today, so "carrying its status dated the new plan's start" could not be recorded; and a line without a
    status counts as not yet addressed in every figure, which is what a line taken up by a new plan is.
    """
    renumber = carry.codes is Codes.RENUMBER
    carried: dict[int, CooperationArea] = {}
    for pillar_number, offer in enumerate(pillars, start=1):
        pillar = add_pillar(plan, name=offer.pillar.name, carried_from=offer.pillar)
        areas = [area for area in offer.areas if area.area.id not in carry.areas]
        for area_number, area_offer in enumerate(areas, start=1):
            old = area_offer.area
            code = f"{pillar_number}.{area_number}" if renumber else old.code
            area = add_area(plan, AreaDetails(pillar=pillar, code=code, name=old.name, focal_point=old.focal_point,
                                              description=old.description, carried_from=old))
            carried[old.id] = area
            lines = [line for line in area_offer.lines if line.id not in carry.lines]
            add_action_lines(area, [
                ActionLineDetails(f"{code}.{number}" if renumber else line.code, line.text, carried_from=line)
                for number, line in enumerate(lines, start=1)
            ])
    return carried


def _carry_follow_ups(offers: list[FollowUpOffer], carried: dict[int, CooperationArea],
                      left_out: Collection[int]) -> None:
    """Tag each open follow-up carried with the new areas of its areas. It stays the same follow-up with its own
    area, so the old plan's figures, which count it by that area, do not change."""
    for offer in offers:
        follow_up = offer.follow_up
        if follow_up.id in left_out:
            continue
        into = [carried[area.id] for area in offer.areas if area.id in carried]
        if not into:
            raise DomainError(
                "left_out_follow_ups",
                gettext("The follow-up “%(title)s” is tagged with areas left out – carry one of its areas or leave "
                        "the follow-up out", title=follow_up.title),
            )
        follow_up.carried_areas.extend(area for area in into if area not in follow_up.carried_areas)
