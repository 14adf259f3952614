"""Where an area or action line stood on a date, read from its append-only status history.

The current status is the latest update by ``as_of`` (then by id, for two updates on one day); the status on a past
date is the latest update on or before that date. Kept apart from the services that write the history, so that
coverage and the reports read it without depending on them.
"""

from collections.abc import Iterable
from datetime import date, datetime
from typing import TypeVar

import sqlalchemy as sa
from sqlalchemy.orm import InstrumentedAttribute, joinedload

from app.extensions import db
from app.models import ActionLine, AreaStatus, CooperationArea, StatusUpdate

T = TypeVar("T")
#: The column of a status update naming what it is about: ``StatusUpdate.area_id`` or ``.action_line_id``.
Subject = InstrumentedAttribute[int | None]


def current_statuses(
    *, area_ids: Iterable[int] | None = None, line_ids: Iterable[int] | None = None, as_of: date | None = None
) -> dict[int, StatusUpdate]:
    """The current status update of each area (``area_ids``) or action line (``line_ids``), by id.

    One query, whatever the number of ids. With ``as_of``, the status as it stood on that date: the latest
    update dated on or before it. Subjects with no update (yet, or by that date) are left out. Each update
    comes with its author loaded.
    """
    if area_ids is not None and line_ids is None:
        subject, ids = StatusUpdate.area_id, sorted(set(area_ids))
    elif line_ids is not None and area_ids is None:
        subject, ids = StatusUpdate.action_line_id, sorted(set(line_ids))
    else:
        raise TypeError("current_statuses needs exactly one of area_ids and line_ids")
    if not ids:
        return {}
    updates = db.session.scalars(
        sa.select(StatusUpdate)
        .where(StatusUpdate.id.in_(latest_update_ids(subject, ids, as_of)))
        .options(joinedload(StatusUpdate.author))
    ).all()
    by_subject = ((update.area_id if subject is StatusUpdate.area_id else update.action_line_id, update)
                  for update in updates)
    # Each update found is about one of the ids asked for: the None test never drops one, it narrows the type.
    return {subject_id: update for subject_id, update in by_subject if subject_id is not None}


def current_area_status_values(area_ids: Iterable[int]) -> dict[int, AreaStatus]:
    """Only the current status of each area, for pages that show hundreds of them (the home page heatmap)."""
    ids = sorted(set(area_ids))
    if not ids:
        return {}
    rows = db.session.execute(
        sa.select(StatusUpdate.area_id, StatusUpdate.status)
        .where(StatusUpdate.id.in_(latest_update_ids(StatusUpdate.area_id, ids, None))))
    # Only updates of the areas asked for are read: the None test narrows the type, it never drops a row.
    return {area_id: AreaStatus(status) for area_id, status in rows if area_id is not None}


def latest_update(column: InstrumentedAttribute[T], subject: Subject,
                  as_of: date | sa.BindParameter[date] | None = None,
                  recorded_by: datetime | sa.BindParameter[datetime] | None = None) -> sa.ScalarSelect[T]:
    """``column`` of the latest update (the current one, or the one in force on ``as_of``) of the area or action line
    the enclosing query reads, as a correlated subquery; ``subject``: StatusUpdate.area_id or .action_line_id. With
    ``recorded_by`` (a moment), only the updates entered by then count.

    Looked up subject by subject, each a short walk back along the (subject, as_of, id) index: the cost follows the
    number of areas or lines asked about, not the length of their history (ranking every update of a plan's lines
    took eight times as long with ten times the updates).
    """
    latest = sa.select(column).where(subject == subject_owner(subject).id)
    if as_of is not None:
        latest = latest.where(StatusUpdate.as_of <= as_of)
    if recorded_by is not None:
        latest = latest.where(StatusUpdate.created_at <= recorded_by)
    return latest.order_by(StatusUpdate.as_of.desc(), StatusUpdate.id.desc()).limit(1).scalar_subquery()


def latest_update_ids(subject: Subject, ids: Iterable[int] | sa.Select[int],
                      as_of: date | sa.BindParameter[date] | None = None) -> sa.Select[int]:
    """The id of each subject's latest update (see ``latest_update``), None for a subject with none yet; ``ids``: a
    list or a select."""
    return sa.select(latest_update(StatusUpdate.id, subject, as_of)).where(subject_owner(subject).id.in_(ids))


def subject_owner(subject: Subject) -> type[CooperationArea] | type[ActionLine]:
    """The area or action line a status update's ``subject`` column points to."""
    return CooperationArea if subject is StatusUpdate.area_id else ActionLine
