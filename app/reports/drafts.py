"""The remarks and way forward a desk drafts for each cooperation area and action line of a report window.

Kept per plan and window (first and last days) in ``ReportRemark``: the live report of that window reads them
(``written_for``), and issuing it copies them into the issued figures, where later edits no longer reach.
"""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TypedDict

import sqlalchemy as sa
from flask_babel import gettext

from app.common.dates import page_date
from app.common.errors import DomainError
from app.extensions import db
from app.models import ActionLine, CooperationArea, Plan, ReportRemark

#: A draft's subject: ("area", id) or ("action_line", id).
Subject = tuple[str, int]


def subject_of(remark: ReportRemark) -> Subject:
    return ("area", remark.area_id) if remark.area_id is not None else ("action_line", remark.action_line_id or 0)


@dataclass(frozen=True)
class RemarkAnswer:
    """What a form (or the demo data) gives for one area or one action line."""

    area: CooperationArea | None
    action_line: ActionLine | None
    remarks: str
    way_forward: str
    #: The version of the draft the form was opened on; 0 when there was none yet.
    version: int = 0
    #: False when the form gives back the texts it was opened with: nothing to save, and nothing to clash.
    changed: bool = True

    @property
    def record(self) -> CooperationArea | ActionLine:
        subject = self.area or self.action_line
        assert subject is not None  # exactly one subject, as the table's CHECK says
        return subject

    @property
    def subject(self) -> Subject:
        return ("area", self.record.id) if self.area is not None else ("action_line", self.record.id)

    @property
    def plan_id(self) -> int:
        if self.area is not None:
            return self.area.plan_id
        assert self.action_line is not None
        return self.action_line.area.plan_id

    @property
    def code(self) -> str:
        return self.record.code


def drafts_of(plan_id: int, starts_on: date, ends_on: date) -> dict[Subject, ReportRemark]:
    """Every draft of the window, by subject: one query."""
    rows = db.session.scalars(sa.select(ReportRemark).where(
        ReportRemark.plan_id == plan_id, ReportRemark.window_starts_on == starts_on,
        ReportRemark.window_ends_on == ends_on))
    return {subject_of(row): row for row in rows}


def drafted_windows(plan_id: int) -> list[tuple[date, date]]:
    """The windows of the plan that have remarks written, latest end first: drafts belong to one window, so a desk
    that opens another (the default one ends today, and so moves on each day) is told where its drafts are."""
    written = sa.or_(ReportRemark.remarks != "", ReportRemark.way_forward != "")
    return [(row.window_starts_on, row.window_ends_on) for row in db.session.execute(
        sa.select(ReportRemark.window_starts_on, ReportRemark.window_ends_on)
        .where(ReportRemark.plan_id == plan_id, written).distinct()
        .order_by(ReportRemark.window_ends_on.desc(), ReportRemark.window_starts_on.desc()))]


class Texts(TypedDict):
    """A subject's texts as the report's figures carry them (``ActionLineFigures``, ``AreaFigures``)."""

    remarks: str
    way_forward: str


@dataclass(frozen=True)
class Written:
    """The texts of a window's drafts, by subject."""

    texts: dict[Subject, Texts] = field(default_factory=dict)

    def area(self, area_id: int) -> Texts:
        return self.texts.get(("area", area_id), {"remarks": "", "way_forward": ""})

    def line(self, line_id: int) -> Texts:
        return self.texts.get(("action_line", line_id), {"remarks": "", "way_forward": ""})


def written_for(plan_id: int, starts_on: date, ends_on: date) -> Written:
    """The drafted texts of the window (columns only, one query)."""
    rows = db.session.execute(sa.select(
        ReportRemark.area_id, ReportRemark.action_line_id, ReportRemark.remarks, ReportRemark.way_forward,
    ).where(ReportRemark.plan_id == plan_id, ReportRemark.window_starts_on == starts_on,
            ReportRemark.window_ends_on == ends_on))
    return Written({
        ("area", row.area_id) if row.area_id is not None else ("action_line", row.action_line_id):
            {"remarks": row.remarks, "way_forward": row.way_forward}
        for row in rows
    })


def texts_digest(remarks: str, way_forward: str) -> str:
    """A short digest of a draft's two texts, which a form carries to tell what was changed on it."""
    return hashlib.sha256(f"{remarks}\0{way_forward}".encode()).hexdigest()[:16]


def moved_on(answer: RemarkAnswer, drafts: dict[Subject, ReportRemark]) -> bool:
    """Whether someone saved the subject's draft since the page giving ``answer`` was opened."""
    return answer.version != (drafts[answer.subject].version if answer.subject in drafts else 0)


def stale(answers: Sequence[RemarkAnswer], drafts: dict[Subject, ReportRemark]) -> list[RemarkAnswer]:
    """The answers changed on a page opened before someone else saved the same subject's draft."""
    return [answer for answer in answers if answer.changed and moved_on(answer, drafts)]


def save_remarks(plan: Plan, starts_on: date, ends_on: date, answers: Sequence[RemarkAnswer]) -> int:
    """Keep ``answers`` as the drafts of the window; returns how many drafts changed. Flushes, never commits.

    A subject with no draft and nothing written gets none; a draft emptied is kept empty (its history stays in the
    audit log). Refuses an answer given on a page opened before someone else saved the same draft.
    """
    if not (plan.starts_on <= starts_on <= ends_on <= plan.ends_on):
        raise DomainError(None, gettext("The report period must be within the plan, %(starts_on)s to %(ends_on)s",
                                        starts_on=page_date(plan.starts_on), ends_on=page_date(plan.ends_on)))
    drafts = drafts_of(plan.id, starts_on, ends_on)
    if late := stale(answers, drafts):
        raise DomainError(None, gettext("Someone else changed the remarks on %(code)s since this page was opened",
                                        code=late[0].code))
    changed = 0
    for answer in answers:
        if not answer.changed:
            continue
        if answer.plan_id != plan.id:
            raise DomainError(None, gettext("Remarks can only be written on areas and action lines of the report's "
                                            "plan"))
        draft = drafts.get(answer.subject)
        if draft is None:
            if not (answer.remarks or answer.way_forward):
                continue
            draft = ReportRemark(plan=plan, window_starts_on=starts_on, window_ends_on=ends_on,
                                 area=answer.area, action_line=answer.action_line)
            db.session.add(draft)
        elif (draft.remarks, draft.way_forward) == (answer.remarks, answer.way_forward):
            continue
        draft.remarks, draft.way_forward = answer.remarks, answer.way_forward
        changed += 1
    db.session.flush()
    return changed
