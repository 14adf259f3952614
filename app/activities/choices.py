"""What the activity form offers to choose from, once a partnership is chosen: its plans, the chosen plan's action
lines, its meetings, and the organisations that implement. Nothing here changes a record."""

from collections.abc import Iterable

import sqlalchemy as sa

from app.extensions import db
from app.models import Organisation, Partnership, Plan


def plans_offered(partnership: Partnership | None, keep: Plan | None = None) -> list[Plan]:
    """The partnership's plans in use, latest first, and ``keep`` (the activity's plan) even if archived."""
    if partnership is None:
        return []
    in_use: sa.ColumnElement[bool] = Plan.archived_at.is_(None)
    if keep is not None:
        in_use = sa.or_(in_use, Plan.id == keep.id)
    return list(db.session.scalars(
        sa.select(Plan).where(Plan.partnership_id == partnership.id, in_use)
        .order_by(Plan.starts_on.desc(), Plan.id.desc())))


def organisations_offered(keep: Iterable[int] = ()) -> list[tuple[int, str]]:
    """(id, name) of the organisations in use, by name, and those in ``keep`` (already chosen) even if archived."""
    kept = set(keep)
    in_use: sa.ColumnElement[bool] = Organisation.archived_at.is_(None)
    if kept:
        in_use = sa.or_(in_use, Organisation.id.in_(kept))
    return [(row.id, row.name) for row in db.session.execute(
        sa.select(Organisation.id, Organisation.name).where(in_use).order_by(Organisation.name))]


def records_by_id(model: type[Organisation], ids: Iterable[int | None]) -> dict[int, Organisation]:
    """The ``model`` rows with these ids, by id, in one query."""
    wanted = {value for value in ids if value is not None}
    if not wanted:
        return {}
    return {record.id: record for record in db.session.scalars(sa.select(model).where(model.id.in_(wanted)))}
