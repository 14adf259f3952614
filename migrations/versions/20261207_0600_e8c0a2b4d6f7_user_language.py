"""Each user may choose the interface's language; none chosen means the one their browser prefers.

Revision ID: e8c0a2b4d6f7
Revises: c6a8e0f2b4d5
Create Date: 2026-12-07 06:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

from migrations.data_loss import Held, refuse_to_lose

# revision identifiers, used by Alembic.
revision = 'e8c0a2b4d6f7'
down_revision = 'c6a8e0f2b4d5'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=8), nullable=True))
        batch_op.create_check_constraint(op.f('ck_users_known_language'), "language IN ('en', 'id')")


def downgrade():
    refuse_to_lose(revision, Held("users", "the languages users chose", column="language"))
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_users_known_language'), type_='check')
        batch_op.drop_column('language')
