"""The follow-ups of one partnership by completion date, for its period report at ministry scale.

Revision ID: c4d2e3f6a7b8
Revises: b3c1d2e4f5a6
Create Date: 2026-11-28 13:40:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'c4d2e3f6a7b8'
down_revision = 'b3c1d2e4f5a6'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('follow_up_actions', schema=None) as batch_op:
        batch_op.create_index('ix_follow_up_actions_partnership_by_completion', [
            'partnership_id', 'archived_at', 'completed_on', 'opened_on', 'due_on', 'status', 'area_id'
        ], unique=False)


def downgrade():
    with op.batch_alter_table('follow_up_actions', schema=None) as batch_op:
        batch_op.drop_index('ix_follow_up_actions_partnership_by_completion')
