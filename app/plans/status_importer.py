"""A plan's past status history imported from a spreadsheet: one row per status update of an action line (by its
code) or of a cooperation area (by its area code alone), with its date and note.

Statuses are named as the pages show them ("Being addressed", "On track") or as they are stored, in any case. Each
row is saved by the services of the "Update action lines" and area status forms (``record_line_statuses``,
``record_status``), so the same rules hold: a date within the plan's period and not in the future, a note, a subject
not archived. A row the history already holds (the same subject, status, date and note) is "already there"; the
history is append-only, so the import never changes an update.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from babel.lists import format_list
from flask_babel import get_locale, gettext
from flask_babel import lazy_gettext as _l

from app.areas.details import StatusDetails
from app.areas.services import LineChange, record_line_statuses, record_status, status_date_problem
from app.common.dates import page_date
from app.extensions import db
from app.imports.dates import HINT, read_date
from app.imports.preview import Importer
from app.imports.table import Column, RowProblems, SheetRow
from app.imports.values import ChoiceCell, Problems
from app.models import ActionLine, ActionLineStatus, AreaStatus, CooperationArea, Plan, StatusUpdate, User

AREA, LINE, STATUS, AS_OF, NOTE = "Area code", "Action line code", "Status", "Date", "Note"
LINE_STATUS = ChoiceCell(ActionLineStatus, STATUS, _l("Enter the status of the action line: %(choices)s"))
AREA_STATUS = ChoiceCell(AreaStatus, STATUS, _l("Enter the status of the area: %(choices)s"))


@dataclass(frozen=True)
class StatusRow:
    subject: CooperationArea | ActionLine
    status: str
    as_of: date
    note: str



def _key(area_id: int | None, line_id: int | None, status: str, as_of: date, note: str) -> str:
    # Notes are compared with their spaces run together, as a spreadsheet cell is read.
    return f"{area_id}|{line_id}|{status}|{as_of.isoformat()}|{' '.join(note.split())}"


class StatusImporter(Importer[StatusRow, StatusUpdate]):
    source = "Import of status history from a file"
    columns = [
        Column(AREA, required=False, hint=_l("The area's code, “2.1”: alone for the area's own status, or to tell "
                                             "apart action lines with the same code in two areas")),
        Column(LINE, required=False, hint=_l("The action line's code, “2.1.3”; blank for the area's own status")),
        Column(STATUS, hint=_l("For an action line: %(line)s. For an area: %(area)s", line=LINE_STATUS.listed,
                               area=AREA_STATUS.listed)),
        Column(AS_OF, hint=_l("The date the status describes, within the plan's period. %(dates)s", dates=HINT)),
        Column(NOTE, hint=_l("What the status rests on, as the status form asks")),
    ]

    def __init__(self, plan: Plan, author: User):
        self.plan, self.author = plan, author
        self._areas: dict[str, CooperationArea] | None = None
        self._lines: dict[str, list[ActionLine]] = {}

    def _load(self) -> dict[str, CooperationArea]:
        """The plan's areas and action lines by code ignoring case, archived ones too: read once for the file."""
        if self._areas is None:
            areas = db.session.scalars(sa.select(CooperationArea).where(CooperationArea.plan_id == self.plan.id)).all()
            self._areas = {area.code.casefold(): area for area in areas}
            lines = db.session.scalars(sa.select(ActionLine).join(ActionLine.area)
                                       .where(CooperationArea.plan_id == self.plan.id)
                                       .order_by(CooperationArea.position, ActionLine.position)).all()
            for line in lines:
                self._lines.setdefault(line.code.casefold(), []).append(line)
        return self._areas

    def _subject(self, area_code: str, line_code: str) -> CooperationArea | ActionLine:
        areas = self._load()
        area = areas.get(area_code.casefold()) if area_code else None
        if area_code and area is None:
            raise RowProblems(gettext("Area code %(code)s is not in this plan", code=area_code))
        if not line_code:
            if area is None:
                raise RowProblems(gettext("Enter the action line code, or the area code alone for the area's own "
                                          "status"))
            if area.is_archived:
                raise RowProblems(gettext("Area %(code)s is archived – restore it before recording its status",
                                          code=area.code))
            return area
        lines = [line for line in self._lines.get(line_code.casefold(), []) if area is None or line.area is area]
        if not lines:
            raise RowProblems(gettext("Action line %(code)s is not in area %(area)s", code=line_code, area=area.code)
                              if area else gettext("Action line %(code)s is not in this plan", code=line_code))
        if len(lines) > 1:
            raise RowProblems(gettext("Action line code %(code)s is used in areas %(areas)s – give the area code too",
                                      code=line_code, areas=format_list([line.area.code for line in lines],
                                                                       locale=get_locale())))
        line = lines[0]
        if line.is_archived or line.area.is_archived:
            raise RowProblems(gettext("Action line %(code)s is archived – restore it before recording its status",
                                      code=line.code))
        return line

    def _date(self, text: str) -> date:
        if not text:
            raise RowProblems(gettext("Enter the date of the status update"))
        as_of = read_date(text, gettext("Date of the status update"))
        if problem := status_date_problem(self.plan, as_of):
            raise RowProblems(problem)
        return as_of

    def read(self, row: SheetRow) -> StatusRow:
        values = row.values
        problems = Problems()
        subject = problems.read(self._subject, values[AREA], values[LINE])
        area_status = isinstance(subject, CooperationArea) or not values[LINE]
        status = problems.read((AREA_STATUS if area_status else LINE_STATUS).read, values[STATUS])
        as_of = problems.read(self._date, values[AS_OF])
        if not values[NOTE]:
            problems.append(gettext("Enter a note about the status"))
        if problems or subject is None or status is None or as_of is None:
            raise RowProblems(*problems)
        return StatusRow(subject, status.value, as_of, values[NOTE])

    def key(self, values: StatusRow) -> str:
        subject = values.subject
        area_id, line_id = (subject.id, None) if isinstance(subject, CooperationArea) else (None, subject.id)
        return _key(area_id, line_id, values.status, values.as_of, values.note)

    def label(self, values: StatusRow) -> str:
        if isinstance(values.subject, CooperationArea):
            return gettext("The status of area %(code)s on %(day)s", code=values.subject.code,
                           day=page_date(values.as_of))
        return gettext("The status of action line %(code)s on %(day)s", code=values.subject.code,
                       day=page_date(values.as_of))

    def existing(self, keys: set[str]) -> Mapping[str, StatusUpdate]:
        areas = sa.select(CooperationArea.id).where(CooperationArea.plan_id == self.plan.id)
        lines = sa.select(ActionLine.id).where(ActionLine.area_id.in_(areas))
        updates = db.session.scalars(sa.select(StatusUpdate).where(
            sa.or_(StatusUpdate.area_id.in_(areas), StatusUpdate.action_line_id.in_(lines)))).all()
        found = {_key(u.area_id, u.action_line_id, u.status, u.as_of, u.note): u for u in updates}
        return {key: update for key, update in found.items() if key in keys}

    def create(self, values: StatusRow) -> StatusUpdate:
        subject = values.subject
        if isinstance(subject, CooperationArea):
            return record_status(self.author, StatusDetails(values.status, values.note, values.as_of), area=subject)
        [update] = record_line_statuses(self.author, self.plan, as_of=values.as_of,
                                        changes=[LineChange(subject, values.status, values.note)])
        return update
