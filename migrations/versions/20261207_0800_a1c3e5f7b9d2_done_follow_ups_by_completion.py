"""A partnership's follow-ups done, the latest first, through an index: its page's recent activity read every one
the partnership ever had done to show ten.

Revision ID: a1c3e5f7b9d2
Revises: f0b2d4e6a8c1
Create Date: 2026-12-07 08:00:00.000000
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'a1c3e5f7b9d2'
down_revision = 'f0b2d4e6a8c1'
branch_labels = None
depends_on = None

DONE = "archived_at IS NULL AND status = 'done'"


def upgrade():
    op.create_index('ix_follow_up_actions_partnership_done_by_completion', 'follow_up_actions',
                    ['partnership_id', 'completed_on', 'id'], unique=False,
                    sqlite_where=sa.text(DONE), postgresql_where=sa.text(DONE))


def downgrade():
    op.drop_index('ix_follow_up_actions_partnership_done_by_completion', table_name='follow_up_actions')
