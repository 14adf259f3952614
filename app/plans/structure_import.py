"""Importing a plan's structure (pillars, cooperation areas, action lines), read from pasted text or a file, in one
step.

``preview_structure`` reads only: it says, row by row, what the import would create, what the plan already has
(pillars matched by name, areas by code, action lines by code within their area, all ignoring case) and what is
wrong. ``import_structure`` saves through the same services as the forms, all or nothing, after checking that the
preview the person confirmed is still what the import would do now.
"""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

import sqlalchemy as sa
from flask_babel import gettext, lazy_ngettext
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from app.areas.details import ActionLineDetails, AreaDetails
from app.areas.services import CODE_MAX, CODE_PATTERN, LINE_TEXT_MAX, add_action_lines, add_area
from app.audit.services import recorded_as
from app.common.errors import DomainError
from app.common.numbers import page_number
from app.extensions import db
from app.models import ActionLine, CooperationArea, Pillar, Plan
from app.plans.services import add_pillar
from app.plans.structure_text import RowKind, TextRow

#: What the audit entries of an import say the change came from.
IMPORT_SOURCE = "Import of the plan's structure from pasted text"
FILE_IMPORT_SOURCE = "Import of the plan's structure from a file"
NAME_MAX = 200  # pillars.name and cooperation_areas.name
CHANGED_SINCE_PREVIEW = _l(
    "The plan changed since the preview – check the new preview below and confirm the import again"
)
#: What rows were read from, as ``where`` says it: pasted text, or a file.
IN_THE_TEXT, IN_THE_FILE = "the text", "the file"


class RowState(StrEnum):
    NEW = "new"
    EXISTS = "exists"
    PROBLEM = "problem"


@dataclass(frozen=True)
class PreviewRow:
    row: TextRow
    state: RowState

    @property
    def problem(self) -> str | None:
        return self.row.problems[0] if self.row.problems else None


@dataclass(frozen=True)
class StructurePreview:
    rows: list[PreviewRow]

    def count(self, state: RowState) -> int:
        return sum(1 for row in self.rows if row.state is state)

    @property
    def to_create(self) -> int:
        return self.count(RowState.NEW)

    @property
    def already_there(self) -> int:
        return self.count(RowState.EXISTS)

    @property
    def problems(self) -> int:
        return self.count(RowState.PROBLEM)

    @property
    def fingerprint(self) -> str:
        """Changes whenever what the import would do changes: the rows, and which are new."""
        said = "\n".join(f"{r.row.kind}|{r.row.code}|{r.row.parent}|{r.row.text}|{r.state}" for r in self.rows)
        return hashlib.sha256(said.encode()).hexdigest()


@dataclass
class _InPlan:
    """What the plan holds already, by the keys the import matches on."""

    pillars: dict[str, Pillar]
    areas: dict[str, CooperationArea]
    lines: set[tuple[str, str]]

    @classmethod
    def read(cls, plan: Plan) -> "_InPlan":
        pillars = db.session.scalars(sa.select(Pillar).where(Pillar.plan_id == plan.id)).all()
        areas = db.session.scalars(sa.select(CooperationArea).where(CooperationArea.plan_id == plan.id)).all()
        lines = db.session.execute(
            sa.select(CooperationArea.code, ActionLine.code).join(ActionLine.area)
            .where(CooperationArea.plan_id == plan.id)
        ).all()
        return cls(
            {pillar.name.casefold(): pillar for pillar in pillars},
            {area.code.casefold(): area for area in areas},
            {(area_code.casefold(), code.casefold()) for area_code, code in lines},
        )


def _in(where: str, in_the_text: str, in_the_file: str) -> str:
    """The message for rows read from ``where``: one whole sentence for each (lazily translated, so only the one
    said is), as languages place "in the text" differently."""
    return str(in_the_file if where == IN_THE_FILE else in_the_text)


def _too_long(what: str, value: str, limit: int) -> str | None:
    if len(value) <= limit:
        return None
    return gettext("%(what)s must be %(limit)s characters or less", what=what, limit=page_number(limit))


def _code_problem(what: str, code: str) -> str | None:
    if problem := _too_long(what, code, CODE_MAX):
        return problem
    return None if CODE_PATTERN.match(code) else gettext(
        "%(what)s %(code)s must only include letters, numbers, dots and hyphens", what=what, code=code)


def _problems(row: TextRow, seen: set[tuple[RowKind, str]], areas_in_text: set[str], known: _InPlan,
              where: str) -> list[str]:
    """What keeps ``row`` from being imported, most important first; the limits are the forms'. ``where`` names
    what the rows were read from: "the text", "the file"."""
    kind, code, text = row.kind, row.code or "", row.text
    found: list[str | None] = []
    if kind is RowKind.PILLAR:
        found += [None if text else gettext("Enter the name of the pillar after its number"),
                  _too_long(gettext("Name of the pillar"), text, NAME_MAX)]
        key = text.casefold()
        found.append(_in(where, _l("Pillar %(name)s appears twice in the text", name=text),
                         _l("Pillar %(name)s appears twice in the file", name=text)) if (kind, key) in seen else None)
    elif kind is RowKind.AREA:
        found += [_code_problem(gettext("Area code"), code),
                  None if row.parent else gettext("Area %(code)s has no pillar – add one above it", code=code),
                  None if text else gettext("Enter the name of area %(code)s after its code", code=code),
                  _too_long(gettext("Name of the area"), text, NAME_MAX)]
        key = code.casefold()
        found.append(_in(where, _l("Area code %(code)s appears twice in the text", code=code),
                         _l("Area code %(code)s appears twice in the file", code=code))
                     if (kind, key) in seen else None)
    else:
        parent = (row.parent or "").casefold()
        found += [_code_problem(gettext("Action line code"), code),
                  None if parent in areas_in_text or parent in known.areas else _in(
                      where,
                      _l("Area %(area)s is not in the text or the plan – add it above action line %(code)s",
                         area=row.parent, code=code),
                      _l("Area %(area)s is not in the file or the plan – add it above action line %(code)s",
                         area=row.parent, code=code)),
                  None if text else gettext("Enter the text of action line %(code)s after its code", code=code),
                  _too_long(gettext("Text of action line %(code)s", code=code), text, LINE_TEXT_MAX)]
        key = f"{parent}|{code.casefold()}"
        found.append(_in(where, _l("Action line code %(code)s appears twice in the text", code=code),
                         _l("Action line code %(code)s appears twice in the file", code=code))
                     if (kind, key) in seen else None)
    seen.add((kind, key))
    return [problem for problem in found if problem]


