"""Audit entries can say where a change came from when it was not a form of the record: an import.

Revision ID: 9a7b3c1d2e05
Revises: 5c1d7e9a2b44
Create Date: 2026-12-06 16:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

from migrations.data_loss import Held, refuse_to_lose

# revision identifiers, used by Alembic.
revision = '9a7b3c1d2e05'
down_revision = '5c1d7e9a2b44'
branch_labels = None
depends_on = None


# Plain ALTER TABLE, on SQLite too (3.35 and later drop a column in place): a batch would rebuild the table and lose
# the trigger that keeps the log append-only.
def upgrade():
    op.add_column('audit_entries', sa.Column('source', sa.String(length=200), nullable=True))


def downgrade():
    refuse_to_lose(revision, Held("audit_entries", "where audited changes came from", column="source"))
    op.drop_column('audit_entries', 'source')
