"""Plans for a period, their extensions, successors and pillars.

The rule that matters most lives here: two plans of one partnership that are in force must never cover
the same day, unless one supersedes the other (the old plan runs on while its successor starts).
"""

from datetime import date
from typing import TypeVar

import sqlalchemy as sa
from flask_babel import gettext

from app.common.dates import page_date
from app.common.errors import DomainError
from app.extensions import db
from app.models import (
    IN_FORCE_STATES,
    Choice,
    Partnership,
    Pillar,
    Plan,
    PlanExtension,
    PlanKind,
    PlanState,
)
from app.plans.date_rules import check_plan_dates
from app.plans.details import PlanDetails

C = TypeVar("C", bound=Choice)


def end_date_problem(starts_on: date | None, ends_on: date | None) -> str | None:
    """The message for an end date that does not come after the start date, else None."""
    if starts_on and ends_on and ends_on <= starts_on:
        return gettext("End date of the plan must be after %(date)s, the start date", date=page_date(starts_on))
    return None


def adopted_date_problem(adopted_on: date | None) -> str | None:
    if adopted_on and adopted_on > date.today():
        return gettext("Date the plan was adopted must be today or in the past")
    return None


def _as_choice(enum: type[C], value: str, field_name: str, message: str) -> C:
    try:
        choice: C = enum(value)
    except ValueError:
        raise DomainError(field_name, message) from None
    return choice


def _check_label(partnership: Partnership, label: str, plan: Plan | None) -> None:
    query = sa.select(Plan.id).where(Plan.partnership_id == partnership.id, sa.func.lower(Plan.label) == label.lower())
    if plan is not None and plan.id is not None:
        query = query.where(Plan.id != plan.id)
    if db.session.scalar(query) is not None:
        raise DomainError(
            "label",
            gettext("Label %(label)s is already used by another plan of this partnership – enter a different label",
                    label=label),
        )


def _check_overlap(
    partnership: Partnership,
    *,
    starts_on: date,
    ends_on: date,
    plan: Plan | None,
    supersedes: Plan | None,
    field_name: str,
) -> None:
    """Refuse dates that overlap another in-force plan of the partnership, unless one supersedes the other."""
    query = sa.select(Plan).where(
        Plan.partnership_id == partnership.id,
        Plan.state.in_(IN_FORCE_STATES),
        Plan.starts_on <= ends_on,
        Plan.ends_on >= starts_on,
    )
    if plan is not None and plan.id is not None:
        # Its own successor may overlap it.
        query = query.where(Plan.id != plan.id, sa.or_(Plan.supersedes_id.is_(None), Plan.supersedes_id != plan.id))
    if supersedes is not None:
        query = query.where(Plan.id != supersedes.id)
    other = db.session.scalars(query.order_by(Plan.starts_on, Plan.id)).first()
    if other is not None:
        raise DomainError(
            field_name,
            gettext("Plan dates must not overlap with the %(label)s plan (%(start)s to %(end)s), which is in force",
                    label=other.label, start=page_date(other.starts_on), end=page_date(other.ends_on)),
        )


def _check_predecessor(partnership: Partnership, supersedes: Plan, starts_on: date, plan: Plan | None) -> None:
    if supersedes.partnership_id != partnership.id:
        raise DomainError(None, gettext("A plan can only supersede another plan of the same partnership"))
    successor = supersedes.superseded_by
    if successor is not None and successor is not plan:
        raise DomainError(None, gettext("The %(label)s plan already has a successor: the %(successor)s plan",
                                        label=supersedes.label, successor=successor.label))
    if starts_on <= supersedes.starts_on:
        raise DomainError(
            "starts_on",
            gettext("Start date of the plan must be after %(date)s, the start date of the %(label)s plan it "
                    "supersedes", date=page_date(supersedes.starts_on), label=supersedes.label),
        )


def _save_plan(plan: Plan | None, partnership: Partnership, details: PlanDetails, supersedes: Plan | None) -> Plan:
    kind = _as_choice(PlanKind, details.kind, "kind", gettext("Select the kind of plan"))
    state = _as_choice(PlanState, details.state, "state", gettext("Select the state of the plan"))
    label, starts_on, ends_on, adopted_on = details.label, details.starts_on, details.ends_on, details.adopted_on
    if message := end_date_problem(starts_on, ends_on):
        raise DomainError("ends_on", message)
    if message := adopted_date_problem(adopted_on):
        raise DomainError("adopted_on", message)
    _check_label(partnership, label, plan)
    if plan is not None:
        check_plan_dates(plan, starts_on, ends_on)
    if supersedes is not None:
        _check_predecessor(partnership, supersedes, starts_on, plan)
    if state in IN_FORCE_STATES:
        _check_overlap(
            partnership,
            starts_on=starts_on,
            ends_on=ends_on,
            plan=plan,
            supersedes=supersedes,
            field_name="starts_on",
        )
    if plan is None:
        plan = Plan(partnership=partnership, supersedes=supersedes)
        db.session.add(plan)
    plan.kind, plan.title, plan.label, plan.state = kind, details.title, label, state
    plan.starts_on, plan.ends_on, plan.adopted_on = starts_on, ends_on, adopted_on
    if supersedes is not None and state in IN_FORCE_STATES:
        supersedes.state = PlanState.SUPERSEDED
    db.session.flush()
    return plan


