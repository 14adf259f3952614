"""Each follow-up keeps the day its current state began (the latest date in its state history), indexed alone, with
its partnership and with its area, so that a report finds the follow-ups whose state changed since a day without
reading their history. These replace the indexes by completion date that reports read before the state history,
and the one by the day a follow-up was agreed (nearly every follow-up was agreed before the day a report counts
as of, so the planner's walk of it read nearly all of them).
And one officer's follow-ups still to do have their own index in due order (the home page's "my follow-ups").

Filled in from the state history; a follow-up without one (there should be none) takes the day it was agreed.

Revision ID: b3c4d5e6f701
Revises: 7e9f1a2b3c01
Create Date: 2026-12-06 11:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

from app.models.rules import TRIGGERS, of_existing_tables
from app.models.triggers import create_triggers, drop_triggers

# revision identifiers, used by Alembic.
revision = 'b3c4d5e6f701'
down_revision = '7e9f1a2b3c01'
branch_labels = None
depends_on = None

TO_DO = "archived_at IS NULL AND status IN ('open', 'in_progress', 'awaiting_partner')"
UNDATED_LAST = sa.text("(due_on IS NULL)")
#: What a report reads of a follow-up, so that it reads it from an index alone.
REPORTED = ["state_changed_on", "opened_on", "area_id", "status", "archived_at"]

#: Name, columns, condition: the partial indexes in due order. Alembic cannot reflect expression indexes, so a batch
#: rebuild of follow_up_actions on SQLite loses them; they are taken off first on both databases and made again
#: after it, as before this revision or, with one officer's and a partnership's covering what a report reads, after.
IN_DUE_ORDER = (
    ("ix_follow_up_actions_to_do_by_due", [UNDATED_LAST, "due_on", "id"], TO_DO),
    ("ix_follow_up_actions_live_by_due", [UNDATED_LAST, "due_on", "id"], "archived_at IS NULL"),
)
IN_DUE_ORDER_BEFORE = (
    *IN_DUE_ORDER,
    ("ix_follow_up_actions_partnership_to_do_by_due", ["partnership_id", UNDATED_LAST, "due_on", "id"], TO_DO),
)
IN_DUE_ORDER_AFTER = (
    *IN_DUE_ORDER,
    ("ix_follow_up_actions_partnership_to_do_by_due",
     ["partnership_id", UNDATED_LAST, "due_on", "id", *REPORTED], TO_DO),
    ("ix_follow_up_actions_owner_to_do_by_due", ["owner_user_id", UNDATED_LAST, "due_on", "id"], TO_DO),
)

#: Name, columns: the indexes by completion date (revisions 7266de7d1110, c4d2e3f6a7b8, d5e3f4a7b8c9) and by the
#: day agreed, and those by the day the state began that replace them.
REPLACED = (
    ("ix_follow_up_actions_opened_on", ["opened_on"]),
    ("ix_follow_up_actions_by_completion",
     ["archived_at", "completed_on", "partnership_id", "opened_on", "due_on", "status", "area_id"]),
    ("ix_follow_up_actions_partnership_by_completion",
     ["partnership_id", "archived_at", "completed_on", "opened_on", "due_on", "status", "area_id"]),
    ("ix_follow_up_actions_area_by_completion",
     ["area_id", "archived_at", "completed_on", "partnership_id", "opened_on", "due_on", "id"]),
)
BY_STATE_CHANGE = (
    ("ix_follow_up_actions_state_changed", ["state_changed_on"]),
    ("ix_follow_up_actions_partnership_state_changed",
     ["partnership_id", "state_changed_on", "archived_at", "status", "opened_on", "due_on", "completed_on", "area_id",
      "id"]),
    ("ix_follow_up_actions_area_state_changed",
     ["area_id", "state_changed_on", "archived_at", "status", "partnership_id", "opened_on", "due_on",
      "completed_on", "id"]),
)


def _rebuild_follow_up_actions(change, in_due_order_now, in_due_order_then):
    """SQLite rebuilds the table for a change of a column: the rules' triggers (some on other tables name this one)
    and the indexes in due order are taken off first and put back after."""
    connection = op.get_bind()
    triggers = of_existing_tables(connection, TRIGGERS)
    drop_triggers(connection, triggers)
    for name, _, _ in in_due_order_now:
        op.drop_index(name, table_name="follow_up_actions", if_exists=True)
    with op.batch_alter_table('follow_up_actions', schema=None) as batch_op:
        change(batch_op)
    for name, columns, where in in_due_order_then:
        op.create_index(name, "follow_up_actions", columns, sqlite_where=sa.text(where),
                        postgresql_where=sa.text(where))
    create_triggers(connection, triggers)
    # What the planner knows of the table is out of date: every row was rewritten, and on SQLite the rebuilt table
    # with its new indexes has lost it.
    op.execute("ANALYZE follow_up_actions")


def upgrade():
    op.add_column('follow_up_actions', sa.Column('state_changed_on', sa.Date(), nullable=True))
    op.execute(
        "UPDATE follow_up_actions SET state_changed_on = COALESCE("
        "(SELECT MAX(e.effective_on) FROM follow_up_state_entries e WHERE e.follow_up_id = follow_up_actions.id), "
        "opened_on)"
    )

    def not_null(batch_op):
        batch_op.alter_column('state_changed_on', existing_type=sa.Date(), nullable=False)
        for name, _ in REPLACED:
            batch_op.drop_index(name)
        for name, columns in BY_STATE_CHANGE:
            batch_op.create_index(name, columns, unique=False)

    _rebuild_follow_up_actions(not_null, IN_DUE_ORDER_BEFORE, IN_DUE_ORDER_AFTER)


def downgrade():
    # Nothing is lost: the day is read again from the state history on the way up.
    def drop(batch_op):
        for name, _ in BY_STATE_CHANGE:
            batch_op.drop_index(name)
        batch_op.drop_column('state_changed_on')
        for name, columns in REPLACED:
            batch_op.create_index(name, columns, unique=False)

    _rebuild_follow_up_actions(drop, IN_DUE_ORDER_AFTER, IN_DUE_ORDER_BEFORE)
