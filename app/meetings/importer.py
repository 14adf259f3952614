"""A partnership's past meetings imported from a spreadsheet: one row per meeting, with its date, type, number (for
a JCC, JSCC or DPC), title and summary.

Types are named as the meeting form offers them ("Joint Sectoral Cooperation Committee (JSCC)") or by their stored
value ("jscc"), in any case. Each row is saved by ``log_meeting``, as the log-a-meeting form saves: a committee
meeting needs a number and may have no date, any other meeting needs a date. A meeting already recorded is "already
there": a committee meeting matched by its type and number (a different date is the row's problem), any other by
its type and date. The import never changes a meeting; its format is recorded as in person, the form's first choice.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from wtforms.validators import Length

from app.common.dates import page_date
from app.common.errors import DomainError
from app.common.forms import max_length
from app.common.numbers import LaterCount
from app.extensions import db
from app.imports.dates import HINT
from app.imports.preview import Importer
from app.imports.table import Column, RowProblems, SheetRow
from app.imports.values import ChoiceCell, Problems, optional_date
from app.meetings.date_rules import check_dates
from app.meetings.details import MeetingDetails
from app.meetings.forms import HIGHEST_NUMBER, SUMMARY_LIMIT
from app.meetings.numbering import abbreviation, committee_name
from app.meetings.services import log_meeting
from app.models import Meeting, MeetingType, Partnership

AS_OF, TYPE, NUMBER, TITLE, SUMMARY = "Date", "Type", "Number", "Title", "Summary"
TYPE_CELL = ChoiceCell(MeetingType, TYPE, _l("Enter the type of meeting: %(choices)s"))
#: A committee meeting's number as desks write it: 7, or 7th.
NUMBER_TEXT = re.compile(r"^(\d+)(?:st|nd|rd|th)?$", re.IGNORECASE)
#: The form's own limits, with its own words.
LIMITS = {TITLE: max_length(TITLE, 300), SUMMARY: max_length(SUMMARY, SUMMARY_LIMIT)}


@dataclass(frozen=True)
class MeetingRow:
    type: MeetingType
    held_on: date | None
    number: int | None
    title: str | None
    summary: str | None


def _number(text: str) -> int | None:
    if not text:
        return None
    found = NUMBER_TEXT.match(text.strip())
    if found is None:
        raise RowProblems(gettext("%(heading)s must be a whole number", heading=NUMBER))
    number = int(found.group(1))
    if not 1 <= number <= HIGHEST_NUMBER:
        raise RowProblems(gettext("%(heading)s must be between 1 and %(highest)s", heading=NUMBER,
                                  highest=HIGHEST_NUMBER))
    return number


def _too_long(heading: str, text: str) -> list[str]:
    limit: Length = LIMITS[heading]
    return [str(limit.message)] if len(text) > limit.max else []


class MeetingImporter(Importer[MeetingRow, Meeting]):
    source = "Import of meetings from a file"
    columns = [
        Column(AS_OF, hint=_l("%(dates)s; blank for a committee meeting whose date is not known", dates=HINT)),
        Column(TYPE, hint=_l("One of: %(choices)s", choices=TYPE_CELL.listed)),
        Column(NUMBER, required=False, hint=_l("For a JCC, JSCC or DPC only: 7 for the 7th JSCC")),
        Column(TITLE, required=False, hint=_l("“Courtesy call by the Ambassador of Pakistan”")),
        Column(SUMMARY, required=False, hint=_l("Up to %(limit)s characters", limit=LaterCount(SUMMARY_LIMIT))),
    ]

    def __init__(self, partnership: Partnership):
        self.partnership = partnership

    def read(self, row: SheetRow) -> MeetingRow:
        values = row.values
        problems = Problems()
        held_on = problems.read(optional_date, values[AS_OF], gettext("Date of the meeting"))
        kind = problems.read(TYPE_CELL.read, values[TYPE])
        number = problems.read(_number, values[NUMBER])
        if kind is not None:
            problems += self._rules(kind, held_on, number, values[NUMBER])
        problems += _too_long(TITLE, values[TITLE]) + _too_long(SUMMARY, values[SUMMARY])
        if problems or kind is None:
            raise RowProblems(*problems)
        return MeetingRow(kind, held_on, number, values[TITLE] or None, values[SUMMARY] or None)

    @staticmethod
    def _rules(kind: MeetingType, held_on: date | None, number: int | None, number_text: str) -> list[str]:
        """What the meeting form says of a type with this date and number."""
        if kind.is_committee and not number_text:
            return [gettext("Enter the number of the %(committee)s", committee=abbreviation(kind))]
        if not kind.is_committee and number_text:
            return [gettext("Only JCC, JSCC and DPC meetings have a number – leave the number blank")]
        try:
            check_dates(kind, held_on, None)
        except DomainError as error:
            return [error.message]
        return []

    def key(self, values: MeetingRow) -> str:
        if values.type.is_committee:
            return f"{values.type.value}|{values.number}"
        return f"{values.type.value}|{values.held_on}"

    def label(self, values: MeetingRow) -> str:
        # A committee meeting by its name, in the same words in every language, as meetings are named.
        if values.type.is_committee and values.number:
            return gettext("The %(meeting)s", meeting=committee_name(self.partnership, values.type, values.number))
        return gettext("The %(type)s of %(day)s", type=values.type.label.lower(), day=page_date(values.held_on))

    def existing(self, keys: set[str]) -> Mapping[str, Meeting]:
        meetings = db.session.scalars(sa.select(Meeting).where(Meeting.partnership_id == self.partnership.id)).all()
        found = {self.key(MeetingRow(m.type, m.held_on, m.number, None, None)): m for m in meetings}
        return {key: meeting for key, meeting in found.items() if key in keys}

    def problems(self, row: SheetRow, values: MeetingRow, record: Meeting | None) -> list[str]:
        if record is None:
            return []
        if record.is_archived:
            return [gettext("%(meeting)s is recorded but archived – restore it on its page",
                            meeting=self.label(values))]
        if values.held_on and record.held_on != values.held_on:
            return [gettext("%(meeting)s is recorded on %(day)s – correct the date in the file, or on the meeting's "
                            "page", meeting=self.label(values),
                            day=page_date(record.held_on, gettext("a date not known")))]
        return []

    def create(self, values: MeetingRow) -> Meeting:
        return log_meeting(self.partnership, MeetingDetails(
            type=values.type, held_on=values.held_on, number=values.number, title=values.title,
            summary=values.summary))
