"""Follow-up state history: each change of a follow-up's status or due date, dated and only ever added to, so a
report for a past window counts the follow-ups open, done, cancelled and overdue as they were then.

Revision ID: f01105a7e001
Revises: 9a7ed0f0c001
Create Date: 2026-12-06 08:00:00

"""
import json
import logging
from datetime import date, datetime

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'f01105a7e001'
down_revision = '9a7ed0f0c001'
branch_labels = None
depends_on = None

STATUSES = ('open', 'in_progress', 'awaiting_partner', 'done', 'cancelled')
BACKFILL_NOTE = 'Recorded from the follow-up when its history began'
log = logging.getLogger('alembic.runtime.migration')


def upgrade():
    op.create_table('follow_up_state_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('follow_up_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum(*STATUSES, name='follow_up_state_status', native_enum=False, create_constraint=True,
                                length=40), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('effective_on', sa.Date(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['follow_up_id'], ['follow_up_actions.id'],
                            name=op.f('fk_follow_up_state_entries_follow_up_id_follow_up_actions'),
                            ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'],
                            name=op.f('fk_follow_up_state_entries_recorded_by_id_users'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_up_state_entries'))
    )
    with op.batch_alter_table('follow_up_state_entries', schema=None) as batch_op:
        batch_op.create_index('ix_follow_up_state_entries_follow_up_effective',
                              ['follow_up_id', 'effective_on', 'id', 'status', 'due_on'], unique=False)
        batch_op.create_index('ix_follow_up_state_entries_effective_follow_up', ['effective_on', 'follow_up_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_follow_up_state_entries_recorded_by_id'), ['recorded_by_id'],
                              unique=False)
    backfill(op.get_bind())


def backfill(connection):
    """A history for every follow-up already recorded, from what its columns and the audit log say.

    Each is open from the day it was agreed (``opened_on``), with the due date it has now: an earlier due date was
    not kept. One in progress or awaiting the partner is counted in that status from then on (every one of those
    statuses counts as open, so no figure depends on when it moved between them). One done moves to done on its
    completion date. One cancelled moves to cancelled on the day the audit log shows its status set to cancelled
    (the latest such change); with no such entry (recorded before the log began, or by the synthetic data), on
    the day the follow-up was recorded (``created_at``), the only date the database holds that it was cancelled
    by: never earlier than the day it was agreed. A past report then counts it as open until that day, not as
    cancelled before anyone can show it was.
    """
    cancelled_on = _cancellation_days(connection)
    early = connection.scalar(sa.text(
        "SELECT count(*) FROM follow_up_actions WHERE completed_on IS NOT NULL AND completed_on < opened_on"))
    if early:
        log.info("%s follow-ups were recorded as done before the day they were agreed: each is taken as open from "
                 "its completion date", early)
    connection.execute(sa.text(
        "INSERT INTO follow_up_state_entries (follow_up_id, status, due_on, effective_on, note) "
        "SELECT id, CASE WHEN status IN ('done', 'cancelled') THEN 'open' ELSE status END, due_on, "
        # A completion recorded before the day agreed (allowed before dates were checked) opens it that day, so
        # the done entry still comes last.
        "CASE WHEN completed_on IS NOT NULL AND completed_on < opened_on THEN completed_on ELSE opened_on END, "
        ":note FROM follow_up_actions ORDER BY id"), {"note": BACKFILL_NOTE})
    connection.execute(sa.text(
        "INSERT INTO follow_up_state_entries (follow_up_id, status, due_on, effective_on, note) "
        "SELECT id, 'done', due_on, completed_on, :note FROM follow_up_actions "
        "WHERE status = 'done' ORDER BY id"), {"note": BACKFILL_NOTE})
    rows = connection.execute(sa.text(
        "SELECT id, due_on, opened_on, created_at FROM follow_up_actions WHERE status = 'cancelled' ORDER BY id"))
    entries = []
    for follow_up_id, due_on, opened_on, created_at in rows:
        opened_on = _day(opened_on)
        day = cancelled_on.get(follow_up_id) or _day(created_at) or opened_on
        entries.append({"follow_up_id": follow_up_id, "due_on": due_on, "effective_on": max(day, opened_on),
                        "note": BACKFILL_NOTE})
    undated = sum(1 for entry in entries if entry["follow_up_id"] not in cancelled_on)
    if undated:
        log.info("%s cancelled follow-ups have no logged cancellation: each is taken as cancelled on the day it was "
                 "recorded", undated)
    if entries:
        connection.execute(sa.text(
            "INSERT INTO follow_up_state_entries (follow_up_id, status, due_on, effective_on, note) "
            "VALUES (:follow_up_id, 'cancelled', :due_on, :effective_on, :note)"), entries)


def _cancellation_days(connection) -> dict[int, date]:
    """The day of the latest logged change of each follow-up's status to cancelled."""
    found = {}
    rows = connection.execute(sa.text(
        "SELECT record_id, occurred_at, changes FROM audit_entries WHERE record_type = 'follow_up_actions' "
        # Only the entries that mention a cancellation are read and parsed: the log holds every edit.
        "AND CAST(changes AS TEXT) LIKE '%cancelled%' ORDER BY occurred_at, id"))
    for record_id, occurred_at, changes in rows:
        if isinstance(changes, str):
            changes = json.loads(changes)
        status = (changes or {}).get("status")
        if isinstance(status, list) and len(status) == 2 and status[1] == "cancelled":
            found[record_id] = _day(occurred_at)
    return found


def _day(value) -> date | None:
    """A date from a stored date or timestamp (SQLite hands both back as text)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if len(value) > 10 else date.fromisoformat(value)
    return value.date() if isinstance(value, datetime) else value


def downgrade():
    # The entries only repeat, dated, what the follow-ups' own columns still hold as their current state; what is
    # lost is the dates of earlier states (when each was cancelled or reopened), which no earlier revision kept.
    with op.batch_alter_table('follow_up_state_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_follow_up_state_entries_recorded_by_id'))
        batch_op.drop_index('ix_follow_up_state_entries_effective_follow_up')
        batch_op.drop_index('ix_follow_up_state_entries_follow_up_effective')

    op.drop_table('follow_up_state_entries')
