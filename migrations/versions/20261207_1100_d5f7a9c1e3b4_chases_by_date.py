"""The chases of a report's window found by their dates: found through the partnership, every follow-up it ever had
was read for the few chased in the window.

Revision ID: d5f7a9c1e3b4
Revises: c4e6a8b0d2f3
Create Date: 2026-12-07 11:00:00.000000
"""
from alembic import op

# revision identifiers, used by Alembic.
revision = 'd5f7a9c1e3b4'
down_revision = 'c4e6a8b0d2f3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_follow_up_chases_chased', 'follow_up_chases', ['chased_on', 'follow_up_id', 'id', 'channel'],
                    unique=False)


def downgrade():
    op.drop_index('ix_follow_up_chases_chased', table_name='follow_up_chases')
