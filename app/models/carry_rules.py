"""The rule of a rollover, kept by the database: what a plan carries from another comes from the plan it supersedes.

A pillar, cooperation area or action line carried into a new plan points at the record it came from
(``carried_from_id``). That record must be of the plan the new one supersedes, so that "Carried from 2.1 in the
2019-2021 plan" can never name an unrelated plan, whatever writes the row; and a plan holding carried records keeps
the predecessor they came from. A follow-up carried into an area stays of its own partnership.
"""

from app.models.triggers import Trigger

#: The plan an action line belongs to, through its area.
_LINE_PLAN = "(SELECT a.plan_id FROM action_lines l JOIN cooperation_areas a ON a.id = l.area_id WHERE l.id = {})"
#: The plan superseded by plan {}, 0 for none (so that a comparison with it is never NULL).
_PREDECESSOR = "COALESCE((SELECT supersedes_id FROM plans WHERE id = {}), 0)"
CARRIED_FROM_PREDECESSOR = "A carried record must come from the plan its own plan supersedes"
_CARRIES = (
    "EXISTS (SELECT 1 FROM pillars WHERE plan_id = NEW.id AND carried_from_id IS NOT NULL) "
    "OR EXISTS (SELECT 1 FROM cooperation_areas WHERE plan_id = NEW.id AND carried_from_id IS NOT NULL)"
)



def _carried_within_plan(name: str, table: str) -> Trigger:
    """The rule for a table whose rows name their plan (pillars, areas): the origin's plan is the one superseded."""
    return Trigger(
        name, table, ("INSERT", "UPDATE OF carried_from_id, plan_id"), CARRIED_FROM_PREDECESSOR,
        f"NEW.carried_from_id IS NOT NULL AND (SELECT plan_id FROM {table} WHERE id = NEW.carried_from_id) "
        f"<> {_PREDECESSOR.format('NEW.plan_id')}",
        columns=(f"{table}.carried_from_id",),
    )


CARRY_TRIGGERS = [
    _carried_within_plan("pillar_carried_from_predecessor", "pillars"),
    _carried_within_plan("area_carried_from_predecessor", "cooperation_areas"),
    Trigger(
        "line_carried_from_predecessor", "action_lines", ("INSERT", "UPDATE OF carried_from_id, area_id"),
        CARRIED_FROM_PREDECESSOR,
        f"NEW.carried_from_id IS NOT NULL AND {_LINE_PLAN.format('NEW.carried_from_id')} <> "
        f"{_PREDECESSOR.format('(SELECT plan_id FROM cooperation_areas WHERE id = NEW.area_id)')}",
        columns=("action_lines.carried_from_id",),
    ),
    Trigger(
        "plan_with_carried_records_keeps_predecessor", "plans", ("UPDATE OF supersedes_id",),
        "A plan holding records carried from the plan it supersedes cannot supersede another plan",
        f"COALESCE(NEW.supersedes_id, 0) <> COALESCE(OLD.supersedes_id, 0) AND ({_CARRIES})",
        columns=("pillars.carried_from_id", "cooperation_areas.carried_from_id"),
    ),
    Trigger(
        "carried_follow_up_of_area_partnership", "follow_up_carried_areas", ("INSERT", "UPDATE"),
        "A follow-up can only be carried into a cooperation area of its own partnership's plans",
        "(SELECT p.partnership_id FROM cooperation_areas a JOIN plans p ON p.id = a.plan_id WHERE a.id = NEW.area_id) "
        "<> (SELECT partnership_id FROM follow_up_actions WHERE id = NEW.follow_up_id)",
    ),
]