def _exists(row: TextRow, known: _InPlan) -> bool:
    if row.kind is RowKind.PILLAR:
        return row.text.casefold() in known.pillars
    if row.kind is RowKind.AREA:
        return (row.code or "").casefold() in known.areas
    return ((row.parent or "").casefold(), (row.code or "").casefold()) in known.lines


def _headings_without_areas(rows: list[TextRow]) -> None:
    """A heading without a number and with no area under it is most likely the document's title, not a pillar."""
    for row, following in zip(rows, [*rows[1:], None], strict=True):
        alone = following is None or following.kind is RowKind.PILLAR
        if row.kind is RowKind.PILLAR and row.code is None and alone and not row.problems:
            row.problems.append(gettext("No cooperation area follows %(name)s – delete the line if it is not a pillar",
                                        name=row.text))


def preview_structure(plan: Plan, rows: list[TextRow], where: str = IN_THE_TEXT) -> StructurePreview:
    """What importing ``rows`` (as read from ``where``: the text, the file; without problems yet) into ``plan`` would
    do, row by row. Reads only."""
    known = _InPlan.read(plan)
    areas_in_text = {(row.code or "").casefold() for row in rows if row.kind is RowKind.AREA}
    seen: set[tuple[RowKind, str]] = set()
    for row in rows:
        row.problems.extend(_problems(row, seen, areas_in_text, known, where))
    _headings_without_areas(rows)
    return StructurePreview([
        PreviewRow(row, RowState.PROBLEM if row.problems else RowState.EXISTS if _exists(row, known) else RowState.NEW)
        for row in rows
    ])


def _create(plan: Plan, rows: Iterable[PreviewRow], known: _InPlan) -> None:
    # The action lines of each area are added together, once every area exists: one check and one flush an area.
    lines: dict[str, list[ActionLineDetails]] = {}
    for preview_row in rows:
        row, is_new = preview_row.row, preview_row.state is RowState.NEW
        if row.kind is RowKind.PILLAR and is_new:
            known.pillars[row.text.casefold()] = add_pillar(plan, name=row.text)
        elif row.kind is RowKind.AREA and is_new:
            pillar = known.pillars[(row.parent or "").casefold()]
            area = add_area(plan, AreaDetails(pillar=pillar, code=row.code or "", name=row.text))
            known.areas[area.code.casefold()] = area
        elif row.kind is RowKind.LINE and is_new:
            lines.setdefault((row.parent or "").casefold(), []).append(ActionLineDetails(row.code or "", row.text))
    for area_code, details in lines.items():
        add_action_lines(known.areas[area_code], details)


def import_structure(plan: Plan, rows: list[TextRow], *, previewed: str, source: str = IMPORT_SOURCE,
                     field_name: str = "structure", where: str = IN_THE_TEXT) -> StructurePreview:
    """Create what the preview of ``rows`` said was new, through the forms' own services, all or nothing.

    ``previewed`` is the fingerprint of the preview the person confirmed: if the plan (or the text) changed since,
    nothing is saved and a ``DomainError`` on ``field_name`` says so. Every record created is audited as coming from
    ``source``. Flushes, never commits.
    """
    preview = preview_structure(plan, rows, where)
    if preview.fingerprint != previewed:
        raise DomainError(field_name, str(CHANGED_SINCE_PREVIEW))
    if preview.problems:
        raise DomainError(field_name, problems_message(preview.problems, where))
    try:
        with recorded_as(source):
            _create(plan, preview.rows, _InPlan.read(plan))
    except DomainError as error:
        # A record saved by someone else since the check above, refused by the service as its form would be: said
        # beside the import's own field, which is the one on the page.
        raise DomainError(field_name, error.message) from None
    except IntegrityError:
        # The same, saved at the very moment of these writes: refused by the database itself.
        raise DomainError(field_name, str(CHANGED_SINCE_PREVIEW)) from None
    return preview


def problems_message(count: int, where: str = IN_THE_TEXT) -> str:
    return _in(where, lazy_ngettext(
        "%(count)s row has a problem – correct the text where the preview shows it, then preview again",
        "%(count)s rows have a problem – correct the text where the preview shows it, then preview again", count,
        count=page_number(count)), lazy_ngettext(
        "%(count)s row has a problem – correct the file where the preview shows it, then preview again",
        "%(count)s rows have a problem – correct the file where the preview shows it, then preview again", count,
        count=page_number(count)))
