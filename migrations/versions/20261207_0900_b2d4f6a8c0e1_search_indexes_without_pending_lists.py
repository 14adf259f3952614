"""PostgreSQL's search indexes write each new entry in place instead of queueing it in a pending list that every
search reads in full until a vacuum: after a few dozen meetings logged, searches took two and a half times as long.

Revision ID: b2d4f6a8c0e1
Revises: a1c3e5f7b9d2
Create Date: 2026-12-07 09:00:00.000000

SQLite's text tables have no such list: nothing changes there.
"""
from alembic import op

from app.search.schema import CURRENT

# revision identifiers, used by Alembic.
revision = 'b2d4f6a8c0e1'
down_revision = 'a1c3e5f7b9d2'
branch_labels = None
depends_on = None


def _set(fastupdate: str) -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    for name in CURRENT.postgresql:
        op.execute(f'ALTER INDEX {name} SET (fastupdate = {fastupdate})')
        if fastupdate == 'off':
            # Entries already queued are moved into the index now.
            op.execute(f"SELECT gin_clean_pending_list('{name}'::regclass)")


def upgrade():
    _set('off')


def downgrade():
    _set('on')
