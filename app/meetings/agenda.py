"""A meeting's agenda: the field that carries it on the meeting forms, and the agenda proposed for the next meeting
of a committee from what the last one left open (see ``app.meetings.arising``)."""

from collections.abc import Mapping, Sequence

from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField

from app.common.forms import max_length, strip
from app.meetings.numbering import next_committee_number
from app.models import MeetingType, Partnership, ordinal

AGENDA_LIMIT = 10_000
#: The matters arising page's button that opens the "Log a meeting" form with the agenda as edited there.
START_WITH_AGENDA = "start_with_agenda"


class AgendaField:
    """Mixin for the meeting forms (logging and changing a meeting): its agenda, numbered items one a line."""

    agenda = TextAreaField(_l("Agenda"), validators=[max_length(_l("Agenda"), AGENDA_LIMIT)], filters=[strip])


def proposed_agenda(*, committee: str, last_number: int, next_number: int, plan_title: str | None,
                    areas: Sequence[str], has_activities: bool) -> str:
    """The agenda a committee's secretariat circulates for its next annual meeting (the ``next_number``th of
    ``committee``, "JSCC"), item by item, with a sub-item for each area whose status changed since the last meeting
    (``areas``: "Trade (area 2.1)", in the plan's order)."""
    review = f"Review of the implementation of the {plan_title}" if plan_title else "Review of cooperation"
    items: list[tuple[str, Sequence[str]]] = [
        ("Opening remarks by the co-chairs", ()),
        ("Adoption of the agenda", ()),
        (f"Matters arising from the {ordinal(last_number)} {committee}", ()),
        (review, areas),
    ]
    if has_activities:
        items.append((f"Activities completed since the {ordinal(last_number)} {committee}", ()))
    items += [
        ("Way forward", ()),
        ("Any other business", ()),
        (f"Date and venue of the {ordinal(next_number + 1)} {committee}", ()),
        ("Closing remarks", ()),
    ]
    lines = []
    for number, (item, sub_items) in enumerate(items, 1):
        lines.append(f"{number}. {item}")
        lines += [f"   {number}.{sub}. {text}" for sub, text in enumerate(sub_items, 1)]
    return "\n".join(lines)


def starting_data(partnership: Partnership | None, type: str | None, posted: Mapping[str, str]) -> dict[str, object]:
    """What the "Log a meeting" form starts with when opened from matters arising: the agenda as edited there (kept
    whole: the form says if it is too long) and the next number of the series."""
    data: dict[str, object] = {"agenda": posted.get("agenda", "")}
    kind = MeetingType(type) if type and MeetingType.holds(type) else None
    if partnership is not None and kind is not None and kind.is_committee:
        data["number"] = next_committee_number(partnership, kind)
    return data
