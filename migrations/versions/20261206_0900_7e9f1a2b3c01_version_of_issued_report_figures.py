"""Each issued report records the version of its figures' shape, so that it is read as it was issued.

Every report issued before this step is version 1 (``app.reports.issued_figures.from_version_1`` reads the
shapes of that time); from here on the code that issues a report says which version it stores, with no default.

Revision ID: 7e9f1a2b3c01
Revises: 5c4e3a1e5001
Create Date: 2026-12-06 09:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '7e9f1a2b3c01'
down_revision = '5c4e3a1e5001'
branch_labels = None
depends_on = None


def upgrade():
    # Added with a default that fills in the existing rows, then the default is taken away in a second step:
    # SQLite rebuilds the table for that, copying the rows that now hold 1.
    with op.batch_alter_table('issued_reports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('figures_version', sa.Integer(), server_default='1', nullable=False))
    with op.batch_alter_table('issued_reports', schema=None) as batch_op:
        batch_op.alter_column('figures_version', existing_type=sa.Integer(), existing_nullable=False,
                              server_default=None)
        batch_op.create_check_constraint(op.f('ck_issued_reports_figures_version_positive'), 'figures_version >= 1')


def downgrade():
    # Nothing issued is lost: the figures stay as they were stored, and reading version 1 leaves figures of a later
    # version as they are, so stepping up again reads every report as before.
    with op.batch_alter_table('issued_reports', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_issued_reports_figures_version_positive'), type_='check')
        batch_op.drop_column('figures_version')
