"""Calendar feeds: each user's secret feed address, its token kept only as a hash, one in use per user.

Revision ID: 5c1d7e9a2b44
Revises: 4e3a2c5b7d01
Create Date: 2026-12-06 15:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

from migrations.data_loss import Held, refuse_to_lose

# revision identifiers, used by Alembic.
revision = '5c1d7e9a2b44'
down_revision = '4e3a2c5b7d01'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('calendar_feeds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_calendar_feeds_user_id_users'),
                            ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_feeds')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_calendar_feeds_token_hash')),
    )
    op.create_index(op.f('ix_calendar_feeds_user_id'), 'calendar_feeds', ['user_id'], unique=False)
    op.create_index('uq_calendar_feeds_live_user_id', 'calendar_feeds', ['user_id'], unique=True,
                    sqlite_where=sa.text('archived_at IS NULL'), postgresql_where=sa.text('archived_at IS NULL'))


def downgrade():
    refuse_to_lose(revision, Held("calendar_feeds", "calendar feed addresses users subscribed to"))
    op.drop_index('uq_calendar_feeds_live_user_id', table_name='calendar_feeds')
    op.drop_index(op.f('ix_calendar_feeds_user_id'), table_name='calendar_feeds')
    op.drop_table('calendar_feeds')
