"""Indexes that let the period and portfolio reports count and look up statuses from index ranges alone.

Revision ID: 7266de7d1110
Revises: 42201549ee98
Create Date: 2026-11-28 04:51:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '7266de7d1110'
down_revision = '42201549ee98'
branch_labels = None
depends_on = None

#: (name, columns now, columns before): the latest-status indexes gain the columns a lookup reads.
STATUS_INDEXES = (
    ('ix_status_updates_area_as_of', ['area_id', 'as_of', 'id', 'status'], ['area_id', 'as_of']),
    ('ix_status_updates_action_line_as_of', ['action_line_id', 'as_of', 'id', 'status'], ['action_line_id', 'as_of']),
)


def upgrade():
    with op.batch_alter_table('follow_up_actions', schema=None) as batch_op:
        batch_op.create_index('ix_follow_up_actions_by_completion', [
            'archived_at', 'completed_on', 'partnership_id', 'opened_on', 'due_on', 'status', 'area_id'
        ], unique=False)
    with op.batch_alter_table('status_updates', schema=None) as batch_op:
        for name, columns, _before in STATUS_INDEXES:
            batch_op.drop_index(name)
            batch_op.create_index(name, columns, unique=False)


def downgrade():
    with op.batch_alter_table('status_updates', schema=None) as batch_op:
        for name, _columns, before in STATUS_INDEXES:
            batch_op.drop_index(name)
            batch_op.create_index(name, before, unique=False)
    with op.batch_alter_table('follow_up_actions', schema=None) as batch_op:
        batch_op.drop_index('ix_follow_up_actions_by_completion')
