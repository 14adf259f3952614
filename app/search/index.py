"""Keeping the search entries in step with the records, in the same transaction as the change.

After each flush the records of the indexed kinds that were added, changed or removed, and the records whose
entries name them (a partnership is named after its organisations, a meeting lists its participants), are indexed
again with plain SQL on the session's connection: a rolled-back transaction takes its entries with it.
``rebuild`` indexes everything, for the migration, bulk loads and ``flask search rebuild``.
"""

from collections import defaultdict
from collections.abc import Iterable
from itertools import islice
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import InstrumentedAttribute, Session, UOWTransaction

from app.extensions import db
from app.languages import written_in_english
from app.models import (
    ActionLine,
    Activity,
    CooperationArea,
    FollowUpAction,
    IssuedReport,
    Meeting,
    MeetingParticipant,
    Organisation,
    Partnership,
    Person,
    Position,
    SearchEntry,
    SearchKind,
)
from app.search.documents import ABSENT_COLUMNS, BUILDERS, IDS, MEETINGS, absent_columns, asked_for
from app.search.schema import CURRENT, TextIndexes, bulk_loading

Changed = dict[SearchKind, set[int]]
#: Records per statement when indexing many.
CHUNK = 2_000
#: The indexed kinds, by their models.
KINDS: dict[type[Any], SearchKind] = {
    Partnership: SearchKind.PARTNERSHIP, Organisation: SearchKind.ORGANISATION, Person: SearchKind.PERSON,
    Meeting: SearchKind.MEETING, FollowUpAction: SearchKind.FOLLOW_UP, ActionLine: SearchKind.ACTION_LINE,
    Activity: SearchKind.ACTIVITY, IssuedReport: SearchKind.REPORT,
}
entries = db.metadata.tables[SearchEntry.__tablename__]
#: A kind's entries of the records asked for, dropped before they are written again.
FORGET = entries.delete().where(entries.c.kind == sa.bindparam("kind"), asked_for(entries.c.record_id))
WRITE = entries.insert()


def _chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    iterator = iter(ids)
    while chunk := list(islice(iterator, CHUNK)):
        yield chunk


def _ids(connection: sa.Connection, column: InstrumentedAttribute[int], where: sa.ColumnElement[bool]) -> set[int]:
    return set(connection.scalars(sa.select(column).where(where)))


def dependants(connection: sa.Connection, changed: Changed, organisations: set[int], people: set[int],
               areas: set[int]) -> Changed:
    """``changed`` with the records whose entries name a changed organisation, person or cooperation area."""
    found: Changed = defaultdict(set, {kind: set(ids) for kind, ids in changed.items()})
    if organisations:
        found[SearchKind.PARTNERSHIP] |= _ids(connection, Partnership.id, sa.or_(
            Partnership.organisation_id.in_(organisations), Partnership.partner_id.in_(organisations)))
        found[SearchKind.PERSON] |= _ids(connection, Position.person_id, Position.organisation_id.in_(organisations))
        found[SearchKind.MEETING] |= _ids(connection, MeetingParticipant.meeting_id,
                                          MeetingParticipant.organisation_id.in_(organisations))
        found[SearchKind.ACTIVITY] |= _ids(connection, Activity.id,
                                           Activity.implementing_organisation_id.in_(organisations))
    if people:
        found[SearchKind.MEETING] |= _ids(connection, MeetingParticipant.meeting_id,
                                          MeetingParticipant.person_id.in_(people))
    if areas:
        found[SearchKind.ACTION_LINE] |= _ids(connection, ActionLine.id, ActionLine.area_id.in_(areas))
    return found


def refresh(connection: sa.Connection, changed: Changed) -> None:
    """Index again the records named in ``changed``; a record no longer there loses its entry."""
    for kind, ids in changed.items():
        build, _ = BUILDERS[kind]
        for chunk in _chunks(sorted(ids)):
            rows = build(connection, chunk)
            connection.execute(FORGET, {"kind": kind.value, IDS: chunk})
            if rows:
                connection.execute(WRITE, rows)


def rebuild(connection: sa.Connection, indexes: TextIndexes = CURRENT) -> int:
    """Index every record afresh (after a bulk load or a repair in SQL); returns the entries written. ``indexes``:
    the text indexes as a migration's revision has them."""
    written = 0
    connection.info[ABSENT_COLUMNS] = absent_columns(connection, [MEETINGS])
    try:
        with bulk_loading(connection, indexes):
            connection.execute(entries.delete())
            for build, id_column in BUILDERS.values():
                for chunk in _chunks(connection.scalars(sa.select(id_column).order_by(id_column)).all()):
                    rows = build(connection, chunk)
                    if rows:
                        connection.execute(WRITE, rows)
                    written += len(rows)
    finally:
        del connection.info[ABSENT_COLUMNS]
    return written


#: What other records' entries read of a record: only a change to these re-indexes them.
NAMED_BY_OTHERS: dict[type[Any], tuple[str, ...]] = {
    Organisation: ("name", "short_name"), Person: ("honorific", "full_name"), CooperationArea: ("code", "name"),
}


def _renamed(record: object) -> bool:
    attributes = sa.inspect(record).attrs
    return any(attributes[name].history.has_changes() for name in NAMED_BY_OTHERS[type(record)])


def _changed_in(session: Session) -> tuple[Changed, set[int], set[int], set[int]]:
    changed: Changed = defaultdict(set)
    renamed: dict[type[Any], set[int]] = defaultdict(set)
    for record in (*session.new, *session.dirty, *session.deleted):
        kind = KINDS.get(type(record))
        if kind is not None and record.id is not None:
            changed[kind].add(record.id)
        if isinstance(record, Position) and record.person_id is not None:
            changed[SearchKind.PERSON].add(record.person_id)
        elif isinstance(record, MeetingParticipant) and record.meeting_id is not None:
            changed[SearchKind.MEETING].add(record.meeting_id)
        elif type(record) in NAMED_BY_OTHERS and record not in session.new and _renamed(record):
            renamed[type(record)].add(record.id)
    return changed, renamed[Organisation], renamed[Person], renamed[CooperationArea]


@event.listens_for(Session, "after_flush")
@written_in_english
def keep_in_step(session: Session, _flush: UOWTransaction) -> None:
    changed, organisations, people, areas = _changed_in(session)
    if changed or organisations or people or areas:
        connection = session.connection()
        refresh(connection, dependants(connection, changed, organisations, people, areas))
