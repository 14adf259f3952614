"""Cooperation areas, their action lines and the append-only status history of both.

A status update is never changed or removed. The current status of an area or action line is its
latest update by ``as_of`` (then by id, for two updates on one day); the status on a past date is the
latest update on or before that date (read by ``app.implementation.statuses``).
"""

import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import NamedTuple

import sqlalchemy as sa
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from app.areas.details import ActionLineDetails, AreaDetails, StatusDetails
from app.common.dates import page_date
from app.common.errors import DomainError
from app.extensions import db
from app.models import (
    ActionLine,
    ActionLineStatus,
    AreaStatus,
    CooperationArea,
    Pillar,
    Plan,
    StatusUpdate,
    User,
)

CODE_PATTERN = re.compile(r"^[A-Za-z0-9.\-]+$")
CODE_MAX = 20
#: The longest action line text the form and the import take (the column itself has no limit).
LINE_TEXT_MAX = 2000


def _check_code(code: str, what: str) -> None:
    if len(code) > CODE_MAX:
        raise DomainError("code", gettext("%(what)s must be %(limit)s characters or less", what=what,
                                          limit=CODE_MAX))
    if not CODE_PATTERN.match(code):
        raise DomainError("code", gettext("%(what)s must only include letters, numbers, dots and hyphens", what=what))


def _check_area_code(plan: Plan, code: str, area: CooperationArea | None) -> None:
    _check_code(code, gettext("Area code"))
    query = sa.select(CooperationArea.id).where(
        CooperationArea.plan_id == plan.id, sa.func.lower(CooperationArea.code) == code.lower()
    )
    if area is not None and area.id is not None:
        query = query.where(CooperationArea.id != area.id)
    if db.session.scalar(query) is not None:
        raise DomainError("code", gettext("Area code %(code)s is already used in this plan – enter a different code",
                                          code=code))


def _check_pillar(plan: Plan, pillar: Pillar | None) -> Pillar:
    if pillar is None or pillar.plan_id != plan.id:
        raise DomainError("pillar", gettext("Select a pillar of this plan"))
    return pillar


def _next_position(column: sa.orm.InstrumentedAttribute[int], *conditions: sa.ColumnElement[bool]) -> int:
    last = db.session.scalar(sa.select(sa.func.max(column)).where(*conditions))
    return 1 if last is None else last + 1


def add_area(plan: Plan, details: AreaDetails) -> CooperationArea:
    """Add a cooperation area under one of the plan's pillars, last unless ``details.position`` says otherwise."""
    pillar = _check_pillar(plan, details.pillar)
    _check_area_code(plan, details.code, None)
    position = details.position
    if position is None:
        position = _next_position(CooperationArea.position, CooperationArea.plan_id == plan.id)
    area = CooperationArea(
        plan=plan,
        pillar=pillar,
        code=details.code,
        name=details.name,
        focal_point=details.focal_point,
        description=details.description,
        position=position,
        carried_from=details.carried_from,
    )
    db.session.add(area)
    db.session.flush()
    return area


def update_area(area: CooperationArea, details: AreaDetails) -> CooperationArea:
    """Change an area; it may move to another pillar of the same plan. No ``position`` keeps its place."""
    pillar = _check_pillar(area.plan, details.pillar)
    _check_area_code(area.plan, details.code, area)
    area.pillar, area.code, area.name = pillar, details.code, details.name
    area.focal_point, area.description = details.focal_point, details.description
    if details.position is not None:
        area.position = details.position
    db.session.flush()
    return area


def _check_line_code(area: CooperationArea, code: str, line: ActionLine | None) -> None:
    _check_code(code, gettext("Action line code"))
    query = sa.select(ActionLine.id).where(
        ActionLine.area_id == area.id, sa.func.lower(ActionLine.code) == code.lower()
    )
    if line is not None and line.id is not None:
        query = query.where(ActionLine.id != line.id)
    if db.session.scalar(query) is not None:
        raise DomainError("code", _line_code_used(code))


def _line_code_used(code: str) -> str:
    return gettext("Action line code %(code)s is already used in this area – enter a different code", code=code)


def add_action_line(area: CooperationArea, details: ActionLineDetails) -> ActionLine:
    """Add a numbered action line to an area, last unless ``details.position`` says otherwise."""
    _check_line_code(area, details.code, None)
    position = details.position
    if position is None:
        position = _next_position(ActionLine.position, ActionLine.area_id == area.id)
    line = ActionLine(area=area, code=details.code, text=details.text, position=position)
    db.session.add(line)
    db.session.flush()
    return line


def add_action_lines(area: CooperationArea, lines: Sequence[ActionLineDetails]) -> list[ActionLine]:
    """Add action lines to an area, after its others and in the order given: the rules of ``add_action_line``,
    checked for them all with one query and saved with one flush (an import adds hundreds)."""
    in_use = db.session.scalars(sa.select(ActionLine.code).where(ActionLine.area_id == area.id))
    used = {code.lower() for code in in_use}
    position = _next_position(ActionLine.position, ActionLine.area_id == area.id)
    added: list[ActionLine] = []
    for offset, details in enumerate(lines):
        _check_code(details.code, gettext("Action line code"))
        if details.code.lower() in used:
            raise DomainError("code", _line_code_used(details.code))
        used.add(details.code.lower())
        added.append(ActionLine(area=area, code=details.code, text=details.text, position=position + offset,
                                carried_from=details.carried_from))
    db.session.add_all(added)
    db.session.flush()
    return added