def create_plan(partnership: Partnership, details: PlanDetails, *, supersedes: Plan | None = None) -> Plan:
    """Add a plan for a period; with ``supersedes``, it is the successor of that plan.

    Putting a successor in force marks the plan it replaces as superseded. Flushes, never commits.
    """
    return _save_plan(None, partnership, details, supersedes)


def update_plan(plan: Plan, details: PlanDetails) -> Plan:
    """Change a plan's details under the same rules as a new plan. Flushes, never commits."""
    return _save_plan(plan, plan.partnership, details, plan.supersedes)


def extend_plan(plan: Plan, *, new_ends_on: date, decided_on: date, decision: str) -> PlanExtension:
    """Move a plan's end date later, keeping the earlier end and the decision; the plan becomes "extended"."""
    if plan.state in (PlanState.DRAFT, PlanState.SUPERSEDED):
        raise DomainError(
            "new_ends_on",
            gettext("A draft plan cannot be extended – only a plan that is adopted, in force or expired")
            if plan.state is PlanState.DRAFT
            else gettext("A superseded plan cannot be extended – only a plan that is adopted, in force or expired"),
        )
    if new_ends_on <= plan.ends_on:
        raise DomainError("new_ends_on", gettext("New end date must be after %(date)s, the current end date",
                                                 date=page_date(plan.ends_on)))
    if decided_on > date.today():
        raise DomainError("decided_on", gettext("Date of the decision must be today or in the past"))
    if not (decision or "").strip():
        raise DomainError("decision", gettext("Enter the decision to extend the plan"))
    _check_overlap(
        plan.partnership,
        starts_on=plan.starts_on,
        ends_on=new_ends_on,
        plan=plan,
        supersedes=plan.supersedes,
        field_name="new_ends_on",
    )
    extension = PlanExtension(
        plan=plan,
        previous_ends_on=plan.ends_on,
        new_ends_on=new_ends_on,
        decided_on=decided_on,
        decision=decision.strip(),
    )
    db.session.add(extension)
    plan.ends_on = new_ends_on
    plan.state = PlanState.EXTENDED
    db.session.flush()
    return extension


def successor_problem(plan: Plan) -> str | None:
    """Why ``plan`` cannot have a new successor, else None."""
    if plan.is_archived:
        return gettext("The %(label)s plan is archived – restore it before adding a successor", label=plan.label)
    if plan.superseded_by is not None:
        return gettext("The %(label)s plan already has a successor: the %(successor)s plan", label=plan.label,
                       successor=plan.superseded_by.label)
    return None


def _check_pillar_name(plan: Plan, name: str, pillar: Pillar | None) -> None:
    # SQLite's lower() folds only ASCII letters, so the exact name is compared as well.
    same_name = sa.or_(Pillar.name == name, sa.func.lower(Pillar.name) == name.lower())
    query = sa.select(Pillar.id).where(Pillar.plan_id == plan.id, same_name)
    if pillar is not None and pillar.id is not None:
        query = query.where(Pillar.id != pillar.id)
    if db.session.scalar(query) is not None:
        raise DomainError("name", gettext("A pillar called %(name)s is already in this plan – enter a different name",
                                          name=name))


def add_pillar(plan: Plan, *, name: str, position: int | None = None, carried_from: Pillar | None = None) -> Pillar:
    """Add a pillar to a plan, after the others unless ``position`` says otherwise; ``carried_from``: the pillar of
    the superseded plan a rollover carries it from. Flushes, never commits."""
    _check_pillar_name(plan, name, None)
    if position is None:
        last = db.session.scalar(sa.select(sa.func.max(Pillar.position)).where(Pillar.plan_id == plan.id))
        position = 1 if last is None else last + 1
    pillar = Pillar(plan=plan, name=name, position=position, carried_from=carried_from)
    db.session.add(pillar)
    db.session.flush()
    return pillar


def update_pillar(pillar: Pillar, *, name: str, position: int | None = None) -> Pillar:
    """Rename or move a pillar; a missing ``position`` keeps its place. Flushes, never commits."""
    _check_pillar_name(pillar.plan, name, pillar)
    pillar.name = name
    if position is not None:
        pillar.position = position
    db.session.flush()
    return pillar
