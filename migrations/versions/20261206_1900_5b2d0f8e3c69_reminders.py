"""Reminder e-mails: each person's settings, and a row per digest claimed, sent or with nothing to send.

Revision ID: 5b2d0f8e3c69
Revises: c9d3f5a7b2e4
Create Date: 2026-12-06 19:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

from migrations.data_loss import Held, refuse_to_lose

# revision identifiers, used by Alembic.
revision = '5b2d0f8e3c69'
down_revision = 'c9d3f5a7b2e4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('reminder_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('personal_digest', sa.Enum('daily', 'weekly', 'never', name='digest_frequency', native_enum=False,
                                         create_constraint=True, length=40), server_default='weekly',
              nullable=False),
    sa.Column('weekday', sa.Integer(), server_default='0', nullable=False),
    sa.Column('due_soon_days', sa.Integer(), server_default='7', nullable=False),
    sa.Column('desk_digest', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint('weekday BETWEEN 0 AND 6', name=op.f('ck_reminder_settings_weekday_in_week')),
    sa.CheckConstraint('due_soon_days BETWEEN 1 AND 60', name=op.f('ck_reminder_settings_due_soon_days_in_range')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_reminder_settings_user_id_users'),
                            ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder_settings')),
    sa.UniqueConstraint('user_id', name=op.f('uq_reminder_settings_user_id')),
    )
    op.create_table('sent_digests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('personal', 'desk', name='digest_kind', native_enum=False, create_constraint=True,
                              length=40), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('state', sa.Enum('claimed', 'sent', 'nothing_to_send', 'failed', name='digest_state',
                               native_enum=False, create_constraint=True, length=40), nullable=False),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('claimed_by', sa.String(length=64), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('failure', sa.String(length=500), nullable=True),
    sa.CheckConstraint("(state = 'sent') = (sent_at IS NOT NULL)", name=op.f('ck_sent_digests_sent_when_sent')),
    sa.CheckConstraint("(state = 'failed') = (failure IS NOT NULL)",
                       name=op.f('ck_sent_digests_failure_when_failed')),
    sa.CheckConstraint('attempts >= 0', name=op.f('ck_sent_digests_attempts_counted')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_sent_digests_user_id_users'),
                            ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sent_digests')),
    sa.UniqueConstraint('user_id', 'kind', 'day', name=op.f('uq_sent_digests_user_id_kind_day')),
    )
    op.create_index(op.f('ix_sent_digests_day'), 'sent_digests', ['day'], unique=False)


def downgrade():
    refuse_to_lose(revision, Held("reminder_settings", "people's choices of reminder e-mails"),
                   Held("sent_digests", "the record of which reminder e-mails went to whom"))
    op.drop_index(op.f('ix_sent_digests_day'), table_name='sent_digests')
    op.drop_table('sent_digests')
    op.drop_table('reminder_settings')
