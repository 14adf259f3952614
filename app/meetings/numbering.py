"""How committee meetings are numbered: the next number, and the numbers with no record.

JCC, JSCC and DPC meetings are counted per partnership ("the 6th JSCC"); other meetings have no number."""

import sqlalchemy as sa
from flask_babel import gettext

from app.common.numbers import page_ordinal
from app.extensions import db
from app.models import (
    Meeting,
    MeetingType,
    Partnership,
    ordinal,
)


def abbreviation(type: MeetingType) -> str:
    """How the desk names a committee in a sentence: "JSCC"; other types by their label."""
    return type.value.upper() if type.is_committee else type.english_label


def numbered(number: int, type: MeetingType) -> str:
    """A committee meeting named in a sentence of a page, in the page's language: "8th JSCC", "JSCC ke-8"."""
    return gettext("%(ordinal)s %(committee)s", ordinal=page_ordinal(number), committee=abbreviation(type))


def committee_name(partnership: Partnership, type: MeetingType, number: int) -> str:
    return f"{ordinal(number)} {abbreviation(type)} for {partnership.name}"


def _numbers_in_use(partnership: Partnership, type: MeetingType) -> set[int]:
    # Archived meetings keep their number: the unique constraint still holds it.
    return set(db.session.scalars(
        sa.select(Meeting.number).where(
            Meeting.partnership_id == partnership.id, Meeting.type == type, Meeting.number.is_not(None)
        )
    ))


def suggest_number(partnership: Partnership, type: MeetingType | str) -> int | None:
    """The next number of a committee meeting: one more than the highest recorded; None for other types."""
    type = MeetingType(type)
    return next_committee_number(partnership, type) if type.is_committee else None


def next_committee_number(partnership: Partnership, committee: MeetingType) -> int:
    """One more than the highest number recorded for this kind of committee meeting."""
    return max(_numbers_in_use(partnership, committee), default=0) + 1


def missing_numbers(meeting: Meeting) -> list[int]:
    """Numbers below this committee meeting's that have no record: the gaps worth pointing out."""
    if not meeting.type.is_committee or not meeting.number:
        return []
    return sorted(set(range(1, meeting.number)) - _numbers_in_use(meeting.partnership, meeting.type))


def _ordinal_runs(numbers: list[int]) -> str:
    """[1, 2, 3, 6] -> "1st to 3rd and 6th", in the page's language."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [
        gettext("%(first)s to %(last)s", first=page_ordinal(run[0]), last=page_ordinal(run[-1])) if len(run) > 2
        else _and([page_ordinal(n) for n in run])
        for run in runs
    ]
    return _and(parts)


def _and(items: list[str]) -> str:
    """The items in a sentence: "a, b and c"."""
    if len(items) == 1:
        return items[0]
    return gettext("%(items)s and %(last)s", items=", ".join(items[:-1]), last=items[-1])


def gap_notice(meeting: Meeting) -> str | None:
    """ "There is no record of the 6th JSCC": numbering has real gaps, so this informs and never blocks."""
    missing = missing_numbers(meeting)
    if not missing:
        return None
    return gettext("There is no record of the %(numbers)s %(committee)s", numbers=_ordinal_runs(missing),
                   committee=abbreviation(meeting.type))
