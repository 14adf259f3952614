"""Sessions of signed-in users: each sign-in a row, which signing out, a new password, deactivation or "sign out
everywhere" ends, so a copied cookie stops working on every server at once.

Revision ID: 68b5a7e1ba3a
Revises: d5e3f4a7b8c9
Create Date: 2026-12-06 07:10:05.006113

"""
from alembic import op
import sqlalchemy as sa

from migrations.data_loss import Held, refuse_to_lose


# revision identifiers, used by Alembic.
revision = '68b5a7e1ba3a'
down_revision = 'd5e3f4a7b8c9'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('user_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ended_because', sa.Enum('signed_out', 'password_changed', 'deactivated', 'signed_out_everywhere', name='session_end', native_enum=False, create_constraint=True, length=40), nullable=True),
    sa.CheckConstraint('(ended_at IS NULL) = (ended_because IS NULL)', name=op.f('ck_user_sessions_ended_with_reason')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_sessions_user_id_users'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_sessions')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_user_sessions_token_hash'))
    )
    with op.batch_alter_table('user_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_sessions_user_id'), ['user_id'], unique=False)



def downgrade():
    refuse_to_lose(revision, Held("user_sessions", "sessions of signed-in users"))
    with op.batch_alter_table('user_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_sessions_user_id'))

    op.drop_table('user_sessions')
