"""The follow-ups of an area by completion date, read from the index alone for a period report's areas; it takes the
place of the index on area_id alone, of which it is an extension.

Revision ID: d5e3f4a7b8c9
Revises: c4d2e3f6a7b8
Create Date: 2026-11-29 06:10:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'd5e3f4a7b8c9'
down_revision = 'c4d2e3f6a7b8'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('follow_up_actions', schema=None) as batch_op:
        batch_op.create_index('ix_follow_up_actions_area_by_completion', [
            'area_id', 'archived_at', 'completed_on', 'partnership_id', 'opened_on', 'due_on', 'id'
        ], unique=False)
        batch_op.drop_index('ix_follow_up_actions_area_id')


def downgrade():
    with op.batch_alter_table('follow_up_actions', schema=None) as batch_op:
        batch_op.create_index('ix_follow_up_actions_area_id', ['area_id'], unique=False)
        batch_op.drop_index('ix_follow_up_actions_area_by_completion')
