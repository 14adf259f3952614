"""A partnership's activities that started last and ended last, each through an index: its page's recent activity
read every activity the partnership ever had to show ten.

Revision ID: c4e6a8b0d2f3
Revises: b2d4f6a8c0e1
Create Date: 2026-12-07 10:00:00.000000
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'c4e6a8b0d2f3'
down_revision = 'b2d4f6a8c0e1'
branch_labels = None
depends_on = None

DATES = ('actual_starts_on', 'actual_ends_on')


def upgrade():
    for column in DATES:
        live = sa.text(f"archived_at IS NULL AND {column} IS NOT NULL")
        op.create_index(f'ix_activities_live_partnership_{column}', 'activities', ['partnership_id', column, 'id'],
                        unique=False, sqlite_where=live, postgresql_where=live)


def downgrade():
    for column in DATES:
        op.drop_index(f'ix_activities_live_partnership_{column}', table_name='activities')
