"""A counter every saving transaction moves on as it commits: what server processes keep figures against.

Revision ID: da7a0e5a0010
Revises: 68b5a7e1ba3a
Create Date: 2026-12-06 08:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'da7a0e5a0010'
down_revision = '68b5a7e1ba3a'
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table('data_version',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('counter', sa.BigInteger(), server_default='0', nullable=False),
    sa.CheckConstraint('id = 1', name=op.f('ck_data_version_single_row')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_data_version'))
    )
    op.bulk_insert(table, [{'id': 1, 'counter': 0}])


def downgrade():
    # Only a counter: nothing a user entered is lost.
    op.drop_table('data_version')
