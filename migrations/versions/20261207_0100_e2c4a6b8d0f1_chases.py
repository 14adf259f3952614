"""Chases of the partner: each reminder sent about a follow-up the partner owes (its date, channel and note), only
ever added to; and on each follow-up the day of its latest chase, with an index for the list by last chase.

No follow-up has been chased before this revision: the day of the last chase starts empty.

Revision ID: e2c4a6b8d0f1
Revises: 7d4e1b9c2a60
Create Date: 2026-12-07 01:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

from app.models.rules import CHASE_TRIGGERS, of_existing_tables
from app.models.triggers import create_triggers, drop_triggers
from migrations.data_loss import Held, refuse_to_lose

# revision identifiers, used by Alembic.
revision = 'e2c4a6b8d0f1'
down_revision = '7d4e1b9c2a60'
branch_labels = None
depends_on = None

CHANNELS = ('note_verbale', 'email', 'call', 'meeting')
TO_DO = "archived_at IS NULL AND status IN ('open', 'in_progress', 'awaiting_partner')"
BY_LAST_CHASE = 'ix_follow_up_actions_to_do_by_last_chase'


def upgrade():
    # A column added, not changed: neither database rebuilds the table, so its triggers and indexes stay.
    op.add_column('follow_up_actions', sa.Column('last_chased_on', sa.Date(), nullable=True))
    op.create_index(BY_LAST_CHASE, 'follow_up_actions',
                    [sa.text('(owner_user_id IS NOT NULL)'), sa.text('(last_chased_on IS NOT NULL)'),
                     'last_chased_on', sa.text('(due_on IS NULL)'), 'due_on', 'id'],
                    sqlite_where=sa.text(TO_DO), postgresql_where=sa.text(TO_DO))
    op.create_table('follow_up_chases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('follow_up_id', sa.Integer(), nullable=False),
    sa.Column('chased_on', sa.Date(), nullable=False),
    sa.Column('channel', sa.Enum(*CHANNELS, name='chase_channel', native_enum=False, create_constraint=True,
                                 length=40), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['follow_up_id'], ['follow_up_actions.id'],
                            name=op.f('fk_follow_up_chases_follow_up_id_follow_up_actions'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_follow_up_chases_recorded_by_id_users'),
                            ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_up_chases'))
    )
    op.create_index('ix_follow_up_chases_follow_up_chased', 'follow_up_chases',
                    ['follow_up_id', 'chased_on', 'id', 'channel'], unique=False)
    op.create_index(op.f('ix_follow_up_chases_recorded_by_id'), 'follow_up_chases', ['recorded_by_id'], unique=False)
    connection = op.get_bind()
    create_triggers(connection, of_existing_tables(connection, CHASE_TRIGGERS))


def downgrade():
    refuse_to_lose(revision, Held("follow_up_chases", "chases of the partner about the follow-ups it owes"))
    connection = op.get_bind()
    drop_triggers(connection, of_existing_tables(connection, CHASE_TRIGGERS))
    op.drop_index(op.f('ix_follow_up_chases_recorded_by_id'), table_name='follow_up_chases')
    op.drop_index('ix_follow_up_chases_follow_up_chased', table_name='follow_up_chases')
    op.drop_table('follow_up_chases')
    op.drop_index(BY_LAST_CHASE, table_name='follow_up_actions')
    # SQLite drops a column in place (3.35 and later) when no index, trigger or constraint names it, as here: no
    # rebuild of the table, whose triggers and expression indexes would otherwise need taking off and putting back.
    op.execute('ALTER TABLE follow_up_actions DROP COLUMN last_chased_on')
