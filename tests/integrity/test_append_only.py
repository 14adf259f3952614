"""Status updates, follow-up state entries, partnership events and the audit log are history: the database refuses
to change or delete a row of them, whatever sends the SQL, and the ORM refuses it at flush with a message that says
what to do."""

from datetime import date

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import (
    AuditAction,
    AuditEntry,
    CooperationArea,
    FollowUpStateEntry,
    HistoryIsAppendOnly,
    PartnershipEvent,
    StatusUpdate,
)


@pytest.fixture
def history(make):
    """One row of each kind of history, by table: the partnership's conferral (made with it), a status update of
    30 June 2024, an audit entry and the opening entry of a follow-up."""
    partnership = make.partnership()
    area = make.area(make.plan(partnership))
    update = make.status_update(make.user(), area=area, status="on_track", as_of=date(2024, 6, 30))
    entry = AuditEntry(action=AuditAction.CREATE, record_type="cooperation_areas", record_id=area.id,
                       record_label="2.1 Trade", changes={})
    db.session.add(entry)
    follow_up = make.follow_up(partnership, opened_on=date(2024, 7, 1))
    db.session.commit()
    (opening,) = db.session.scalars(sa.select(FollowUpStateEntry.id).where(
        FollowUpStateEntry.follow_up_id == follow_up.id)).all()
    return {"status_updates": update.id, "partnership_events": partnership.events[0].id, "audit_entries": entry.id,
            "follow_up_state_entries": opening, "cooperation_areas": area.id}


CHANGES = {
    "status_updates": ("status = 'at_risk'", "status", "on_track", "A status update cannot be edited or deleted"),
    "partnership_events": ("status = 'guest'", "status", "sectoral_dialogue_partner",
                           "A status change cannot be edited or deleted"),
    "audit_entries": ("record_label = 'Tampered'", "record_label", "2.1 Trade",
                      "An audit entry cannot be edited or deleted"),
    "follow_up_state_entries": ("status = 'done'", "status", "open",
                                "A follow-up state entry cannot be edited or deleted"),
}


def refused(statement: str, message: str) -> None:
    with pytest.raises(sa.exc.IntegrityError) as error, db.engine.begin() as connection:
        connection.execute(sa.text(statement))
    assert message in str(error.value)


@pytest.mark.parametrize("table", sorted(CHANGES))
def test_raw_sql_cannot_change_or_delete_history(history, table):
    change, column, kept, message = CHANGES[table]
    row = history[table]
    refused(f"UPDATE {table} SET {change} WHERE id = {row}", message)
    refused(f"DELETE FROM {table} WHERE id = {row}", message)
    with db.engine.connect() as connection:
        assert connection.execute(sa.text(f"SELECT {column} FROM {table} WHERE id = {row}")).scalar_one() == kept


def test_deleting_a_partnership_cannot_take_its_history_with_it(make):
    """Its events would go with it (ON DELETE CASCADE): a partnership with nothing else still stays."""
    norway = make.partnership(make.organisation(name="Kingdom of Norway", short_name="Norway", iso_code="NO"))
    refused(f"DELETE FROM partnerships WHERE id = {norway.id}", "A status change cannot be edited or deleted")


@pytest.mark.parametrize("model, table, change", [
    (StatusUpdate, "status_updates", {"status": "at_risk"}),
    (PartnershipEvent, "partnership_events", {"description": "Rewritten"}),
    (AuditEntry, "audit_entries", {"record_label": "Tampered"}),
    (FollowUpStateEntry, "follow_up_state_entries", {"status": "cancelled"}),
])
def test_the_orm_refuses_a_changed_row_of_history_at_flush(history, model, table, change):
    record = db.session.get(model, history[table])
    # Loaded and left alone, it is no change: a unit of work that changes other records saves.
    db.session.get(CooperationArea, history["cooperation_areas"]).name = "Trade and investment"
    db.session.commit()
    for name, value in change.items():
        setattr(record, name, value)
    with pytest.raises(HistoryIsAppendOnly, match=f"cannot be edited or deleted.*{table} id {history[table]}"):
        db.session.flush()
    db.session.rollback()


@pytest.mark.parametrize("model, table", [
    (StatusUpdate, "status_updates"), (PartnershipEvent, "partnership_events"), (AuditEntry, "audit_entries"),
    (FollowUpStateEntry, "follow_up_state_entries"),
])
def test_the_orm_refuses_a_deleted_row_of_history_at_flush(history, model, table):
    db.session.delete(db.session.get(model, history[table]))
    with pytest.raises(HistoryIsAppendOnly, match="record a new entry"):
        db.session.flush()
    db.session.rollback()
    assert db.session.get(model, history[table]) is not None