def update_action_line(line: ActionLine, details: ActionLineDetails) -> ActionLine:
    _check_line_code(line.area, details.code, line)
    line.code, line.text = details.code, details.text
    if details.position is not None:
        line.position = details.position
    db.session.flush()
    return line


def status_date_problem(plan: Plan, as_of: date, what: str | None = None) -> str | None:
    """Why a status cannot be dated ``as_of`` (in the future, or outside the plan's period), else None.

    A status dated outside the period would count in no figure of the plan, or in some and not others."""
    what = what or gettext("Date of the status update")
    if as_of > date.today():
        return gettext("%(what)s must be today or in the past", what=what)
    if not plan.covers(as_of):
        return gettext("%(what)s must be between %(start)s and %(end)s, the period of the plan", what=what,
                       start=page_date(plan.starts_on), end=page_date(plan.ends_on))
    return None


def record_status(
    author: User,
    details: StatusDetails,
    *,
    area: CooperationArea | None = None,
    action_line: ActionLine | None = None,
    corrects: StatusUpdate | None = None,
) -> StatusUpdate:
    """Append a status update for an area or an action line (exactly one of them).

    ``details.as_of`` may be in the past (a backdated update): it then takes its place in the history and only
    becomes the current status if nothing later was recorded. It may not be in the future or outside the plan's
    period.

    ``corrects`` is an earlier update of the same subject that was wrong. It stays in the history as it was;
    the correction is a new update with the same date, so it takes the earlier one's place in every status
    worked out from then on.

    ``details.is_restricted`` keeps the note to editors and admins, and out of reports unless included; the
    status itself stays visible and counted.
    """
    status, as_of, progress = details.status, details.as_of, details.progress
    subject = area if area is not None else action_line
    if subject is None or (area is not None and action_line is not None):
        raise ValueError("record_status needs exactly one of area and action_line")
    vocabulary: type[AreaStatus] | type[ActionLineStatus] = AreaStatus if area is not None else ActionLineStatus
    if status is None or not vocabulary.holds(status):
        raise DomainError("status", gettext("Select the status of the area") if area is not None
                          else gettext("Select the status of the action line"))
    chosen = vocabulary(status)
    if subject.is_archived:
        raise DomainError("status", gettext("This area is archived – restore it before recording its status")
                          if area is not None
                          else gettext("This action line is archived – restore it before recording its status"))
    if progress is not None and not (isinstance(progress, int) and 0 <= progress <= 100):
        raise DomainError("progress", gettext("Progress must be a whole number between 0 and 100"))
    note = (details.note or "").strip()
    if not note:
        raise DomainError("note", gettext("Enter a note about the status"))
    if corrects is not None:
        if (corrects.area_id, corrects.action_line_id) != (getattr(area, "id", None), getattr(action_line, "id", None)):
            raise DomainError("status", gettext("The update being corrected is not about this area") if area is not None
                              else gettext("The update being corrected is not about this action line"))
        if as_of != corrects.as_of:
            raise DomainError(
                "as_of", gettext("A correction keeps the date of the update it corrects, %(date)s",
                                 date=page_date(corrects.as_of))
            )
    plan = subject.plan if isinstance(subject, CooperationArea) else subject.area.plan
    if problem := status_date_problem(plan, as_of):
        raise DomainError("as_of", problem)
    update = StatusUpdate(
        area=area,
        action_line=action_line,
        status=chosen.value,
        note=note,
        as_of=as_of,
        progress=progress,
        author=author,
        corrects=corrects,
        is_restricted=bool(details.is_restricted),
    )
    db.session.add(update)
    db.session.flush()
    return update


NO_CHANGE_MESSAGE = _l("Select a new status for at least one action line")


class LineChange(NamedTuple):
    """One action line's new status in a batch; a plain (line, status, note) tuple is taken too."""

    line: ActionLine
    status: str
    note: str
    is_restricted: bool = False


def record_line_statuses(
    author: User, plan: Plan, *, as_of: date, changes: Iterable[LineChange | tuple[ActionLine, str, str]]
) -> list[StatusUpdate]:
    """A new status for several action lines of ``plan`` at once, as a desk records them after a meeting.

    ``changes`` holds a ``LineChange`` for each line that changes; lines left out keep their status.
    Each change is its own update, all dated ``as_of`` and by ``author``. The first problem raises a
    ``DomainError`` naming the line's field (``status_<id>``, ``note_<id>``); the caller rolls back, so a batch
    is saved whole or not at all.
    """
    line_changes = [LineChange(*change) for change in changes]
    if problem := status_date_problem(plan, as_of, gettext("Date of the status updates")):
        raise DomainError("as_of", problem)
    if not line_changes:
        raise DomainError(None, str(NO_CHANGE_MESSAGE))
    updates = []
    for line, status, note, is_restricted in line_changes:
        if line.area.plan_id != plan.id:
            raise DomainError(f"status_{line.id}",
                              gettext("Action line %(code)s is not part of this plan", code=line.code))
        if line.is_archived or line.area.is_archived:
            raise DomainError(
                f"status_{line.id}",
                gettext("Action line %(code)s is archived – restore it before recording its status", code=line.code)
            )
        if not ActionLineStatus.holds(status):
            raise DomainError(f"status_{line.id}",
                              gettext("Select the new status of action line %(code)s", code=line.code))
        if not (note or "").strip():
            raise DomainError(f"note_{line.id}", gettext("Enter a note for action line %(code)s", code=line.code))
        updates.append(record_status(author, StatusDetails(status=status, note=note, as_of=as_of,
                                                           is_restricted=is_restricted), action_line=line))
    return updates
